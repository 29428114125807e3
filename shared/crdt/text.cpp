// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "text.h"

#include "docimpl.h"
#include "sequence.h"

namespace Chorus::Crdt {

namespace {
// True when unit `off` of the item is the high half of a pair completed inside the item
// (pairs never span items: Yjs replaces halves it splits with U+FFFD).
bool highSurrogateAt(const Item *it, quint64 off)
{
    if (it->content.kind != ContentKind::String || off + 1 >= it->length) {
        return false;
    }
    const QString &s = it->content.str;
    return s[qsizetype(off)].isHighSurrogate() && s[qsizetype(off) + 1].isLowSurrogate();
}

bool isNullFormat(const Item *it)
{
    return it->content.kind == ContentKind::Format && it->content.ext->json == u"null";
}
} // namespace

void Text::insert(qsizetype index, const QString &text)
{
    if (text.isEmpty()) {
        return;
    }
    m_doc->transact(
        [&](Transaction &txn) {
            quint64 at = quint64(std::clamp<qsizetype>(index, 0, qsizetype(m_type->length)));
            // yjs findPosition + insertText (minimizeAttributeChanges without attributes):
            // insert after the character before `at`, past deleted items and format ends
            Item *left = nullptr;
            if (at > 0) {
                const Sequence::Position pos = Sequence::findContaining(m_type, at - 1);
                Item *p = pos.item;
                quint64 off = at - 1 - pos.index; // the character before `at` in p
                if (highSurrogateAt(p, off)) {
                    --at; // `at` is inside a pair: insert before the pair
                    if (off == 0) {
                        left = Sequence::itemEndingAt(m_doc, txn, m_type, at);
                    } else {
                        m_doc->getItemCleanStart(txn, ID { p->id.client, p->id.clock + off });
                        left = p;
                    }
                } else {
                    if (off + 1 < p->length) {
                        m_doc->getItemCleanStart(txn, ID { p->id.client, p->id.clock + off + 1 });
                    }
                    left = p;
                }
            }
            Item *right = left ? left->right : m_type->start;
            while (right && (right->deleted() || isNullFormat(right))) {
                left = right;
                right = right->right;
            }
            Content content(ContentKind::String);
            content.str = text;
            Item *item = m_doc->insertLocal(txn, m_type, left, right, QString(), std::move(content),
                                            quint64(text.size()));
            // the marker left at the found item stays valid: it is left of the insertion
            m_type->markersInserted(at, item->length);
        },
        0, true);
}

void Text::remove(qsizetype index, qsizetype length)
{
    if (length <= 0 || index >= qsizetype(m_type->length)) {
        return;
    }
    m_doc->transact(
        [&](Transaction &txn) {
            quint64 start = quint64(std::max<qsizetype>(index, 0));
            const quint64 end = std::min<quint64>(start + quint64(length), m_type->length);
            const Sequence::Position pos = Sequence::findContaining(m_type, start);
            Item *first = pos.item;
            quint64 off = start - pos.index;
            if (off > 0 && highSurrogateAt(first, off - 1)) {
                --start; // starts inside a pair: take the whole pair
                --off;
            }
            if (off > 0) {
                first
                    = m_doc->getItemCleanStart(txn, ID { first->id.client, first->id.clock + off });
            }
            quint64 remaining = end - start;
            quint64 removed = 0;
            // yjs deleteText: delete visible items from here, splitting the last one
            for (Item *it = first; it && remaining > 0; it = it->right) {
                if (it->deleted() || !it->countable()) {
                    continue;
                }
                if (remaining < it->length && highSurrogateAt(it, remaining - 1)) {
                    ++remaining; // ends inside a pair: take the whole pair
                }
                if (remaining < it->length) {
                    m_doc->getItemCleanStart(txn, ID { it->id.client, it->id.clock + remaining });
                }
                remaining -= std::min(remaining, it->length);
                removed += it->length;
                m_doc->deleteItem(txn, it);
            }
            m_type->markersDeleted(start, removed);
        },
        0, true);
}

QString Text::toString() const
{
    QString out;
    out.reserve(qsizetype(m_type->length));
    for (const Item *it = m_type->start; it; it = it->right) {
        if (!it->deleted() && it->content.kind == ContentKind::String) {
            out += it->content.str;
        }
    }
    return out;
}

qsizetype Text::length() const
{
    return qsizetype(m_type->length);
}

ObserverId Text::observe(std::function<void(const TextEvent &)> fn)
{
    const ObserverId id = m_doc->nextObserverId++;
    YType *type = m_type;
    m_type->observers.push_back(
        { id, [type, fn](Transaction &txn, const QSet<QString> &) {
             TextEvent ev;
             ev.origin = txn.origin;
             ev.local = txn.local;
             auto push = [&ev](TextDelta::Kind kind, qsizetype len, const QString &s) {
                 if (!ev.delta.isEmpty() && ev.delta.back().kind == kind) {
                     ev.delta.back().length += len;
                     ev.delta.back().text += s;
                 } else {
                     ev.delta.append({ kind, len, s });
                 }
             };
             // yjs YEvent.delta: walk the list, classify each item
             for (const Item *it = type->start; it; it = it->right) {
                 if (!it->countable()) {
                     continue;
                 }
                 const bool adds = it->id.clock >= txn.beforeState.get(it->id.client);
                 const bool deletes = txn.deleteSet.isDeleted(it->id);
                 const qsizetype len = qsizetype(it->length);
                 if (adds) {
                     if (!deletes && !it->deleted()) {
                         push(TextDelta::Kind::Insert, len,
                              it->content.kind == ContentKind::String ? it->content.str
                                                                      : QString(QChar(0xfffc)));
                     }
                 } else if (deletes) {
                     push(TextDelta::Kind::Delete, len, QString());
                 } else if (!it->deleted()) {
                     push(TextDelta::Kind::Retain, len, QString());
                 }
             }
             if (!ev.delta.isEmpty() && ev.delta.back().kind == TextDelta::Kind::Retain) {
                 ev.delta.removeLast();
             }
             if (!ev.delta.isEmpty()) {
                 fn(ev);
             }
         } });
    return id;
}

std::optional<qsizetype> Text::indexOfId(ID id) const
{
    if (m_doc->store.getState(id.client) <= id.clock) {
        return std::nullopt;
    }
    const Item *item = m_doc->store.find(id);
    if (item->isGC() || item->deleted() || item->parent != m_type || !item->countable()) {
        return std::nullopt;
    }
    quint64 index = id.clock - item->id.clock;
    for (const Item *it = item->left; it; it = it->left) {
        index += it->visibleLength();
    }
    return qsizetype(index);
}

QString Text::deletedTextOf(ID id, qsizetype len) const
{
    QString out;
    StructStore::Structs *structs = m_doc->store.structsOf(id.client);
    if (!structs || len <= 0 || m_doc->store.getState(id.client) <= id.clock) {
        return out;
    }
    const quint64 end = id.clock + quint64(len);
    for (size_t i = StructStore::findIndexSS(*structs, id.clock);
         i < structs->size() && (*structs)[i]->id.clock < end; ++i) {
        const Item *it = (*structs)[i];
        if (it->content.kind != ContentKind::String) {
            continue;
        }
        const quint64 from = std::max(id.clock, it->id.clock) - it->id.clock;
        const quint64 to = std::min(end, it->endClock()) - it->id.clock;
        out += it->content.str.mid(qsizetype(from), qsizetype(to - from));
    }
    return out;
}

std::optional<ID> Text::idAt(qsizetype index) const
{
    if (index < 0 || quint64(index) >= m_type->length) {
        return std::nullopt;
    }
    const Sequence::Position pos = Sequence::findContaining(m_type, quint64(index));
    return ID { pos.item->id.client, pos.item->id.clock + (quint64(index) - pos.index) };
}

} // namespace Chorus::Crdt
