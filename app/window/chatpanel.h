// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace Chorus::App {

class SessionChat;

// The session chat side panel: the history (name in the sender's colour, time, text) and a line
// to type in. Shows the chat it is given (none: disabled); sends as AppSettings' user.
// GUI thread only.
class ChatPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPanel(QWidget *parent = nullptr);

    void setChat(SessionChat *chat);
    QTextBrowser *history() const { return m_history; }
    QLineEdit *input() const { return m_input; }
    // Sends the typed line (what Return and the Send button do).
    void sendTyped();

private:
    void rebuild();

    QTextBrowser *m_history;
    QLineEdit *m_input;
    QPushButton *m_send;
    QPointer<SessionChat> m_chat;
};

} // namespace Chorus::App
