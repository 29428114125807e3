#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# packaging_validate: desktop-file-validate on the .desktop file, appstreamcli validate
# --pedantic on the metainfo (offline), and lintian (pedantic, info and experimental tags) on
# the .deb that the packaging_deb fixture built. Every finding must be one that
# packaging/validator-findings.txt accepts (packaging/README.md explains each); anything else
# fails the test, and so does an error of any validator.
set -euo pipefail
: "${CHORUS_SOURCE_DIR:?run through ctest}" "${CHORUS_BINARY_DIR:?}"
linux=$CHORUS_SOURCE_DIR/packaging/linux
accepted=$CHORUS_SOURCE_DIR/packaging/validator-findings.txt
deb=$(ls "$CHORUS_BINARY_DIR"/packages/test/chorus_*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || { echo "no .deb in build/packages/test (the packaging_deb fixture makes it)" >&2; exit 1; }
findings=$(mktemp)
trap 'rm -f "$findings"' EXIT

echo "==> desktop-file-validate"
out=$(desktop-file-validate "$linux"/*.desktop 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; sed -E 's/^[^:]+: ([a-z]+): .*/desktop-file-validate \1/' <<<"$out" >>"$findings"; }

echo "==> appstreamcli validate --pedantic --no-net"
status=0
out=$(appstreamcli validate --pedantic --no-net --no-color "$linux"/*.metainfo.xml 2>&1) || status=$?
echo "$out"
[ "$status" -eq 0 ] || exit 1
grep -E '^[EWIP]: ' <<<"$out" | awk '{print "appstreamcli " $3}' >>"$findings" || true

echo "==> lintian --pedantic -I -E $(basename "$deb")"
status=0
out=$(lintian --pedantic --display-info --display-experimental --tag-display-limit 0 "$deb" 2>&1) || status=$?
echo "$out"
grep -E '^[EWIPX]: ' <<<"$out" | awk '{print "lintian " $3}' >>"$findings" || true
if grep -q '^E: ' <<<"$out"; then echo "lintian reports errors" >&2; exit 1; fi

echo "==> findings against packaging/validator-findings.txt"
unexpected=0
while read -r tool tag; do
    if ! grep -qE "^$tool $tag( |$)" "$accepted"; then
        echo "not accepted: $tool $tag" >&2
        unexpected=1
    fi
done < <(sort -u "$findings")
sort -u "$findings" | sed 's/^/    /'
[ "$unexpected" -eq 0 ] || { echo "explain each new finding in packaging/README.md and list it in packaging/validator-findings.txt, or fix it" >&2; exit 1; }
echo "every finding is accepted ($(sort -u "$findings" | wc -l) kinds)"
