// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Chorus::Host {

// The web editor a host serves at its HTTP root for guests without the app (web/: CodeMirror 6 +
// y-codemirror.next, bundled at build time into the Qt resource :/chorus-web). Maps a request
// to a whole HTTP/1.1 response, as a pure function over the embedded files:
//
//   GET /, /index.html       the page (the room is its ?doc= query, as in ws://HOST:PORT/ROOM)
//   GET /assets/NAME         its script, style sheet and icon
//   HEAD                     the same headers without the body
//   If-None-Match            304 when the ETag matches
//   anything else            404; other methods 405
//
// Only the files in the resource can be named (an exact match on the decoded path, so no
// traversal). Without the resource (node/npm were missing at build time) the root answers 503
// with a page that says so. Every response closes the connection (Connection: close): a page
// is a handful of requests, and the transports then need no keep-alive.
//
// Thread-safe (the file table is built once); no I/O besides reading the resource.
class WebEditorPage
{
public:
    static QByteArray respond(QByteArrayView method, const QString &path,
                              QByteArrayView ifNoneMatch = {});
    // True when the page was built into this binary.
    static bool isBuilt();
};

} // namespace Chorus::Host
