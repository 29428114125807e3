// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "id.h"
#include "lib0decoder.h"

namespace Chorus::Crdt {

// Update format v1 reader (yjs UpdateDecoder.js, UpdateDecoderV1 and DSDecoderV1) over the
// sticky-error lib0 decoder: after the first error every read yields zero and error() tells
// what and where.
class UpdateDecoderV1 : public Lib0Decoder
{
public:
    using Lib0Decoder::Lib0Decoder;

    ID readLeftID()
    {
        const quint64 client = readVarUint();
        return ID { client, readVarUint() };
    }
    ID readRightID() { return readLeftID(); }
    ClientId readClient() { return readVarUint(); }
    quint8 readInfo() { return readUint8(); }
    QString readString() { return readVarString(); }
    bool readParentInfo() { return readVarUint() == 1; }
    quint64 readTypeRef() { return readVarUint(); }
    quint64 readLen() { return readVarUint(); }
    QString readKey() { return readVarString(); }
    QString readJSONString() { return readVarString(); }
    QByteArray readBuf() { return readVarUint8Array().toByteArray(); }
    quint64 readDsClock() { return readVarUint(); }
    quint64 readDsLen() { return readVarUint(); }
};

} // namespace Chorus::Crdt
