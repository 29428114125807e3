// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Chorus::App {

class JoinedSession;
class SessionDocumentsPanel;

// Session → Join…: the invite link (or a ws[s]:// address), the name others see and the
// password. Connect joins the session's index so the documents appear as the host lists them;
// opening one (double-click or Open) hands the connection over and closes the dialog. A wrong
// password or a certificate that does not match the link's fingerprint is explained in the
// dialog, which stays open for another try. GUI thread only.
class JoinDialog : public QDialog
{
    Q_OBJECT
public:
    explicit JoinDialog(const QString &outboxRoot, QWidget *parent = nullptr);
    ~JoinDialog() override;

    void setLink(const QString &link);
    QLineEdit *linkEdit() const { return m_link; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *statusLabel() const { return m_status; }
    SessionDocumentsPanel *documents() const { return m_documents; }
    JoinedSession *connection() const;
    // Hands the connection to the caller (it is re-parented; the dialog forgets it).
    JoinedSession *takeConnection();

    // Connect: parses the link and starts (or, after a wrong password, retries) the connection.
    void connectToSession();

Q_SIGNALS:
    void openRequested(const QString &room);

private:
    void showStatus(const QString &text, bool error);

    QString m_outboxRoot;
    QLineEdit *m_link;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QPushButton *m_connect;
    QLabel *m_status;
    SessionDocumentsPanel *m_documents;
    QPointer<JoinedSession> m_connection;
};

} // namespace Chorus::App
