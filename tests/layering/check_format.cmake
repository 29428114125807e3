# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSOURCE_DIR=... -DCLANG_FORMAT=... -P check_format.cmake
# Fails when a C++ source under the project's folders differs from clang-format's output.
file(GLOB_RECURSE files
    "${SOURCE_DIR}/shared/*.h" "${SOURCE_DIR}/shared/*.cpp"
    "${SOURCE_DIR}/server/*.h" "${SOURCE_DIR}/server/*.cpp"
    "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp"
    "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/tests/*.cpp")
set(bad "")
foreach(f IN LISTS files)
    execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror "--style=file:${SOURCE_DIR}/.clang-format" "${f}"
        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
        file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
        list(APPEND bad "${rel}")
    endif()
endforeach()
if(bad)
    string(REPLACE ";" "\n  " text "${bad}")
    message(FATAL_ERROR "clang-format: these files need formatting (scripts/format fixes them):\n  ${text}")
endif()
list(LENGTH files n)
message(STATUS "clang-format: ${n} files formatted")
