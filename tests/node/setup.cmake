# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSRC=tests/node -DDEST=build/node -P setup.cmake
# Installs the test oracles (real Yjs, y-protocols, y-websocket) with `npm ci` into DEST, only
# when the lock file changed since the last install.
file(MAKE_DIRECTORY "${DEST}")
foreach(f package.json package-lock.json .npmrc deps.mjs)
    file(COPY_FILE "${SRC}/${f}" "${DEST}/${f}" ONLY_IF_DIFFERENT)
endforeach()
file(SHA256 "${SRC}/package-lock.json" lockhash)
set(stamp "${DEST}/node_modules/.chorus-lock-hash")
if(EXISTS "${stamp}")
    file(READ "${stamp}" old)
    if(old STREQUAL lockhash)
        message(STATUS "node oracles: up to date")
        return()
    endif()
endif()
find_program(NPM npm REQUIRED)
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY "${DEST}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "node oracles: npm ci failed (${rc}); the tests that compare with real Yjs cannot run")
endif()
file(WRITE "${stamp}" "${lockhash}")
message(STATUS "node oracles: installed")
