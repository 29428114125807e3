// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Chorus::App {

class CodeEditor;

// Find and replace under the editor (Ctrl+F / Ctrl+H). Searches wrap around; options: match
// case, whole words, regular expression. Replace All is one compound edit, so a collaborator
// receives it as one transaction and one undo step. GUI thread only.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(CodeEditor *editor, QWidget *parent = nullptr);

    void showFind();
    void showReplace();
    void setFindText(const QString &text);
    void setReplaceText(const QString &text);
    void setCaseSensitive(bool on);
    void setRegularExpression(bool on);

    bool findNext();
    bool findPrevious();
    // Replaces the current match (if the selection is one) and moves to the next.
    bool replace();
    // Returns the number of replacements.
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool find(bool backward);
    bool selectionMatches() const;
    QString replacementFor(const QString &matched) const;

    CodeEditor *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_case;
    QCheckBox *m_words;
    QCheckBox *m_regex;
    QLabel *m_message;
    QWidget *m_replaceRow;
};

} // namespace Chorus::App
