// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/findbar.h"

#include "app/editor/codeeditor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextDocument>
#include <QToolButton>

namespace Chorus::App {

FindBar::FindBar(CodeEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_case(new QCheckBox(tr("Match case"), this))
    , m_words(new QCheckBox(tr("Whole words"), this))
    , m_regex(new QCheckBox(tr("Regular expression"), this))
    , m_message(new QLabel(this))
    , m_replaceRow(new QWidget(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    auto *next = new QPushButton(tr("Next"), this);
    auto *previous = new QPushButton(tr("Previous"), this);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close"));
    auto *replaceOne = new QPushButton(tr("Replace"), m_replaceRow);
    auto *replaceEvery = new QPushButton(tr("Replace All"), m_replaceRow);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(previous, 0, 1);
    layout->addWidget(next, 0, 2);
    layout->addWidget(m_case, 0, 3);
    layout->addWidget(m_words, 0, 4);
    layout->addWidget(m_regex, 0, 5);
    layout->addWidget(m_message, 0, 6);
    layout->addWidget(close, 0, 7);
    auto *row = new QHBoxLayout(m_replaceRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_replace, 1);
    row->addWidget(replaceOne);
    row->addWidget(replaceEvery);
    layout->addWidget(m_replaceRow, 1, 0, 1, 3);
    layout->setColumnStretch(0, 1);

    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replace);
    connect(next, &QPushButton::clicked, this, &FindBar::findNext);
    connect(previous, &QPushButton::clicked, this, &FindBar::findPrevious);
    connect(replaceOne, &QPushButton::clicked, this, &FindBar::replace);
    connect(replaceEvery, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        m_editor->setFocus();
    });
    hide();
}

void FindBar::showFind()
{
    m_replaceRow->hide();
    show();
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator)) {
        m_find->setText(selected);
    }
    m_find->selectAll();
    m_find->setFocus();
}

void FindBar::showReplace()
{
    showFind();
    m_replaceRow->show();
}

void FindBar::setFindText(const QString &text)
{
    m_find->setText(text);
}

void FindBar::setReplaceText(const QString &text)
{
    m_replace->setText(text);
}

void FindBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

void FindBar::setRegularExpression(bool on)
{
    m_regex->setChecked(on);
}

bool FindBar::findNext()
{
    return find(false);
}

bool FindBar::findPrevious()
{
    return find(true);
}

bool FindBar::find(bool backward)
{
    m_message->clear();
    if (m_find->text().isEmpty()) {
        return false;
    }
    QTextDocument::FindFlags flags;
    if (backward) {
        flags |= QTextDocument::FindBackward;
    }
    if (m_case->isChecked()) {
        flags |= QTextDocument::FindCaseSensitively;
    }
    if (m_words->isChecked()) {
        flags |= QTextDocument::FindWholeWords;
    }
    QTextDocument *doc = m_editor->document();
    const QTextCursor from = m_editor->textCursor();
    auto search = [&](const QTextCursor &start) {
        if (m_regex->isChecked()) {
            QRegularExpression re(m_find->text(),
                                  m_case->isChecked() ? QRegularExpression::NoPatternOption
                                                      : QRegularExpression::CaseInsensitiveOption);
            return doc->find(re, start, flags);
        }
        return doc->find(m_find->text(), start, flags);
    };
    QTextCursor found = search(from);
    if (found.isNull()) {
        // Wrap around.
        QTextCursor edge(doc);
        edge.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        found = search(edge);
        if (!found.isNull()) {
            m_message->setText(tr("Search wrapped"));
        }
    }
    if (found.isNull()) {
        m_message->setText(tr("Not found"));
        return false;
    }
    m_editor->setTextCursor(found);
    return true;
}

bool FindBar::selectionMatches() const
{
    const QString selected = m_editor->textCursor().selectedText();
    if (selected.isEmpty()) {
        return false;
    }
    if (m_regex->isChecked()) {
        QRegularExpression re(QRegularExpression::anchoredPattern(m_find->text()),
                              m_case->isChecked() ? QRegularExpression::NoPatternOption
                                                  : QRegularExpression::CaseInsensitiveOption);
        return re.match(selected).hasMatch();
    }
    return selected.compare(m_find->text(),
                            m_case->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive)
        == 0;
}

QString FindBar::replacementFor(const QString &matched) const
{
    if (!m_regex->isChecked()) {
        return m_replace->text();
    }
    // Expand \1-style back references through QString::replace on the single match.
    QRegularExpression re(QRegularExpression::anchoredPattern(m_find->text()),
                          m_case->isChecked() ? QRegularExpression::NoPatternOption
                                              : QRegularExpression::CaseInsensitiveOption);
    QString out = matched;
    return out.replace(re, m_replace->text());
}

bool FindBar::replace()
{
    if (selectionMatches()) {
        QTextCursor cursor = m_editor->textCursor();
        const QString replacement = replacementFor(cursor.selectedText());
        m_editor->compoundEdit([&] { cursor.insertText(replacement); });
        m_editor->setTextCursor(cursor);
    }
    return findNext();
}

int FindBar::replaceAll()
{
    if (m_find->text().isEmpty()) {
        return 0;
    }
    QTextCursor keep = m_editor->textCursor();
    // Collect matches first, then replace from the end so earlier offsets stay valid.
    QList<QTextCursor> matches;
    QTextCursor at(m_editor->document());
    m_editor->setTextCursor(at);
    while (true) {
        QTextCursor before = m_editor->textCursor();
        if (!find(false) || m_editor->textCursor().selectionStart() < before.position()
            || (!matches.isEmpty()
                && m_editor->textCursor().selectionStart()
                    <= matches.constLast().selectionStart())) {
            break;
        }
        matches << m_editor->textCursor();
        if (!m_editor->textCursor().hasSelection()) {
            break; // an empty regex match would loop forever
        }
    }
    m_editor->compoundEdit([&] {
        for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
            QTextCursor cursor = *it;
            cursor.insertText(replacementFor(cursor.selectedText()));
        }
    });
    m_editor->setTextCursor(keep);
    m_message->setText(tr("%n replacement(s)", nullptr, int(matches.size())));
    return int(matches.size());
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Chorus::App
