// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "crdt/text.h"

#include <QUrl>

#include <functional>
#include <memory>

// A document with a DocumentConnection on it, as the session tests make them: fast backoff (50-400
// ms, seeded by the client id) and the outbox under `outboxRoot`.
struct ConnectionPeer
{
    std::unique_ptr<Chorus::Crdt::Doc> doc;
    std::unique_ptr<Chorus::Client::DocumentConnection> session;

    QString text() const { return doc->text(QStringLiteral("content")).toString(); }
    void insert(qsizetype at, const QString &s)
    {
        doc->text(QStringLiteral("content")).insert(at, s);
    }
};

inline ConnectionPeer
makeConnectionPeer(const QUrl &url, Chorus::Crdt::ClientId id, const QString &outboxRoot,
                   const std::function<void(Chorus::Client::DocumentConnection::Options &)> &tweak
                   = {})
{
    Chorus::Client::DocumentConnection::Options o;
    o.url = url;
    o.outboxRoot = outboxRoot;
    o.backoffSeed = quint32(id);
    o.backoffInitialMs = 50;
    o.backoffCapMs = 400;
    if (tweak) {
        tweak(o);
    }
    ConnectionPeer p;
    p.doc = std::make_unique<Chorus::Crdt::Doc>(id);
    p.session = std::make_unique<Chorus::Client::DocumentConnection>(p.doc.get(), o);
    return p;
}
