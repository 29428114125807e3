// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "relativeposition.h"

#include "doc.h"
#include "docimpl.h"
#include "lib0decoder.h"
#include "lib0encoder.h"
#include "text.h"

#include <QJsonValue>

namespace Chorus::Crdt {

namespace {
QJsonObject idToJson(ID id)
{
    return QJsonObject { { QStringLiteral("client"), double(id.client) },
                         { QStringLiteral("clock"), double(id.clock) } };
}

std::optional<ID> idFromJson(const QJsonValue &v)
{
    if (!v.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    const double client = o.value(QStringLiteral("client")).toDouble(-1);
    const double clock = o.value(QStringLiteral("clock")).toDouble(-1);
    if (client < 0 || clock < 0 || client > 9007199254740991.0 || clock > 9007199254740991.0) {
        return std::nullopt;
    }
    return ID { quint64(client), quint64(clock) };
}

RelativePosition make(const YType *type, std::optional<ID> item, qint64 assoc)
{
    RelativePosition r;
    if (type->isRoot()) {
        r.tname = type->name;
    } else {
        r.type = type->item->id;
    }
    r.item = item;
    r.assoc = assoc;
    return r;
}

struct Absolute
{
    const YType *type = nullptr;
    qsizetype index = 0;
};

std::optional<Absolute> resolve(const RelativePosition &rpos, DocImpl *d)
{
    const YType *type = nullptr;
    quint64 index = 0;
    if (rpos.item) {
        const ID rightID = *rpos.item;
        if (d->store.getState(rightID.client) <= rightID.clock) {
            return std::nullopt;
        }
        const Item *right = d->store.find(rightID);
        if (right->isGC() || !right->parent) {
            return std::nullopt;
        }
        type = right->parent;
        if (!type->item || !type->item->deleted()) {
            const quint64 diff = rightID.clock - right->id.clock;
            index
                = (right->deleted() || !right->countable()) ? 0 : diff + (rpos.assoc >= 0 ? 0 : 1);
            for (const Item *n = right->left; n; n = n->left) {
                index += n->visibleLength();
            }
        }
    } else {
        if (rpos.tname) {
            type = d->get(*rpos.tname);
        } else if (rpos.type) {
            const ID typeID = *rpos.type;
            if (d->store.getState(typeID.client) <= typeID.clock) {
                return std::nullopt;
            }
            const Item *it = d->store.find(typeID);
            if (it->isGC() || it->content.kind != ContentKind::Type) {
                return std::nullopt;
            }
            type = it->content.ext->type;
        } else {
            return std::nullopt;
        }
        index = rpos.assoc >= 0 ? type->length : 0;
    }
    return Absolute { type, qsizetype(index) };
}
} // namespace

QJsonObject RelativePosition::toJson() const
{
    QJsonObject json;
    if (type) {
        json.insert(QStringLiteral("type"), idToJson(*type));
    }
    if (tname && !tname->isEmpty()) {
        json.insert(QStringLiteral("tname"), *tname);
    }
    if (item) {
        json.insert(QStringLiteral("item"), idToJson(*item));
    }
    json.insert(QStringLiteral("assoc"), double(assoc));
    return json;
}

std::optional<RelativePosition> RelativePosition::fromJson(const QJsonObject &json)
{
    RelativePosition r;
    const QJsonValue type = json.value(QStringLiteral("type"));
    if (!type.isNull() && !type.isUndefined()) {
        r.type = idFromJson(type);
        if (!r.type) {
            return std::nullopt;
        }
    }
    const QJsonValue tname = json.value(QStringLiteral("tname"));
    if (tname.isString()) {
        r.tname = tname.toString();
    }
    const QJsonValue item = json.value(QStringLiteral("item"));
    if (!item.isNull() && !item.isUndefined()) {
        r.item = idFromJson(item);
        if (!r.item) {
            return std::nullopt;
        }
    }
    const QJsonValue assoc = json.value(QStringLiteral("assoc"));
    r.assoc = assoc.isDouble() ? qint64(assoc.toDouble()) : 0;
    if (!r.type && !r.tname && !r.item) {
        return std::nullopt;
    }
    return r;
}

QByteArray RelativePosition::encode() const
{
    Lib0Encoder enc;
    if (item) {
        enc.writeVarUint(0);
        enc.writeVarUint(item->client);
        enc.writeVarUint(item->clock);
    } else if (tname) {
        enc.writeUint8(1);
        enc.writeVarString(*tname);
    } else if (type) {
        enc.writeUint8(2);
        enc.writeVarUint(type->client);
        enc.writeVarUint(type->clock);
    }
    enc.writeVarInt(assoc);
    return enc.take();
}

std::optional<RelativePosition> RelativePosition::decode(QByteArrayView bytes, DecodeError *error)
{
    Lib0Decoder dec(bytes);
    RelativePosition r;
    const quint64 kind = dec.readVarUint();
    switch (kind) {
    case 0: {
        const quint64 client = dec.readVarUint();
        r.item = ID { client, dec.readVarUint() };
        break;
    }
    case 1: r.tname = dec.readVarString(); break;
    case 2: {
        const quint64 client = dec.readVarUint();
        r.type = ID { client, dec.readVarUint() };
        break;
    }
    default:
        if (dec.ok()) {
            dec.failAt(0, DecodeError::Code::UnknownType,
                       QStringLiteral("relative position kind %1").arg(kind));
        }
    }
    if (dec.ok() && !dec.atEnd()) {
        r.assoc = dec.readVarInt();
    }
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes);
    }
    if (error) {
        *error = dec.error();
    }
    if (!dec.ok()) {
        return std::nullopt;
    }
    return r;
}

RelativePosition createRelativePositionFromTypeIndex(const Text &text, qsizetype index,
                                                     qint64 assoc)
{
    const YType *type = text.type();
    quint64 i = quint64(std::max<qsizetype>(index, 0));
    if (assoc < 0) {
        if (i == 0) {
            return make(type, std::nullopt, assoc);
        }
        --i;
    }
    for (const Item *t = type->start; t; t = t->right) {
        if (!t->deleted() && t->countable()) {
            if (t->length > i) {
                return make(type, ID { t->id.client, t->id.clock + i }, assoc);
            }
            i -= t->length;
        }
        if (!t->right && assoc < 0) {
            return make(type, t->lastId(), assoc);
        }
    }
    return make(type, std::nullopt, assoc);
}

std::optional<qsizetype> createAbsolutePositionFromRelativePosition(const RelativePosition &rpos,
                                                                    Doc &doc)
{
    const auto abs = resolve(rpos, doc.impl());
    return abs ? std::optional<qsizetype>(abs->index) : std::nullopt;
}

std::optional<qsizetype> createAbsolutePositionFromRelativePosition(const RelativePosition &rpos,
                                                                    const Text &text)
{
    const auto abs = resolve(rpos, text.doc());
    if (!abs || abs->type != text.type()) {
        return std::nullopt;
    }
    return abs->index;
}

} // namespace Chorus::Crdt
