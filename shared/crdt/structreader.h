// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodedupdate.h"
#include "updatedecoder.h"

#include <QByteArrayView>

namespace Chorus::Crdt {

// Reads the struct sections of a v1 update one struct at a time (yjs lazyStructReaderGenerator)
// so that an update-level operation (validate, merge, diff, state vector) keeps one decoded
// struct in memory instead of all of them: a decoded struct costs ~200 bytes while its wire form
// can be 2 (a GC run), so decoding a 16 MiB update whole would cost gigabytes. Errors go to the
// decoder (sticky); after an error the reader yields nothing more. Not copyable (it borrows the
// decoder); one thread.
class StructReader
{
public:
    // Reads the section count; the decoder must stand at the start of an update.
    explicit StructReader(UpdateDecoderV1 &dec);
    // Reads `sections` sections from where the decoder stands (a section header), for a caller
    // that knows where the sections of a valid update start (SectionIndex).
    StructReader(UpdateDecoderV1 &dec, quint64 sections)
        : m_dec(dec)
        , m_numClients(sections)
    { }
    StructReader(const StructReader &) = delete;
    StructReader &operator=(const StructReader &) = delete;

    quint64 sectionCount() const { return m_numClients; }
    // Moves to the next client section's header; false at the end of the sections or on error.
    // The rest of the current section must have been read.
    bool nextSection();
    ClientId client() const { return m_client; }
    quint64 sectionClock() const { return m_sectionClock; }
    quint64 structCount() const { return m_numStructs; }
    // Reads the next struct of the current section into *out; false when the section is done or
    // on error.
    bool nextStruct(Struct *out);
    qsizetype structOffset() const { return m_structOffset; } // where the last struct started

private:
    UpdateDecoderV1 &m_dec;
    quint64 m_numClients = 0;
    quint64 m_section = 0;
    quint64 m_numStructs = 0;
    quint64 m_struct = 0;
    ClientId m_client = 0;
    quint64 m_sectionClock = 0;
    quint64 m_clock = 0;
    qsizetype m_structOffset = 0;
};

// What a scan of a whole update found (see scanUpdate).
struct UpdateScan
{
    DecodeError error;
    qsizetype deleteSetOffset = 0; // where the delete set starts
    quint64 structs = 0;
    bool hasTypes = false; // some struct holds a ContentType (a nested shared type)
};

// Checks a whole update as DecodedUpdate::decode does (same errors, same offsets) while keeping
// nothing: memory stays constant whatever the update holds.
UpdateScan scanUpdate(QByteArrayView update);

} // namespace Chorus::Crdt
