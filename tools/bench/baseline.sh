#!/usr/bin/env bash
# Runs the moim-bench workloads against a fresh moimd on loopback and prints the JSON medians.
#   tools/bench/baseline.sh BUILD_DIR sqlite|postgres
# BUILD_DIR should be a Release build (cmake -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
MOIM_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
backend=$2
data=$(mktemp -d)
port=7439
database="sqlite://$data/bench.sqlite3"
if [ "$backend" = postgres ]; then
    source "$MOIM_ROOT/scripts/test-services.sh"
    moim_start_services
    psql "$MOIM_TEST_PG_URL" -qc "CREATE DATABASE moim_bench" >/dev/null
    database="${MOIM_TEST_PG_URL%/postgres}/moim_bench"
fi
"$build/server/moimd/moimd" --data-dir "$data" --database "$database" \
    --listen 127.0.0.1:$port --password-queue 10000 >"$data/moimd.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"; [ "$backend" = postgres ] && moim_stop_services' EXIT
sleep 1
bench="$build/tools/bench/moim-bench"
echo "== write, $backend"
"$bench" write --server ws://127.0.0.1:$port --pairs 10 --rate 1000 --duration 10 --runs 3
echo "== fanout, $backend"
"$bench" fanout --server ws://127.0.0.1:$port --members 200 --senders 2 --rate 100 --duration 10 --runs "${FANOUT_RUNS:-3}"
