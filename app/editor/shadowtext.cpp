// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/shadowtext.h"

#include <algorithm>

namespace Chorus::App {

void ShadowText::reset(const QString &text)
{
    m_chunks.clear();
    m_size = text.size();
    for (qsizetype i = 0; i < text.size(); i += ChunkSize) {
        m_chunks << text.mid(i, ChunkSize);
    }
    if (m_chunks.isEmpty()) {
        m_chunks << QString();
    }
}

qsizetype ShadowText::chunkAt(qsizetype position, qsizetype *chunkStart) const
{
    // A linear scan: a 5 MB text is ~2,500 chunks, a few microseconds; an index of offsets
    // would have to be rebuilt on every edit.
    qsizetype start = 0;
    for (qsizetype i = 0; i < m_chunks.size(); ++i) {
        const qsizetype length = m_chunks.at(i).size();
        if (position < start + length || i + 1 == m_chunks.size()) {
            *chunkStart = start;
            return i;
        }
        start += length;
    }
    *chunkStart = 0;
    return 0;
}

QString ShadowText::mid(qsizetype position, qsizetype length) const
{
    position = std::clamp<qsizetype>(position, 0, m_size);
    length = std::clamp<qsizetype>(length, 0, m_size - position);
    QString out;
    if (length == 0) {
        return out;
    }
    out.reserve(length);
    qsizetype start = 0;
    for (qsizetype i = chunkAt(position, &start); i < m_chunks.size() && out.size() < length; ++i) {
        const QString &chunk = m_chunks.at(i);
        const qsizetype from = qMax<qsizetype>(0, position - start);
        out += QStringView(chunk).mid(from, length - out.size());
        start += chunk.size();
    }
    return out;
}

void ShadowText::replace(qsizetype position, qsizetype length, const QString &text)
{
    position = std::clamp<qsizetype>(position, 0, m_size);
    length = std::clamp<qsizetype>(length, 0, m_size - position);
    qsizetype start = 0;
    qsizetype i = chunkAt(position, &start);
    // Remove across as many chunks as the range covers, then insert into the first one.
    qsizetype left = length;
    qsizetype offset = position - start;
    qsizetype j = i;
    while (left > 0 && j < m_chunks.size()) {
        QString &chunk = m_chunks[j];
        const qsizetype n = qMin(left, chunk.size() - offset);
        chunk.remove(offset, n);
        left -= n;
        offset = 0;
        ++j;
    }
    m_chunks[i].insert(position - start, text);
    m_size += text.size() - length;
    // Keep chunks bounded (a large paste becomes several) and drop emptied ones after i.
    for (qsizetype k = j - 1; k > i; --k) {
        if (m_chunks.at(k).isEmpty()) {
            m_chunks.removeAt(k);
        }
    }
    if (m_chunks.at(i).size() > 2 * ChunkSize) {
        const QString big = std::exchange(m_chunks[i], QString());
        QList<QString> pieces;
        for (qsizetype p = 0; p < big.size(); p += ChunkSize) {
            pieces << big.mid(p, ChunkSize);
        }
        // One move of the tail, however many pieces.
        m_chunks.insert(i + 1, pieces.size() - 1, QString());
        for (qsizetype p = 0; p < pieces.size(); ++p) {
            m_chunks[i + p] = std::move(pieces[p]);
        }
    } else if (m_chunks.at(i).isEmpty() && m_chunks.size() > 1) {
        m_chunks.removeAt(i);
    }
}

QString ShadowText::toString() const
{
    QString out;
    out.reserve(m_size);
    for (const QString &chunk : m_chunks) {
        out += chunk;
    }
    return out;
}

} // namespace Chorus::App
