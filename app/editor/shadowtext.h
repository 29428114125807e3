// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Chorus::App {

// The DocumentBinding's copy of the editor's text as of the last change it saw, kept in chunks
// of a few thousand UTF-16 units so that an edit in a 5 MB text costs O(chunks + chunk size)
// instead of moving (or, when a QString must grow, copying) the whole text on every keystroke.
// Only what the binding needs: length, a range as a QString, and replace.
// Not thread-safe.
class ShadowText
{
public:
    void reset(const QString &text);
    qsizetype size() const { return m_size; }
    // The units [position, position + length), clamped to the text.
    QString mid(qsizetype position, qsizetype length) const;
    void replace(qsizetype position, qsizetype length, const QString &text);
    QString toString() const;

    static constexpr qsizetype ChunkSize = 2048; // a chunk is split past twice this

private:
    // The chunk holding `position` (the last one for position == size()) and the offset of
    // that chunk's start.
    qsizetype chunkAt(qsizetype position, qsizetype *chunkStart) const;

    QList<QString> m_chunks;
    qsizetype m_size = 0;
};

} // namespace Chorus::App
