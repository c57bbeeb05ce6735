#!/usr/bin/env bash
# Saturated fan-out with filler envelopes and with real end-to-end encrypted ones, in
# alternating pairs of runs, each against a fresh moimd (and database), so that the two modes
# see the same machine. Prints one line per run, then the median deliveries/s of each mode.
#   tools/bench/encrypted-fanout.sh BUILD_DIR sqlite|postgres [PAIRS]
# BUILD_DIR should be a Release build. Each run: 200 members, 10 senders, 2,000 messages/s
# offered for 10 s (398,000 deliveries/s, more than this machine delivers).
# A run in which a member's connection closed is marked "invalid" and left out of the medians:
# at saturation the load generator reads seconds behind, and Qt's client socket gives up on a
# frame whose rest has not come within 5 s (close 1001, "Timeout when reading data from
# socket"), so such a run measures the generator, not moimd. moim-bench names the reason.
set -euo pipefail
MOIM_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
backend=$2
pairs=${3:-3}
port=7438
if [ "$backend" = postgres ]; then
    source "$MOIM_ROOT/scripts/test-services.sh"
    moim_start_services
    trap moim_stop_services EXIT
fi
ulimit -n 20000

run() { # run plain|encrypted: prints "mode deliveries_per_s moimd_cpu_s json"
    local mode=$1 data database server before after flag=() json
    data=$(mktemp -d)
    database="sqlite://$data/bench.sqlite3"
    if [ "$backend" = postgres ]; then
        psql "$MOIM_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS moim_efan" >/dev/null 2>&1
        psql "$MOIM_TEST_PG_URL" -qc "CREATE DATABASE moim_efan" >/dev/null
        database="${MOIM_TEST_PG_URL%/postgres}/moim_efan"
    fi
    # The senders send 200 requests/s each, over the default per-socket limit.
    "$build/server/moimd/moimd" --data-dir "$data" --database "$database" \
        --listen 127.0.0.1:$port --requests-per-second 100000 --request-burst 100000 \
        --log-mode production >"$data/moimd.log" 2>&1 &
    server=$!
    sleep 1.5
    [ "$mode" = encrypted ] && flag=(--encrypted)
    before=$(awk '{print $14 + $15}' /proc/$server/stat)
    json=$("$build/tools/bench/moim-bench" fanout --server ws://127.0.0.1:$port --members 200 \
        --senders 10 --rate 2000 --duration 10 --runs 1 "${flag[@]}" | grep '^{"' | head -1)
    after=$(awk '{print $14 + $15}' /proc/$server/stat)
    kill $server
    wait $server || true
    rm -rf "$data"
    local rate
    rate=$(sed -E 's/.*"deliveries_per_s":([0-9.]+).*/\1/' <<<"$json")
    grep -q '"members_dropped":0[,}]' <<<"$json" || mode="$mode-invalid"
    printf '%s %s %d.%02d %s\n' "$mode" "${rate%.*}" $(((after - before) / 100)) \
        $(((after - before) % 100)) "$json"
}

results=$(mktemp)
for ((i = 0; i < pairs; ++i)); do
    run plain | tee -a "$results"
    run encrypted | tee -a "$results"
done
for mode in plain encrypted; do
    median=$(awk -v m=$mode '$1 == m { print $2 }' "$results" | sort -n |
        awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    echo "median deliveries/s, $mode: $median ($(grep -c "^$mode " "$results") valid runs)"
done
rm -f "$results"
