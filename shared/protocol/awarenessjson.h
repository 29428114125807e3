// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>

namespace Chorus::Protocol {

// Awareness states are any JSON value (JSON.stringify of a JS value), but QJsonDocument only
// parses objects and arrays at the top level. These helpers wrap the text in an array so a
// scalar (`null`, `42`, `"x"`) parses too. Internal to the protocol library.
bool isValidAwarenessJson(QByteArrayView json);
QJsonValue parseAwarenessJson(QByteArrayView json); // Null for invalid text as well as "null"
QByteArray serializeAwarenessJson(const QJsonValue &value); // compact, as JSON.stringify

} // namespace Chorus::Protocol
