// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/doc.h"
#include "protocol/clientconversation.h"

#include <QJsonObject>
#include <QStringList>

struct SimLink;

// A client of the simulated network: a Protocol::ClientConversation over its own Crdt::Doc
// with a Y.Text "content", and the part of Client::DocumentConnection that carries the
// conversation's decisions out — an outbox (in memory: entry ids and updates, compacted while
// offline), local updates taken from the document's observer, replies put on the link, the
// epoch recorded. What well-formed traffic never causes (a close, a refusal, an epoch mismatch,
// read-only) is collected in problems(). Time is read from `clockMs`, owned by the test.
class SimClient
{
public:
    struct Options
    {
        Chorus::Crdt::ClientId clientId = 1;
        bool offersChorus = true; // offers chorus.1 in the handshake
        QString token; // sent first on chorus.1 (DocumentConnection::Options::token)
        // Offline, past this many entries the outbox is merged into one. DocumentConnection
        // waits for 256; a short run reaches a small number.
        int compactAt = 6;
    };

    SimClient(const Options &options, const qint64 *clockMs);
    ~SimClient();
    SimClient(const SimClient &) = delete;
    SimClient &operator=(const SimClient &) = delete;

    const Options &options() const { return m_options; }
    Chorus::Crdt::Doc &doc() { return m_doc; }
    QString text();
    SimLink *link() const { return m_link; }
    const Chorus::Protocol::ClientConversation &conversation() const { return m_conversation; }
    const QList<Chorus::Protocol::ClientConversation::Edit> &outbox() const { return m_outbox; }
    QString epoch() const { return m_epoch; }
    const QStringList &problems() const { return m_problems; }
    qsizetype confirmedCount() const { return m_confirmedCount; } // entries the host confirmed

    // The handshake completed on `link` (link->chorus: the host selected chorus.1).
    void opened(SimLink *link);
    void receive(const QByteArray &message);
    // The link is gone (dropped: no close frame came).
    void connectionLost();
    void tick();
    void setLocalState(const QJsonObject &state);

private:
    void onDocUpdate(const QByteArray &update, Chorus::Crdt::Origin from);
    void carryOut(const Chorus::Protocol::ClientOutput &output);
    void react(const Chorus::Protocol::ClientEvent &event);
    void compactOutbox();
    Chorus::Crdt::Origin origin() const { return reinterpret_cast<Chorus::Crdt::Origin>(this); }

    Options m_options;
    const qint64 *m_clock;
    Chorus::Crdt::Doc m_doc;
    Chorus::Protocol::ClientConversation m_conversation;
    Chorus::Crdt::ObserverId m_observer = 0;
    QList<Chorus::Protocol::ClientConversation::Edit> m_outbox;
    quint64 m_nextEditId = 1;
    QString m_epoch;
    SimLink *m_link = nullptr;
    QStringList m_problems;
    qsizetype m_confirmedCount = 0;
};
