#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# resources/icons/render.sh — renders the PNG sizes and the Windows .ico from the SVG master.
# Run it (inside scripts/dev) after changing io.github.chorus_editor.Chorus.svg and commit
# the results. They are committed rather than made at build time because the build root's
# ImageMagick has no SVG reader, and a Windows, macOS or Flatpak build should not need a
# browser to draw an icon. Chromium draws the SVG once at 512 px (transparent background);
# ImageMagick scales that down and packs the .ico.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=io.github.chorus_editor.Chorus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:transparent">
<img src="file://$here/$name.svg" width="512" height="512" style="display:block"></body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --default-background-color=00000000 \
    --window-size=512,512 --screenshot="$work/512.png" "file://$work/icon.html" >/dev/null 2>&1

for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "$here/hicolor/${size}x${size}/apps"
    convert "$work/512.png" -filter Lanczos -resize "${size}x${size}" -strip \
        "PNG32:$here/hicolor/${size}x${size}/apps/$name.png"
done
# The .ico carries the sizes Windows asks for (Explorer, taskbar, Start menu, installer).
convert "$here"/hicolor/{16x16,24x24,32x32,48x48,64x64,256x256}/apps/$name.png \
    "$here/chorus.ico"
find "$here" -name '*.png' -o -name '*.ico' | sort
