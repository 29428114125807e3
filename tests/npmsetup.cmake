# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSRC=tests/node -DDEST=build/node -DWHAT="node oracles" [-DEXTRA=deps.mjs] -P npmsetup.cmake
# Installs the npm packages a group of tests needs (the Yjs oracles of tests/node, the browser
# driver of tests/web) with `npm ci` into DEST, only when SRC's lock file changed since the last
# install, so a test run does not reinstall them. EXTRA: more files of SRC to copy beside.
file(MAKE_DIRECTORY "${DEST}")
foreach(f package.json package-lock.json .npmrc ${EXTRA})
    file(COPY_FILE "${SRC}/${f}" "${DEST}/${f}" ONLY_IF_DIFFERENT)
endforeach()
file(SHA256 "${SRC}/package-lock.json" lockhash)
set(stamp "${DEST}/node_modules/.chorus-lock-hash")
if(EXISTS "${stamp}")
    file(READ "${stamp}" old)
    if(old STREQUAL lockhash)
        message(STATUS "${WHAT}: up to date")
        return()
    endif()
endif()
find_program(NPM npm REQUIRED)
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY "${DEST}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${WHAT}: npm ci failed (${rc}); the tests that need them cannot run")
endif()
file(WRITE "${stamp}" "${lockhash}")
message(STATUS "${WHAT}: installed")
