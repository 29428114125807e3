// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window/editortab.h"

#include "app/appsettings.h"
#include "app/editor/codeeditor.h"
#include "app/editor/findbar.h"
#include "app/editor/highlighting.h"
#include "app/session/collaboration.h"
#include "app/session/joinedsession.h"

#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>

namespace Chorus::App {

EditorTab::EditorTab(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_findBar(new FindBar(m_editor, this))
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);
    applyFont(AppSettings::editorFont());
    applyTheme();
    connect(m_editor->document(), &QTextDocument::modificationChanged, this,
            &EditorTab::titleChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &EditorTab::fileChangedOnDisk);
}

EditorTab::~EditorTab()
{
    // The collaboration's binding refers to the editor, which the QWidget destructor would
    // delete first.
    delete m_collaboration;
}

QString EditorTab::displayName() const
{
    if (!m_title.isEmpty()) {
        return m_title;
    }
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

void EditorTab::setTitle(const QString &title)
{
    m_title = title;
    Q_EMIT titleChanged();
}

bool EditorTab::isModified() const
{
    return m_editor->document()->isModified();
}

void EditorTab::setModified(bool modified)
{
    m_editor->document()->setModified(modified);
}

void EditorTab::setText(const QString &text, bool asEdit)
{
    // Highlighting a very large file would stall the GUI; it stays plain text.
    const bool highlight = text.size() <= Highlighting::maxHighlightedChars;
    m_highlighter->setDocument(nullptr);
    if (asEdit) {
        QTextCursor cursor(m_editor->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(text);
    } else {
        m_editor->setPlainText(text);
    }
    m_editor->moveCursor(QTextCursor::Start);
    if (highlight) {
        m_highlighter->setDocument(m_editor->document());
    }
}

bool EditorTab::loadFile(const QString &path, QString *errorText)
{
    const TextFile::Loaded loaded = TextFile::load(path);
    if (loaded.error != TextFile::Error::None) {
        *errorText = loaded.errorText;
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    m_format = loaded.format;
    m_savedBytes = TextFile::encode(loaded.text, loaded.format);
    setDefinition(Highlighting::definitionForFile(m_path));
    setText(loaded.text, false);
    setModified(false);
    watch(m_path);
    Q_EMIT titleChanged();
    return true;
}

bool EditorTab::reload(QString *errorText)
{
    if (m_path.isEmpty()) {
        return false;
    }
    const TextFile::Loaded loaded = TextFile::load(m_path);
    if (loaded.error != TextFile::Error::None) {
        *errorText = loaded.errorText;
        return false;
    }
    m_format = loaded.format;
    m_savedBytes = TextFile::encode(loaded.text, loaded.format);
    const int position = m_editor->textCursor().position();
    // Replace the text as one edit so a shared document sees one transaction.
    m_editor->compoundEdit([&] { setText(loaded.text, true); });
    QTextCursor cursor = m_editor->textCursor();
    cursor.setPosition(qMin(position, m_editor->document()->characterCount() - 1));
    m_editor->setTextCursor(cursor);
    setModified(false);
    return true;
}

bool EditorTab::save(QString *errorText)
{
    if (m_path.isEmpty()) {
        *errorText = tr("The document has no file name yet.");
        return false;
    }
    return saveAs(m_path, errorText);
}

bool EditorTab::saveAs(const QString &path, QString *errorText)
{
    const QString text
        = m_editor->document()->toRawText().replace(QChar::ParagraphSeparator, u'\n');
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!TextFile::save(absolute, text, m_format, errorText)) {
        return false;
    }
    m_savedBytes = TextFile::encode(text, m_format);
    if (absolute != m_path) {
        if (!m_path.isEmpty()) {
            m_watcher.removePath(m_path);
        }
        m_path = absolute;
        if (!definition().isValid()) {
            setDefinition(Highlighting::definitionForFile(m_path));
        }
    }
    watch(m_path);
    setModified(false);
    Q_EMIT titleChanged();
    return true;
}

void EditorTab::watch(const QString &path)
{
    // QSaveFile replaces the file by renaming, which drops inotify watches: re-add every time.
    m_watcher.removePath(path);
    m_watcher.addPath(path);
}

void EditorTab::fileChangedOnDisk(const QString &path)
{
    if (path != m_path) {
        return;
    }
    if (!QFileInfo::exists(path)) {
        Q_EMIT notice(tr("%1 was deleted or moved on disk.").arg(displayName()));
        return;
    }
    watch(path);
    QFile file(path);
    if (file.open(QIODevice::ReadOnly) && file.size() <= TextFile::defaultMaxSize
        && file.readAll() == m_savedBytes) {
        return; // our own save, or a touch without changes
    }
    if (isModified()) {
        Q_EMIT changedOnDiskWhileModified();
        return;
    }
    QString error;
    if (reload(&error)) {
        Q_EMIT notice(tr("%1 changed on disk and was reloaded.").arg(displayName()));
    } else {
        Q_EMIT notice(error);
    }
}

Collaboration *EditorTab::startCollaboration(const Client::DocumentConnection::Options &options)
{
    Q_ASSERT(m_collaboration == nullptr);
    // The binding must see each document change before the highlighter re-marks the blocks,
    // so the highlighter's connection is made again after the binding's.
    QTextDocument *highlighted = m_highlighter->document();
    m_highlighter->setDocument(nullptr);
    m_collaboration = new Collaboration(m_editor, options, QStringLiteral("content"), this);
    if (highlighted != nullptr || m_path.isEmpty()) {
        m_highlighter->setDocument(m_editor->document());
    }
    if (m_title.isEmpty() && m_path.isEmpty()) {
        setTitle(m_collaboration->documentName());
    }
    if (!definition().isValid()) {
        setDefinition(Highlighting::definitionForFile(m_collaboration->documentName()));
    }
    connect(m_collaboration, &Collaboration::epochMismatch, this, &EditorTab::askWhichCopy);
    connect(m_collaboration, &Collaboration::pinMismatch, this, &EditorTab::showPinRefused);
    m_collaboration->start();
    return m_collaboration;
}

void EditorTab::showChoiceBar(const QString &objectName, const QString &message,
                              const QList<Choice> &choices)
{
    delete findChild<QFrame *>(objectName);
    auto *bar = new QFrame(this);
    bar->setObjectName(objectName);
    bar->setStyleSheet(QStringLiteral("QFrame#%1 { background:#fff4ce; border-bottom:1px solid "
                                      "#e0c870 } QLabel { color:#5c4400 }")
                           .arg(objectName));
    auto *row = new QHBoxLayout(bar);
    auto *label = new QLabel(message, bar);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(label, 1);
    for (const Choice &choice : choices) {
        auto *button = new QPushButton(choice.text, bar);
        button->setObjectName(choice.objectName);
        const auto action = choice.action;
        connect(button, &QPushButton::clicked, this, [bar, action] {
            bar->hide();
            bar->deleteLater();
            action();
        });
        row->addWidget(button);
    }
    static_cast<QVBoxLayout *>(layout())->insertWidget(0, bar);
}

void EditorTab::askWhichCopy()
{
    // Nothing moves until the user answers; typing meanwhile would go into a copy that may be
    // about to be dropped.
    const bool wasReadOnly = m_editor->isReadOnly();
    m_editor->setReadOnly(true);
    const QString name = m_collaboration->documentName();
    showChoiceBar(
        QStringLiteral("epochChoice"),
        tr("“%1” was created anew on the host since you last synced it (it may have been removed "
           "and shared again). Your copy and the host's are different documents now; nothing was "
           "merged. Which one do you want to keep?")
            .arg(name),
        { { tr("&Merge Mine Into the Host's"), QStringLiteral("keepLocalCopy"),
            [this, wasReadOnly] {
                m_editor->setReadOnly(wasReadOnly);
                m_collaboration->keepLocalCopy();
            } },
          { tr("Use the &Host's (Discard Mine)"), QStringLiteral("takeHostCopy"),
            [this, wasReadOnly] {
                m_editor->setReadOnly(wasReadOnly);
                m_collaboration->takeHostCopy();
            } } });
}

void EditorTab::showPinRefused(const QString &expected, const QString &actual)
{
    showChoiceBar(QStringLiteral("pinRefused"),
                  tr("Not connected: the host's certificate does not match the one this document "
                     "was shared with, so this may not be the computer you joined. Nothing was "
                     "sent; your edits stay here.\nExpected: %1\nPresented: %2")
                      .arg(JoinedSession::readableFingerprint(expected),
                           JoinedSession::readableFingerprint(actual)),
                  { { tr("&Try Again"), QStringLiteral("retryConnection"),
                      [this] { m_collaboration->retry(); } } });
}

KSyntaxHighlighting::Definition EditorTab::definition() const
{
    return m_highlighter->definition();
}

void EditorTab::setDefinition(const KSyntaxHighlighting::Definition &definition)
{
    m_highlighter->setDefinition(definition);
}

void EditorTab::applyTheme()
{
    const auto theme = Highlighting::theme(AppSettings::theme(), palette());
    m_highlighter->setTheme(theme);
    m_editor->applyTheme(theme);
    if (m_highlighter->document() != nullptr) {
        m_highlighter->rehighlight();
    }
}

void EditorTab::applyFont(const QFont &font)
{
    m_editor->setFont(font);
    m_editor->setTabStopDistance(4 * QFontMetricsF(font).horizontalAdvance(u' '));
}

} // namespace Chorus::App
