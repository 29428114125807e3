# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSOURCE_DIR=... -P check_layering.cmake
# Fails on any include or link that breaks the layering in ARCHITECTURE.md:
#  - shared/crdt and shared/protocol: QtCore value types only (no QtGui, QtWidgets, QtNetwork,
#    QtWebSockets, QObject machinery, timers or threads);
#  - shared/crdt never includes shared/protocol;
#  - nothing under shared/ includes server/ or app/; server/ never includes app/;
#  - shared/client and server/host never use QtWidgets or QtGui;
#  - the host never uses the client and the client never uses the host (includes and links);
#  - inside the host, transport/ and storage/ never reach up into rooms/ or redis/, and storage/
#    never uses transport/; inside the app, editor/ is a widget toolkit that knows no session,
#    window, dialog, client or host;
#  - the same rules for what each folder's CMakeLists.txt links.
set(violations "")

function(check_dir dir pattern why)
    file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.cpp")
    foreach(f IN LISTS files)
        file(STRINGS "${f}" lines REGEX "${pattern}")
        foreach(line IN LISTS lines)
            file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
            string(STRIP "${line}" line)
            list(APPEND violations "${rel}: ${line}  (${why})")
        endforeach()
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()

function(check_links dir pattern why)
    file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/CMakeLists.txt")
    foreach(f IN LISTS files)
        file(STRINGS "${f}" lines REGEX "${pattern}")
        foreach(line IN LISTS lines)
            file(RELATIVE_PATH rel "${SOURCE_DIR}" "${f}")
            string(STRIP "${line}" line)
            list(APPEND violations "${rel}: ${line}  (${why})")
        endforeach()
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()

set(engine_forbidden
    "#[ \t]*include[ \t]*[<\"](QtGui|QtWidgets|QtNetwork|QtWebSockets|QtSql|QObject|QTimer|QThread|QElapsedTimer|QDateTime|QRandomGenerator|QCoreApplication|QEventLoop|QTcpSocket|QWebSocket|QWidget|QMutex|QFuture)[^a-z]")
foreach(dir shared/crdt shared/protocol)
    check_dir(${dir} "${engine_forbidden}" "the engine uses QtCore value types only")
    check_dir(${dir} "(Q_OBJECT|Q_SIGNALS|Q_SLOTS|std::thread|std::chrono::system_clock|std::random_device)"
        "no QObject machinery, threads, clocks or global randomness in the engine")
    check_links(${dir} "Qt6::(Gui|Widgets|Network|WebSockets|Sql)" "the engine links QtCore only")
endforeach()
check_dir(shared/crdt "#[ \t]*include[ \t]*[<\"](protocol|client)/" "crdt must not include protocol or client")
check_dir(shared/protocol "#[ \t]*include[ \t]*[<\"]client/" "protocol must not include client")
check_dir(shared "#[ \t]*include[ \t]*[<\"](host|app|server)/" "shared/ must not reach up into server/ or app/")
check_dir(server "#[ \t]*include[ \t]*[<\"]app/" "server/ must not include app/")
foreach(dir shared server)
    check_dir(${dir} "#[ \t]*include[ \t]*[<\"](QtWidgets|QtGui|QWidget|QApplication|QPainter|KSyntaxHighlighting)"
        "only app/ uses QtWidgets, QtGui and KSyntaxHighlighting")
    check_links(${dir} "(Qt6::Widgets|Qt6::Gui|KF6::|chorus_app)" "only app/ links QtWidgets/KF6")
endforeach()
check_links(shared "chorus_host" "shared/ must not link the host")
# The two ends of a connection meet only in shared/protocol (the conversation, close codes,
# invite links, limits): neither includes nor links the other.
check_dir(server "#[ \t]*include[ \t]*[<\"]client/" "the host never uses the client (shared/protocol is their common ground)")
check_links(server "chorus_client" "the host never links the client")
check_dir(shared/client "#[ \t]*include[ \t]*[<\"]host/" "the client never uses the host")
check_links(shared/client "chorus_host" "the client never links the host")
check_links(shared/crdt "chorus_(protocol|client|host|app)" "crdt links nothing above it")
check_links(shared/protocol "chorus_(client|host|app)" "protocol links nothing above it")
# Inside the host: the parts below the relay do not know it.
foreach(dir server/host/transport server/host/storage)
    check_dir(${dir} "#[ \t]*include[ \t]*[<\"]host/(rooms|redis)/" "transport/ and storage/ never reach up into rooms/ or redis/")
endforeach()
check_dir(server/host/storage "#[ \t]*include[ \t]*[<\"]host/transport/" "storage/ never uses transport/")
# Inside the app: editor/ is the widget toolkit the rest builds on.
check_dir(app/editor "#[ \t]*include[ \t]*[<\"](app/(session|window|dialogs)|client|host)/" "app/editor knows no session, window, dialog, client or host")
# hiredis (Redis mode) stays inside the host library: nothing else includes or links it.
foreach(dir shared app tests)
    check_dir(${dir} "#[ \t]*include[ \t]*[<\"]hiredis/" "only server/host uses hiredis")
    check_links(${dir} "(hiredis|HIREDIS)" "only server/host links hiredis")
endforeach()
file(GLOB server_top "${SOURCE_DIR}/server/*.cpp" "${SOURCE_DIR}/server/*.h")
foreach(f IN LISTS server_top)
    file(STRINGS "${f}" lines REGEX "#[ \t]*include[ \t]*[<\"]hiredis/")
    if(lines)
        list(APPEND violations "${f}: includes hiredis  (only server/host uses hiredis)")
    endif()
endforeach()

if(violations)
    list(LENGTH violations n)
    string(REPLACE ";" "\n  " text "${violations}")
    message(FATAL_ERROR "layering: ${n} violation(s):\n  ${text}")
endif()
message(STATUS "layering: all rules hold")
