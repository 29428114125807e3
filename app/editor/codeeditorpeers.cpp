// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CodeEditor: drawing other participants' carets, name flags and selections. Every change
// repaints only the rectangles of the lines the old and new carets and selections touch.
#include "app/editor/codeeditor.h"

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

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

qreal flagOpacity(const PeerCaret &peer)
{
    const qint64 idle = CodeEditor::clockMs() - peer.lastActiveMs;
    if (idle <= CodeEditor::idleMs) {
        return 1.0;
    }
    return qMax(0.0, 1.0 - qreal(idle - CodeEditor::idleMs) / CodeEditor::fadeMs);
}

bool sameCaret(const PeerCaret &a, const PeerCaret &b)
{
    return a.clientId == b.clientId && a.anchor == b.anchor && a.head == b.head && a.name == b.name
        && a.color == b.color && (flagOpacity(a) > 0) == (flagOpacity(b) > 0);
}

// Above the caret's line, or below it when the line is the first one shown.
QRect flagRectFor(const QRect &caret, const QString &name, const QFont &font)
{
    const QFontMetrics fm(font);
    const int height = fm.height() + 2;
    const int top = caret.top() - height >= 0 ? caret.top() - height : caret.bottom() + 1;
    return { caret.left() - 1, top, fm.horizontalAdvance(name) + 2 * flagPadding, height };
}

} // namespace

QRect CodeEditor::peerRect(const PeerCaret &peer) const
{
    const int last = document()->characterCount() - 1;
    QTextCursor cursor(document());
    cursor.setPosition(qBound(0, peer.head, last));
    const QRect caret = cursorRect(cursor);
    QRect rect
        = caret.adjusted(-2, 0, 2, 0)
              .united(flagRectFor(caret, peer.name, flagFont(font())).adjusted(-1, -1, 1, 1));
    // The tinted selection covers whole lines between anchor and head.
    if (peer.anchor != peer.head) {
        cursor.setPosition(qBound(0, peer.anchor, last));
        const QRect anchorRect = cursorRect(cursor);
        const int top = qMin(anchorRect.top(), rect.top());
        const int bottom = qMax(anchorRect.bottom(), rect.bottom());
        rect = QRect(0, top, viewport()->width(), bottom - top + 1);
    }
    return rect;
}

void CodeEditor::setPeerCarets(const QList<PeerCaret> &carets)
{
    // Repaint what changed only: the old and the new place of each caret that moved.
    for (const PeerCaret &old : std::as_const(m_peers)) {
        const auto it = std::find_if(carets.begin(), carets.end(), [&](const PeerCaret &c) {
            return c.clientId == old.clientId;
        });
        if (it == carets.end() || !sameCaret(*it, old)) {
            viewport()->update(peerRect(old));
        }
    }
    for (const PeerCaret &peer : carets) {
        const auto it = std::find_if(m_peers.cbegin(), m_peers.cend(), [&](const PeerCaret &c) {
            return c.clientId == peer.clientId;
        });
        if (it == m_peers.cend() || !sameCaret(*it, peer)) {
            viewport()->update(peerRect(peer));
        }
    }
    m_peers = carets;
    if (!m_peers.isEmpty() && !m_fadeTimer.isActive()) {
        m_fadeTimer.start();
    }
}

void CodeEditor::fadeTick()
{
    bool anyVisible = false;
    for (const PeerCaret &peer : std::as_const(m_peers)) {
        const qint64 idle = clockMs() - peer.lastActiveMs;
        if (idle > idleMs && idle <= idleMs + fadeMs + m_fadeTimer.interval()) {
            viewport()->update(peerRect(peer));
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
        // The caret and its name flag.
        QTextCursor cursor(document());
        cursor.setPosition(qBound(0, peer.head, last));
        const QRect caret = cursorRect(cursor);
        if (!caret.intersects(clip.adjusted(-4, -40, 4, 40))) {
            continue;
        }
        painter.fillRect(QRect(caret.left() - 1, caret.top(), 2, caret.height()), peer.color);
        const qreal opacity = flagOpacity(peer);
        if (opacity <= 0 || peer.name.isEmpty()) {
            continue;
        }
        const QFont font = flagFont(this->font());
        const QRect flag = flagRectFor(caret, peer.name, font);
        painter.save();
        painter.setOpacity(opacity);
        painter.fillRect(flag, peer.color);
        painter.setFont(font);
        painter.setPen(peer.color.lightnessF() > 0.6 ? Qt::black : Qt::white);
        painter.drawText(flag.adjusted(flagPadding, 1, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         peer.name);
        painter.restore();
    }
}

} // namespace Chorus::App
