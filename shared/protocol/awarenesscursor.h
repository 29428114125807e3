// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/relativeposition.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Chorus::Protocol {

// Who a peer is, as the Yjs editor bindings publish it in `user`. Any field may be empty: the
// reader takes what is there and never invents a value (the app chooses the fallbacks).
struct AwarenessUser
{
    QString name;
    QString color; // as published: "#rrggbb" from the common bindings, anything from others
    QString colorLight; // y-codemirror.next's selection tint, e.g. color + "33"
};

// Where a peer's cursor is, as relative positions into the document. `field` names the state
// field it came from: "cursor" (y-codemirror.next, y-prosemirror, y-quill, Chorus) or
// "selection" (y-monaco). The positions may point into any shared type, e.g. an
// Y.XmlFragment of y-prosemirror; the caller resolves them against its own Y.Text and shows
// no caret where they do not land in it.
struct AwarenessCursor
{
    QString field;
    Crdt::RelativePosition anchor;
    Crdt::RelativePosition head;
};

// Reading and writing the user and cursor parts of an awareness state, in the shapes the four
// common Yjs bindings (y-codemirror.next, y-monaco, y-prosemirror, y-quill) publish and read.
//
// Written positions are exactly what JSON.stringify makes of a Yjs RelativePosition object:
// every field present, null where empty ({"type":null,"tname":"content","item":{"client":1,
// "clock":4},"assoc":0}). y-codemirror.next hands the parsed JSON straight to
// createAbsolutePositionFromRelativePosition, which tests `item !== null`, so a missing field
// is read as present and crashes the browser's editor plugin (issue 15).
//
// Reading is lenient and never fails as a whole: a state that is not an object, a user that is
// a string, a position with a negative or fractional clock yields no user fields or no cursor
// for that peer only. Pure functions on values; any thread.
class AwarenessCursorCodec
{
public:
    static AwarenessUser readUser(const QJsonValue &state);
    // The first readable one of `cursor` and `selection`, each {anchor, head}; none when
    // neither has two readable positions (absent, null, or malformed).
    static std::optional<AwarenessCursor> readCursor(const QJsonValue &state);
    // A relative position in any JSON form Yjs code produces: the RelativePosition object
    // (fields null) or relativePositionToJSON's (fields left out). None when malformed.
    static std::optional<Crdt::RelativePosition> readPosition(const QJsonValue &json);

    static QJsonObject writeUser(const AwarenessUser &user);
    static QJsonObject writeCursor(const Crdt::RelativePosition &anchor,
                                   const Crdt::RelativePosition &head);
    static QJsonObject writePosition(const Crdt::RelativePosition &position);
};

} // namespace Chorus::Protocol
