// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "awarenessupdate.h"

#include "awarenessjson.h"
#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"

namespace Chorus::Protocol {

using Crdt::DecodeError;

bool AwarenessEntry::isRemoval() const
{
    return parseAwarenessJson(json).isNull();
}

DecodedAwarenessUpdate decodeAwarenessUpdate(QByteArrayView bytes, qsizetype maxEntries)
{
    Crdt::Lib0Decoder dec(bytes);
    DecodedAwarenessUpdate out;
    const qsizetype countAt = dec.offset();
    const quint64 count = dec.readVarUint();
    // Each entry takes at least 3 bytes, so a count past that is a lie about the length.
    if (dec.ok() && (count > quint64(maxEntries) || count > quint64(dec.remaining()) / 3)) {
        dec.failAt(countAt, DecodeError::Code::LengthTooLarge,
                   QStringLiteral("%1 awareness entries declared").arg(count));
    }
    QList<AwarenessEntry> entries;
    if (dec.ok()) {
        entries.reserve(qsizetype(count));
    }
    for (quint64 i = 0; dec.ok() && i < count; ++i) {
        AwarenessEntry entry;
        entry.clientId = dec.readVarUint();
        entry.clock = dec.readVarUint();
        const qsizetype jsonAt = dec.offset();
        entry.json = dec.readVarStringUtf8().toByteArray();
        if (dec.ok() && !isValidAwarenessJson(entry.json)) {
            dec.failAt(jsonAt, DecodeError::Code::Malformed,
                       QStringLiteral("awareness state is not JSON"));
        }
        entries.append(std::move(entry));
    }
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes,
                 QStringLiteral("%1 bytes after the awareness update").arg(dec.remaining()));
    }
    if (!dec.ok()) {
        out.error = dec.error();
        return out;
    }
    out.entries = std::move(entries);
    return out;
}

QByteArray encodeAwarenessUpdate(const QList<AwarenessEntry> &entries)
{
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(quint64(entries.size()));
    for (const AwarenessEntry &entry : entries) {
        enc.writeVarUint(entry.clientId);
        enc.writeVarUint(entry.clock);
        enc.writeVarStringUtf8(entry.json);
    }
    return enc.take();
}

} // namespace Chorus::Protocol
