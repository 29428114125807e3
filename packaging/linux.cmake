# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Linux desktop integration, installed under CMAKE_INSTALL_PREFIX (/usr in the DEB and RPM).
set(linux_dir ${CMAKE_CURRENT_SOURCE_DIR}/linux)
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/chorus)

install(FILES ${linux_dir}/${CHORUS_APP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${linux_dir}/${CHORUS_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CHORUS_RESOURCES_DIR}/icons/${CHORUS_APP_ID}.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN LISTS CHORUS_ICON_SIZES)
    install(FILES ${CHORUS_RESOURCES_DIR}/icons/hicolor/${size}x${size}/apps/${CHORUS_APP_ID}.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
# systemd looks in /usr/lib/systemd/system on Debian 13 and Fedora alike (not the multiarch
# CMAKE_INSTALL_LIBDIR). The unit is installed but not enabled: see the unit's comment.
install(FILES ${linux_dir}/chorus-server.service DESTINATION lib/systemd/system)

# Man pages and the Debian changelog are installed compressed with gzip -n (no time stamp), as
# Debian policy asks and as man reads them. They are made at build time from the sources.
find_program(CHORUS_GZIP gzip)
set(compressed)
foreach(source man/chorus.1 man/chorus-server.1 linux/changelog)
    get_filename_component(name ${source} NAME)
    if(name STREQUAL "changelog")
        set(name changelog.Debian)
    endif()
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.gz)
    add_custom_command(OUTPUT ${out}
        COMMAND sh -c "\"$0\" -9 -n -c \"$1\" > \"$2\"" ${CHORUS_GZIP}
            ${CMAKE_CURRENT_SOURCE_DIR}/${source} ${out}
        DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${source} VERBATIM)
    list(APPEND compressed ${out})
endforeach()
add_custom_target(chorus_packaging_files ALL DEPENDS ${compressed})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/chorus.1.gz ${CMAKE_CURRENT_BINARY_DIR}/chorus-server.1.gz
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${linux_dir}/copyright ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian.gz
    DESTINATION ${doc_dir})

# CPack strips with plain `strip`, which keeps the compiler's .comment note; a stripped package
# drops it too (lintian: binary-has-unneeded-section). Runs after the binaries are installed:
# packaging/ comes after server/ and app/ in the top CMakeLists.txt.
if(CMAKE_OBJCOPY)
    install(CODE "
        if(CMAKE_INSTALL_DO_STRIP)
            foreach(exe chorus chorus-server)
                set(path \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/\${exe}\")
                if(EXISTS \"\${path}\")
                    execute_process(COMMAND \"${CMAKE_OBJCOPY}\" --remove-section=.comment \"\${path}\")
                endif()
            endforeach()
        endif()")
endif()
