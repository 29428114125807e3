// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodedupdate.h"

#include "structreader.h"
#include "updatedecoder.h"
#include "updateencoder.h"

#include <algorithm>

namespace Chorus::Crdt {

namespace {
constexpr quint8 Bit6 = 0x20; // parentSub is present
constexpr quint8 Bit7 = 0x40; // right origin is present
constexpr quint8 Bit8 = 0x80; // origin is present
constexpr quint8 Bits5 = 0x1f;
} // namespace

// See docs/update-format.md.
Struct readStruct(UpdateDecoderV1 &dec, ClientId client, quint64 clock)
{
    const qsizetype start = dec.offset();
    Struct s;
    s.id = ID { client, clock };
    const quint8 info = dec.readInfo();
    if (info == quint8(ContentKind::Skip)) {
        s.content.kind = ContentKind::Skip;
        s.length = dec.readVarUint();
    } else if ((info & Bits5) == 0) {
        s.content.kind = ContentKind::GC;
        s.length = dec.readLen();
    } else {
        s.hasOrigin = info & Bit8;
        s.hasRightOrigin = info & Bit7;
        if (s.hasOrigin) {
            s.origin = dec.readLeftID();
        }
        if (s.hasRightOrigin) {
            s.rightOrigin = dec.readRightID();
        }
        if (!s.hasOrigin && !s.hasRightOrigin) {
            if (dec.readParentInfo()) {
                s.parent = Struct::Parent::Name;
                s.parentName = dec.readString();
            } else {
                s.parent = Struct::Parent::Id;
                s.parentId = dec.readLeftID();
            }
            if (info & Bit6) {
                s.hasParentSub = true;
                s.parentSub = dec.readString();
            }
        }
        s.content = Content::read(dec, info & Bits5, &s.length);
    }
    // A reference to the same client can only point to an earlier clock: the item it names
    // existed when this one was made. Anything else is forged and could not be resolved.
    const bool forwardRef = (s.hasOrigin && s.origin.client == client && s.origin.clock >= clock)
        || (s.hasRightOrigin && s.rightOrigin.client == client && s.rightOrigin.clock >= clock)
        || (s.parent == Struct::Parent::Id && s.parentId.client == client
            && s.parentId.clock >= clock);
    if (dec.ok() && forwardRef) {
        dec.failAt(start, DecodeError::Code::Malformed,
                   QStringLiteral("reference to a later clock of the same client"));
    }
    if (dec.ok() && s.length == 0) {
        dec.failAt(start, DecodeError::Code::Malformed, QStringLiteral("zero-length struct"));
    }
    if (dec.ok() && clock + s.length > Lib0Decoder::MaxSafeInteger) {
        dec.failAt(start, DecodeError::Code::IntegerOverflow, QStringLiteral("clock past 2^53"));
    }
    return s;
}

Struct Struct::clone() const
{
    Struct s;
    s.id = id;
    s.length = length;
    s.hasOrigin = hasOrigin;
    s.hasRightOrigin = hasRightOrigin;
    s.hasParentSub = hasParentSub;
    s.parent = parent;
    s.origin = origin;
    s.rightOrigin = rightOrigin;
    s.parentId = parentId;
    s.parentName = parentName;
    s.parentSub = parentSub;
    s.content = content.clone();
    return s;
}

Struct Struct::sliced(quint64 diff) const
{
    Struct s = clone();
    s.id.clock += diff;
    s.length -= diff;
    if (isItem()) {
        s.hasOrigin = true;
        s.origin = ID { id.client, id.clock + diff - 1 };
        Content copy = content.clone();
        s.content = copy.splice(diff);
    }
    return s;
}

void Struct::write(UpdateEncoderV1 &enc, quint64 offset) const
{
    if (isGC()) {
        enc.writeInfo(0);
        enc.writeLen(length - offset);
        return;
    }
    if (isSkip()) {
        enc.writeInfo(quint8(ContentKind::Skip));
        enc.writeVarUint(length - offset);
        return;
    }
    const bool withOrigin = offset > 0 || hasOrigin;
    const ID o = offset > 0 ? ID { id.client, id.clock + offset - 1 } : origin;
    const quint8 info = (quint8(content.kind) & Bits5) | (withOrigin ? Bit8 : 0)
        | (hasRightOrigin ? Bit7 : 0) | (hasParentSub ? Bit6 : 0);
    enc.writeInfo(info);
    if (withOrigin) {
        enc.writeLeftID(o);
    }
    if (hasRightOrigin) {
        enc.writeRightID(rightOrigin);
    }
    if (!withOrigin && !hasRightOrigin) {
        if (parent == Parent::Name) {
            enc.writeParentInfo(true);
            enc.writeString(parentName);
        } else {
            enc.writeParentInfo(false);
            enc.writeLeftID(parentId);
        }
        if (hasParentSub) {
            enc.writeString(parentSub);
        }
    }
    content.write(enc, offset, length);
}

std::vector<ClientSection> readClientSections(UpdateDecoderV1 &dec, quint64 maxStructs)
{
    std::vector<ClientSection> sections;
    StructReader reader(dec);
    if (!dec.ok()) {
        return {};
    }
    sections.reserve(size_t(reader.sectionCount()));
    quint64 total = 0;
    while (reader.nextSection()) {
        total += reader.structCount();
        if (total > maxStructs) {
            dec.fail(DecodeError::Code::OverLimit,
                     QStringLiteral("more than %1 structs in one update").arg(maxStructs));
            return {};
        }
        ClientSection &sec = sections.emplace_back();
        sec.client = reader.client();
        sec.clock = reader.sectionClock();
        // a struct takes at least two bytes
        sec.structs.reserve(size_t(std::min(reader.structCount(), quint64(dec.remaining()) / 2)));
        Struct s;
        while (reader.nextStruct(&s)) {
            sec.structs.push_back(std::move(s));
        }
    }
    return sections;
}

DecodedUpdate DecodedUpdate::decode(QByteArrayView bytes, DecodeError *error, quint64 maxStructs)
{
    UpdateDecoderV1 dec(bytes);
    DecodedUpdate u;
    u.sections = readClientSections(dec, maxStructs);
    u.deleteSet = DeleteSet::read(dec);
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes,
                 QStringLiteral("%1 bytes after the delete set").arg(dec.remaining()));
    }
    if (error) {
        *error = dec.error();
    }
    if (!dec.ok()) {
        return {};
    }
    return u;
}

} // namespace Chorus::Crdt
