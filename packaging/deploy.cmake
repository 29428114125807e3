# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Windows and macOS: the Qt deployment step real Qt projects use. qt_generate_deploy_script
# writes an install-time script that runs windeployqt (Windows) or macdeployqt (macOS) through
# qt_deploy_runtime_dependencies; install(SCRIPT) makes `cmake --install` and therefore CPack
# (NSIS, ZIP, DragNDrop) run it, so the packages carry Qt, its plugins and qt.conf.
# windeployqt copies only Qt's own DLLs: the others (KF6SyntaxHighlighting, OpenSSL, zlib)
# are found with file(GET_RUNTIME_DEPENDENCIES) from the prefixes the build used.
# Not run here (Linux); .github/workflows/desktop.yml runs it. Needs Qt >= 6.5.
# qt6_ and not the versionless qt_ form: that is a macro, which would expand the \${QT_DEPLOY_*}
# references of CONTENT at configure time instead of at install time.
if(APPLE)
    # App bundles: the path is the .app; chorus-server lives inside it (server/CMakeLists.txt).
    set(chorus_exe "$<TARGET_FILE_NAME:chorus>.app")
    set(server_exe "$<TARGET_FILE_NAME:chorus>.app/Contents/MacOS/$<TARGET_FILE_NAME:chorus-server>")
    set(extra_libraries "")
else()
    set(chorus_exe "\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:chorus>")
    set(server_exe "\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:chorus-server>")
    # DLLs live in the bin folder of each prefix (Qt, KF6, OpenSSL).
    set(search_dirs)
    foreach(prefix IN LISTS CMAKE_PREFIX_PATH OPENSSL_ROOT_DIR)
        list(APPEND search_dirs "${prefix}/bin")
    endforeach()
    string(JOIN "\" \"" search_dirs ${search_dirs})
    set(extra_libraries "
file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES \"$<TARGET_FILE:chorus>\" \"$<TARGET_FILE:chorus-server>\"
    RESOLVED_DEPENDENCIES_VAR chorus_dlls
    DIRECTORIES \"$<TARGET_FILE_DIR:KF6::SyntaxHighlighting>\" \"${search_dirs}\"
    PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^Qt6\"
    POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ss]ys[Ww][Oo][Ww]64\")
if(chorus_dlls)
    file(INSTALL \${chorus_dlls} DESTINATION \"\${QT_DEPLOY_PREFIX}/\${QT_DEPLOY_BIN_DIR}\")
endif()
")
endif()

qt6_generate_deploy_script(
    TARGET chorus
    OUTPUT_SCRIPT chorus_deploy_script
    CONTENT "
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${chorus_exe}\"
    ADDITIONAL_EXECUTABLES \"${server_exe}\"
    GENERATE_QT_CONF
    VERBOSE)
${extra_libraries}")
install(SCRIPT ${chorus_deploy_script})
