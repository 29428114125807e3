#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The packaging_deb fixture: builds the .deb from the already built build/ tree (cpack, stripped
# binaries; the Ninja generator runs no build step of its own) into build/packages/test.
# It holds the build lock meanwhile, so it never packs a binary that a build is rewriting.
set -euo pipefail
: "${CHORUS_BINARY_DIR:?run through ctest}"
out=$CHORUS_BINARY_DIR/packages/test
for exe in app/chorus server/chorus-server; do
    [ -x "$CHORUS_BINARY_DIR/$exe" ] || { echo "build/$exe is not built" >&2; exit 1; }
done
rm -rf "$out"; mkdir -p "$out"
exec 9>"$CHORUS_BINARY_DIR/.chorus-build.lock"
flock -w 840 9 || { echo "the build lock stayed busy for 14 minutes" >&2; exit 1; }
cd "$CHORUS_BINARY_DIR"
cpack -G DEB -B "$out" >"$CHORUS_BINARY_DIR/packages/cpack-test.log" 2>&1 ||
    { cat "$CHORUS_BINARY_DIR/packages/cpack-test.log"; exit 1; }
rm -rf "$out/_CPack_Packages"
ls -l "$out"/*.deb
