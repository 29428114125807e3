// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CodeEditor: drawing other participants' carets, name flags and selections. Every change
// repaints only the rectangles of the lines the old and new carets and selections touch, and
// the old and new places of the name flags that moved (flags stack so they never overlap).
#include "app/editor/codeeditor.h"
#include "app/editor/peerflaglayout.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

#include <algorithm>
#include <numeric>

namespace Chorus::App {

namespace {

constexpr int flagPadding = 3;

QFont flagFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(qMax(6.0, base.pointSizeF() * 0.8));
    font.setBold(true);
    return font;
}

qreal flagOpacity(const PeerCaret &peer, qint64 nowMs)
{
    const qint64 idle = nowMs - peer.lastActiveMs;
    if (idle <= CodeEditor::idleMs) {
        return 1.0;
    }
    return qMax(0.0, 1.0 - qreal(idle - CodeEditor::idleMs) / CodeEditor::fadeMs);
}

bool sameCaret(const PeerCaret &a, const PeerCaret &b)
{
    const qint64 now = CodeEditor::clockMs();
    return a.clientId == b.clientId && a.anchor == b.anchor && a.head == b.head && a.name == b.name
        && a.color == b.color && (flagOpacity(a, now) > 0) == (flagOpacity(b, now) > 0);
}

qsizetype indexOfClient(const QList<PeerCaret> &peers, quint64 clientId)
{
    const auto it = std::find_if(peers.cbegin(), peers.cend(),
                                 [&](const PeerCaret &c) { return c.clientId == clientId; });
    return it == peers.cend() ? -1 : it - peers.cbegin();
}

} // namespace

QRect CodeEditor::peerCaretRect(const PeerCaret &peer) const
{
    QTextCursor cursor(document());
    cursor.setPosition(qBound(0, peer.head, document()->characterCount() - 1));
    return cursorRect(cursor);
}

QList<QRect> CodeEditor::flagRectsFor(const QList<PeerCaret> &peers, qint64 nowMs) const
{
    // Placed by client id, not by activity, so that flags do not swap places each time a
    // different peer types: the lowest id gets the place nearest its caret.
    QList<qsizetype> order(peers.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return peers.at(a).clientId < peers.at(b).clientId;
    });
    const QFontMetrics fm(flagFont(font()));
    QList<PeerFlagRequest> requests;
    requests.reserve(peers.size());
    for (const qsizetype i : std::as_const(order)) {
        const PeerCaret &peer = peers.at(i);
        const bool shown = !peer.name.isEmpty() && flagOpacity(peer, nowMs) > 0;
        requests.append(
            { peerCaretRect(peer),
              shown ? QSize(fm.horizontalAdvance(peer.name) + 2 * flagPadding, fm.height() + 2)
                    : QSize() });
    }
    const QList<QRect> placed = layoutPeerFlags(requests);
    QList<QRect> flags(peers.size());
    for (qsizetype k = 0; k < order.size(); ++k) {
        flags[order.at(k)] = placed.at(k);
    }
    return flags;
}

QList<QRect> CodeEditor::peerFlagRects() const
{
    return flagRectsFor(m_peers, clockMs());
}

QRect CodeEditor::peerRect(const PeerCaret &peer, const QRect &flag) const
{
    const QRect caret = peerCaretRect(peer);
    QRect rect = caret.adjusted(-2, 0, 2, 0);
    if (!flag.isNull()) {
        rect = rect.united(flag.adjusted(-1, -1, 1, 1));
    }
    // The tinted selection covers whole lines between anchor and head.
    if (peer.anchor != peer.head) {
        QTextCursor cursor(document());
        cursor.setPosition(qBound(0, peer.anchor, document()->characterCount() - 1));
        const QRect anchorRect = cursorRect(cursor);
        const int top = qMin(anchorRect.top(), caret.top());
        const int bottom = qMax(anchorRect.bottom(), caret.bottom());
        rect = rect.united(QRect(0, top, viewport()->width(), bottom - top + 1));
    }
    return rect;
}

void CodeEditor::setPeerCarets(const QList<PeerCaret> &carets)
{
    // Repaint what changed only: the old and the new place of each caret that moved, and of
    // each flag that the stacking moved (one peer moving can shift its neighbours' flags).
    const qint64 now = clockMs();
    const QList<QRect> oldFlags = flagRectsFor(m_peers, m_flagsMs);
    const QList<QRect> newFlags = flagRectsFor(carets, now);
    for (qsizetype i = 0; i < m_peers.size(); ++i) {
        const PeerCaret &old = m_peers.at(i);
        const qsizetype j = indexOfClient(carets, old.clientId);
        if (j < 0 || !sameCaret(carets.at(j), old) || newFlags.at(j) != oldFlags.at(i)) {
            viewport()->update(peerRect(old, oldFlags.at(i)));
        }
    }
    for (qsizetype j = 0; j < carets.size(); ++j) {
        const PeerCaret &peer = carets.at(j);
        const qsizetype i = indexOfClient(m_peers, peer.clientId);
        if (i < 0 || !sameCaret(m_peers.at(i), peer) || oldFlags.at(i) != newFlags.at(j)) {
            viewport()->update(peerRect(peer, newFlags.at(j)));
        }
    }
    m_peers = carets;
    m_flagsMs = now;
    if (!m_peers.isEmpty() && !m_fadeTimer.isActive()) {
        m_fadeTimer.start();
    }
}

