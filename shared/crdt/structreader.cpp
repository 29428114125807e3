// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "structreader.h"

#include "limits.h"

namespace Chorus::Crdt {

StructReader::StructReader(UpdateDecoderV1 &dec)
    : m_dec(dec)
{
    m_numClients = dec.readVarUint();
    // every section takes at least three bytes
    if (m_numClients > quint64(dec.remaining()) / 3 + 1) {
        dec.failAt(0, DecodeError::Code::LengthTooLarge,
                   QStringLiteral("%1 client sections declared").arg(m_numClients));
    } else if (m_numClients > Limits::MaxClients) {
        dec.failAt(0, DecodeError::Code::OverLimit,
                   QStringLiteral("%1 client sections, more than the limit of %2")
                       .arg(m_numClients)
                       .arg(Limits::MaxClients));
    }
}

bool StructReader::nextSection()
{
    Q_ASSERT(m_struct == m_numStructs || !m_dec.ok());
    if (!m_dec.ok() || m_section >= m_numClients) {
        return false;
    }
    ++m_section;
    const qsizetype countAt = m_dec.offset();
    m_numStructs = m_dec.readVarUint();
    m_client = m_dec.readClient();
    m_sectionClock = m_dec.readVarUint();
    m_clock = m_sectionClock;
    m_struct = 0;
    if (m_numStructs > quint64(m_dec.remaining())) {
        m_dec.failAt(countAt, DecodeError::Code::LengthTooLarge,
                     QStringLiteral("%1 structs declared").arg(m_numStructs));
    }
    return m_dec.ok();
}

bool StructReader::nextStruct(Struct *out)
{
    if (!m_dec.ok() || m_struct >= m_numStructs) {
        return false;
    }
    ++m_struct;
    m_structOffset = m_dec.offset();
    *out = readStruct(m_dec, m_client, m_clock);
    m_clock += out->length;
    return m_dec.ok();
}

UpdateScan scanUpdate(QByteArrayView update)
{
    UpdateScan scan;
    UpdateDecoderV1 dec(update);
    StructReader reader(dec);
    Struct s;
    while (reader.nextSection()) {
        while (reader.nextStruct(&s)) {
            ++scan.structs;
            scan.hasTypes = scan.hasTypes || s.content.kind == ContentKind::Type;
        }
    }
    scan.deleteSetOffset = dec.offset();
    DeleteSet::skip(dec);
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes,
                 QStringLiteral("%1 bytes after the delete set").arg(dec.remaining()));
    }
    scan.error = dec.error();
    return scan;
}

} // namespace Chorus::Crdt
