// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/embeddedhost.h"
#include "protocol/invitelink.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMenu;

namespace Chorus::App {

class ChatPanel;
class EditorTab;
class MainWindow;
class JoinedSession;
class SessionDocumentsPanel;

// The window's session glue: hosting through a Host::EmbeddedHost (its own thread), the one
// joined session (a JoinedSession), opening its documents in tabs, sharing the current tab
// as a new document, marking documents removed, and the Documents and Chat docks.
//
// The host joins its own session like any guest (through localUrl() with the pin and the
// password), so the hosting window and a joining window behave the same. Read-only access makes
// the tabs read-only with a banner that says why. When the host goes away, the window says so
// in words instead of a close code.
//
// Dialogs are shown by the show…() slots; everything else is callable without them (tests).
// GUI thread only; owned by the MainWindow.
class SessionController : public QObject
{
    Q_OBJECT
public:
    explicit SessionController(MainWindow *window);
    ~SessionController() override;

    // Session menu entries: Host…, Join…, Stop hosting, Add current document, Settings….
    void addActions(QMenu *menu);

    // Hosting: starts the host; when it runs, joins it and shares `share` (open tabs).
    void host(const Host::EmbeddedHost::Options &options, const QList<EditorTab *> &share = {});
    void stopHosting();
    Host::EmbeddedHost *hostSession() const { return m_host; }

    // Joining: replaces the current session connection with one for `link` (started).
    JoinedSession *join(const Protocol::InviteLink &link, const QString &password);
    // Takes over a connection the Join dialog made (already started).
    void adopt(JoinedSession *connection);
    JoinedSession *connection() const;

    // Opens (or switches to) the tab of one of the session's documents.
    EditorTab *openDocument(const QString &room);
    // Shares an open tab as a new document named after it; returns the room name or empty.
    QString shareTab(EditorTab *tab);
    // Marks a document removed for everyone (no question asked; the GUI asks first).
    void removeDocument(const QString &room);

    ChatPanel *chatPanel() const { return m_chat; }
    SessionDocumentsPanel *documentsPanel() const { return m_documents; }
    // For tests: where sessions keep their outboxes (empty: the standard location).
    void setOutboxRoot(const QString &root) { m_outboxRoot = root; }
    // The tab showing `room` of the current session, or nullptr.
    EditorTab *tabFor(const QString &room) const;

    void showHostDialog();
    void showJoinDialog(const QString &link = {});
    void showSettingsDialog();
    void addCurrentDocument();
    void confirmRemoveDocument(const QString &room);

Q_SIGNALS:
    void hostingChanged(bool running);
    // A sentence for the status bar or a message box.
    void notice(const QString &text);

private:
    void applyReadOnly(EditorTab *tab, bool readOnly, const QString &reason);
    // Tells the session which document this window shows (the chat room's awareness).
    void publishPresence();
    void onRemovedChanged();
    void updateActions();
    QString uniqueRoomName(const QString &wanted) const;

    MainWindow *m_window;
    Host::EmbeddedHost *m_host;
    QPointer<JoinedSession> m_connection;
    QList<QPointer<EditorTab>> m_pendingShares;
    ChatPanel *m_chat;
    SessionDocumentsPanel *m_documents;
    QDockWidget *m_chatDock;
    QDockWidget *m_documentsDock;
    QAction *m_stopAction = nullptr;
    QAction *m_addAction = nullptr;
    QString m_outboxRoot;
    bool m_wasConnected = false;
};

} // namespace Chorus::App
