# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Project-wide compile settings and the one-line test helper.

add_library(chorus_settings INTERFACE)
target_compile_features(chorus_settings INTERFACE cxx_std_20)
target_compile_definitions(chorus_settings INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING QT_USE_QSTRINGBUILDER QT_NO_FOREACH
    CHORUS_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(chorus_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
        -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual)
    if(CHORUS_WARNINGS_AS_ERRORS)
        target_compile_options(chorus_settings INTERFACE -Werror)
    endif()
    if(CHORUS_SANITIZERS)
        target_compile_options(chorus_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(chorus_settings INTERFACE -fsanitize=address,undefined)
    endif()
elseif(MSVC)
    target_compile_options(chorus_settings INTERFACE /W4 /permissive- /utf-8)
    if(CHORUS_WARNINGS_AS_ERRORS)
        target_compile_options(chorus_settings INTERFACE /WX)
    endif()
endif()

# CTest reports a test that skipped as "Skipped", never as passed, so scripts/test lists it and
# .ci/run fails on it (a test that cannot run there proves nothing). A QTest executable skipped
# when its totals line counts skips and no failure (a failure stays a failure); a script skips
# by exiting with 77.
function(chorus_report_skips)
    foreach(name IN LISTS ARGN)
        set_tests_properties(${name} PROPERTIES
            SKIP_REGULAR_EXPRESSION "Totals: [0-9]+ passed, 0 failed, [1-9][0-9]* skipped"
            SKIP_RETURN_CODE 77)
    endforeach()
endfunction()

# chorus_add_test(tst_x SOURCES a.cpp LIBS chorus_crdt LABELS crdt [NODE] [TIMEOUT s] [ENV K=V...])
# NODE: the test uses the Node oracles (real Yjs); CHORUS_NODE_DIR points at them and
# CHORUS_NODE at the node executable.
function(chorus_add_test name)
    cmake_parse_arguments(T "NODE" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE chorus_settings Qt6::Test ${T_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;CHORUS_TRACES_DIR=${CHORUS_TRACES_DIR};CHORUS_SOURCE_DIR=${CMAKE_SOURCE_DIR};CHORUS_BINARY_DIR=${CMAKE_BINARY_DIR};CHORUS_NODE_DIR=${CMAKE_BINARY_DIR}/node;CHORUS_NODE=${CHORUS_NODE_EXECUTABLE};${T_ENV}")
    if(T_NODE)
        set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED node)
    endif()
    chorus_report_skips(${name})
endfunction()
