// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window/mainwindow.h"

#include "app/appsettings.h"
#include "app/editor/codeeditor.h"
#include "app/editor/findbar.h"
#include "app/editor/highlighting.h"
#include "app/session/collaboration.h"
#include "app/session/sessioncontroller.h"
#include "app/window/editortab.h"
#include "app/window/participantspanel.h"
#include "protocol/invitelink.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QColorDialog>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBlock>

#include <KSyntaxHighlighting/Repository>

namespace Chorus::App {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
    , m_positionLabel(new QLabel(this))
    , m_formatLabel(new QLabel(this))
    , m_syntaxLabel(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
{
    setWindowTitle(tr("Chorus"));
    setAcceptDrops(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentTabChanged);
    m_participants = new ParticipantsPanel(this);
    m_participantsDock = new QDockWidget(tr("Participants"), this);
    m_participantsDock->setObjectName(QStringLiteral("participants"));
    m_participantsDock->setWidget(m_participants);
    addDockWidget(Qt::RightDockWidgetArea, m_participantsDock);
    m_participantsDock->hide();
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_positionLabel);
    statusBar()->addPermanentWidget(m_formatLabel);
    statusBar()->addPermanentWidget(m_syntaxLabel);
    m_connectionLabel->setText(tr("Not connected"));
    createMenus();
    resize(900, 600);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createSessionMenu();
    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("Your &Name…"), this, &MainWindow::chooseName);
    settings->addAction(tr("Your &Colour…"), this, &MainWindow::chooseColor);
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, [this] { newTab(); });
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        if (EditorTab *tab = currentTab()) {
            saveTab(tab);
        }
    });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] {
        if (EditorTab *tab = currentTab()) {
            saveTabAs(tab);
        }
    });
    file->addAction(tr("Re&load"), QKeySequence::Refresh, this, &MainWindow::reloadCurrent);
    file->addSeparator();
    file->addAction(tr("&Close Tab"), QKeySequence::Close, this,
                    [this] { closeTab(m_tabs->currentIndex()); });
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    auto onEditor = [this](auto method) {
        return [this, method] {
            if (EditorTab *tab = currentTab()) {
                (tab->editor()->*method)();
            }
        };
    };
    edit->addAction(tr("&Undo"), QKeySequence::Undo, this, onEditor(&CodeEditor::undo));
    edit->addAction(tr("&Redo"), QKeySequence::Redo, this, onEditor(&CodeEditor::redo));
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, this, onEditor(&QPlainTextEdit::cut));
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, onEditor(&QPlainTextEdit::copy));
    edit->addAction(tr("&Paste"), QKeySequence::Paste, this, onEditor(&QPlainTextEdit::paste));
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this,
                    onEditor(&QPlainTextEdit::selectAll));
    edit->addSeparator();
    edit->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        if (EditorTab *tab = currentTab()) {
            tab->findBar()->showFind();
        }
    });
    edit->addAction(tr("&Replace…"), QKeySequence(tr("Ctrl+H")), this, [this] {
        if (EditorTab *tab = currentTab()) {
            tab->findBar()->showReplace();
        }
    });
    edit->addAction(tr("&Go to Line…"), QKeySequence(tr("Ctrl+G")), this, &MainWindow::goToLine);
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Font…"), this, &MainWindow::chooseFont);
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(theme);
    const QString names[] = { tr("Follow the System"), tr("Light"), tr("Dark") };
    for (int i = 0; i < 3; ++i) {
        QAction *action = theme->addAction(names[i], this, [this, i] { chooseTheme(i); });
        action->setCheckable(true);
        action->setChecked(int(AppSettings::theme()) == i);
        group->addAction(action);
    }
    m_syntaxMenu = view->addMenu(tr("&Syntax"));
    connect(m_syntaxMenu, &QMenu::aboutToShow, this, &MainWindow::fillSyntaxMenu);
}

void MainWindow::createSessionMenu()
{
    QMenu *session = menuBar()->addMenu(tr("Sess&ion"));
    m_sessionController = new SessionController(this);
    m_sessionController->addActions(session);
    session->addAction(m_participantsDock->toggleViewAction());
}

