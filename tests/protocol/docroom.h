// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/doc.h"
#include "crdt/statevector.h"
#include "crdt/text.h"
#include "crdt/updates.h"
#include "protocol/awareness.h"
#include "protocol/syncroom.h"

// A Protocol::SyncRoom held in memory over one Crdt::Doc, for tests that drive
// HostConversation without a host. The host's own rooms work at the update level
// (RoomDocument); this gives the same answers with a whole document, so a test can also read
// the room's text. `outcome` picks what applyUpdate() reports: Applied (the embedded host),
// AppliedUnconfirmed (Redis mode: the test confirms durability itself) or Ignored (the session
// index: validated, never applied). Its awareness has client id 0, as the hosts' rooms do.
// Not thread-safe.
class DocRoom final : public Chorus::Protocol::SyncRoom
{
public:
    explicit DocRoom(const QString &epochId = QStringLiteral("E1"),
                     Chorus::Crdt::ClientId clientId = 999)
        : m_epoch(epochId)
        , m_doc(clientId)
    { }

    QString epoch() const override { return m_epoch; }
    QByteArray encodeStateVector() override { return m_doc.encodeStateVector(); }
    QByteArray encodeMissing(QByteArrayView stateVector, Chorus::Crdt::DecodeError *error) override
    {
        // Doc::encodeStateAsUpdate reads a malformed state vector as "nothing": decode it
        // first so the conversation can close the sender instead.
        Chorus::Crdt::StateVector::decode(stateVector, error);
        if (error->isError()) {
            return {};
        }
        return m_doc.encodeStateAsUpdate(stateVector);
    }
    ApplyResult applyUpdate(const QByteArray &update) override
    {
        ApplyResult result;
        result.outcome = outcome;
        result.error = outcome == Outcome::Ignored ? Chorus::Crdt::validateUpdate(update)
                                                   : m_doc.applyUpdate(update).error;
        return result;
    }
    bool wouldAddInserts(const QByteArray &update) override
    {
        // A scratch copy takes the update; new inserts show as a state vector that moved.
        Chorus::Crdt::Doc copy(m_doc.clientId());
        copy.applyUpdate(m_doc.encodeStateAsUpdate());
        const QByteArray before = copy.encodeStateVector();
        return copy.applyUpdate(update).ok() && copy.encodeStateVector() != before;
    }
    Chorus::Protocol::Awareness &awareness() override { return m_awareness; }

    Chorus::Crdt::Doc &document() { return m_doc; }
    QString text(const QString &name = QStringLiteral("content"))
    {
        return m_doc.text(name).toString();
    }

    Outcome outcome = Outcome::Applied;

private:
    QString m_epoch;
    Chorus::Crdt::Doc m_doc;
    Chorus::Protocol::Awareness m_awareness { 0 };
};
