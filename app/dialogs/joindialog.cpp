// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/dialogs/joindialog.h"

#include "app/appsettings.h"
#include "app/session/joinedsession.h"
#include "app/window/sessiondocumentspanel.h"
#include "protocol/invitelink.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Chorus::App {

JoinDialog::JoinDialog(const QString &outboxRoot, QWidget *parent)
    : QDialog(parent)
    , m_outboxRoot(outboxRoot)
    , m_link(new QLineEdit(this))
    , m_name(new QLineEdit(AppSettings::userName(), this))
    , m_password(new QLineEdit(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_status(new QLabel(this))
    , m_documents(new SessionDocumentsPanel(this))
{
    setWindowTitle(tr("Join a Session"));
    m_link->setPlaceholderText(tr("chorus://host:1234/?fp=… (paste the invite link)"));
    m_link->setMinimumWidth(420);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Only if the host set one"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    m_documents->removeButton()->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Invite &link:"), m_link);
    form->addRow(tr("Your &name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_connect, QDialogButtonBox::ActionRole);
    m_connect->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_documents, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, &JoinDialog::connectToSession);
    connect(m_documents, &SessionDocumentsPanel::openRequested, this, [this](const QString &room) {
        Q_EMIT openRequested(room);
        accept();
    });
    resize(560, 420);
}

JoinDialog::~JoinDialog() = default;

void JoinDialog::setLink(const QString &link)
{
    m_link->setText(link);
    m_link->setCursorPosition(0);
}

JoinedSession *JoinDialog::takeConnection()
{
    JoinedSession *connection = m_connection;
    if (connection != nullptr) {
        connection->disconnect(this);
        connection->setParent(nullptr);
        m_documents->setConnection(nullptr);
    }
    m_connection = nullptr;
    return connection;
}

void JoinDialog::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color:#b00020; font-weight:bold") : QString());
    m_status->setVisible(!text.isEmpty());
}

void JoinDialog::connectToSession()
{
    if (!m_name->text().trimmed().isEmpty()) {
        AppSettings::setUserName(m_name->text().trimmed());
    }
    const auto parsed = Protocol::InviteLink::parse(m_link->text().trimmed());
    if (!parsed.isOk()) {
        showStatus(tr("That is not an invite link: %1").arg(parsed.error), true);
        return;
    }
    // The same session again after a wrong password: retry; anything else starts afresh.
    if (m_connection && m_connection->link() == parsed.link && !m_connection->isConnected()
        && !m_connection->errorText().isEmpty() && !m_connection->isPinRefused()) {
        showStatus(tr("Connecting…"), false);
        m_connection->retry(m_password->text());
        return;
    }
    delete m_connection;
    m_connection = new JoinedSession(parsed.link, m_password->text(), m_outboxRoot, this);
    connect(m_connection, &JoinedSession::failed, this,
            [this](const QString &message) { showStatus(message, true); });
    connect(m_connection, &JoinedSession::connected, this, [this](bool readOnly) {
        showStatus(readOnly ? tr("Connected as a read-only guest: you can read and follow, "
                                 "but not edit.")
                            : tr("Connected. Pick a document to open."),
                   false);
    });
    connect(&m_connection->indexSession(), &Client::DocumentConnection::stateChanged, this,
            [this](Client::ConnectionState state) {
                if (state == Client::ConnectionState::Reconnecting && m_connection
                    && !m_connection->isConnected()) {
                    showStatus(tr("Cannot reach %1:%2 yet. Is the host running, and reachable "
                                  "from this computer? Still trying…")
                                   .arg(m_connection->link().host())
                                   .arg(m_connection->link().port()),
                               false);
                }
            });
    m_documents->setConnection(m_connection);
    showStatus(tr("Connecting…"), false);
    m_connection->start();
}

JoinedSession *JoinDialog::connection() const
{
    return m_connection;
}

} // namespace Chorus::App