void MainWindow::joinDialog()
{
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Join a Session"), tr("Session address (ws://host:port/document):"),
        QLineEdit::Normal, QStringLiteral("ws://127.0.0.1:1234/notes"), &ok);
    if (!ok || text.trimmed().isEmpty()) {
        return;
    }
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2
        || (scheme != QLatin1String("ws") && scheme != QLatin1String("wss")
            && scheme != QLatin1String("chorus"))) {
        showError(tr("“%1” is not a session address like ws://host:1234/notes.").arg(text));
        return;
    }
    joinSession(url);
}

EditorTab *MainWindow::joinSession(const QUrl &url)
{
    Client::DocumentConnection::Options options;
    options.url = url;
    if (url.scheme() == QLatin1String("chorus")) {
        // Read the way every invite link is read (Protocol::InviteLink), not by hand.
        const auto parsed = Protocol::InviteLink::parse(url.toString(QUrl::FullyEncoded));
        if (!parsed.isOk()) {
            showError(parsed.error);
            return nullptr;
        }
        options.url = parsed.link.webSocketUrl();
        options.pinnedSha256 = parsed.link.sha256();
    }
    options.outboxRoot = m_outboxRoot;
    return joinSession(options);
}

EditorTab *MainWindow::joinSession(const Client::DocumentConnection::Options &options)
{
    EditorTab *tab = newTab();
    shareTab(tab, options);
    const QString name = tab->collaboration()->documentName();
    tab->setTitle(tr("%1 @ %2").arg(name, options.url.authority()));
    return tab;
}

void MainWindow::shareTab(EditorTab *tab, const Client::DocumentConnection::Options &options)
{
    Collaboration *collaboration = tab->startCollaboration(options);
    connect(collaboration, &Collaboration::statusChanged, this, &MainWindow::updateStatus);
    m_participantsDock->show();
    currentTabChanged();
    updateTitles();
}

void MainWindow::currentTabChanged()
{
    EditorTab *tab = currentTab();
    m_participants->setCollaboration(tab != nullptr ? tab->collaboration() : nullptr);
    updateStatus();
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = AppSettings::recentFiles();
    for (const QString &path : files) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this,
                                [this, path] { openFiles({ path }); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear the List"), this, [] { AppSettings::clearRecentFiles(); });
}

void MainWindow::fillSyntaxMenu()
{
    m_syntaxMenu->clear();
    EditorTab *tab = currentTab();
    m_syntaxMenu->addAction(tr("Plain Text"), this, [this] {
        if (EditorTab *t = currentTab()) {
            t->setDefinition({});
            updateStatus();
        }
    });
    QHash<QString, QMenu *> sections;
    const auto definitions = Highlighting::repository().definitions();
    for (const auto &def : definitions) {
        if (def.isHidden()) {
            continue;
        }
        QMenu *&section = sections[def.translatedSection()];
        if (section == nullptr) {
            section = m_syntaxMenu->addMenu(def.translatedSection());
        }
        QAction *action = section->addAction(def.translatedName(), this, [this, def] {
            if (EditorTab *t = currentTab()) {
                t->setDefinition(def);
                updateStatus();
            }
        });
        action->setCheckable(true);
        action->setChecked(tab != nullptr && tab->definition() == def);
    }
}

EditorTab *MainWindow::addTab(EditorTab *tab)
{
    m_tabs->addTab(tab, tab->displayName());
    m_tabs->setCurrentWidget(tab);
    connect(tab, &EditorTab::titleChanged, this, &MainWindow::updateTitles);
    connect(tab, &EditorTab::notice, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(tab, &EditorTab::changedOnDiskWhileModified, this, [this, tab] { askReload(tab); });
    connect(tab->editor(), &QPlainTextEdit::cursorPositionChanged, this, &MainWindow::updateStatus);
    connect(tab->editor(), &CodeEditor::filesDropped, this, &MainWindow::openFiles);
    tab->editor()->setFocus();
    updateTitles();
    return tab;
}

EditorTab *MainWindow::newTab()
{
    return addTab(new EditorTab(m_tabs));
}

EditorTab *MainWindow::openFile(const QString &path, QString *errorText)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (tabAt(i)->filePath() == absolute) {
            m_tabs->setCurrentIndex(i);
            return tabAt(i);
        }
    }
    auto *tab = new EditorTab(m_tabs);
    if (!tab->loadFile(absolute, errorText)) {
        delete tab;
        return nullptr;
    }
    // Replace a pristine "Untitled" tab instead of piling up empty ones.
    EditorTab *current = currentTab();
    if (m_tabs->count() == 1 && current != nullptr && current->filePath().isEmpty()
        && !current->isModified() && current->editor()->document()->isEmpty()) {
        m_tabs->removeTab(0);
        current->deleteLater();
    }
    AppSettings::addRecentFile(absolute);
    return addTab(tab);
}

