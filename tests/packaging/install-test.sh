#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The package install test (CTest packaging_install, label packaging). Installs the .deb that
# the packaging_deb fixture built with apt into a fresh, clean Debian 13 root (no build tools)
# and checks, inside that root:
#   - `chorus-server --version` and `chorus --version` (offscreen platform) run;
#   - the app starts for real on the offscreen platform and stays up;
#   - chorus-server starts from the installed systemd unit's ExecStart line, the way systemd
#     would run it (a dynamic user, the StateDirectory, the EnvironmentFile's options), a real
#     y-websocket client on this side of the root syncs a document through it, and after a
#     SIGTERM and a restart the document is read back from the state directory;
#   - the installed server serves its built-in web editor page at the HTTP root;
#   - the installed app joins that room (offscreen) and the client sees it as a peer;
#   - purging the package leaves no file behind (the file list equals the one before).
# Needs root (ctest runs inside the build root as root) and the Debian mirror.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cleanroot.sh"
: "${CHORUS_BINARY_DIR:?run through ctest}" "${CHORUS_NODE_DIR:?}" "${CHORUS_NODE:?}"

work=$CHORUS_BINARY_DIR/packaging-test
deb=$(ls "$CHORUS_BINARY_DIR"/packages/test/chorus_*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || { echo "no .deb in build/packages/test (the packaging_deb fixture makes it)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$work/logs"
step() { printf '==> %s (%s s)\n' "$*" "$SECONDS"; }

root=$work/root
step "fresh Debian 13 root from the cached minbase"
cleanroot_fresh "$work" "$root"
trap 'cleanroot_remove "$root" || true' EXIT
cp "$deb" "$root/root/"
if chroot "$root" sh -c 'command -v gcc || command -v cc || command -v c++ || command -v cmake'; then
    echo "the clean root has build tools" >&2
    exit 1
fi

# The check itself, run outside the root with `inroot` for the commands inside it.
read -r -d '' check <<'CHECK' || true
deb=/root/$1 node=$2 client=$3 work=$4
server="" app=""
trap 'for p in $server $app; do kill -KILL "$p" 2>/dev/null || true; done' EXIT
apt_get() { inroot timeout 600 apt-get -o Dpkg::Use-Pty=0 -o APT::Color=0 "$@"; }
# Every file in the root but the package manager's own bookkeeping and the mounts.
files() {
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./tmp \
        -o -path ./run -o -path ./var/cache/apt -o -path ./var/lib/apt -o -path ./var/log \
        -o -path ./var/lib/dpkg \) -prune -o -printf '%y %p\n' | sort)
}

echo "--> apt-get update"
apt_get update -qq
# The package's own dependencies first (exactly its Depends field, through apt), so that the
# file lists before and after can be compared with the libraries in place.
depends=$(inroot dpkg-deb -f "$deb" Depends)
echo "--> apt-get satisfy: $depends"
apt_get satisfy -y -qq --no-install-recommends "$depends" >/dev/null
files >"$work/files-before.txt"

echo "--> apt install $deb"
apt_get install -y --no-install-recommends "$deb" | tee "$work/logs/apt-install.log"
grep -q '^0 upgraded, 1 newly installed' "$work/logs/apt-install.log" ||
    { echo "apt install pulled in more than the dependencies apt-get satisfy found" >&2; exit 1; }

echo "--> versions"
version=$(inroot chorus-server --version)
echo "$version"; [[ $version == "chorus-server "* ]]
version=$(inroot env QT_QPA_PLATFORM=offscreen chorus --version)
echo "$version"; [[ $version == "chorus "* ]]

echo "--> the app starts on the offscreen platform"
set +e
inroot sh -c 'mkdir -p -m 0700 /tmp/runtime && QT_QPA_PLATFORM=offscreen HOME=/tmp/home \
    XDG_RUNTIME_DIR=/tmp/runtime exec timeout -s TERM 4 chorus /usr/share/doc/chorus/copyright' \
    >"$work/logs/app.log" 2>&1
status=$?
set -e
cat "$work/logs/app.log"
[ "$status" -eq 124 ] || { echo "chorus exited with $status before 4 s" >&2; exit 1; }

