// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/sessioncontroller.h"

#include "app/appsettings.h"
#include "app/dialogs/hostdialog.h"
#include "app/dialogs/joindialog.h"
#include "app/dialogs/settingsdialog.h"
#include "app/editor/codeeditor.h"
#include "app/session/collaboration.h"
#include "app/session/joinedsession.h"
#include "app/session/sessionchat.h"
#include "app/window/chatpanel.h"
#include "app/window/editortab.h"
#include "app/window/mainwindow.h"
#include "app/window/sessiondocumentspanel.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Chorus::App {

namespace {

const char *const bannerName = "readOnlyBanner";

} // namespace

SessionController::SessionController(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_host(new Host::EmbeddedHost(this))
    , m_chat(new ChatPanel(window))
    , m_documents(new SessionDocumentsPanel(window))
    , m_chatDock(new QDockWidget(tr("Chat"), window))
    , m_documentsDock(new QDockWidget(tr("Session Documents"), window))
{
    m_chatDock->setObjectName(QStringLiteral("chat"));
    m_chatDock->setWidget(m_chat);
    m_documentsDock->setObjectName(QStringLiteral("sessionDocuments"));
    m_documentsDock->setWidget(m_documents);
    window->addDockWidget(Qt::RightDockWidgetArea, m_documentsDock);
    window->addDockWidget(Qt::RightDockWidgetArea, m_chatDock);
    m_chatDock->hide();
    m_documentsDock->hide();
    connect(m_documents, &SessionDocumentsPanel::openRequested, this,
            &SessionController::openDocument);
    connect(m_documents, &SessionDocumentsPanel::removeRequested, this,
            &SessionController::confirmRemoveDocument);
    connect(window->tabs(), &QTabWidget::currentChanged, this, &SessionController::publishPresence);
    connect(this, &SessionController::notice, window,
            [window](const QString &text) { window->statusBar()->showMessage(text, 10000); });

    connect(m_host, &Host::EmbeddedHost::started, this, [this](const QUrl &, const QString &fp) {
        updateActions();
        Q_EMIT hostingChanged(true);
        Q_EMIT notice(tr("Hosting. Share the invite link: %1").arg(m_host->inviteUrl().toString()));
        join(Protocol::InviteLink(m_host->localUrl(), fp), m_host->options().password);
    });
    connect(m_host, &Host::EmbeddedHost::failed, this, [this](const QString &error) {
        m_pendingShares.clear();
        Q_EMIT notice(tr("Could not start hosting: %1").arg(error));
    });
    connect(m_host, &Host::EmbeddedHost::stopped, this, [this] {
        updateActions();
        Q_EMIT hostingChanged(false);
        Q_EMIT notice(tr("Hosting stopped. Everyone was told the session ended."));
    });
}

SessionController::~SessionController()
{
    // The panels outlive us (they belong to the window) and must not hear the connection go.
    m_documents->setConnection(nullptr);
    m_chat->setChat(nullptr);
    delete m_connection;
}

void SessionController::addActions(QMenu *menu)
{
    menu->addAction(tr("&Host…"), this, &SessionController::showHostDialog);
    menu->addAction(tr("&Join…"), this, [this] { showJoinDialog(); });
    m_stopAction = menu->addAction(tr("&Stop Hosting"), this, &SessionController::stopHosting);
    menu->addSeparator();
    m_addAction = menu->addAction(tr("&Add Current Document"), this,
                                  &SessionController::addCurrentDocument);
    menu->addAction(m_documentsDock->toggleViewAction());
    menu->addAction(m_chatDock->toggleViewAction());
    menu->addSeparator();
    menu->addAction(tr("S&ettings…"), this, &SessionController::showSettingsDialog);
    updateActions();
}

void SessionController::updateActions()
{
    if (m_stopAction != nullptr) {
        m_stopAction->setEnabled(m_host->state() == Host::EmbeddedHost::State::Running);
    }
    if (m_addAction != nullptr) {
        m_addAction->setEnabled(m_connection && !m_connection->isReadOnly());
    }
}

void SessionController::host(const Host::EmbeddedHost::Options &options,
                             const QList<EditorTab *> &share)
{
    m_pendingShares.clear();
    for (EditorTab *tab : share) {
        m_pendingShares << tab;
    }
    m_host->start(options);
}

void SessionController::stopHosting()
{
    m_host->stop();
}

JoinedSession *SessionController::join(const Protocol::InviteLink &link, const QString &password)
{
    auto *connection = new JoinedSession(link, password, m_outboxRoot);
    connection->start();
    adopt(connection);
    return connection;
}

void SessionController::adopt(JoinedSession *connection)
{
    if (m_connection == connection) {
        return;
    }
    delete m_connection;
    m_connection = connection;
    connection->setParent(this);
    m_wasConnected = connection->isConnected();
    m_chat->setChat(connection->chat());
    m_documents->setConnection(connection);
    m_chatDock->show();
    m_documentsDock->show();
    connect(connection, &JoinedSession::connected, this, [this](bool readOnly) {
        m_wasConnected = true;
        updateActions();
        publishPresence();
        Q_EMIT notice(readOnly ? tr("Joined as a read-only guest.") : tr("Joined the session."));
        const auto shares = m_pendingShares;
        m_pendingShares.clear();
        for (const auto &tab : shares) {
            if (tab) {
                shareTab(tab);
            }
        }
    });
    connect(connection, &JoinedSession::failed, this, &SessionController::notice);
    connect(connection->chat(), &SessionChat::removedChanged, this,
            &SessionController::onRemovedChanged);
    connect(&connection->indexSession(), &Client::DocumentConnection::stateChanged, this,
            [this](Client::ConnectionState state) {
                if (state == Client::ConnectionState::Reconnecting && m_wasConnected) {
                    m_wasConnected = false;
                    Q_EMIT notice(tr("The host is gone — they may have stopped hosting. Your "
                                     "edits are kept and sent when the session is back."));
                } else if (state == Client::ConnectionState::Connected) {
                    m_wasConnected = true;
                }
            });
    updateActions();
}

void SessionController::publishPresence()
{
    if (!m_connection) {
        return;
    }
    EditorTab *tab = m_window->currentTab();
    QString room;
    QString name = AppSettings::userName();
    QColor color = AppSettings::userColor();
    if (tab != nullptr && tab->collaboration() != nullptr
        && tab->collaboration()->session().options().url.authority()
            == m_connection->link().webSocketUrl().authority()) {
        // The tab's own identity: the one its peers see on its caret.
        room = tab->collaboration()->documentName();
        name = tab->collaboration()->userName();
        color = tab->collaboration()->userColor();
    }
    m_connection->chat()->setPresence(name, color, room);
}

EditorTab *SessionController::tabFor(const QString &room) const
{
    if (!m_connection) {
        return nullptr;
    }
    const QUrl url = m_connection->link().webSocketUrl(room);
    for (int i = 0; i < m_window->tabCount(); ++i) {
        EditorTab *tab = m_window->tabAt(i);
        if (tab->collaboration() != nullptr
            && tab->collaboration()->session().options().url == url) {
            return tab;
        }
    }
    return nullptr;
}

EditorTab *SessionController::openDocument(const QString &room)
{
    if (!m_connection || room.isEmpty()) {
        return nullptr;
    }
    if (EditorTab *tab = tabFor(room)) {
        m_window->tabs()->setCurrentWidget(tab);
        return tab;
    }
    EditorTab *tab = m_window->joinSession(m_connection->optionsFor(room));
    tab->setTitle(room);
    Client::DocumentConnection &session = tab->collaboration()->session();
    connect(&session, &Client::DocumentConnection::readOnlyChanged, tab,
            [this, tab](bool readOnly, const QString &reason) {
                applyReadOnly(tab, readOnly, reason);
            });
    if (m_connection->isReadOnly()) {
        applyReadOnly(tab, true, {});
    }
    publishPresence();
    return tab;
}

QString SessionController::uniqueRoomName(const QString &wanted) const
{
    QString base = wanted.trimmed();
    base.replace(u'/', u'-');
    if (base.isEmpty() || base.startsWith(u'.')) {
        base = tr("untitled") + base;
    }
    QString name = base;
    for (int n = 2; m_connection->hasDocument(name)
         || m_connection->chat()->removedDocuments().contains(name) || tabFor(name) != nullptr;
         ++n) {
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
    return name;
}

QString SessionController::shareTab(EditorTab *tab)
{
    if (!m_connection || tab == nullptr || tab->collaboration() != nullptr) {
        return {};
    }
    const QString wanted
        = tab->filePath().isEmpty() ? tab->displayName() : QFileInfo(tab->filePath()).fileName();
    const QString room = uniqueRoomName(wanted);
    // The tab's text becomes the new room's first content (the binding starts from it).
    m_window->shareTab(tab, m_connection->optionsFor(room));
    publishPresence();
    Q_EMIT notice(tr("“%1” is now shared in the session.").arg(room));
    return room;
}

void SessionController::addCurrentDocument()
{
    EditorTab *tab = m_window->currentTab();
    if (!m_connection) {
        QMessageBox::information(m_window, tr("Add Current Document"),
                                 tr("Host or join a session first."));
        return;
    }
    if (tab == nullptr || tab->collaboration() != nullptr) {
        QMessageBox::information(m_window, tr("Add Current Document"),
                                 tr("The current tab is already shared."));
        return;
    }
    shareTab(tab);
}

void SessionController::removeDocument(const QString &room)
{
    if (m_connection) {
        m_connection->chat()->markRemoved(room, AppSettings::userName());
    }
}

void SessionController::confirmRemoveDocument(const QString &room)
{
    const auto answer = QMessageBox::question(
        m_window, tr("Remove Document"),
        tr("Remove “%1” from the session for everyone? Open copies become read-only.").arg(room),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes) {
        removeDocument(room);
    }
}

void SessionController::onRemovedChanged()
{
    const QStringList removed = m_connection->chat()->removedDocuments();
    for (const QString &room : removed) {
        if (EditorTab *tab = tabFor(room)) {
            if (tab->findChild<QLabel *>(QLatin1String(bannerName)) == nullptr) {
                applyReadOnly(tab, true, tr("“%1” was removed from the session.").arg(room));
                tab->collaboration()->stop();
                Q_EMIT notice(tr("“%1” was removed from the session.").arg(room));
            }
        }
    }
}

void SessionController::applyReadOnly(EditorTab *tab, bool readOnly, const QString &reason)
{
    tab->editor()->setReadOnly(readOnly);
    auto *banner = tab->findChild<QLabel *>(QLatin1String(bannerName));
    if (!readOnly) {
        delete banner;
        return;
    }
    if (banner == nullptr) {
        banner = new QLabel(tab);
        banner->setObjectName(QLatin1String(bannerName));
        banner->setWordWrap(true);
        banner->setStyleSheet(QStringLiteral(
            "background:#fff4ce; color:#5c4400; padding:6px; border-bottom:1px solid #e0c870"));
        if (auto *layout = qobject_cast<QVBoxLayout *>(tab->layout())) {
            layout->insertWidget(0, banner);
        }
    }
    banner->setText(reason.isEmpty()
                        ? tr("Read-only: the host let you in as a guest who can read and "
                             "follow, but not edit.")
                        : tr("Read-only: %1").arg(reason));
}

void SessionController::showHostDialog()
{
    QList<EditorTab *> tabs;
    for (int i = 0; i < m_window->tabCount(); ++i) {
        if (m_window->tabAt(i)->collaboration() == nullptr) {
            tabs << m_window->tabAt(i);
        }
    }
    auto *dialog = new HostDialog(m_host, tabs, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HostDialog::startRequested, this,
            [this, dialog] { host(dialog->options(), dialog->sharedTabs()); });
    connect(dialog, &HostDialog::stopRequested, this, &SessionController::stopHosting);
    dialog->show();
}

void SessionController::showJoinDialog(const QString &link)
{
    auto *dialog = new JoinDialog(m_outboxRoot, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setLink(link);
    connect(dialog, &JoinDialog::openRequested, this, [this, dialog](const QString &room) {
        if (JoinedSession *connection = dialog->takeConnection()) {
            adopt(connection);
        }
        openDocument(room);
    });
    dialog->show();
    if (!link.isEmpty()) {
        dialog->connectToSession();
    }
}

void SessionController::showSettingsDialog()
{
    SettingsDialog dialog(m_window);
    if (dialog.exec() == QDialog::Accepted) {
        dialog.apply();
        for (int i = 0; i < m_window->tabCount(); ++i) {
            EditorTab *tab = m_window->tabAt(i);
            tab->applyFont(AppSettings::editorFont());
            tab->applyTheme();
            if (tab->collaboration() != nullptr) {
                tab->collaboration()->setUser(AppSettings::userName(), AppSettings::userColor());
            }
        }
    }
}

JoinedSession *SessionController::connection() const
{
    return m_connection;
}

} // namespace Chorus::App
