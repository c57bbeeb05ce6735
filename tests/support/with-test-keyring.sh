#!/bin/sh
# Runs a command (a test) inside a private D-Bus session with a fresh gnome-keyring whose
# login keyring is created and unlocked for it, so that QtKeychain talks to a real Secret
# Service while the developer's own keyring and session bus are never touched. HOME and the
# XDG directories point into a scratch directory that is removed afterwards.
#
# Exports MOIM_TEST_KEYCHAIN=1 when the keyring serves org.freedesktop.secrets; otherwise
# MOIM_TEST_KEYCHAIN_MISSING=<reason>, and the keychain tests skip (fail under
# MOIM_REQUIRE_SERVICES=1, as in CI). Usage: with-test-keyring.sh <command> [args...]
set -eu

if [ "${1:-}" = "--inside-session" ]; then
    shift
    # The daemon creates the "login" keyring (password "moim-test") and unlocks it; it
    # claims org.freedesktop.secrets a moment after it returns, so wait for that.
    owner=""
    tries=100
    if printf '%s' moim-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        tries=0
    fi
    while [ $tries -lt 100 ]; do
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
            grep -q 'boolean true'; then
            owner=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
                org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets |
                sed -n 's/^ *uint32 //p')
            break
        fi
        tries=$((tries + 1))
        sleep 0.1
    done
    if [ -n "$owner" ]; then
        export MOIM_TEST_KEYCHAIN=1
    else
        export MOIM_TEST_KEYCHAIN_MISSING="gnome-keyring-daemon did not serve org.freedesktop.secrets"
    fi
    status=0
    "$@" || status=$?
    # The daemon would also leave with the bus; stop the one started here explicitly.
    if [ -n "$owner" ]; then
        kill "$owner" 2>/dev/null || true
    fi
    exit $status
fi

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-test-keyring: $tool not found (install gnome-keyring and dbus, see scripts/deps.sh)" >&2
        MOIM_TEST_KEYCHAIN_MISSING="$tool not installed"
        export MOIM_TEST_KEYCHAIN_MISSING
        exec "$@"
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/moim-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
for dir in home data config cache runtime; do
    mkdir -m 700 "$scratch/$dir"
done
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
# Nothing of the caller's desktop session may leak in: no display for prompts, no bus.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL SSH_AUTH_SOCK \
    XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION \
    GNOME_DESKTOP_SESSION_ID 2>/dev/null || true
status=0
dbus-run-session -- sh "$0" --inside-session "$@" || status=$?
exit $status