echo "--> chorus-server as systemd runs it"
unit=$root/usr/lib/systemd/system/chorus-server.service
execstart=$(sed -n 's/^ExecStart=//p' "$unit")
grep -qx 'DynamicUser=yes' "$unit"; grep -qx 'StateDirectory=chorus-server' "$unit"
grep -qx 'ProtectSystem=strict' "$unit"
echo "ExecStart=$execstart"
# What systemd does for this unit: a state directory owned by the dynamic user, the options
# from the EnvironmentFile, ${STATE_DIRECTORY} expanded as one word, $CHORUS_SERVER_OPTS split.
printf 'CHORUS_SERVER_OPTS="--port 0 --log-level info"\n' >"$root/etc/default/chorus-server"
state=/var/lib/chorus-server
install -d -m 0700 -o 61875 -g 61875 "$root$state"
start_server() {
    local opts cmd=()
    opts=$(. "$root/etc/default/chorus-server"; echo "$CHORUS_SERVER_OPTS")
    for word in $execstart; do
        case "$word" in
        '${STATE_DIRECTORY}') cmd+=("$state") ;;
        '$CHORUS_SERVER_OPTS') cmd+=($opts) ;;
        *) cmd+=("$word") ;;
        esac
    done
    echo "    starts: ${cmd[*]}"
    # exec all the way down: $! is the server itself, so SIGTERM reaches it as systemd's would.
    (exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        setpriv --reuid=61875 --regid=61875 --clear-groups sh -c 'umask 0077; exec "$@"' _ \
        "${cmd[@]}") >"$work/logs/server.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do
        url=$(sed -n 's/^listening on //p' "$work/logs/server.log")
        [ -n "$url" ] && break
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$work/logs/server.log"; echo "the server did not start" >&2; exit 1; }
    echo "    listening on $url"
}
stop_server() {
    kill -TERM "$server"
    local status=0
    timeout 30 tail --pid="$server" -f /dev/null || { kill -KILL "$server"; echo "no stop in 30 s" >&2; exit 1; }
    wait "$server" || status=$?
    server=""
    [ "$status" -eq 0 ] || { cat "$work/logs/server.log"; echo "the server exited with $status on SIGTERM" >&2; exit 1; }
}
text="Written through the installed chorus-server ($RANDOM)"
start_server
"$node" "$client" write "$url" notes "$text" || { stop_server; exit 1; }
stop_server
ls -ln "$root$state" | tee "$work/logs/state.txt"
[ -n "$(find "$root$state" -type f -uid 61875)" ] || { echo "nothing stored in $state" >&2; exit 1; }
start_server
"$node" "$client" read "$url" notes "$text" || { stop_server; exit 1; }
"$node" "$client" web "$url" || { stop_server; exit 1; }

echo "--> the installed app joins the room (offscreen) and shows up as a peer"
(exec chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/tmp/home \
    XDG_RUNTIME_DIR=/tmp/runtime QT_QPA_PLATFORM=offscreen chorus --join "$url/notes") \
    >"$work/logs/app-join.log" 2>&1 &
app=$!
"$node" "$client" peer "$url" notes "$text" || { kill "$app"; cat "$work/logs/app-join.log"; stop_server; exit 1; }
kill -TERM "$app"
wait "$app" || true
app=""
stop_server

echo "--> purge"
# What the administrator and the service made, not the package: the test removes them.
rm -rf "$root/etc/default/chorus-server" "$root$state"
apt_get purge -y chorus >"$work/logs/apt-purge.log"
files >"$work/files-after.txt"
# dpkg's own records of the package are gone too (its database is left out of the lists).
if inroot dpkg -s chorus >/dev/null 2>&1 || compgen -G "$root/var/lib/dpkg/info/chorus.*" >/dev/null; then
    echo "dpkg still knows the package after the purge" >&2
    exit 1
fi
if ! diff "$work/files-before.txt" "$work/files-after.txt"; then
    echo "purging the package left files behind (or removed some): the diff above" >&2
    exit 1
fi
echo "    no file left behind ($(wc -l <"$work/files-after.txt") paths compared)"
CHECK

step "install, run and purge inside the root"
cleanroot_run "$root" "$work/apt-archives" "$check" "$(basename "$deb")" "$CHORUS_NODE" \
    "$here/sync-client.mjs" "$work"
step "passed; removing the root"
