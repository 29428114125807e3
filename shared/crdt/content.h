// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "any.h"
#include "decodeerror.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Chorus::Crdt {

class UpdateEncoderV1;
class UpdateDecoderV1;
class YType;

// The content ref numbers of the update format (the low 5 bits of a struct's info byte); GC and
// Skip are structs without content but share the numbering (yjs Item.js contentRefs).
enum class ContentKind : quint8 {
    GC = 0,
    Deleted = 1,
    JSON = 2,
    Binary = 3,
    String = 4,
    Embed = 5,
    Format = 6,
    Type = 7,
    Any = 8,
    Doc = 9,
    Skip = 10,
};

// The type refs of ContentType (yjs ContentType.js typeRefs).
enum class TypeRef : quint8 {
    Array = 0,
    Map = 1,
    Text = 2,
    XmlElement = 3,
    XmlFragment = 4,
    XmlHook = 5,
    XmlText = 6,
};

// Payload of the rarely used content kinds, kept out of line so a text item stays small.
struct ContentExt
{
    QList<QString> jsons; // ContentJSON: each element's JSON text as written ("undefined" too)
    QList<Any> anys; // ContentAny
    QByteArray binary; // ContentBinary
    QString key; // ContentFormat key, ContentDoc guid, ContentType node/hook name
    QString json; // ContentFormat value / ContentEmbed as JSON text, byte-preserved
    Any docOpts; // ContentDoc options object
    TypeRef typeRef = TypeRef::Array; // ContentType
    YType *type = nullptr; // ContentType once integrated (owned by the document)
};

// The content of one struct (yjs Content*.js) in a compact form: strings inline as UTF-16,
// everything else in an out-of-line ContentExt. The struct's length (in clock units) is kept
// by the owner, not here, so ContentDeleted/GC/Skip need no payload. JSON-carrying contents
// keep their text verbatim so decode -> encode is byte-identical. Move-only; clone() copies.
class Content
{
public:
    ContentKind kind = ContentKind::Deleted;
    QString str; // ContentString
    std::unique_ptr<ContentExt> ext;

    Content() = default;
    explicit Content(ContentKind k)
        : kind(k)
    { }
    Content(Content &&) noexcept = default;
    Content &operator=(Content &&) noexcept = default;
    Content clone() const;

    bool isCountable() const { return kind != ContentKind::Deleted && kind != ContentKind::Format; }
    ContentExt &extRef();
    // Splits at `offset` (0 < offset < length): this keeps the left part, the right part is
    // returned. A string split inside a surrogate pair turns both halves into U+FFFD, as Yjs
    // does (yjs issue #248).
    Content splice(quint64 offset);
    // Appends `right` when the kinds can merge (yjs mergeWith); false leaves both unchanged.
    bool mergeWith(const Content &right);
    // Writes the content part of a struct, skipping the first `offset` units; `length` is
    // the struct's length.
    void write(UpdateEncoderV1 &enc, quint64 offset, quint64 length) const;
    // Reads content of the given ref; sets *length to its clock length. Errors go to dec.
    static Content read(UpdateDecoderV1 &dec, quint8 ref, quint64 *length);
    QString debugString() const;
};

} // namespace Chorus::Crdt
