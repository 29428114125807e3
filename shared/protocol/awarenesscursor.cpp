// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "awarenesscursor.h"

#include <cmath>

namespace Chorus::Protocol {

namespace {

using namespace Qt::StringLiterals;

// Numbers.MAX_SAFE_INTEGER: the largest client id or clock a JavaScript peer can send intact.
constexpr double maxSafeInteger = 9007199254740991.0;

bool isAbsent(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined();
}

std::optional<quint64> readCount(const QJsonValue &value)
{
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > maxSafeInteger || d != std::floor(d)) {
        return std::nullopt;
    }
    return quint64(d);
}

// An ID {client, clock}; `ok` turns false when the value is there but is no ID.
std::optional<Crdt::ID> readId(const QJsonValue &value, bool *ok)
{
    if (isAbsent(value)) {
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    const auto client = readCount(object.value("client"_L1));
    const auto clock = readCount(object.value("clock"_L1));
    if (!value.isObject() || !client || !clock) {
        *ok = false;
        return std::nullopt;
    }
    return Crdt::ID { *client, *clock };
}

// Yjs only looks at the sign of assoc (>= 0: the character to the right).
qint64 readAssoc(const QJsonValue &value)
{
    const double d = value.toDouble(0);
    if (!std::isfinite(d)) {
        return 0;
    }
    if (d == std::floor(d) && std::abs(d) <= maxSafeInteger) {
        return qint64(d);
    }
    return d < 0 ? -1 : 0;
}

QJsonValue writeId(const std::optional<Crdt::ID> &id)
{
    if (!id) {
        return QJsonValue::Null;
    }
    return QJsonObject { { "client"_L1, qint64(id->client) }, { "clock"_L1, qint64(id->clock) } };
}

} // namespace

AwarenessUser AwarenessCursorCodec::readUser(const QJsonValue &state)
{
    const QJsonObject user = state.toObject().value("user"_L1).toObject();
    return AwarenessUser { user.value("name"_L1).toString(), user.value("color"_L1).toString(),
                           user.value("colorLight"_L1).toString() };
}

std::optional<AwarenessCursor> AwarenessCursorCodec::readCursor(const QJsonValue &state)
{
    const QJsonObject object = state.toObject();
    for (const QString &field : { u"cursor"_s, u"selection"_s }) {
        const QJsonObject cursor = object.value(field).toObject();
        const auto anchor = readPosition(cursor.value("anchor"_L1));
        const auto head = readPosition(cursor.value("head"_L1));
        if (anchor && head) {
            return AwarenessCursor { field, *anchor, *head };
        }
    }
    return std::nullopt;
}

std::optional<Crdt::RelativePosition> AwarenessCursorCodec::readPosition(const QJsonValue &json)
{
    if (!json.isObject()) {
        return std::nullopt;
    }
    const QJsonObject object = json.toObject();
    bool ok = true;
    Crdt::RelativePosition position;
    position.type = readId(object.value("type"_L1), &ok);
    position.item = readId(object.value("item"_L1), &ok);
    const QJsonValue tname = object.value("tname"_L1);
    if (tname.isString()) {
        position.tname = tname.toString();
    } else if (!isAbsent(tname)) {
        ok = false;
    }
    position.assoc = readAssoc(object.value("assoc"_L1));
    if (!ok || (!position.type && !position.tname && !position.item)) {
        return std::nullopt;
    }
    return position;
}

QJsonObject AwarenessCursorCodec::writeUser(const AwarenessUser &user)
{
    return QJsonObject { { "name"_L1, user.name },
                         { "color"_L1, user.color },
                         { "colorLight"_L1, user.colorLight } };
}

QJsonObject AwarenessCursorCodec::writeCursor(const Crdt::RelativePosition &anchor,
                                              const Crdt::RelativePosition &head)
{
    return QJsonObject { { "anchor"_L1, writePosition(anchor) },
                         { "head"_L1, writePosition(head) } };
}

QJsonObject AwarenessCursorCodec::writePosition(const Crdt::RelativePosition &position)
{
    const QJsonValue tname
        = position.tname ? QJsonValue(*position.tname) : QJsonValue(QJsonValue::Null);
    return QJsonObject { { "type"_L1, writeId(position.type) },
                         { "tname"_L1, tname },
                         { "item"_L1, writeId(position.item) },
                         { "assoc"_L1, position.assoc } };
}

} // namespace Chorus::Protocol
