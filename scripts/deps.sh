#!/usr/bin/env bash
# Installs Moim's build, run and test dependencies from Debian 12 packages when missing.
# Sourced by scripts/run and scripts/test.
set -euo pipefail

MOIM_PACKAGES=(
    cmake ninja-build g++ pkg-config dpkg-dev file clang-format
    qt6-base-dev qt6-base-private-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql libgl-dev
    qtkeychain-qt6-dev libsodium-dev libhiredis-dev
    postgresql-15 redis-server sqlite3 curl
    gnome-keyring libsecret-1-0 dbus-daemon dbus-bin
    libqt6svg6 xvfb xauth xdotool dunst fonts-noto-color-emoji fonts-noto-cjk
)

moim_install_deps() {
    local missing=()
    for package in "${MOIM_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

moim_build() {
    local build_dir=$1
    shift
    cmake -S "$MOIM_ROOT" -B "$build_dir" -G Ninja "$@" >/dev/null
    cmake --build "$build_dir"
}