void MainWindow::openFiles(const QStringList &paths)
{
    QStringList errors;
    for (const QString &path : paths) {
        QString error;
        if (openFile(path, &error) == nullptr) {
            errors << error;
        }
    }
    if (!errors.isEmpty()) {
        showError(errors.join(u'\n'));
    }
}

EditorTab *MainWindow::currentTab() const
{
    return qobject_cast<EditorTab *>(m_tabs->currentWidget());
}

EditorTab *MainWindow::tabAt(int index) const
{
    return qobject_cast<EditorTab *>(m_tabs->widget(index));
}

int MainWindow::tabCount() const
{
    return m_tabs->count();
}

void MainWindow::openDialog()
{
    const QString dir = currentTab() != nullptr && !currentTab()->filePath().isEmpty()
        ? QFileInfo(currentTab()->filePath()).absolutePath()
        : QDir::homePath();
    openFiles(QFileDialog::getOpenFileNames(this, tr("Open Files"), dir));
}

bool MainWindow::saveTab(EditorTab *tab)
{
    if (tab->filePath().isEmpty()) {
        return saveTabAs(tab);
    }
    QString error;
    if (!tab->save(&error)) {
        showError(error);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(tab->displayName()), 4000);
    return true;
}

bool MainWindow::saveTabAs(EditorTab *tab)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save As"), tab->filePath());
    if (path.isEmpty()) {
        return false;
    }
    QString error;
    if (!tab->saveAs(path, &error)) {
        showError(error);
        return false;
    }
    AppSettings::addRecentFile(path);
    return true;
}

bool MainWindow::maybeSave(EditorTab *tab)
{
    // A shared document without a file lives in the session; nothing to lose by closing.
    if (!tab->isModified() || (tab->collaboration() != nullptr && tab->filePath().isEmpty())) {
        return true;
    }
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("%1 has unsaved changes. Save them?").arg(tab->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        return false;
    }
    return answer == QMessageBox::Discard || saveTab(tab);
}

bool MainWindow::closeTab(int index)
{
    EditorTab *tab = tabAt(index);
    if (tab == nullptr || !maybeSave(tab)) {
        return false;
    }
    m_tabs->removeTab(index);
    tab->deleteLater();
    updateStatus();
    return true;
}

void MainWindow::reloadCurrent()
{
    EditorTab *tab = currentTab();
    if (tab == nullptr || tab->filePath().isEmpty()) {
        return;
    }
    if (tab->isModified()
        && QMessageBox::question(
               this, tr("Reload"),
               tr("Discard your unsaved changes to %1 and reload it?").arg(tab->displayName()))
            != QMessageBox::Yes) {
        return;
    }
    QString error;
    if (!tab->reload(&error)) {
        showError(error);
    }
}

