// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/decodeerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Chorus::Protocol {

class Awareness;

// The room a HostConversation talks to: one document as a host serves it, seen from one
// connection's conversation. The host's rooms (over their RoomDocument) and the tests' mini host
// (over one merged update) implement it; HostConversation decides what to ask and when, the room
// only answers. Updates and state vectors are untrusted bytes: the room validates them.
// Not thread-safe; used on the thread that owns the room.
class SyncRoom
{
public:
    // What became of an update a peer sent (applyUpdate).
    enum class Outcome {
        Applied, // part of the room now; acknowledged once the adapter made it durable
        AppliedUnconfirmed, // part of the room, durable later: the adapter confirms it
                            // (HostConversation::confirmDurable), and only then is it acked
        Ignored, // well formed but not the sender's to make (the session index): acked at once
    };
    struct ApplyResult
    {
        Crdt::DecodeError error; // set: nothing changed and the sender is closed
        Outcome outcome = Outcome::Applied;
    };

    virtual ~SyncRoom() = default;

    // The document's epoch (docs/protocol.md "Epoch").
    virtual QString epoch() const = 0;
    // The room's state vector (what the host's SyncStep1 carries).
    virtual QByteArray encodeStateVector() = 0;
    // The update that brings a peer with `stateVector` up to date (the SyncStep2 reply). An
    // undecodable state vector sets `error`.
    virtual QByteArray encodeMissing(QByteArrayView stateVector, Crdt::DecodeError *error) = 0;
    // Validates and applies a peer's update, all or nothing.
    virtual ApplyResult applyUpdate(const QByteArray &update) = 0;
    // Would `update` add inserts the room lacks? Changes nothing; a malformed update adds none.
    // (A read-only peer is told its edits are dropped only when they were edits.)
    virtual bool wouldAddInserts(const QByteArray &update) = 0;
    // The awareness states of the room's peers.
    virtual Awareness &awareness() = 0;
};

} // namespace Chorus::Protocol
