#include "undotextmirror.h"

#include <algorithm>

namespace Chorus::Crdt {

void UndoTextMirror::reset(const QString &text)
{
    m_units.clear();
    m_units.reserve(size_t(text.size()));
    for (QChar c : text) {
        m_units.push_back(Unit { c.unicode(), true, 0, 0 });
    }
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
    size_t pos = 0; // index into m_units: just after the last visible unit passed
    auto skipVisible = [&](qsizetype n) {
        while (n > 0 && pos < m_units.size()) {
            n -= m_units[pos].visible ? 1 : 0;
            ++pos;
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
            m_units.insert(m_units.begin() + qsizetype(pos), units.begin(), units.end());
            pos += units.size();
            break;
        }
        case Op::Kind::Delete: {
            qsizetype n = op.length;
            while (n > 0 && pos < m_units.size()) {
                Unit &u = m_units[pos];
                if (!u.visible) {
                    ++pos;
                    continue;
                }
                --n;
                if (tag == 0 || hasTag(u.tags, tag)) {
                    m_units.erase(m_units.begin() + qsizetype(pos));
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
    for (const Unit &u : m_units) {
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
    std::reverse(edits.begin(), edits.end());
    return edits;
}

void UndoTextMirror::commitUndo(quint32 item, quint32 newItem)
{
    for (Unit &u : m_units) {
        if (u.visible && hasTag(u.tags, item)) {
            u.visible = false;
            u.deletedBy = newItem;
        } else if (!u.visible && u.deletedBy == item) {
            u.visible = true;
            u.deletedBy = 0;
            u.tags = withTag(u.tags, newItem);
        }
    }
}

void UndoTextMirror::clearTags()
{
    std::erase_if(m_units, [](const Unit &u) { return !u.visible; });
    for (Unit &u : m_units) {
        u.tags = 0;
    }
    m_tagSets = { QList<quint32> {} };
    m_tagSetIds.clear();
}

QString UndoTextMirror::text() const
{
    QString s;
    s.reserve(qsizetype(m_units.size()));
    for (const Unit &u : m_units) {
        if (u.visible) {
            s.append(QChar(u.ch));
        }
    }
    return s;
}

qsizetype UndoTextMirror::tombstones() const
{
    return std::count_if(m_units.begin(), m_units.end(), [](const Unit &u) { return !u.visible; });
}

} // namespace Chorus::Crdt
