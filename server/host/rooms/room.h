// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/awareness.h"
#include "host/rooms/roomdocument.h"

#include <QList>
#include <QString>

namespace Chorus::Host {

class Peer;

// One document being served: its stored identity (row id, epoch), its content at the update
// level, the awareness states of its peers, and who is connected. A Room is loaded on the
// first join and unloaded when it has had no peers for a while; what it holds in memory is
// always also on disk (the log of updates) except awareness, which is ephemeral by design.
// Owned by the Server; main (host) thread only.
class Room
{
public:
    Room(const QString &roomName, qint64 id, const QString &roomEpoch, quint64 awarenessId)
        : name(roomName)
        , documentId(id)
        , epoch(roomEpoch)
        , awareness(awarenessId)
    { }

    const QString name;
    const qint64 documentId;
    const QString epoch;
    RoomDocument document;
    Protocol::Awareness awareness;
    QList<Peer *> peers;
    qint64 emptySinceMs = 0; // when the last peer left
    qint64 storedRows = 0; // rows in the log (approximate once compaction ran)
    qint64 rowsSinceCompaction = 0;
    bool compacting = false;
};

} // namespace Chorus::Host
