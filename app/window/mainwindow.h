// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/documentconnection.h"

#include <QMainWindow>
#include <QUrl>

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace Chorus::App {

class EditorTab;
class ParticipantsPanel;
class SessionController;

// The one window: a tab per document, menus, and the status bar (cursor position, file
// format, syntax, connection state). GUI thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    EditorTab *newTab();
    // Opens `path` in a new tab, or switches to the tab already showing it. On failure shows
    // nothing and returns nullptr with errorText set (openFiles() reports to the user).
    EditorTab *openFile(const QString &path, QString *errorText);
    void openFiles(const QStringList &paths);
    // Opens a tab bound to the room's shared text at ws[s]://HOST:PORT/ROOM (a chorus:// link
    // is read as ws://, or wss:// when it carries a certificate fingerprint; a damaged one is
    // shown as an error and gives nullptr).
    EditorTab *joinSession(const QUrl &url);
    // Opens a tab bound to the room `options.url` names, with its token and pin.
    EditorTab *joinSession(const Client::DocumentConnection::Options &options);
    // Shares an open tab's text as the (new, empty) room `options.url` names.
    void shareTab(EditorTab *tab, const Client::DocumentConnection::Options &options);
    SessionController *sessionController() const { return m_sessionController; }
    // For tests: where the session keeps its outbox (empty: the standard location).
    void setOutboxRoot(const QString &root) { m_outboxRoot = root; }
    ParticipantsPanel *participantsPanel() const { return m_participants; }
    EditorTab *currentTab() const;
    EditorTab *tabAt(int index) const;
    int tabCount() const;
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *connectionLabel() const { return m_connectionLabel; }
    QLabel *formatLabel() const { return m_formatLabel; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createMenus();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createSessionMenu();
    void joinDialog();
    void currentTabChanged();
    void fillRecentMenu();
    void fillSyntaxMenu();
    EditorTab *addTab(EditorTab *tab);
    void openDialog();
    bool saveTab(EditorTab *tab);
    bool saveTabAs(EditorTab *tab);
    bool closeTab(int index);
    bool maybeSave(EditorTab *tab);
    void reloadCurrent();
    void goToLine();
    void chooseFont();
    void chooseTheme(int theme);
    void chooseName();
    void chooseColor();
    void updateTitles();
    void updateStatus();
    void askReload(EditorTab *tab);
    void showError(const QString &text);

    QTabWidget *m_tabs = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_syntaxMenu = nullptr;
    QLabel *m_positionLabel = nullptr;
    QLabel *m_formatLabel = nullptr;
    QLabel *m_syntaxLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QDockWidget *m_participantsDock = nullptr;
    ParticipantsPanel *m_participants = nullptr;
    QString m_outboxRoot;
    SessionController *m_sessionController = nullptr;
};

} // namespace Chorus::App
