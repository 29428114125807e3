// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSslConfiguration>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

namespace OriginProbe {

// What a host does to a browser page's WebSocket from `origin`: 0 when the connection stays
// open, its close code when the host refuses it (right after the upgrade), -1 when it never
// connects. The certificate is not checked: this probes the Origin policy, not TLS.
inline int closeCodeFor(const QUrl &url, const QString &origin)
{
    QWebSocket page(origin);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    page.setSslConfiguration(ssl);
    bool closed = false;
    QObject::connect(&page, &QWebSocket::disconnected, [&] { closed = true; });
    page.open(url);
    if (!QTest::qWaitFor([&] { return closed || page.state() == QAbstractSocket::ConnectedState; },
                         5000)) {
        return -1;
    }
    // A refused page is closed right after the upgrade; one let in stays.
    if (!QTest::qWaitFor([&] { return closed; }, 500)) {
        return 0;
    }
    return int(page.closeCode());
}

} // namespace OriginProbe
