#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# packaging_flatpak: flatpak-builder must parse the Flatpak manifest (it cannot build it here:
# no runtime can be downloaded), the manifest must use the KDE runtime 6.x (which ships Qt 6 and
# KF6 SyntaxHighlighting), and it must name a module for every library the build finds that the
# runtime does not ship.
set -euo pipefail
: "${CHORUS_SOURCE_DIR:?run through ctest}"
manifest=$CHORUS_SOURCE_DIR/packaging/flatpak/io.github.chorus_editor.Chorus.yml
# flatpak-builder keeps its state (.flatpak-builder/) in the current folder: not in the repository.
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
json=$(cd "$state" && flatpak-builder --show-manifest "$manifest")
echo "$json"
field() { grep -oE "\"$1\" *: *\"[^\"]*\"" <<<"$json" | head -n1 | sed -E 's/.*: *"(.*)"/\1/'; }
[ "$(field id)" = io.github.chorus_editor.Chorus ] || { echo "wrong app id" >&2; exit 1; }
[ "$(field runtime)" = org.kde.Platform ] || { echo "runtime is not org.kde.Platform" >&2; exit 1; }
[[ $(field runtime-version) == 6.* ]] || { echo "runtime-version is not 6.x" >&2; exit 1; }
[ "$(field command)" = chorus ] || { echo "command is not chorus" >&2; exit 1; }
modules=$(grep -oE '"name" *: *"[^"]*"' <<<"$json" | sed -E 's/.*: *"(.*)"/\1/' | sort -u)
grep -qx chorus <<<"$modules" || { echo "no chorus module" >&2; exit 1; }
# The libraries the build looks for, from every CMakeLists.txt: each must be in the runtime or
# be a module of the manifest (so a new dependency cannot be forgotten here).
runtime="Qt6 KF6SyntaxHighlighting OpenSSL PkgConfig Threads ZLIB"
# Optional and left out on purpose: hiredis gives chorus-server its Redis scale-out mode, which a
# desktop Flatpak does not need (the host built into the app serves one session).
optional="hiredis"
missing=0
for pkg in $(cd "$CHORUS_SOURCE_DIR" && grep -rhoE 'find_package\(\s*[A-Za-z0-9_]+|pkg_check_modules\(\s*[A-Za-z0-9_]+\s+(REQUIRED\s+|QUIET\s+|IMPORTED_TARGET\s+)*[A-Za-z0-9_]+' \
        --include=CMakeLists.txt --include='*.cmake' --exclude-dir=build --exclude-dir=node_modules . |
        awk '{print $NF}' | sed -E 's/.*\(//' | sort -u); do
    if [[ " $runtime " == *" $pkg "* ]] || grep -qix "$pkg" <<<"$modules"; then
        echo "    $pkg: in the runtime or a module"
    elif [[ " $optional " == *" $pkg "* ]]; then
        echo "    $pkg: optional, left out of the Flatpak"
    else
        echo "the build finds $pkg but the manifest names no module for it" >&2
        missing=1
    fi
done
[ "$missing" -eq 0 ]
echo "manifest parses; modules: $(tr '\n' ' ' <<<"$modules")"
