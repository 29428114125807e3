# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# macOS: Chorus.app with its Info.plist (the chorus:// URL type, the icon) and chorus-server
# inside the bundle (server/CMakeLists.txt), packed by CPack DragNDrop. The .icns is made at
# build time with iconutil (part of Xcode's command line tools) from the committed PNGs.
# Not built here: see README.md.
if(NOT TARGET chorus)
    return()
endif()
find_program(CHORUS_ICONUTIL iconutil REQUIRED)
set(iconset ${CMAKE_CURRENT_BINARY_DIR}/Chorus.iconset)
set(icns ${CMAKE_CURRENT_BINARY_DIR}/Chorus.icns)
set(icon_commands)
foreach(size 16 32 128 256 512)
    set(png ${CHORUS_RESOURCES_DIR}/icons/hicolor/${size}x${size}/apps/${CHORUS_APP_ID}.png)
    list(APPEND icon_commands COMMAND ${CMAKE_COMMAND} -E copy ${png} ${iconset}/icon_${size}x${size}.png)
    math(EXPR half "${size} / 2")
    if(half GREATER_EQUAL 16)
        list(APPEND icon_commands
            COMMAND ${CMAKE_COMMAND} -E copy ${png} ${iconset}/icon_${half}x${half}@2x.png)
    endif()
endforeach()
add_custom_command(OUTPUT ${icns}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${iconset}
    ${icon_commands}
    COMMAND ${CHORUS_ICONUTIL} -c icns -o ${icns} ${iconset}
    DEPENDS ${CHORUS_RESOURCES_DIR}/icons/hicolor/512x512/apps/${CHORUS_APP_ID}.png VERBATIM)
target_sources(chorus PRIVATE ${icns})
set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

set_target_properties(chorus PROPERTIES
    OUTPUT_NAME Chorus
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in
    MACOSX_BUNDLE_GUI_IDENTIFIER io.github.chorus-editor.Chorus
    MACOSX_BUNDLE_BUNDLE_NAME Chorus
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_ICON_FILE Chorus.icns)

set(CPACK_DMG_VOLUME_NAME "Chorus")
set(CPACK_PACKAGE_ICON "${icns}") # the volume icon of the .dmg
set(CPACK_DMG_FORMAT "UDBZ")
