// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Chorus::Host {

// Decides whether a WebSocket upgrade that carries an `Origin` header may connect: the one place
// a host asks. Browsers send Origin on every WebSocket they open, and a web page open in the
// user's browser can reach a host on 127.0.0.1 like any local program; without this check a
// page from anywhere could read and write the documents of a desktop host.
//
// - No Origin (native apps, Node clients): allowed. Origin protects against web pages, not
//   against programs (the token is for those).
// - An Origin on the allow-list (exact match after normalising both to scheme://host[:port],
//   lower case, default ports dropped): allowed. An empty list allows no browser Origin.
// - The host's own page (issue 15): when serveWebEditor is set, an Origin equal to the host's
//   own origin — http:// (https:// for wss) plus the request's Host header — is allowed, but
//   only when that Host is an IP literal, `localhost`, or a host name of the allow-list. A name
//   that merely resolves to this host (DNS rebinding: evil.example -> 127.0.0.1) never is.
// - Everything else, "null" included: refused (the host closes with 1008).
//
// A value type, built once from ServerOptions; pure functions, any thread.
class OriginPolicy
{
public:
    OriginPolicy() = default;
    OriginPolicy(const QStringList &allowedOrigins, bool serveWebEditor, bool tls);

    bool allows(const QString &origin, const QString &hostHeader) const;

    // scheme://host[:port], lower case, default port dropped; empty when `origin` is no
    // http(s) origin (a path, a user, "null", garbage). For --origin and for tests.
    static QString normalise(const QString &origin);

private:
    bool isOwnHostName(const QString &host) const;

    QStringList m_allowed; // normalised
    QStringList m_allowedHostNames; // the host part of each allowed origin
    bool m_serveWebEditor = false;
    bool m_tls = false;
};

} // namespace Chorus::Host
