// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test support: an editor bound to its own document, and a link that carries updates between
// two such peers directly (synchronously, or held back to simulate being offline).
#include "app/editor/codeeditor.h"
#include "app/editor/documentbinding.h"
#include "crdt/doc.h"

#include <QList>

#include <memory>

namespace Chorus::App::Testing {

struct BindingPeer
{
    explicit BindingPeer(Crdt::ClientId id)
        : doc(id)
    {
        editor.resize(480, 320);
        binding = std::make_unique<DocumentBinding>(doc, QStringLiteral("content"), &editor);
    }
    Crdt::Doc doc;
    CodeEditor editor;
    std::unique_ptr<DocumentBinding> binding;
};

// Relays every update one side makes to the other, with the link as the remote origin.
class DirectLink
{
public:
    DirectLink(Crdt::Doc &a, Crdt::Doc &b)
        : m_a(a)
        , m_b(b)
    {
        m_a.onUpdate([this](const QByteArray &u, Crdt::Origin o, bool) { relay(u, o, m_toB); });
        m_b.onUpdate([this](const QByteArray &u, Crdt::Origin o, bool) { relay(u, o, m_toA); });
    }
    Crdt::Origin origin() const { return reinterpret_cast<Crdt::Origin>(this); }
    void setOnline(bool online)
    {
        m_online = online;
        if (online) {
            flush();
        }
    }
    void flush()
    {
        // Sync by state vectors, as a reconnecting session does, then drop the queues.
        m_toA.clear();
        m_toB.clear();
        const QByteArray forB = m_a.encodeStateAsUpdate(m_b.encodeStateVector());
        const QByteArray forA = m_b.encodeStateAsUpdate(m_a.encodeStateVector());
        m_b.applyUpdate(forB, origin());
        m_a.applyUpdate(forA, origin());
    }

private:
    void relay(const QByteArray &update, Crdt::Origin origin, QList<QByteArray> &queue)
    {
        if (origin == this->origin()) {
            return;
        }
        queue << update;
        if (m_online) {
            m_toA.isEmpty() ? void() : deliver(m_toA, m_a);
            m_toB.isEmpty() ? void() : deliver(m_toB, m_b);
        }
    }
    void deliver(QList<QByteArray> &queue, Crdt::Doc &doc)
    {
        const QList<QByteArray> updates = std::exchange(queue, {});
        for (const QByteArray &u : updates) {
            doc.applyUpdate(u, origin());
        }
    }

    Crdt::Doc &m_a;
    Crdt::Doc &m_b;
    QList<QByteArray> m_toA;
    QList<QByteArray> m_toB;
    bool m_online = true;
};

} // namespace Chorus::App::Testing
