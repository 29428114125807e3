// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/decodeerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Chorus::Protocol {

// One client's entry in an awareness update: y-protocols' (clientID, clock, JSON state).
// `json` is the state's JSON text as written on the wire; the text "null" removes the client.
struct AwarenessEntry
{
    quint64 clientId = 0;
    quint64 clock = 0;
    QByteArray json; // UTF-8 JSON text; "null" for a removal

    bool isRemoval() const;
    bool operator==(const AwarenessEntry &) const = default;
};

struct DecodedAwarenessUpdate
{
    QList<AwarenessEntry> entries; // empty when error is set: never partial
    Crdt::DecodeError error;

    bool isOk() const { return !error.isError(); }
};

// awarenessUpdate := varuint n, n * (varuint clientID, varuint clock, varString json).
// Every state must be valid JSON (an error otherwise, at the string's offset), as y-protocols'
// JSON.parse would throw on it. At most maxEntries entries (a bound for untrusted input).
DecodedAwarenessUpdate decodeAwarenessUpdate(QByteArrayView bytes, qsizetype maxEntries = 100000);
QByteArray encodeAwarenessUpdate(const QList<AwarenessEntry> &entries);

} // namespace Chorus::Protocol
