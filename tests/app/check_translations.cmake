# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a shipped language (translations/chorus_*.ts) lacks a translation for any string
# the app's sources hold today: runs lupdate over app/ into a temporary copy of each .ts file
# (so the checked-in files are never touched) and looks for entries lupdate marks unfinished
# (new strings, or strings whose translation was never written).
# cmake -DLUPDATE=… -DSOURCE_DIR=… -DWORK_DIR=… -P check_translations.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(GLOB shipped "${SOURCE_DIR}/translations/chorus_*.ts")
if(NOT shipped)
    message(FATAL_ERROR "no translations/chorus_*.ts found")
endif()
set(copies)
foreach(ts IN LISTS shipped)
    get_filename_component(name "${ts}" NAME)
    file(COPY "${ts}" DESTINATION "${WORK_DIR}")
    list(APPEND copies "${WORK_DIR}/${name}")
endforeach()
# -I: the sources include their headers from the repository root (app/window/mainwindow.h), and
# lupdate needs the class declarations to know each string's context (Chorus::App::MainWindow).
execute_process(COMMAND "${LUPDATE}" -no-obsolete -locations none -I "${SOURCE_DIR}" "${SOURCE_DIR}/app" -ts ${copies}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}):\n${out}\n${err}")
endif()
set(failed FALSE)
foreach(copy IN LISTS copies)
    file(READ "${copy}" text)
    string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*(<comment>[^<]*</comment>[ \t\r\n]*)?<translation[^>]*type=\"unfinished\"" hits "${text}")
    list(LENGTH hits count)
    if(count GREATER 0)
        set(failed TRUE)
        get_filename_component(name "${copy}" NAME)
        message(SEND_ERROR "${name}: ${count} unfinished or missing string(s); run the "
            "update_translations target and translate them:")
        foreach(hit IN LISTS hits)
            string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" source "${hit}")
            message("  ${source}")
        endforeach()
    endif()
endforeach()
if(NOT failed)
    list(LENGTH copies n)
    message(STATUS "all ${n} shipped languages are complete")
endif()
