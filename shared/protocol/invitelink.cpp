// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "invitelink.h"

#include <QUrlQuery>

namespace Chorus::Protocol {

namespace {

const QString ChorusScheme = QStringLiteral("chorus");
const QString FingerprintKey = QStringLiteral("fp");

InviteLink::Parsed failed(const QString &error)
{
    return { InviteLink(), error };
}

} // namespace

InviteLink::InviteLink(const QUrl &server, const QString &sha256, const QString &room)
    : m_host(server.host())
    , m_port(quint16(qBound(0, server.port(0), 65535)))
    , m_room(room)
    , m_sha256(normalizedSha256(sha256))
    , m_tls(server.scheme() == u"wss" || !m_sha256.isEmpty())
{ }

QString InviteLink::normalizedSha256(const QString &text)
{
    QString hex = text.trimmed().toLower();
    if (hex.startsWith(u"sha256:") || hex.startsWith(u"sha-256:")) {
        hex = hex.mid(hex.indexOf(u':') + 1);
    }
    hex.remove(u':');
    hex.remove(u' ');
    if (hex.size() != 64) {
        return {};
    }
    for (QChar c : std::as_const(hex)) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'))) {
            return {};
        }
    }
    return hex;
}

InviteLink::Parsed InviteLink::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return failed(QStringLiteral("The link is empty."));
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        return failed(QStringLiteral("This is not a valid link (%1).").arg(url.errorString()));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != ChorusScheme && scheme != u"ws" && scheme != u"wss") {
        return failed(
            scheme.isEmpty()
                ? QStringLiteral("A Chorus link starts with chorus://HOST:PORT/.")
                : QStringLiteral("A Chorus link starts with chorus://, not %1://.").arg(scheme));
    }
    if (!url.userInfo().isEmpty()) {
        return failed(QStringLiteral("A link must not contain a user name or password; the "
                                     "host's password is asked for when you join."));
    }
    if (url.host().isEmpty()) {
        return failed(QStringLiteral("The link has no host name or address."));
    }
    const int defaultPort = scheme == u"wss" ? 443 : (scheme == u"ws" ? 80 : -1);
    const int port = url.port(defaultPort);
    if (port <= 0) {
        return failed(port == 0 ? QStringLiteral("The link's port 0 is not a port to connect to.")
                                : QStringLiteral("The link has no port (chorus://HOST:PORT/)."));
    }
    const QUrlQuery query(url);
    const bool hasFingerprint = query.hasQueryItem(FingerprintKey);
    const QString fingerprint
        = normalizedSha256(query.queryItemValue(FingerprintKey, QUrl::FullyDecoded));
    if (hasFingerprint && fingerprint.isEmpty()) {
        return failed(QStringLiteral("The certificate fingerprint in the link is damaged: it must "
                                     "be 64 hexadecimal digits (SHA-256)."));
    }
    if (scheme == u"ws" && hasFingerprint) {
        return failed(QStringLiteral("A ws:// link is not encrypted and cannot carry a "
                                     "certificate fingerprint; use wss://."));
    }
    InviteLink link;
    link.m_host = url.host();
    link.m_port = quint16(port);
    link.m_sha256 = fingerprint;
    link.m_tls = scheme == u"wss" || hasFingerprint;
    QString room = url.path(QUrl::FullyDecoded);
    if (room.startsWith(u'/')) {
        room.remove(0, 1);
    }
    link.m_room = room;
    return { link, QString() };
}

InviteLink InviteLink::withRoom(const QString &room) const
{
    InviteLink copy = *this;
    copy.m_room = room;
    return copy;
}

QUrl InviteLink::webSocketUrl() const
{
    return webSocketUrl(m_room);
}

QUrl InviteLink::webSocketUrl(const QString &room) const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(QLatin1Char('/') + room);
    return url;
}

QUrl InviteLink::webEditorUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(QStringLiteral("/"));
    if (!m_room.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("doc"), m_room);
        url.setQuery(query);
    }
    return url;
}

QString InviteLink::toString() const
{
    if (!isValid()) {
        return {};
    }
    if (m_tls && m_sha256.isEmpty()) {
        return webSocketUrl().toString(QUrl::FullyEncoded);
    }
    QUrl url;
    url.setScheme(ChorusScheme);
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(QLatin1Char('/') + m_room);
    if (m_tls) {
        QUrlQuery query;
        query.addQueryItem(FingerprintKey, m_sha256);
        url.setQuery(query);
    }
    return url.toString(QUrl::FullyEncoded);
}

} // namespace Chorus::Protocol
