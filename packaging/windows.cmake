# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Windows: the icon inside chorus.exe, and the NSIS installer: a Start-menu entry, the
# chorus:// URL handler (registry keys written on install and deleted by the uninstaller, which
# CPack's NSIS template always builds), uninstall-before-install. Not built here: see README.md.
if(TARGET chorus)
    file(TO_NATIVE_PATH "${CHORUS_RESOURCES_DIR}/icons/chorus.ico" chorus_ico)
    string(REPLACE "\\" "\\\\" chorus_ico "${chorus_ico}")
    configure_file(windows/chorus.rc.in ${CMAKE_CURRENT_BINARY_DIR}/chorus.rc @ONLY)
    target_sources(chorus PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/chorus.rc)
endif()

set(CPACK_NSIS_PACKAGE_NAME "Chorus")
set(CPACK_NSIS_DISPLAY_NAME "Chorus")
set(CPACK_NSIS_MUI_ICON "${CHORUS_RESOURCES_DIR}/icons/chorus.ico")
set(CPACK_NSIS_MUI_UNIICON "${CHORUS_RESOURCES_DIR}/icons/chorus.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\chorus.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "https://github.com/chorus-editor/chorus")
set(CPACK_NSIS_HELP_LINK "https://github.com/chorus-editor/chorus/issues")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_MENU_LINKS "https://github.com/chorus-editor/chorus" "Chorus website")
# SHCTX is HKLM for an all-users installation and HKCU otherwise, as the template decides.
# Invite links (chorus://HOST:PORT/ROOM?fp=...) open the app, which shows the Join dialog.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
WriteRegStr SHCTX "Software\Classes\chorus" "" "URL:Chorus invite link"
WriteRegStr SHCTX "Software\Classes\chorus" "URL Protocol" ""
WriteRegStr SHCTX "Software\Classes\chorus\DefaultIcon" "" "$INSTDIR\bin\chorus.exe,0"
WriteRegStr SHCTX "Software\Classes\chorus\shell\open\command" "" '"$INSTDIR\bin\chorus.exe" "%1"'
]=])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
DeleteRegKey SHCTX "Software\Classes\chorus"
]=])
