#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# packaging_manpages: every long option that `chorus --help` and `chorus-server --help` list
# is described in the man page, so the pages cannot fall behind the programs; and man renders
# both pages without a warning.
set -euo pipefail
: "${CHORUS_SOURCE_DIR:?run through ctest}" "${CHORUS_BINARY_DIR:?}"
man_dir=$CHORUS_SOURCE_DIR/packaging/man
status=0
check() {
    local program=$1 page=$2 options
    options=$("$program" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+')
    for option in $options; do
        # In roff a dash is written \- : --data-dir is \-\-data\-dir in the page.
        if ! grep -qF -- "${option//-/\\-}" "$page"; then
            echo "$(basename "$program") $option is not in packaging/man/$(basename "$page")" >&2
            status=1
        fi
    done
    echo "$(basename "$page"): $(wc -w <<<"$options") options checked"
    local warnings
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || { echo "$warnings" >&2; status=1; }
}
QT_QPA_PLATFORM=offscreen check "$CHORUS_BINARY_DIR/app/chorus" "$man_dir/chorus.1"
check "$CHORUS_BINARY_DIR/server/chorus-server" "$man_dir/chorus-server.1"
exit $status
