// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QRegion>
#include <QTimer>

#include <KSyntaxHighlighting/Theme>

namespace Chorus::App {

class LineNumberArea;

// Another participant's caret and selection as the editor draws it. Positions are absolute
// UTF-16 offsets into this editor's document (the binding resolves the peer's relative
// positions before handing them over).
struct PeerCaret
{
    quint64 clientId = 0;
    QString name;
    QColor color;
    int anchor = 0;
    int head = 0;
    qint64 lastActiveMs = 0; // on CodeEditor::clockMs(); the name flag fades after idleMs
};

// The text editor widget: a QPlainTextEdit with a line-number gutter, the current line
// highlighted, other participants' carets and selections, and hooks the collaboration layer
// needs (undo routed elsewhere, input-method composition state, compound edits).
// It knows nothing about CRDTs or the network. GUI thread only.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    int lineNumberAreaWidth() const;
    void applyTheme(const KSyntaxHighlighting::Theme &theme);

    // When set, Undo/Redo (shortcuts and menu) emit undoRequested/redoRequested instead of
    // using QTextDocument's stack, whose undo would also revert other people's edits.
    void setExternalUndo(bool external);
    bool hasExternalUndo() const { return m_externalUndo; }
    void undo();
    void redo();

    // Input-method composition in progress (preedit text shown but not yet in the document).
    bool isComposing() const { return m_composing; }

    // Runs `edit` with compoundEditStarted/Finished around it, so the many document changes
    // it makes (e.g. Replace All) become one step for the collaboration layer.
    void compoundEdit(const std::function<void()> &edit);

    void goToLine(int line, int column = 1);

    void setPeerCarets(const QList<PeerCaret> &carets);
    const QList<PeerCaret> &peerCarets() const { return m_peers; }
    // Where each peer's name flag is drawn now, in viewport coordinates, one per peerCarets()
    // entry (null when it shows no flag). Flags never overlap; painting uses the same layout.
    QList<QRect> peerFlagRects() const;
    // The region repainted by the last paint event, for tests that check a moving caret
    // repaints only the lines it touches.
    QRegion lastPaintedRegion() const { return m_lastPainted; }
    static qint64 clockMs();
    static constexpr qint64 idleMs = 4000;
    static constexpr qint64 fadeMs = 1000;

Q_SIGNALS:
    void undoRequested();
    void redoRequested();
    void compositionStarted();
    // Emitted just before a composition's result goes into the document (or it is cancelled).
    void compositionAboutToEnd();
    void compoundEditStarted();
    void compoundEditFinished();
    // The user typed, pasted or deleted (not a programmatic or remote change).
    void userEdited();
    void filesDropped(const QStringList &paths);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void updateExtraSelections();
    void paintPeers(QPainter &painter, const QRect &clip);
    QRect peerCaretRect(const PeerCaret &peer) const;
    // The flags of `peers` as laid out at clock time `nowMs` (which flags have faded out).
    QList<QRect> flagRectsFor(const QList<PeerCaret> &peers, qint64 nowMs) const;
    // What peer's caret, selection and the given flag cover: the area to repaint.
    QRect peerRect(const PeerCaret &peer, const QRect &flag) const;
    void fadeTick();

    LineNumberArea *m_lineNumbers = nullptr;
    QList<PeerCaret> m_peers;
    QRegion m_lastPainted;
    QTimer m_fadeTimer;
    qint64 m_flagsMs = 0; // the clock time of the flag layout last repainted for
    QColor m_currentLineColor;
    QColor m_gutterText;
    QColor m_gutterBackground;
    bool m_externalUndo = false;
    bool m_composing = false;
};

} // namespace Chorus::App
