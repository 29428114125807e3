// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Y.Map and Y.Array handles (yjs types/YMap.js, types/YArray.js, AbstractType.js typeMap* and
// typeList* functions).
#include "array.h"
#include "docimpl.h"
#include "map.h"
#include "sequence.h"

#include <QJsonDocument>

namespace Chorus::Crdt {

namespace {
// The value of unit `offset` of an item's content, as Any.
Any valueAt(const Item *it, quint64 offset)
{
    const Content &c = it->content;
    switch (c.kind) {
    case ContentKind::Any: return c.ext->anys.value(qsizetype(offset));
    case ContentKind::Binary: return Any::binary(c.ext->binary);
    case ContentKind::JSON: {
        const QString &s = c.ext->jsons.value(qsizetype(offset));
        if (s == u"undefined") {
            return {};
        }
        const QJsonDocument d = QJsonDocument::fromJson(
            QString(QStringLiteral("[") + s + QStringLiteral("]")).toUtf8());
        return Any::fromJson(d.array().at(0));
    }
    case ContentKind::String: return Any::string(c.str.mid(qsizetype(offset), 1));
    default: return {};
    }
}

Content contentForValues(const QList<Any> &values)
{
    Content c(ContentKind::Any);
    c.extRef().anys = values;
    return c;
}
} // namespace

void Map::set(const QString &key, const Any &value)
{
    m_doc->transact(
        [&](Transaction &txn) {
            Item *left = m_type->map.value(key, nullptr);
            Content c;
            if (value.type() == Any::Type::Binary) {
                c = Content(ContentKind::Binary);
                c.extRef().binary = value.toBinary();
            } else {
                c = contentForValues({ value });
            }
            m_doc->insertLocal(txn, m_type, left, nullptr, key, std::move(c), 1);
        },
        0, true);
}

std::optional<Any> Map::get(const QString &key) const
{
    const Item *it = m_type->map.value(key, nullptr);
    if (!it || it->deleted()) {
        return std::nullopt;
    }
    return valueAt(it, it->length - 1);
}

void Map::remove(const QString &key)
{
    Item *it = m_type->map.value(key, nullptr);
    if (!it || it->deleted()) {
        return;
    }
    m_doc->transact([&](Transaction &txn) { m_doc->deleteItem(txn, it); }, 0, true);
}

QStringList Map::keys() const
{
    QStringList out;
    for (auto it = m_type->map.cbegin(); it != m_type->map.cend(); ++it) {
        if (!it.value()->deleted()) {
            out.append(it.key());
        }
    }
    out.sort();
    return out;
}

QJsonObject Map::toJson() const
{
    QJsonObject o;
    for (auto it = m_type->map.cbegin(); it != m_type->map.cend(); ++it) {
        if (!it.value()->deleted()) {
            o.insert(it.key(), valueAt(it.value(), it.value()->length - 1).toJson());
        }
    }
    return o;
}

ObserverId Map::observe(std::function<void(const MapEvent &)> fn)
{
    const ObserverId id = m_doc->nextObserverId++;
    m_type->observers.push_back({ id, [fn](Transaction &txn, const QSet<QString> &keys) {
                                     if (keys.isEmpty()) {
                                         return;
                                     }
                                     fn(MapEvent { keys, txn.origin, txn.local });
                                 } });
    return id;
}

// Port of yjs typeListInsertGenerics + typeListInsertGenericsAfter.
void Array::insert(qsizetype index, const QList<Any> &values)
{
    if (values.isEmpty()) {
        return;
    }
    m_doc->transact(
        [&](Transaction &txn) {
            const quint64 at = quint64(std::clamp<qsizetype>(index, 0, qsizetype(m_type->length)));
            Item *left = Sequence::itemEndingAt(m_doc, txn, m_type, at);
            Item *const right = left ? left->right : m_type->start;
            QList<Any> pack;
            auto flush = [&]() {
                if (!pack.isEmpty()) {
                    const quint64 n = quint64(pack.size());
                    left = m_doc->insertLocal(txn, m_type, left, right, QString(),
                                              contentForValues(pack), n);
                    pack.clear();
                }
            };
            for (const Any &v : values) {
                if (v.type() == Any::Type::Binary) {
                    flush();
                    Content c(ContentKind::Binary);
                    c.extRef().binary = v.toBinary();
                    left = m_doc->insertLocal(txn, m_type, left, right, QString(), std::move(c), 1);
                } else {
                    pack.append(v);
                }
            }
            flush();
            m_type->markersInserted(at, quint64(values.size()));
        },
        0, true);
}

// Port of yjs typeListDelete.
void Array::remove(qsizetype index, qsizetype length)
{
    if (length <= 0 || index < 0 || quint64(index) >= m_type->length) {
        return;
    }
    m_doc->transact(
        [&](Transaction &txn) {
            quint64 remaining = std::min<quint64>(quint64(length), m_type->length - quint64(index));
            const quint64 total = remaining;
            for (Item *it = Sequence::itemStartingAt(m_doc, txn, m_type, quint64(index));
                 it && remaining > 0; it = it->right) {
                if (it->deleted()) {
                    continue;
                }
                if (remaining < it->length) {
                    m_doc->getItemCleanStart(txn, ID { it->id.client, it->id.clock + remaining });
                }
                remaining -= std::min(remaining, it->length);
                m_doc->deleteItem(txn, it);
            }
            m_type->markersDeleted(quint64(index), total - remaining);
        },
        0, true);
}

qsizetype Array::length() const
{
    return qsizetype(m_type->length);
}

Any Array::get(qsizetype index) const
{
    if (index < 0 || quint64(index) >= m_type->length) {
        return {};
    }
    const Sequence::Position pos = Sequence::findContaining(m_type, quint64(index));
    return valueAt(pos.item, quint64(index) - pos.index);
}

QList<Any> Array::toList() const
{
    QList<Any> out;
    for (const Item *it = m_type->start; it; it = it->right) {
        if (it->visibleLength() > 0) {
            for (quint64 k = 0; k < it->length; ++k) {
                out.append(valueAt(it, k));
            }
        }
    }
    return out;
}

QJsonArray Array::toJson() const
{
    QJsonArray a;
    for (const Any &v : toList()) {
        a.append(v.toJson());
    }
    return a;
}

ObserverId Array::observe(std::function<void(const ArrayEvent &)> fn)
{
    const ObserverId id = m_doc->nextObserverId++;
    YType *type = m_type;
    m_type->observers.push_back(
        { id, [type, fn](Transaction &txn, const QSet<QString> &) {
             ArrayEvent ev { {}, txn.origin, txn.local };
             auto push = [&ev](ArrayDelta::Kind kind, qsizetype len, const QList<Any> &vals) {
                 if (!ev.delta.isEmpty() && ev.delta.back().kind == kind) {
                     ev.delta.back().length += len;
                     ev.delta.back().values += vals;
                 } else {
                     ev.delta.append({ kind, len, vals });
                 }
             };
             for (const Item *it = type->start; it; it = it->right) {
                 if (!it->countable()) {
                     continue;
                 }
                 const bool adds = it->id.clock >= txn.beforeState.get(it->id.client);
                 const bool deletes = txn.deleteSet.isDeleted(it->id);
                 const qsizetype len = qsizetype(it->length);
                 if (adds) {
                     if (!deletes && !it->deleted()) {
                         QList<Any> vals;
                         for (quint64 k = 0; k < it->length; ++k) {
                             vals.append(valueAt(it, k));
                         }
                         push(ArrayDelta::Kind::Insert, len, vals);
                     }
                 } else if (deletes) {
                     push(ArrayDelta::Kind::Delete, len, {});
                 } else if (!it->deleted()) {
                     push(ArrayDelta::Kind::Retain, len, {});
                 }
             }
             if (!ev.delta.isEmpty() && ev.delta.back().kind == ArrayDelta::Kind::Retain) {
                 ev.delta.removeLast();
             }
             if (!ev.delta.isEmpty()) {
                 fn(ev);
             }
         } });
    return id;
}

} // namespace Chorus::Crdt
