// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/editor/textfile.h"
#include "client/documentconnection.h"

#include <QFileSystemWatcher>
#include <QWidget>

#include <KSyntaxHighlighting/Definition>

#include <functional>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace Chorus::App {

class CodeEditor;
class Collaboration;
class FindBar;

// One tab: an editor with its find bar, the file it shows (if any) with that file's format,
// syntax highlighting, and a watch on the file for changes made by other programs.
// A tab without a file is "Untitled" or shows a shared document joined from a session.
// When the host re-created a shared document, a bar asks which copy to keep (the editor is
// read-only until then); a refused certificate is told in a bar with both fingerprints.
// GUI thread only.
class EditorTab : public QWidget
{
    Q_OBJECT
public:
    explicit EditorTab(QWidget *parent = nullptr);
    ~EditorTab() override;

    CodeEditor *editor() const { return m_editor; }
    FindBar *findBar() const { return m_findBar; }

    // Loads `path`; on failure leaves the tab unchanged and sets errorText.
    bool loadFile(const QString &path, QString *errorText);
    bool reload(QString *errorText);
    bool save(QString *errorText);
    bool saveAs(const QString &path, QString *errorText);

    QString filePath() const { return m_path; }
    // What the tab shows as its title: the file name, or a set title for shared documents.
    QString displayName() const;
    void setTitle(const QString &title);
    const FileFormat &format() const { return m_format; }
    bool isModified() const;
    void setModified(bool modified);

    // Shares this tab's document through a session (joining: the tab starts empty and fills
    // from the host). The tab owns the Collaboration.
    Collaboration *startCollaboration(const Client::DocumentConnection::Options &options);
    Collaboration *collaboration() const { return m_collaboration; }

    KSyntaxHighlighting::Definition definition() const;
    void setDefinition(const KSyntaxHighlighting::Definition &definition);
    void applyTheme();
    void applyFont(const QFont &font);

Q_SIGNALS:
    void titleChanged();
    // The file changed on disk while the tab holds unsaved edits: the window asks the user.
    void changedOnDiskWhileModified();
    // A one-line notice for the status bar (e.g. the file was reloaded).
    void notice(const QString &text);

private:
    struct Choice
    {
        QString text;
        QString objectName;
        std::function<void()> action;
    };
    // A bar above the editor with a message and buttons; any button closes it.
    void showChoiceBar(const QString &objectName, const QString &message,
                       const QList<Choice> &choices);
    void askWhichCopy();
    void showPinRefused(const QString &expected, const QString &actual);
    void fileChangedOnDisk(const QString &path);
    void watch(const QString &path);
    // asEdit: replace through a cursor (one document change a binding can diff) instead of
    // resetting the document, which is faster for the first load.
    void setText(const QString &text, bool asEdit);

    CodeEditor *m_editor;
    FindBar *m_findBar;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QFileSystemWatcher m_watcher;
    QString m_path;
    QString m_title;
    FileFormat m_format;
    QByteArray m_savedBytes; // what the file held when last loaded or saved
    Collaboration *m_collaboration = nullptr;
};

} // namespace Chorus::App
