#!/usr/bin/env bash
# Scrolling a long room in the real app: seeds one room with MESSAGES encrypted messages through
# the app's own chat service (moim-bench client --keep-profile), starts `moim` on that profile
# on an X server of its own (xvfb-run), turns the mouse wheel over the timeline (xdotool) up to
# the room's first message and back down to its last, and prints the app's resident memory at
# each step, as JSON lines, then a summary.
#   tools/bench/scroll.sh BUILD_DIR [MESSAGES]
# BUILD_DIR should be a Release build with moimd, moim and moim-bench. Needs xvfb-run, xdotool
# and xwd (x11-apps), from Debian's packages.
set -euo pipefail
if [ -z "${MOIM_SCROLL_INNER:-}" ]; then
    export MOIM_SCROLL_INNER=1
    exec xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" "$0" "$@"
fi
build=$(cd "$1" && pwd)
messages=${2:-100000}
data=$(mktemp -d)
port=7563
"$build/server/moimd/moimd" --data-dir "$data" --listen 127.0.0.1:$port \
    --requests-per-second 100000 --request-burst 100000 >"$data/moimd.log" 2>&1 &
server=$!
app=""
trap 'kill $server $app 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
mkdir "$data/profile"
"$build/tools/bench/moim-bench" client --server ws://127.0.0.1:$port --app "$build/client/app/moim" \
    --rooms 1 --messages "$messages" --runs 1 --keep-profile "$data/profile" >"$data/seed.json"
export MOIM_KEYSTORE_PASSPHRASE="moim-bench device keys" QT_QPA_PLATFORM=xcb
export XDG_RUNTIME_DIR="$data"
"$build/client/app/moim" --profile "$data/profile" --lang en >"$data/app.log" 2>&1 &
app=$!
window=""
for _ in $(seq 1 100); do
    window=$(xdotool search --onlyvisible --pid $app 2>/dev/null | head -1) && [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { echo "the app showed no window" >&2; exit 1; }
sleep 3
rss() { awk '/VmRSS/ {print $2}' "/proc/$app/status"; }
xdotool windowraise "$window" mousemove --window "$window" 600 300
start=$(rss)
echo "{\"step\": \"start\", \"rss_kb\": $start}"
# Each round turns the wheel 60 notches, then lets the pages that load settle. A round that
# changes nothing on screen 5 times in a row means the end is reached.
turn() {
    local button=$1 direction=$2 still=0 round=0 last="" peak=0
    while [ $still -lt 5 ] && [ $round -lt 2000 ]; do
        round=$((round + 1))
        xdotool click --repeat 60 --delay 10 "$button"
        sleep 0.4
        local now shot
        now=$(rss)
        [ "$now" -gt "$peak" ] && peak=$now
        shot=$(xwd -silent -id "$window" | md5sum | cut -c1-16)
        if [ "$shot" = "$last" ]; then still=$((still + 1)); else still=0; fi
        last=$shot
        [ $((round % 10)) -eq 0 ] && echo "{\"step\": \"$direction\", \"round\": $round, \"rss_kb\": $now}"
    done
    echo "{\"step\": \"$direction done\", \"rounds\": $round, \"rss_kb\": $(rss), \"peak_rss_kb\": $peak}"
}
turn 4 up
turn 5 down
echo "{\"messages\": $messages, \"start_rss_kb\": $start, \"end_rss_kb\": $(rss)}"
