// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/decodeerror.h"
#include "crdt/nestingindex.h"
#include "crdt/updates.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Chorus::Host {

// A room's document as the host keeps it: at the update level, never integrated. An incoming
// update is validated whole (rejected whole on error) and appended; the appended updates are
// folded into one merged update lazily (when a peer asks for the missing part, or every
// FoldEvery updates), so relaying an update costs one decode and no integration.
// Answers a SyncStep1 with exactly the missing part (yjs diffUpdate). The merged state, its
// state vector and the replies to a fresh joiner (empty state vector) and to an up-to-date peer
// are cached until the next update, so a burst of joins costs one fold and one diff, not one
// per peer; other state vectors are diffed through an index of the state's client sections, so
// the sections a peer has cost nothing. Every update-level operation streams its structs
// (Crdt::StructReader): memory per message stays a small multiple of its bytes. A type nested past
// Crdt::Limits::MaxNesting on top of what the room holds is refused (NestingIndex). Not
// thread-safe; owned by one Room.
class RoomDocument
{
public:
    static constexpr int FoldEvery = 256;

    // Appends an update from a peer after validating it (well formed, nesting within the
    // limit). On error nothing changed.
    Crdt::DecodeError applyUpdate(const QByteArray &update);
    // Appends without validating (updates that were validated before they were stored, or the
    // host's own).
    void appendTrusted(const QByteArray &update);
    QByteArray encodeStateVector();
    // The update that brings a peer with `stateVector` up to date (the reply to its SyncStep1).
    // An undecodable state vector sets `error`.
    QByteArray encodeMissing(QByteArrayView stateVector, Crdt::DecodeError *error);
    // The whole document as one update.
    QByteArray encodeStateAsUpdate();
    qsizetype byteSize() const { return m_bytes; }

    // The update that sets documents[name] = {created, epoch} in the root Y.Map "documents" of
    // the session index, written by `clientId` at `clock` (a first set: no origin, no delete).
    static QByteArray indexEntryUpdate(quint32 clientId, quint64 clock, const QString &name,
                                       qint64 createdMs, const QString &epoch);

private:
    void fold();
    void changed();

    QList<QByteArray> m_updates; // m_updates[0] is the merged prefix once folded
    qsizetype m_bytes = 0;
    Crdt::NestingIndex m_nesting;
    // Caches of the folded state, null when stale.
    QByteArray m_stateVector;
    QByteArray m_fullState; // the diff against an empty state vector
    QByteArray m_upToDate; // the diff against m_stateVector: no structs, the delete set
    Crdt::SectionIndex m_sections; // of the folded state
    bool m_sectionsValid = false;
};

} // namespace Chorus::Host
