// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "awarenessjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Chorus::Protocol {

namespace {
QJsonValue parseWrapped(QByteArrayView json, bool *ok)
{
    QByteArray wrapped;
    wrapped.reserve(json.size() + 2);
    wrapped.append('[');
    wrapped.append(json);
    wrapped.append(']');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    *ok = error.error == QJsonParseError::NoError && doc.isArray() && doc.array().size() == 1;
    return *ok ? doc.array().at(0) : QJsonValue(QJsonValue::Null);
}
} // namespace

bool isValidAwarenessJson(QByteArrayView json)
{
    bool ok = false;
    parseWrapped(json, &ok);
    return ok;
}

QJsonValue parseAwarenessJson(QByteArrayView json)
{
    bool ok = false;
    return parseWrapped(json, &ok);
}

QByteArray serializeAwarenessJson(const QJsonValue &value)
{
    QByteArray text = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    // Strip the wrapping "[" and "]".
    return text.sliced(1, text.size() - 2);
}

} // namespace Chorus::Protocol
