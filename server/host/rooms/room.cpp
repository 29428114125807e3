// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/rooms/room.h"

namespace Chorus::Host {

Room::ApplyResult Room::applyUpdate(const QByteArray &update)
{
    if (m_isIndex) {
        // The index is written by the host only; a client's edits to it are ignored (still
        // acknowledged: they are not lost, they were never the client's to make).
        return { RoomDocument().applyUpdate(update), Outcome::Ignored };
    }
    return { document.applyUpdate(update),
             m_durableLater ? Outcome::AppliedUnconfirmed : Outcome::Applied };
}

bool Room::wouldAddInserts(const QByteArray &update)
{
    RoomDocument probe = document; // shares the stored updates; nothing is copied
    const QByteArray before = document.encodeStateVector();
    return !probe.applyUpdate(update).isError() && probe.encodeStateVector() != before;
}

} // namespace Chorus::Host
