// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/rooms/roomdocument.h"
#include "protocol/awareness.h"
#include "protocol/syncroom.h"

#include <QList>
#include <QString>

namespace Chorus::Host {

class Peer;

// One document being served: its stored identity (row id, epoch), its content at the update
// level, the awareness states of its peers, and who is connected. A Room is loaded on the
// first join and unloaded when it has had no peers for a while; what it holds in memory is
// always also on disk (the log of updates) except awareness, which is ephemeral by design.
// Its peers' conversations (Protocol::HostConversation) talk to it as their SyncRoom.
// Owned by the Server; main (host) thread only.
class Room final : public Protocol::SyncRoom
{
public:
    // `isIndex`: the session index, which takes no edits from clients. `durableLater`: Redis
    // mode, where an update is durable (and acknowledged) once Redis confirms it.
    Room(const QString &roomName, qint64 id, const QString &roomEpoch, quint64 awarenessId,
         bool isIndex, bool durableLater)
        : name(roomName)
        , documentId(id)
        , m_epoch(roomEpoch)
        , m_awareness(awarenessId)
        , m_isIndex(isIndex)
        , m_durableLater(durableLater)
    { }

    // SyncRoom
    QString epoch() const override { return m_epoch; }
    QByteArray encodeStateVector() override { return document.encodeStateVector(); }
    QByteArray encodeMissing(QByteArrayView stateVector, Crdt::DecodeError *error) override
    {
        return document.encodeMissing(stateVector, error);
    }
    ApplyResult applyUpdate(const QByteArray &update) override;
    bool wouldAddInserts(const QByteArray &update) override;
    Protocol::Awareness &awareness() override { return m_awareness; }

    const QString name;
    const qint64 documentId;
    RoomDocument document;
    QList<Peer *> peers;
    qint64 emptySinceMs = 0; // when the last peer left
    qint64 storedRows = 0; // rows in the log (approximate once compaction ran)
    qint64 rowsSinceCompaction = 0;
    bool compacting = false;

private:
    const QString m_epoch;
    Protocol::Awareness m_awareness;
    const bool m_isIndex;
    const bool m_durableLater;
};

} // namespace Chorus::Host
