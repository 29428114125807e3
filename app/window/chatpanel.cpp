// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/window/chatpanel.h"

#include "app/appsettings.h"
#include "app/session/sessionchat.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Chorus::App {

ChatPanel::ChatPanel(QWidget *parent)
    : QWidget(parent)
    , m_history(new QTextBrowser(this))
    , m_input(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
{
    m_history->setOpenLinks(false);
    m_input->setPlaceholderText(tr("Message everyone in the session"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_history, 1);
    layout->addLayout(row);
    connect(m_input, &QLineEdit::returnPressed, this, &ChatPanel::sendTyped);
    connect(m_send, &QPushButton::clicked, this, &ChatPanel::sendTyped);
    setChat(nullptr);
}

void ChatPanel::setChat(SessionChat *chat)
{
    if (m_chat) {
        m_chat->disconnect(this);
    }
    m_chat = chat;
    if (chat != nullptr) {
        connect(chat, &SessionChat::messagesChanged, this, &ChatPanel::rebuild);
    }
    m_input->setEnabled(chat != nullptr);
    m_send->setEnabled(chat != nullptr);
    rebuild();
}

void ChatPanel::sendTyped()
{
    const QString text = m_input->text().trimmed();
    if (!m_chat || text.isEmpty()) {
        return;
    }
    m_chat->send(AppSettings::userName(), AppSettings::userColor(), text);
    m_input->clear();
}

void ChatPanel::rebuild()
{
    if (!m_chat) {
        m_history->setHtml(QStringLiteral("<p style='color:gray'>%1</p>")
                               .arg(tr("Join or host a session to chat.").toHtmlEscaped()));
        return;
    }
    QString html;
    const auto messages = m_chat->messages();
    for (const auto &m : messages) {
        const QColor color = m.color.isValid() ? m.color : AppSettings::colorForName(m.name);
        html += QStringLiteral("<p style='margin:2px 0'><span style='color:gray'>%1</span> "
                               "<b style='color:%2'>%3</b>: %4</p>")
                    .arg(QLocale().toString(m.time.toLocalTime().time(), QLocale::ShortFormat),
                         color.name(), m.name.toHtmlEscaped(), m.text.toHtmlEscaped());
    }
    if (messages.isEmpty()) {
        html = QStringLiteral("<p style='color:gray'>%1</p>")
                   .arg(tr("No messages yet. Say hello!").toHtmlEscaped());
    }
    m_history->setHtml(html);
    m_history->verticalScrollBar()->setValue(m_history->verticalScrollBar()->maximum());
}

} // namespace Chorus::App
