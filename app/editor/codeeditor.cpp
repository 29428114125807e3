// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/codeeditor.h"

#include "app/editor/linenumberarea.h"

#include <QAbstractTextDocumentLayout>
#include <QMimeData>
#include <QPainter>
#include <QTextBlock>

namespace Chorus::App {

namespace {

QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (mime == nullptr || !mime->hasUrls()) {
        return paths;
    }
    const auto urls = mime->urls();
    for (const QUrl &url : urls) {
        if (!url.isLocalFile()) {
            return {};
        }
        paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumbers(new LineNumberArea(this))
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setAcceptDrops(true);
    m_currentLineColor = palette().color(QPalette::AlternateBase);
    m_gutterText = palette().color(QPalette::PlaceholderText);
    m_gutterBackground = palette().color(QPalette::Window);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    m_fadeTimer.setInterval(150);
    connect(&m_fadeTimer, &QTimer::timeout, this, &CodeEditor::fadeTick);
    updateLineNumberAreaWidth();
    updateExtraSelections();
}

qint64 CodeEditor::clockMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10) {
        ++digits;
    }
    digits = qMax(digits, 3);
    return 10 + fontMetrics().horizontalAdvance(u'9') * digits;
}

void CodeEditor::applyTheme(const KSyntaxHighlighting::Theme &theme)
{
    using KSyntaxHighlighting::Theme;
    if (!theme.isValid()) {
        return;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(Theme::BackgroundColor)));
    pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(Theme::Normal)));
    pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(Theme::TextSelection)));
    setPalette(pal);
    m_currentLineColor = QColor::fromRgba(theme.editorColor(Theme::CurrentLine));
    m_gutterText = QColor::fromRgba(theme.editorColor(Theme::LineNumbers));
    m_gutterBackground = QColor::fromRgba(theme.editorColor(Theme::IconBorder));
    updateExtraSelections();
    m_lineNumbers->update();
}

void CodeEditor::setExternalUndo(bool external)
{
    m_externalUndo = external;
    document()->setUndoRedoEnabled(!external);
}

void CodeEditor::undo()
{
    if (m_externalUndo) {
        Q_EMIT undoRequested();
    } else {
        QPlainTextEdit::undo();
    }
    Q_EMIT userEdited();
}

void CodeEditor::redo()
{
    if (m_externalUndo) {
        Q_EMIT redoRequested();
    } else {
        QPlainTextEdit::redo();
    }
    Q_EMIT userEdited();
}

void CodeEditor::compoundEdit(const std::function<void()> &edit)
{
    Q_EMIT compoundEditStarted();
    edit();
    Q_EMIT compoundEditFinished();
}

void CodeEditor::goToLine(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(qBound(1, line, blockCount()) - 1);
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        qBound(0, column - 1, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void CodeEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0) {
        m_lineNumbers->scroll(0, dy);
    } else {
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    }
    if (rect.contains(viewport()->rect())) {
        updateLineNumberAreaWidth();
    }
}

void CodeEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), m_gutterBackground);
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int current = textCursor().blockNumber();
    QFont bold = font();
    bold.setBold(true);
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            painter.setPen(m_gutterText);
            painter.setFont(block.blockNumber() == current ? bold : font());
            painter.drawText(0, top, m_lineNumbers->width() - 5, fontMetrics().height(),
                             Qt::AlignRight, QString::number(block.blockNumber() + 1));
        }
        top += height;
        block = block.next();
    }
}

void CodeEditor::updateExtraSelections()
{
    QTextEdit::ExtraSelection line;
    line.format.setBackground(m_currentLineColor);
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = textCursor();
    line.cursor.clearSelection();
    setExtraSelections({ line });
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return;
    }
    if (event->matches(QKeySequence::Redo)) {
        redo();
        return;
    }
    bool changed = false;
    const auto connection = connect(document(), &QTextDocument::contentsChange, this,
                                    [&changed](int, int removed, int added) {
                                        changed = changed || removed != added || added > 0;
                                    });
    QPlainTextEdit::keyPressEvent(event);
    disconnect(connection);
    if (changed) {
        Q_EMIT userEdited();
    }
}

void CodeEditor::inputMethodEvent(QInputMethodEvent *event)
{
    const bool preedit = !event->preeditString().isEmpty();
    if (!m_composing && preedit) {
        m_composing = true;
        Q_EMIT compositionStarted();
    } else if (m_composing && !preedit) {
        m_composing = false;
        Q_EMIT compositionAboutToEnd();
    }
    QPlainTextEdit::inputMethodEvent(event);
    if (!event->commitString().isEmpty()) {
        Q_EMIT userEdited();
    }
}

void CodeEditor::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragEnterEvent(event);
}

void CodeEditor::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragMoveEvent(event);
}

void CodeEditor::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT filesDropped(files);
        return;
    }
    QPlainTextEdit::dropEvent(event);
    Q_EMIT userEdited();
}

void CodeEditor::insertFromMimeData(const QMimeData *source)
{
    const QStringList files = localFiles(source);
    if (!files.isEmpty() && !source->hasText()) {
        Q_EMIT filesDropped(files);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
    Q_EMIT userEdited();
}

} // namespace Chorus::App
