#!/usr/bin/env bash
# Runs the server workloads of moim-bench (idle, resume, fanout with its bare-Qt baseline,
# slow consumer, history) on one backend and prints each workload's JSON lines; every run
# starts its own moimd. The write workload needs a running moimd: see baseline.sh.
#   tools/bench/server-suite.sh BUILD_DIR sqlite|postgres [quick]
# BUILD_DIR should be a Release build. "quick" uses small sizes (a smoke test, not numbers).
set -euo pipefail
MOIM_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
backend=$2
size=${3:-full}
bench="$build/tools/bench/moim-bench"
moimd="$build/server/moimd/moimd"
ulimit -n 20000 2>/dev/null || true
database=()
if [ "$backend" = postgres ]; then
    source "$MOIM_ROOT/scripts/test-services.sh"
    moim_start_services
    psql "$MOIM_TEST_PG_URL" -qc "CREATE DATABASE moim_bench" >/dev/null
    database=(--database "${MOIM_TEST_PG_URL%/postgres}/moim_bench")
fi
if [ "$size" = quick ]; then
    connections=300 members=30 rate=30 events=20000 runs=1 hold=2 duration=3 slow_members=30
else
    connections=15000 members=1000 rate=120 events=10000000 runs=3 hold=20 duration=10 slow_members=200
fi
run() {
    echo "== $*"
    "$bench" "$@" --moimd "$moimd" "${database[@]}" | sed -n '1,/^{$/p' | grep -v '^{$'
}
run idle --connections "$connections" --hold "$hold" --runs "$runs"
run resume --connections "$connections" --inflight 2000 --runs "$runs"
run fanout --members "$members" --senders 10 --rate "$rate" --duration "$duration" --runs "$runs"
run slow --members "$slow_members" --senders 10 --rate 200 --duration $((duration + 5)) \
    --message-bytes 2000 --backlog-cap 1048576 --runs 1
run history --events "$events" --pages 2000 --runs "$runs"