void CodeEditor::fadeTick()
{
    // A flag that faded out frees its place, so the others' stacking can change too.
    const qint64 now = clockMs();
    const QList<QRect> before = flagRectsFor(m_peers, m_flagsMs);
    const QList<QRect> after = flagRectsFor(m_peers, now);
    m_flagsMs = now;
    bool anyVisible = false;
    for (qsizetype i = 0; i < m_peers.size(); ++i) {
        const PeerCaret &peer = m_peers.at(i);
        const qint64 idle = now - peer.lastActiveMs;
        const bool fading = idle > idleMs && idle <= idleMs + fadeMs + m_fadeTimer.interval();
        if (fading || before.at(i) != after.at(i)) {
            viewport()->update(peerRect(peer, before.at(i)));
            viewport()->update(peerRect(peer, after.at(i)));
        }
        anyVisible = anyVisible || idle <= idleMs + fadeMs;
    }
    if (!anyVisible) {
        m_fadeTimer.stop();
    }
}

void CodeEditor::paintEvent(QPaintEvent *event)
{
    m_lastPainted = event->region();
    QPlainTextEdit::paintEvent(event);
    if (!m_peers.isEmpty()) {
        QPainter painter(viewport());
        paintPeers(painter, event->rect());
    }
}

void CodeEditor::paintPeers(QPainter &painter, const QRect &clip)
{
    const int last = document()->characterCount() - 1;
    const QPointF offset = contentOffset();
    for (const PeerCaret &peer : std::as_const(m_peers)) {
        // The selection: a translucent band over each line segment it covers.
        const int from = qBound(0, qMin(peer.anchor, peer.head), last);
        const int to = qBound(0, qMax(peer.anchor, peer.head), last);
        if (from < to) {
            QColor tint = peer.color;
            tint.setAlpha(60);
            for (QTextBlock block = document()->findBlock(from);
                 block.isValid() && block.position() <= to; block = block.next()) {
                const QRectF geometry = blockBoundingGeometry(block).translated(offset);
                if (geometry.top() > clip.bottom()) {
                    break;
                }
                if (geometry.bottom() < clip.top() || !block.isVisible()) {
                    continue;
                }
                const QTextLayout *layout = block.layout();
                for (int i = 0; i < layout->lineCount(); ++i) {
                    const QTextLine line = layout->lineAt(i);
                    const int lineStart = block.position() + line.textStart();
                    const int lineEnd = lineStart + line.textLength();
                    const int a = qMax(from, lineStart);
                    const int b = qMin(to, lineEnd);
                    if (a > b || (a == b && b != lineEnd)) {
                        continue;
                    }
                    const qreal x1 = line.cursorToX(a - block.position());
                    qreal x2 = line.cursorToX(b - block.position());
                    if (to > lineEnd) {
                        x2 += fontMetrics().horizontalAdvance(u' ') / 2.0;
                    }
                    painter.fillRect(
                        QRectF(x1 + offset.x(), geometry.top() + line.y(), x2 - x1, line.height()),
                        tint);
                }
            }
        }
        // The caret.
        const QRect caret = peerCaretRect(peer);
        if (caret.intersects(clip.adjusted(-2, 0, 2, 0))) {
            painter.fillRect(QRect(caret.left() - 1, caret.top(), 2, caret.height()), peer.color);
        }
    }
    // The name flags last, over every selection and caret; the layout keeps them apart.
    const qint64 now = clockMs();
    const QList<QRect> flags = flagRectsFor(m_peers, now);
    const QFont font = flagFont(this->font());
    for (qsizetype i = 0; i < m_peers.size(); ++i) {
        const PeerCaret &peer = m_peers.at(i);
        const QRect &flag = flags.at(i);
        if (flag.isNull() || !flag.intersects(clip)) {
            continue;
        }
        painter.save();
        painter.setOpacity(flagOpacity(peer, now));
        painter.fillRect(flag, peer.color);
        painter.setFont(font);
        painter.setPen(peer.color.lightnessF() > 0.6 ? Qt::black : Qt::white);
        painter.drawText(flag.adjusted(flagPadding, 1, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         peer.name);
        painter.restore();
    }
}

} // namespace Chorus::App