void MainWindow::askReload(EditorTab *tab)
{
    const auto answer = QMessageBox::question(
        this, tr("File Changed"),
        tr("%1 was changed by another program, and you have unsaved changes.\n"
           "Reload it from disk and lose your changes?")
            .arg(tab->displayName()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    QString error;
    if (answer == QMessageBox::Yes && !tab->reload(&error)) {
        showError(error);
    }
}

void MainWindow::goToLine()
{
    EditorTab *tab = currentTab();
    if (tab == nullptr) {
        return;
    }
    CodeEditor *editor = tab->editor();
    bool ok = false;
    const int line = QInputDialog::getInt(
        this, tr("Go to Line"), tr("Line (1–%1):").arg(editor->blockCount()),
        editor->textCursor().blockNumber() + 1, 1, editor->blockCount(), 1, &ok);
    if (ok) {
        editor->goToLine(line);
    }
}

void MainWindow::chooseFont()
{
    bool ok = false;
    const QFont font = QFontDialog::getFont(&ok, AppSettings::editorFont(), this, tr("Editor Font"),
                                            QFontDialog::MonospacedFonts);
    if (!ok) {
        return;
    }
    AppSettings::setEditorFont(font);
    for (int i = 0; i < m_tabs->count(); ++i) {
        tabAt(i)->applyFont(font);
    }
}

void MainWindow::chooseTheme(int theme)
{
    AppSettings::setTheme(AppSettings::Theme(theme));
    for (int i = 0; i < m_tabs->count(); ++i) {
        tabAt(i)->applyTheme();
    }
}

void MainWindow::chooseName()
{
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("Your Name"), tr("The name other participants see:"),
                                QLineEdit::Normal, AppSettings::userName(), &ok);
    if (ok && !name.trimmed().isEmpty()) {
        AppSettings::setUserName(name);
    }
}

void MainWindow::chooseColor()
{
    const QColor color = QColorDialog::getColor(AppSettings::userColor(), this, tr("Your Colour"));
    if (color.isValid()) {
        AppSettings::setUserColor(color);
    }
}

void MainWindow::updateTitles()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        EditorTab *tab = tabAt(i);
        // A shared document without a file has nothing to save: no "modified" mark.
        const bool unsaved
            = tab->isModified() && (tab->collaboration() == nullptr || !tab->filePath().isEmpty());
        m_tabs->setTabText(i, tab->displayName() + (unsaved ? QStringLiteral(" •") : QString()));
        m_tabs->setTabToolTip(i,
                              tab->collaboration() != nullptr && tab->filePath().isEmpty()
                                  ? tab->collaboration()->session().options().url.toString()
                                  : QDir::toNativeSeparators(tab->filePath()));
    }
    EditorTab *tab = currentTab();
    setWindowTitle(tab != nullptr ? tr("%1 — Chorus").arg(tab->displayName()) : tr("Chorus"));
    updateStatus();
}

void MainWindow::updateStatus()
{
    EditorTab *tab = currentTab();
    m_connectionLabel->setText(tab != nullptr && tab->collaboration() != nullptr
                                   ? tab->collaboration()->statusText()
                                   : tr("Not connected"));
    if (tab == nullptr) {
        m_positionLabel->clear();
        m_formatLabel->clear();
        m_syntaxLabel->clear();
        return;
    }
    const QTextCursor cursor = tab->editor()->textCursor();
    m_positionLabel->setText(
        tr("Ln %1, Col %2").arg(cursor.blockNumber() + 1).arg(cursor.positionInBlock() + 1));
    const FileFormat &format = tab->format();
    QString text = TextFile::encodingName(format.encoding) + QStringLiteral(" · ")
        + TextFile::lineEndingName(format.lineEnding);
    if (format.mixedLineEndings) {
        text += tr(" (mixed line endings: saved as %1)")
                    .arg(TextFile::lineEndingName(format.lineEnding));
    }
    m_formatLabel->setText(text);
    const auto def = tab->definition();
    m_syntaxLabel->setText(def.isValid() ? def.translatedName() : tr("Plain Text"));
}

void MainWindow::showError(const QString &text)
{
    statusBar()->showMessage(text, 10000);
    QMessageBox::warning(this, tr("Chorus"), text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (!maybeSave(tabAt(i))) {
            event->ignore();
            return;
        }
    }
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    const auto urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    openFiles(paths);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ThemeChange) {
        for (int i = 0; i < m_tabs->count(); ++i) {
            tabAt(i)->applyTheme();
        }
    }
}

} // namespace Chorus::App
