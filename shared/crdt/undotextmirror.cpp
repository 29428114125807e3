// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "undotextmirror.h"

#include <algorithm>

namespace Chorus::Crdt {

void UndoTextMirror::reset(const QString &text)
{
    m_chunks.clear();
    for (qsizetype i = 0; i < text.size() || m_chunks.empty(); i += MaxChunk / 2) {
        Chunk c;
        for (QChar ch : QStringView(text).mid(i, MaxChunk / 2)) {
            c.units.push_back(Unit { ch.unicode(), true, 0, 0 });
        }
        c.visible = qsizetype(c.units.size());
        m_chunks.push_back(std::move(c));
    }
}

void UndoTextMirror::recount(Chunk &c)
{
    c.visible
        = std::count_if(c.units.begin(), c.units.end(), [](const Unit &u) { return u.visible; });
}

void UndoTextMirror::splitIfLarge(size_t ci)
{
    const size_t n = m_chunks[ci].units.size();
    if (n <= MaxChunk) {
        return;
    }
    // Into pieces of half the limit at once: halving only once would leave a huge paste (or a
    // whole file loaded as one insert) in chunks that every later edit there moves in full.
    constexpr size_t Piece = MaxChunk / 2;
    std::vector<Chunk> pieces;
    pieces.reserve((n - Piece + Piece - 1) / Piece);
    auto &units = m_chunks[ci].units;
    for (size_t from = Piece; from < n; from += Piece) {
        Chunk piece;
        piece.units.assign(units.begin() + qsizetype(from),
                           units.begin() + qsizetype(qMin(n, from + Piece)));
        recount(piece);
        pieces.push_back(std::move(piece));
    }
    units.erase(units.begin() + qsizetype(Piece), units.end());
    recount(m_chunks[ci]);
    m_chunks.insert(m_chunks.begin() + qsizetype(ci) + 1, std::make_move_iterator(pieces.begin()),
                    std::make_move_iterator(pieces.end()));
}

bool UndoTextMirror::hasTag(quint32 set, quint32 tag) const
{
    return set != 0 && m_tagSets.at(set).contains(tag);
}

quint32 UndoTextMirror::withTag(quint32 set, quint32 tag)
{
    if (tag == 0 || hasTag(set, tag)) {
        return set;
    }
    QList<quint32> tags = m_tagSets.at(set);
    tags.insert(std::lower_bound(tags.begin(), tags.end(), tag), tag);
    auto it = m_tagSetIds.constFind(tags);
    if (it != m_tagSetIds.constEnd()) {
        return *it;
    }
    const quint32 id = quint32(m_tagSets.size());
    m_tagSets.append(tags);
    m_tagSetIds.insert(tags, id);
    return id;
}

void UndoTextMirror::apply(const QList<Op> &delta, quint32 tag)
{
    // The cursor: chunk ci, unit pos in it; just after the last visible unit passed.
    size_t ci = 0;
    size_t pos = 0;
    auto skipVisible = [&](qsizetype n) {
        while (n > 0 && ci < m_chunks.size()) {
            Chunk &c = m_chunks[ci];
            if (pos == 0 && c.visible < n) {
                n -= c.visible; // the whole chunk is passed
            } else {
                while (n > 0 && pos < c.units.size()) {
                    n -= c.units[pos].visible ? 1 : 0;
                    ++pos;
                }
                if (n == 0) {
                    return;
                }
            }
            if (ci + 1 == m_chunks.size()) {
                pos = c.units.size();
                return;
            }
            ++ci;
            pos = 0;
        }
    };
    for (const Op &op : delta) {
        switch (op.kind) {
        case Op::Kind::Retain: skipVisible(op.length); break;
        case Op::Kind::Insert: {
            // A local insert lands right after the visible unit before it, ahead of any
            // tombstones there (yjs findPosition stops as soon as the count is reached).
            const quint32 tags = withTag(0, tag);
            std::vector<Unit> units;
            units.reserve(size_t(op.text.size()));
            for (QChar c : op.text) {
                units.push_back(Unit { c.unicode(), true, tags, 0 });
            }
            Chunk &c = m_chunks[ci];
            c.units.insert(c.units.begin() + qsizetype(pos), units.begin(), units.end());
            c.visible += qsizetype(units.size());
            pos += units.size();
            splitIfLarge(ci);
            while (pos > m_chunks[ci].units.size()) { // the insert may now span several chunks
                pos -= m_chunks[ci].units.size();
                ++ci;
            }
            break;
        }
        case Op::Kind::Delete: {
            qsizetype n = op.length;
            while (n > 0 && ci < m_chunks.size()) {
                Chunk &c = m_chunks[ci];
                if (pos == c.units.size()) {
                    if (ci + 1 == m_chunks.size()) {
                        break;
                    }
                    ++ci;
                    pos = 0;
                    continue;
                }
                Unit &u = c.units[pos];
                if (!u.visible) {
                    ++pos;
                    continue;
                }
                --n;
                --c.visible;
                if (tag == 0 || hasTag(u.tags, tag)) {
                    c.units.erase(c.units.begin() + qsizetype(pos));
                } else {
                    u.visible = false;
                    u.deletedBy = tag;
                    ++pos;
                }
            }
            break;
        }
        }
    }
}

QList<UndoTextMirror::Edit> UndoTextMirror::planUndo(quint32 item) const
{
    QList<Edit> edits;
    qsizetype visible = 0;
    enum class Run { None, Remove, Restore } run = Run::None;
    for (const Chunk &c : m_chunks) {
        for (const Unit &u : c.units) {
            const Run kind = u.visible && hasTag(u.tags, item) ? Run::Remove
                : !u.visible && u.deletedBy == item            ? Run::Restore
                                                               : Run::None;
            if (kind == Run::None) {
                run = Run::None;
            } else if (kind == run) {
                if (kind == Run::Remove) {
                    ++edits.last().removeLength;
                } else {
                    edits.last().insertText.append(QChar(u.ch));
                }
            } else {
                run = kind;
                edits.append(kind == Run::Remove ? Edit { visible, 1, {} }
                                                 : Edit { visible, 0, QString(QChar(u.ch)) });
            }
            visible += u.visible ? 1 : 0;
        }
    }
    std::reverse(edits.begin(), edits.end());
    return edits;
}

void UndoTextMirror::commitUndo(quint32 item, quint32 newItem)
{
    for (Chunk &c : m_chunks) {
        for (Unit &u : c.units) {
            if (u.visible && hasTag(u.tags, item)) {
                u.visible = false;
                u.deletedBy = newItem;
            } else if (!u.visible && u.deletedBy == item) {
                u.visible = true;
                u.deletedBy = 0;
                u.tags = withTag(u.tags, newItem);
            }
        }
        recount(c);
    }
}

void UndoTextMirror::clearTags()
{
    for (Chunk &c : m_chunks) {
        std::erase_if(c.units, [](const Unit &u) { return !u.visible; });
        for (Unit &u : c.units) {
            u.tags = 0;
        }
    }
    std::erase_if(m_chunks, [](const Chunk &c) { return c.units.empty(); });
    if (m_chunks.empty()) {
        m_chunks.push_back(Chunk {});
    }
    m_tagSets = { QList<quint32> {} };
    m_tagSetIds.clear();
}

QString UndoTextMirror::text() const
{
    QString s;
    for (const Chunk &c : m_chunks) {
        for (const Unit &u : c.units) {
            if (u.visible) {
                s.append(QChar(u.ch));
            }
        }
    }
    return s;
}

qsizetype UndoTextMirror::tombstones() const
{
    qsizetype n = 0;
    for (const Chunk &c : m_chunks) {
        n += qsizetype(c.units.size()) - c.visible;
    }
    return n;
}

} // namespace Chorus::Crdt
