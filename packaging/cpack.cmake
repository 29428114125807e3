# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: one package "chorus" holding the app and chorus-server. Linux makes DEB, RPM and TGZ
# (scripts/package), Windows NSIS and ZIP, macOS DragNDrop. Binaries are stripped.
set(CPACK_PACKAGE_NAME "chorus")
set(CPACK_PACKAGE_VENDOR "Chorus developers")
set(CPACK_PACKAGE_CONTACT "Chorus developers <chorus-editor@users.noreply.github.com>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "collaborative real-time editor for text and code")
set(CPACK_PACKAGE_DESCRIPTION_FILE "${CMAKE_CURRENT_SOURCE_DIR}/description.txt")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/chorus-editor/chorus")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Chorus")
set(CPACK_PACKAGE_EXECUTABLES "chorus;Chorus")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_CURRENT_SOURCE_DIR}/linux/copyright")
set(CPACK_STRIP_FILES ON)
# Values reach cpack exactly as written here (the NSIS commands hold backslashes and quotes).
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_THREADS 0)

# Debian. The Qt, KF6 and OpenSSL libraries come from dpkg-shlibdeps; what it cannot see are
# the plugins Qt loads at run time: the SQLite driver (chorus-server's storage) and the
# platform plugins (xcb and wayland live in qt6-qpa-plugins; offscreen is in libqt6gui6).
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "editors")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# RPM. Requirements come from rpm's own dependency generator (sonames). The package is checked
# here for its layout only: a Fedora or openSUSE package must be built on that system, against
# its Qt (packaging/README.md).
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Editors")
set(CPACK_RPM_PACKAGE_URL "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/lib/systemd /usr/lib/systemd/system /usr/share/applications /usr/share/metainfo
    /usr/share/icons /usr/share/icons/hicolor /usr/share/man /usr/share/man/man1
    /usr/share/doc)
foreach(size IN LISTS CHORUS_ICON_SIZES ITEMS scalable)
    set(dir /usr/share/icons/hicolor/${size}x${size})
    if(size STREQUAL "scalable")
        set(dir /usr/share/icons/hicolor/scalable)
    endif()
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION ${dir} ${dir}/apps)
endforeach()

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    find_program(CHORUS_RPMBUILD rpmbuild)
    set(CPACK_GENERATOR "DEB;TGZ")
    if(CHORUS_RPMBUILD)
        set(CPACK_GENERATOR "DEB;RPM;TGZ")
    endif()
endif()
include(CPack)
