#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# packaging_platforms: configures packaging/ as for Windows and as for macOS (see
# platforms/CMakeLists.txt) and checks what CPack and the Qt deployment script would get:
# NSIS with the chorus:// registry keys, their removal, the icon and the Start-menu entry;
# DragNDrop with the .icns; windeployqt/macdeployqt for both executables. A configure check
# only: the packages themselves are built by .github/workflows/desktop.yml, not here.
set -euo pipefail
: "${CHORUS_SOURCE_DIR:?run through ctest}" "${CHORUS_BINARY_DIR:?}"
work=$CHORUS_BINARY_DIR/packaging-platforms
status=0
expect() { # FILE TEXT WHAT
    if grep -qF -- "$2" "$1"; then echo "    ok: $3"; else echo "MISSING: $3 ($2 in $1)" >&2; status=1; fi
}
for platform in WIN32 APPLE; do
    echo "==> $platform"
    rm -rf "$work/$platform"; mkdir -p "$work"
    cmake -S "$CHORUS_SOURCE_DIR/tests/packaging/platforms" -B "$work/$platform" -G Ninja \
        -DPLATFORM=$platform -DCHORUS_SOURCE_DIR="$CHORUS_SOURCE_DIR" >"$work/$platform.log" 2>&1 ||
        { cat "$work/$platform.log"; exit 1; }
    config=$work/$platform/CPackConfig.cmake
    deploy=$(ls "$work/$platform"/.qt/deploy_chorus_*.cmake)
    expect "$deploy" 'qt_deploy_runtime_dependencies(' "the Qt deployment step"
    expect "$work/$platform/packaging/cmake_install.cmake" "$deploy" "install() runs it"
    if [ $platform = WIN32 ]; then
        expect "$config" 'set(CPACK_GENERATOR "NSIS;ZIP")' "NSIS and ZIP"
        expect "$config" 'WriteRegStr SHCTX \"Software\\Classes\\chorus\" \"URL Protocol\"' "chorus:// handler"
        expect "$config" '\"\$INSTDIR\\bin\\chorus.exe\" \"%1\"' "the handler opens chorus.exe"
        expect "$config" 'DeleteRegKey SHCTX \"Software\\Classes\\chorus\"' "the uninstaller removes it"
        expect "$config" 'set(CPACK_PACKAGE_EXECUTABLES "chorus;Chorus")' "Start-menu entry"
        expect "$config" 'set(CPACK_NSIS_MUI_ICON "'"$CHORUS_SOURCE_DIR"'/resources/icons/chorus.ico")' "installer icon"
        expect "$work/$platform/packaging/chorus.rc" 'ICON "'"$CHORUS_SOURCE_DIR"'/resources/icons/chorus.ico"' "icon in chorus.exe"
        expect "$deploy" 'EXECUTABLE "${QT_DEPLOY_BIN_DIR}/chorus"' "windeployqt for chorus.exe"
        expect "$deploy" 'ADDITIONAL_EXECUTABLES "${QT_DEPLOY_BIN_DIR}/chorus-server"' "and chorus-server.exe"
        expect "$deploy" 'file(GET_RUNTIME_DEPENDENCIES' "the non-Qt DLLs"
    else
        expect "$config" 'set(CPACK_GENERATOR "DragNDrop")' "DragNDrop"
        expect "$config" 'Chorus.icns")' "the .dmg's icon"
        expect "$deploy" 'EXECUTABLE "Chorus.app"' "macdeployqt for Chorus.app"
        expect "$deploy" 'ADDITIONAL_EXECUTABLES "Chorus.app/Contents/MacOS/chorus-server"' "and chorus-server in it"
        expect "$CHORUS_SOURCE_DIR/packaging/macos/Info.plist.in" '<string>chorus</string>' "CFBundleURLSchemes chorus"
    fi
done
exit $status
