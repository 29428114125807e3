// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodeerror.h"
#include "id.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Chorus::Crdt {

class Doc;
class Text;

// A position that survives concurrent edits (yjs utils/RelativePosition.js): the ID of the
// character right of it (or left of it when assoc < 0), or the start/end of a type when there
// is none. The type is given by root name (tname) or by the ID of its item. A value type.
struct RelativePosition
{
    std::optional<ID> type;
    std::optional<QString> tname;
    std::optional<ID> item;
    qint64 assoc = 0;

    // Yjs's JSON form (Y.relativePositionToJSON): {type?, tname?, item?, assoc}, IDs as
    // {client, clock}; what y-codemirror puts in awareness.
    QJsonObject toJson() const;
    static std::optional<RelativePosition> fromJson(const QJsonObject &json);
    // yjs encodeRelativePosition / decodeRelativePosition.
    QByteArray encode() const;
    static std::optional<RelativePosition> decode(QByteArrayView bytes,
                                                  DecodeError *error = nullptr);

    friend bool operator==(const RelativePosition &, const RelativePosition &) = default;
};

// yjs createRelativePositionFromTypeIndex for a text (index in UTF-16 code units).
RelativePosition createRelativePositionFromTypeIndex(const Text &text, qsizetype index,
                                                     qint64 assoc = 0);
// yjs createAbsolutePositionFromRelativePosition: the index now, or nothing when the position
// refers to structs this document does not have (yet) or to a type that is gone.
std::optional<qsizetype> createAbsolutePositionFromRelativePosition(const RelativePosition &rpos,
                                                                    Doc &doc);
// The same, but only when the position lies in `text`.
std::optional<qsizetype> createAbsolutePositionFromRelativePosition(const RelativePosition &rpos,
                                                                    const Text &text);

} // namespace Chorus::Crdt
