// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "id.h"
#include "lib0encoder.h"

namespace Chorus::Crdt {

// Update format v1 writer (yjs UpdateEncoder.js, UpdateEncoderV1 and DSEncoderV1): every
// field is a plain lib0 primitive in one stream. Method names follow yjs so that a port reads
// line by line. See docs/update-format.md for the grammar.
class UpdateEncoderV1 : public Lib0Encoder
{
public:
    void writeLeftID(ID id)
    {
        writeVarUint(id.client);
        writeVarUint(id.clock);
    }
    void writeRightID(ID id) { writeLeftID(id); }
    void writeClient(ClientId client) { writeVarUint(client); }
    void writeInfo(quint8 info) { writeUint8(info); }
    void writeString(const QString &s) { writeVarString(s); }
    void writeParentInfo(bool isYKey) { writeVarUint(isYKey ? 1 : 0); }
    void writeTypeRef(quint64 ref) { writeVarUint(ref); }
    void writeLen(quint64 len) { writeVarUint(len); }
    void writeKey(const QString &key) { writeVarString(key); }
    void writeJSONString(const QString &json) { writeVarString(json); }
    void writeBuf(const QByteArray &buf) { writeVarUint8Array(buf); }
    void writeDsClock(quint64 clock) { writeVarUint(clock); }
    void writeDsLen(quint64 len) { writeVarUint(len); }
};

} // namespace Chorus::Crdt
