#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 (and Redis) on loopback for the test suite, exports
# MOIM_TEST_PG_URL and MOIM_TEST_REDIS_URL, and stops them on exit. Sourced by scripts/test.
set -euo pipefail

MOIM_PG_PORT=${MOIM_PG_PORT:-55432}
MOIM_REDIS_PORT=${MOIM_REDIS_PORT:-56379}

moim_start_services() {
    local work
    work=$(mktemp -d /tmp/moim-services.XXXXXX)
    chmod 755 "$work"
    MOIM_SERVICES_DIR=$work
    local pg_bin=/usr/lib/postgresql/15/bin
    local as_pg=()
    if [ "$(id -u)" -eq 0 ]; then
        # PostgreSQL refuses to run as root.
        chown postgres:postgres "$work"
        as_pg=(runuser -u postgres --)
    fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -t 60 \
        -o "-p $MOIM_PG_PORT -k $work -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=300" \
        start >/dev/null
    export MOIM_TEST_PG_URL="postgresql://postgres@127.0.0.1:$MOIM_PG_PORT/postgres"
    # The raw data directory, so that tests can search the files themselves for plaintext.
    export MOIM_TEST_PG_DATA="$work/pg"

    redis-server --port "$MOIM_REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
        --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
    export MOIM_TEST_REDIS_URL="redis://127.0.0.1:$MOIM_REDIS_PORT"
    # Tests that need a backend fail (not skip) when it is missing in this mode.
    export MOIM_REQUIRE_SERVICES=1
    trap moim_stop_services EXIT
}

moim_stop_services() {
    local pg_bin=/usr/lib/postgresql/15/bin
    local as_pg=()
    if [ "$(id -u)" -eq 0 ]; then
        as_pg=(runuser -u postgres --)
    fi
    if [ -n "${MOIM_SERVICES_DIR:-}" ]; then
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$MOIM_SERVICES_DIR/pg" -m fast stop >/dev/null 2>&1 || true
        if [ -f "$MOIM_SERVICES_DIR/redis.pid" ]; then
            kill "$(cat "$MOIM_SERVICES_DIR/redis.pid")" 2>/dev/null || true
        fi
        rm -rf "$MOIM_SERVICES_DIR"
    fi
}
