# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for the scripts in this folder. Sourced, never run.
# The build environment is either the host itself (native: Qt >= 6.5 and KF6 are installed)
# or a Debian 13 build root cached outside the repository (Debian 12, Ubuntu 24.04).

CHORUS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The read-only folder of traces and reference tools: $CHORUS_SHARED_DIR when set, else
# ../shared beside the repository, else (a clone made elsewhere, e.g. in a temporary folder for a
# fresh-clone CI run) ../shared beside the local repository it was cloned from.
chorus_find_shared() {
    if [ -n "${CHORUS_SHARED_DIR:-}" ]; then echo "$CHORUS_SHARED_DIR"; return; fi
    local beside
    beside=$(cd "$CHORUS_REPO/.." && pwd)/shared
    if [ ! -d "$beside" ]; then
        local origin
        origin=$(git -C "$CHORUS_REPO" remote get-url origin 2>/dev/null || true)
        origin=${origin#file://}
        if [ -n "$origin" ] && [ -d "$origin/../shared" ]; then
            beside=$(cd "$origin/../shared" && pwd)
        fi
    fi
    echo "$beside"
}
CHORUS_SHARED=$(chorus_find_shared)
# The build root's packages; changing this list makes a new root (the cache key is its hash).
CHORUS_ROOT_PACKAGES="g++ cmake ninja-build git ca-certificates pkg-config \
qt6-base-dev qt6-base-dev-tools qt6-websockets-dev libqt6sql6-sqlite qt6-tools-dev \
qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libkf6syntaxhighlighting-dev \
libssl-dev clang-format nodejs npm fonts-dejavu-core xvfb xauth x11-apps imagemagick \
libgl-dev qt6-qpa-plugins ccache libhiredis-dev redis-server chromium debootstrap lintian \
desktop-file-utils appstream flatpak-builder rpm file dpkg-dev fakeroot gnuplot-nox"
CHORUS_ROOT_RECIPE=3 # bump when the way the root is made changes
CHORUS_ROOT_CACHE=${CHORUS_ROOT_CACHE:-/var/cache/chorus/buildroot}

chorus_step_start() { CHORUS_STEP_T0=$(date +%s%N); echo "==> $*"; }
chorus_step_end() {
    local ms=$((($(date +%s%N) - CHORUS_STEP_T0) / 1000000))
    printf '    done in %d.%01d s\n' $((ms / 1000)) $((ms % 1000 / 100))
}

chorus_root_key() {
    printf '%s\n%s\n' "$CHORUS_ROOT_PACKAGES" "$CHORUS_ROOT_RECIPE" | sha256sum | cut -c1-16
}
chorus_root_dir() { echo "$CHORUS_ROOT_CACHE/trixie-$(chorus_root_key)"; }

# Native when the host has what we need; decided once per shell by probing the host itself.
chorus_native_ok() {
    [ "${CHORUS_FORCE_ROOT:-0}" = 1 ] && return 1
    [ "${CHORUS_FORCE_NATIVE:-0}" = 1 ] && return 0
    command -v qmake6 >/dev/null 2>&1 || [ -x /usr/lib/qt6/bin/qmake ] || return 1
    local qmake; qmake=$(command -v qmake6 || echo /usr/lib/qt6/bin/qmake)
    local v; v=$("$qmake" -query QT_VERSION 2>/dev/null) || return 1
    local major minor; IFS=. read -r major minor _ <<<"$v"
    [ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -ge 5 ]; } || return 1
    ls /usr/lib/*/cmake/KF6SyntaxHighlighting /usr/lib*/cmake/KF6SyntaxHighlighting \
        /usr/share/cmake*/KF6SyntaxHighlighting /opt/homebrew/lib/cmake/KF6SyntaxHighlighting \
        >/dev/null 2>&1
}

chorus_mode() {
    if chorus_native_ok; then echo native; else echo root; fi
}

# Configures build/ (once) and builds the given targets (all when none), in the build environment.
chorus_build() {
    local builddir="${CHORUS_BUILD_DIR:-$CHORUS_REPO/build}"
    mkdir -p "$builddir"
    # Two `scripts/run` at once (a host and two editors) must not run ninja in one folder
    # concurrently: that corrupts its log. The second waits for the first build.
    exec 9>"$builddir/.chorus-build.lock"
    flock 9
    "$CHORUS_REPO/scripts/dev" bash -c '
        set -e
        b=$1 shared=$2; shift 2
        if [ ! -f "$b/build.ninja" ]; then
            # ccache (when present) lets a second build folder (Release benchmarks, packages)
            # reuse the objects of the first.
            launcher=""
            command -v ccache >/dev/null && launcher=-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
            cmake -S . -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $launcher \
                "-DCHORUS_SHARED_DIR=$shared" ${CHORUS_CMAKE_ARGS:-} >/dev/null
        fi
        if [ $# -gt 0 ]; then cmake --build "$b" --target "$@"; else cmake --build "$b"; fi
    ' _ "$builddir" "$CHORUS_SHARED" "$@"
    local status=$?
    exec 9>&-
    return $status
}
