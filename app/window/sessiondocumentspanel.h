// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Chorus::App {

class JoinedSession;

// The documents of the joined session, live from its index, each with the names of the others
// looking at it (session-wide presence from the chat room): double-click or Open to open one
// in a tab, Remove to take one out of the session (the owner asks first). Used in the
// Documents dock and inside the Join dialog. GUI thread only.
class SessionDocumentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SessionDocumentsPanel(QWidget *parent = nullptr);

    void setConnection(JoinedSession *connection);
    QListWidget *list() const { return m_list; }
    QPushButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void openRequested(const QString &room);
    void removeRequested(const QString &room);

private:
    void rebuild();
    QString selected() const;

    QLabel *m_heading;
    QListWidget *m_list;
    QPushButton *m_open;
    QPushButton *m_remove;
    QPointer<JoinedSession> m_connection;
};

} // namespace Chorus::App
