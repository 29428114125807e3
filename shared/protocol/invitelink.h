// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Chorus::Protocol {

// An invite to a session: `chorus://HOST:PORT/[ROOM][?fp=SHA256HEX]`, what the app shows with a
// Copy button when it hosts and what `chorus chorus://…` / `chorus --join` / the Join dialog
// take. It maps to the WebSocket URL a DocumentConnection opens and the certificate pin it checks:
//
//   chorus://192.168.1.5:1234/?fp=ab12…   ->  wss://192.168.1.5:1234/ROOM, pin ab12…
//   chorus://192.168.1.5:1234/            ->  ws://192.168.1.5:1234/ROOM, no pin
//
// A fingerprint means TLS (there is no other way to say "wss" in a chorus:// link), so a link
// without one can never downgrade a pinned session silently. ROOM is empty for the session as a
// whole (the app then opens `.chorus/index`); a link may also name one document. parse() also
// takes plain `ws://` and `wss://` URLs (wss without a pin uses the normal authority checks).
// Secrets never go in a link: one with a user name or password is refused.
//
// The one home of the link format: the host makes its invite with it (Host::EmbeddedHost) and
// the app reads links with it (Join dialog, `chorus chorus://…`), so the two cannot drift apart.
// A value type; no I/O.
class InviteLink
{
public:
    InviteLink() = default;
    // `server` is ws[s]://HOST:PORT (a path is ignored); `sha256` is hex, colons and case allowed.
    InviteLink(const QUrl &server, const QString &sha256, const QString &room = {});

    struct Parsed;
    // Never throws; a bad link gives a sentence the app can show as it is (English).
    static Parsed parse(const QString &text);

    bool isValid() const { return !m_host.isEmpty() && m_port != 0; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    QString room() const { return m_room; } // decoded; empty: the whole session
    QString sha256() const { return m_sha256; } // lowercase hex without separators, or empty
    bool isTls() const { return m_tls; }

    // The same invite for another document of the session.
    InviteLink withRoom(const QString &room) const;
    // ws[s]://HOST:PORT/ROOM (ROOM may be given to override room()).
    QUrl webSocketUrl() const;
    QUrl webSocketUrl(const QString &room) const;
    // http[s]://HOST:PORT/[?doc=ROOM]: the host's web editor, for guests without the app (a
    // Chorus host serves it unless told not to). No pin travels with it: over https the browser
    // checks the certificate itself.
    QUrl webEditorUrl() const;
    // chorus://HOST:PORT/ROOM[?fp=…]. A wss link without a pin has no chorus:// form (it
    // would read as ws) and formats as its wss:// URL. Empty when !isValid().
    QString toString() const;

    // "ab:12:…" or "AB12…" -> "ab12…"; empty when it is not 64 hex digits.
    static QString normalizedSha256(const QString &text);

    friend bool operator==(const InviteLink &, const InviteLink &) = default;

private:
    QString m_host;
    quint16 m_port = 0;
    QString m_room;
    QString m_sha256;
    bool m_tls = false;
};

struct InviteLink::Parsed
{
    InviteLink link;
    QString error; // empty on success

    bool isOk() const { return error.isEmpty(); }
};

} // namespace Chorus::Protocol
