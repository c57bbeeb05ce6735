#!/usr/bin/env bash
# Builds the packages with CPack and checks that the server package unpacks into a scratch
# root, declares its library dependencies, and that its moimd runs from there; and that the
# client package holds the desktop app with its menu entry and icon, declares the plugins it
# needs, and that its moim runs from there.
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
server_deb=$(ls "$work"/out/moim-server_*.deb)
client_deb=$(ls "$work"/out/moim-client_*.deb)
# Listings are captured first: grep -q would close the pipe early and fail under pipefail.
server_info=$(dpkg-deb -I "$server_deb")
server_files=$(dpkg-deb -c "$server_deb")
client_files=$(dpkg-deb -c "$client_deb")
# Found by dpkg-shlibdeps; moimd speaks WebSocket itself (server/lib/websocket), over QtNetwork.
grep -q "Depends:.*libqt6httpserver6.*libqt6network6" <<<"$server_info" \
    || { echo "server package does not depend on QtHttpServer and QtNetwork"; echo "$server_info"; exit 1; }
# moimd uses QIODevicePrivate's layout (shared/util/SocketBuffers.h): it must run on that Qt only.
grep -q "Depends:.*qt6-base-abi (= 6\.[0-9]*\.[0-9]*)" <<<"$server_info" \
    || { echo "server package does not pin qt6-base-abi"; echo "$server_info"; exit 1; }
grep -q "\./usr/bin/moimd$" <<<"$server_files" || { echo "moimd missing"; exit 1; }
grep -q "\./usr/bin/moimctl$" <<<"$server_files" || { echo "moimctl missing"; exit 1; }
grep -q "lib/systemd/system/moimd.service" <<<"$server_files" || { echo "unit missing"; exit 1; }
grep -q "\./etc/moimd/moimd.ini$" <<<"$server_files" || { echo "config missing"; exit 1; }
dpkg-deb -e "$server_deb" "$work/control"
grep -qx "/etc/moimd/moimd.ini" "$work/control/conffiles" || { echo "config is not a conffile"; exit 1; }
grep -q "\./usr/bin/moim-cli$" <<<"$client_files" || { echo "moim-cli missing"; exit 1; }
grep -q "\./usr/bin/moim$" <<<"$client_files" || { echo "the desktop app missing"; exit 1; }
grep -q "\./usr/share/applications/moim.desktop$" <<<"$client_files" \
    || { echo "moim.desktop missing"; exit 1; }
grep -q "\./usr/share/icons/hicolor/scalable/apps/moim.svg$" <<<"$client_files" \
    || { echo "the app's icon missing"; exit 1; }
client_info=$(dpkg-deb -I "$client_deb")
for dependency in libqt6widgets6 libqt6sql6-sqlite libqt6svg6; do
    grep -q "Depends:.*$dependency" <<<"$client_info" \
        || { echo "client package does not depend on $dependency"; echo "$client_info"; exit 1; }
done
client_root="$work/client-root"
dpkg -x "$client_deb" "$client_root"
grep -qx "Exec=moim %u" "$client_root/usr/share/applications/moim.desktop" \
    || grep -qx "Exec=moim" "$client_root/usr/share/applications/moim.desktop" \
    || { echo "moim.desktop does not start moim"; exit 1; }
QT_QPA_PLATFORM=offscreen "$client_root/usr/bin/moim" --help | grep -q -- "--profile" \
    || { echo "the packaged moim does not run"; exit 1; }
root="$work/root"
dpkg -x "$server_deb" "$root"
version=$("$root/usr/bin/moimd" --version)
echo "$version" | grep -q "^moimd [0-9]" || { echo "unexpected: $version"; exit 1; }
"$root/usr/bin/moimctl" --help | grep -q "retention-run" || { echo "moimctl does not run"; exit 1; }
echo "server package OK: $(basename "$server_deb"): $version"
echo "client package OK: $(basename "$client_deb")"
