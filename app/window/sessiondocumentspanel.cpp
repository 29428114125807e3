// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window/sessiondocumentspanel.h"

#include "app/session/joinedsession.h"
#include "app/session/sessionchat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Chorus::App {

SessionDocumentsPanel::SessionDocumentsPanel(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_open(new QPushButton(tr("Open"), this))
    , m_remove(new QPushButton(tr("Remove…"), this))
{
    m_heading->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_heading);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    auto open = [this] {
        if (!selected().isEmpty()) {
            Q_EMIT openRequested(selected());
        }
    };
    connect(m_list, &QListWidget::itemActivated, this, open);
    connect(m_open, &QPushButton::clicked, this, open);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (!selected().isEmpty()) {
            Q_EMIT removeRequested(selected());
        }
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        m_open->setEnabled(!selected().isEmpty());
        m_remove->setEnabled(!selected().isEmpty() && m_connection && !m_connection->isReadOnly());
    });
    setConnection(nullptr);
}

void SessionDocumentsPanel::setConnection(JoinedSession *connection)
{
    if (m_connection) {
        m_connection->disconnect(this);
    }
    m_connection = connection;
    if (connection != nullptr) {
        connect(connection, &JoinedSession::documentsChanged, this,
                &SessionDocumentsPanel::rebuild);
        connect(connection, &JoinedSession::connected, this, &SessionDocumentsPanel::rebuild);
        connect(connection, &JoinedSession::failed, this, &SessionDocumentsPanel::rebuild);
        connect(connection->chat(), &SessionChat::presenceChanged, this,
                &SessionDocumentsPanel::rebuild);
    }
    rebuild();
}

QString SessionDocumentsPanel::selected() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item != nullptr ? item->data(Qt::UserRole).toString() : QString();
}

void SessionDocumentsPanel::rebuild()
{
    const QString current = selected();
    m_list->clear();
    if (!m_connection) {
        m_heading->setText(tr("Not in a session."));
    } else {
        const QStringList documents = m_connection->documents();
        const auto people = m_connection->chat()->peopleByDocument();
        for (const QString &room : documents) {
            const QStringList names = people.value(room);
            auto *item = new QListWidgetItem(
                names.isEmpty() ? room : tr("%1 — %2").arg(room, names.join(tr(", "))), m_list);
            item->setData(Qt::UserRole, room);
        }
        if (!m_connection->errorText().isEmpty()) {
            m_heading->setText(tr("Not connected."));
        } else if (!m_connection->isConnected()) {
            m_heading->setText(tr("Connecting to %1…").arg(m_connection->link().host()));
        } else if (documents.isEmpty()) {
            m_heading->setText(tr("No documents shared yet."));
        } else {
            m_heading->setText(tr("Documents in this session: %1").arg(documents.size()));
        }
        m_list->setCurrentRow(qMax(0, int(documents.indexOf(current))));
    }
    m_open->setEnabled(!selected().isEmpty());
    m_remove->setEnabled(!selected().isEmpty() && m_connection && !m_connection->isReadOnly());
}

} // namespace Chorus::App
