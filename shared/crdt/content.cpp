// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "content.h"

#include "updatedecoder.h"
#include "updateencoder.h"

namespace Chorus::Crdt {

Content Content::clone() const
{
    Content c(kind);
    c.str = str;
    if (ext) {
        c.ext = std::make_unique<ContentExt>(*ext);
        c.ext->type = nullptr; // a copy is not integrated
    }
    return c;
}

ContentExt &Content::extRef()
{
    if (!ext) {
        ext = std::make_unique<ContentExt>();
    }
    return *ext;
}

Content Content::splice(quint64 offset)
{
    Content right(kind);
    switch (kind) {
    case ContentKind::String: {
        const qsizetype o = qsizetype(offset);
        const bool brokenPair = str.at(o - 1).isHighSurrogate();
        // Only the smaller half is copied: a keystroke in a file loaded as one item would
        // otherwise copy megabytes. The other half keeps the buffer; dropping the front of an
        // unshared QString just moves its start, it moves no characters.
        if (o <= str.size() - o) {
            QString left(str.constData(), o);
            right.str = std::move(str);
            right.str.remove(0, o);
            str = std::move(left);
        } else {
            right.str = str.sliced(o);
            str.truncate(o);
        }
        if (brokenPair) {
            str.back() = QChar(0xfffd);
            right.str[0] = QChar(0xfffd);
        }
        break;
    }
    case ContentKind::JSON:
        right.extRef().jsons = ext->jsons.mid(qsizetype(offset));
        ext->jsons.resize(qsizetype(offset));
        break;
    case ContentKind::Any:
        right.extRef().anys = ext->anys.mid(qsizetype(offset));
        ext->anys.resize(qsizetype(offset));
        break;
    default: break; // Deleted, GC, Skip: the length lives in the struct
    }
    return right;
}

bool Content::mergeWith(const Content &right)
{
    if (kind != right.kind) {
        return false;
    }
    switch (kind) {
    case ContentKind::String: str += right.str; return true;
    case ContentKind::Deleted:
    case ContentKind::GC:
    case ContentKind::Skip: return true;
    case ContentKind::JSON: ext->jsons += right.ext->jsons; return true;
    case ContentKind::Any: ext->anys += right.ext->anys; return true;
    default: return false;
    }
}

void Content::write(UpdateEncoderV1 &enc, quint64 offset, quint64 length) const
{
    switch (kind) {
    case ContentKind::GC:
    case ContentKind::Skip:
    case ContentKind::Deleted: enc.writeLen(length - offset); break;
    case ContentKind::String:
        // QString::toUtf8 writes a lone surrogate as U+FFFD, as TextEncoder does
        enc.writeString(offset == 0 ? str : str.mid(qsizetype(offset)));
        break;
    case ContentKind::JSON:
        enc.writeLen(quint64(ext->jsons.size()) - offset);
        for (qsizetype i = qsizetype(offset); i < ext->jsons.size(); ++i) {
            enc.writeString(ext->jsons[i]);
        }
        break;
    case ContentKind::Any:
        enc.writeLen(quint64(ext->anys.size()) - offset);
        for (qsizetype i = qsizetype(offset); i < ext->anys.size(); ++i) {
            ext->anys[i].write(enc);
        }
        break;
    case ContentKind::Binary: enc.writeBuf(ext->binary); break;
    case ContentKind::Embed: enc.writeJSONString(ext->json); break;
    case ContentKind::Format:
        enc.writeKey(ext->key);
        enc.writeJSONString(ext->json);
        break;
    case ContentKind::Type:
        enc.writeTypeRef(quint64(ext->typeRef));
        if (ext->typeRef == TypeRef::XmlElement || ext->typeRef == TypeRef::XmlHook) {
            enc.writeKey(ext->key);
        }
        break;
    case ContentKind::Doc:
        enc.writeString(ext->key);
        ext->docOpts.write(enc);
        break;
    }
}

Content Content::read(UpdateDecoderV1 &dec, quint8 ref, quint64 *length)
{
    const qsizetype start = dec.offset();
    Content c { ContentKind(ref) };
    *length = 1;
    switch (ContentKind(ref)) {
    case ContentKind::Deleted: *length = dec.readLen(); break;
    case ContentKind::String:
        c.str = dec.readString();
        *length = quint64(c.str.size());
        break;
    case ContentKind::JSON:
    case ContentKind::Any: {
        const quint64 n = dec.readLen();
        // each element takes at least one byte
        if (n > quint64(dec.remaining())) {
            dec.failAt(start, DecodeError::Code::LengthTooLarge);
            break;
        }
        ContentExt &e = c.extRef();
        for (quint64 i = 0; i < n && dec.ok(); ++i) {
            if (ref == quint8(ContentKind::JSON)) {
                e.jsons.append(dec.readString());
            } else {
                e.anys.append(Any::read(dec));
            }
        }
        *length = n;
        break;
    }
    case ContentKind::Binary: c.extRef().binary = dec.readBuf(); break;
    case ContentKind::Embed: c.extRef().json = dec.readJSONString(); break;
    case ContentKind::Format:
        c.extRef().key = dec.readKey();
        c.ext->json = dec.readJSONString();
        break;
    case ContentKind::Type: {
        const quint64 tref = dec.readTypeRef();
        if (tref > quint64(TypeRef::XmlText)) {
            dec.failAt(start, DecodeError::Code::UnknownType,
                       QStringLiteral("type ref %1").arg(tref));
            break;
        }
        c.extRef().typeRef = TypeRef(tref);
        if (c.ext->typeRef == TypeRef::XmlElement || c.ext->typeRef == TypeRef::XmlHook) {
            c.ext->key = dec.readKey();
        }
        break;
    }
    case ContentKind::Doc:
        c.extRef().key = dec.readString();
        c.ext->docOpts = Any::read(dec);
        break;
    default:
        dec.failAt(start - 1, DecodeError::Code::UnknownType,
                   QStringLiteral("content ref %1").arg(ref));
        break;
    }
    if (dec.ok() && *length == 0) {
        dec.failAt(start, DecodeError::Code::Malformed, QStringLiteral("empty content"));
    }
    return c;
}

QString Content::debugString() const
{
    switch (kind) {
    case ContentKind::GC: return QStringLiteral("GC");
    case ContentKind::Skip: return QStringLiteral("Skip");
    case ContentKind::Deleted: return QStringLiteral("Deleted");
    case ContentKind::String: return u'"' + str + u'"';
    case ContentKind::JSON: return QStringLiteral("JSON[%1]").arg(ext->jsons.join(u','));
    case ContentKind::Any: return QStringLiteral("Any[%1]").arg(ext->anys.size());
    case ContentKind::Binary: return QStringLiteral("Binary[%1]").arg(ext->binary.size());
    case ContentKind::Embed: return QStringLiteral("Embed ") + ext->json;
    case ContentKind::Format: return QStringLiteral("Format ") + ext->key + u'=' + ext->json;
    case ContentKind::Type: return QStringLiteral("Type %1").arg(int(ext->typeRef));
    case ContentKind::Doc: return QStringLiteral("Doc ") + ext->key;
    }
    return {};
}

} // namespace Chorus::Crdt
