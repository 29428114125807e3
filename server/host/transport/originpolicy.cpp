// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/originpolicy.h"

#include <QHostAddress>
#include <QUrl>

namespace Chorus::Host {

namespace {

int defaultPort(const QString &scheme)
{
    return scheme == u"https" ? 443 : 80;
}

} // namespace

OriginPolicy::OriginPolicy(const QStringList &allowedOrigins, bool serveWebEditor, bool tls)
    : m_serveWebEditor(serveWebEditor)
    , m_tls(tls)
{
    for (const QString &o : allowedOrigins) {
        const QString n = normalise(o);
        if (!n.isEmpty() && !m_allowed.contains(n)) {
            m_allowed.append(n);
            m_allowedHostNames.append(QUrl(n).host());
        }
    }
}

QString OriginPolicy::normalise(const QString &origin)
{
    const QUrl url(origin.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()
        || !url.userInfo().isEmpty() || !url.query().isEmpty() || !url.fragment().isEmpty()
        || (!url.path().isEmpty() && url.path() != u"/")) {
        return {};
    }
    QUrl out;
    out.setScheme(scheme);
    out.setHost(url.host().toLower()); // QUrl keeps IPv6 literals in brackets when printed
    const int port = url.port(defaultPort(scheme));
    if (port != defaultPort(scheme)) {
        out.setPort(port);
    }
    return out.toString(QUrl::FullyEncoded);
}

bool OriginPolicy::allows(const QString &origin, const QString &hostHeader) const
{
    if (origin.isEmpty()) {
        return true;
    }
    const QString n = normalise(origin);
    if (n.isEmpty()) {
        return false; // "null" (a sandboxed frame, a file:// page) or no origin at all
    }
    if (m_allowed.contains(n)) {
        return true;
    }
    if (!m_serveWebEditor || hostHeader.isEmpty()) {
        return false;
    }
    const QString scheme = m_tls ? QStringLiteral("https") : QStringLiteral("http");
    const QString own = normalise(scheme + QStringLiteral("://") + hostHeader);
    return !own.isEmpty() && own == n && isOwnHostName(QUrl(own).host());
}

// A name a rebinding attacker cannot control: an address, localhost, or one the operator listed.
bool OriginPolicy::isOwnHostName(const QString &host) const
{
    if (host == u"localhost" || !QHostAddress(host).isNull()) {
        return true;
    }
    return m_allowedHostNames.contains(host);
}

} // namespace Chorus::Host
