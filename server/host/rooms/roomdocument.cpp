// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/rooms/roomdocument.h"

#include "crdt/any.h"
#include "crdt/lib0encoder.h"
#include "crdt/structreader.h"
#include "crdt/updates.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

Crdt::DecodeError RoomDocument::applyUpdate(const QByteArray &update)
{
    const Crdt::UpdateScan scan = Crdt::scanUpdate(update);
    if (scan.error.isError()) {
        return scan.error;
    }
    const Crdt::DecodeError error = m_nesting.add(update, scan);
    if (error.isError()) {
        return error;
    }
    m_updates.append(update);
    m_bytes += update.size();
    changed();
    return {};
}

void RoomDocument::appendTrusted(const QByteArray &update)
{
    const Crdt::UpdateScan scan = Crdt::scanUpdate(update);
    if (!scan.error.isError()) {
        m_nesting.add(update, scan, false);
    }
    m_updates.append(update);
    m_bytes += update.size();
    changed();
}

void RoomDocument::changed()
{
    m_stateVector = QByteArray();
    m_fullState = QByteArray();
    m_upToDate = QByteArray();
    m_sectionsValid = false;
    if (m_updates.size() >= FoldEvery) {
        fold();
    }
}

void RoomDocument::fold()
{
    if (m_updates.size() <= 1) {
        return;
    }
    Crdt::UpdateResult merged = Crdt::mergeUpdates(m_updates);
    if (!merged.ok()) {
        // Every update was validated before it got here, so this is an engine bug; keep the
        // unmerged list (still correct, only bigger) rather than lose anything.
        qCWarning(lcHost) << "merging a room's updates failed:" << merged.error.toString();
        return;
    }
    m_updates = { merged.update };
    m_bytes = merged.update.size();
}

QByteArray RoomDocument::encodeStateAsUpdate()
{
    fold();
    if (m_updates.isEmpty()) {
        return QByteArray("\x00\x00", 2); // no structs, empty delete set
    }
    return m_updates.constFirst();
}

QByteArray RoomDocument::encodeStateVector()
{
    if (m_stateVector.isNull()) {
        m_stateVector = Crdt::encodeStateVectorFromUpdate(encodeStateAsUpdate()).update;
    }
    return m_stateVector;
}

QByteArray RoomDocument::encodeMissing(QByteArrayView stateVector, Crdt::DecodeError *error)
{
    *error = {};
    // A fresh joiner sends the empty state vector (one zero byte); a peer that is in sync sends
    // ours. Both get a cached reply; anything else is diffed (streamed, nothing cached).
    const bool empty = stateVector.isEmpty() || stateVector == QByteArrayView("\x00", 1);
    QByteArray *cached = empty                               ? &m_fullState
        : stateVector == QByteArrayView(encodeStateVector()) ? &m_upToDate
                                                             : nullptr;
    if (cached && !cached->isNull()) {
        return *cached;
    }
    const QByteArray state = encodeStateAsUpdate();
    if (!m_sectionsValid) {
        m_sections = Crdt::indexSections(state);
        m_sectionsValid = true;
    }
    Crdt::UpdateResult diff = Crdt::diffUpdate(state, m_sections, stateVector);
    *error = diff.error;
    if (cached && diff.ok()) {
        *cached = diff.update;
    }
    return diff.update;
}

QByteArray RoomDocument::indexEntryUpdate(quint32 clientId, quint64 clock, const QString &name,
                                          qint64 createdMs, const QString &epoch)
{
    // Yjs update v1 with one Item (Item.write): ContentAny (ref 8) with the parentSub bit (0x20)
    // and neither origin, so the parent is written as a root type key.
    constexpr quint8 ContentAnyRef = 8;
    constexpr quint8 HasParentSub = 0x20;
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(1); // clients
    enc.writeVarUint(1); // structs of this client
    enc.writeVarUint(clientId);
    enc.writeVarUint(clock);
    enc.writeUint8(ContentAnyRef | HasParentSub);
    enc.writeVarUint(1); // parent is a root type, named by its key
    enc.writeVarString(QStringLiteral("documents"));
    enc.writeVarString(name);
    enc.writeVarUint(1); // ContentAny length
    Crdt::Any::object({ { QStringLiteral("created"), Crdt::Any::number(double(createdMs)) },
                        { QStringLiteral("epoch"), Crdt::Any::string(epoch) } })
        .write(enc);
    enc.writeVarUint(0); // empty delete set
    return enc.take();
}

} // namespace Chorus::Host
