#pragma once

#include "crdt/decodeerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Chorus::Host {

// A room's document as the host keeps it: at the update level, never integrated. An incoming
// update is validated whole (rejected whole on error) and appended; the appended updates are
// folded into one merged update lazily (when a peer asks for the missing part, or every
// FoldEvery updates), so relaying an update costs one decode and no integration.
// Answers a SyncStep1 with exactly the missing part (yjs diffUpdate).
// Not thread-safe; owned by one Room.
class RoomDocument
{
public:
    static constexpr int FoldEvery = 256;

    // Appends an update from a peer or from disk after validating it. On error nothing changed.
    Crdt::DecodeError applyUpdate(const QByteArray &update);
    // Appends without validating (updates that were validated before they were stored).
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

    QList<QByteArray> m_updates; // m_updates[0] is the merged prefix once folded
    qsizetype m_bytes = 0;
};

} // namespace Chorus::Host
