// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/redis/redisaddress.h"

#include <QUrl>

namespace Chorus::Host {

RedisAddress RedisAddress::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"redis" || url.host().isEmpty()) {
        *error = QStringLiteral("expected redis://HOST:PORT[/DB], got %1").arg(text);
        return {};
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        *error
            = QStringLiteral("a user, password, query or fragment is not supported: %1").arg(text);
        return {};
    }
    RedisAddress out;
    const int port = url.port(6379);
    if (port <= 0 || port > 65535) {
        *error = QStringLiteral("the port must be 1-65535: %1").arg(text);
        return {};
    }
    out.port = quint16(port);
    const QString path = url.path();
    if (!path.isEmpty() && path != u"/") {
        bool ok = false;
        out.database = path.mid(1).toInt(&ok);
        if (!ok || out.database < 0 || out.database > 1000000) {
            *error = QStringLiteral("the database must be a number: %1").arg(text);
            return {};
        }
    }
    out.host = url.host();
    return out;
}

QString RedisAddress::toString() const
{
    const bool v6 = host.contains(u':');
    return QStringLiteral("redis://%1:%2/%3")
        .arg(v6 ? u'[' + host + u']' : host)
        .arg(port)
        .arg(database);
}

} // namespace Chorus::Host
