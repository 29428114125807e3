// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/webeditorpage.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QUrl>

namespace Chorus::Host {

namespace {

const QString ResourceRoot = QStringLiteral(":/chorus-web");

struct File
{
    QByteArray body;
    QByteArray contentType;
    QByteArray etag; // quoted, as sent
};

QByteArray contentTypeOf(const QString &name)
{
    if (name.endsWith(u".html")) {
        return "text/html; charset=utf-8";
    }
    if (name.endsWith(u".js")) {
        return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(u".css")) {
        return "text/css; charset=utf-8";
    }
    if (name.endsWith(u".svg")) {
        return "image/svg+xml";
    }
    return "application/octet-stream";
}

// URL path -> file, read once from the resource.
const QHash<QString, File> &files()
{
    static const QHash<QString, File> table = [] {
        QHash<QString, File> t;
        QDirIterator it(ResourceRoot, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString resource = it.next();
            QFile f(resource);
            if (!f.open(QIODevice::ReadOnly)) {
                continue;
            }
            File file;
            file.body = f.readAll();
            file.contentType = contentTypeOf(resource);
            file.etag = '"'
                + QCryptographicHash::hash(file.body, QCryptographicHash::Sha256).toHex().left(20)
                + '"';
            t.insert(resource.mid(ResourceRoot.size()), file);
        }
        if (t.contains(QStringLiteral("/index.html"))) {
            t.insert(QStringLiteral("/"), t.value(QStringLiteral("/index.html")));
        }
        return t;
    }();
    return table;
}

QByteArray response(QByteArrayView status, const QByteArray &headers, const QByteArray &body,
                    bool withBody)
{
    return "HTTP/1.1 " + status.toByteArray()
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + headers
        + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        + (withBody ? body : QByteArray());
}

QByteArray plain(QByteArrayView status, const QString &text, bool withBody,
                 const QByteArray &extraHeaders = {})
{
    return response(status, "Content-Type: text/plain; charset=utf-8\r\n" + extraHeaders,
                    text.toUtf8() + '\n', withBody);
}

QByteArray notBuilt(bool withBody)
{
    const QByteArray page
        = "<!doctype html><meta charset=utf-8><title>Chorus</title>"
          "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">"
          "<h1>Web editor not built</h1><p>This Chorus host was built without its web editor "
          "(node and npm were missing at build time). Join with the Chorus app or any Yjs "
          "client at this address, or rebuild the host with node and npm installed.</p>\n";
    return response("503 Service Unavailable",
                    "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n", page,
                    withBody);
}

} // namespace

bool WebEditorPage::isBuilt()
{
    return files().contains(QStringLiteral("/"));
}

QByteArray WebEditorPage::respond(QByteArrayView method, const QString &path,
                                  QByteArrayView ifNoneMatch)
{
    const bool head = method == "HEAD";
    if (method != "GET" && !head) {
        return plain("405 Method Not Allowed", QStringLiteral("The web editor is read with GET."),
                     true, "Allow: GET, HEAD\r\n");
    }
    const QString decoded = QUrl::fromPercentEncoding(path.toUtf8());
    const auto it = files().constFind(decoded);
    if (it == files().cend()) {
        if (decoded == u"/" || decoded == u"/index.html") {
            return notBuilt(!head);
        }
        return plain("404 Not Found", QStringLiteral("Not found: %1").arg(path), !head);
    }
    // The page may be fetched again after the host was upgraded: revalidate every time (ETag).
    // Styles are inline-capable (CodeMirror and the caret widgets set style attributes);
    // scripts and connections stay with this host.
    const QByteArray headers = "Content-Type: " + it->contentType + "\r\nETag: " + it->etag
        + "\r\nCache-Control: no-cache\r\n"
          "Content-Security-Policy: default-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; frame-ancestors 'none'\r\n";
    for (const QByteArray &tag : ifNoneMatch.toByteArray().split(',')) {
        if (tag.trimmed() == it->etag || tag.trimmed() == "*") {
            return response("304 Not Modified", headers, {}, false);
        }
    }
    return response("200 OK", headers, it->body, !head);
}

} // namespace Chorus::Host
