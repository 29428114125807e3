// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/documentconnection.h"
#include "protocol/invitelink.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace Chorus::Crdt {
class Doc;
}

namespace Chorus::App {

class SessionChat;

// Membership of one hosted session, as the Join dialog and the window see it: the live list of
// documents from the host's `.chorus/index` (a Y.Map "documents", docs/host.md; rooms under
// `.chorus/` and documents marked removed are left out), the session chat, and the options a
// document tab needs to join a room of this session (URL, password as token, certificate pin).
//
// Failures come as sentences a person can act on: a wrong password (retry() with another one),
// a certificate that does not match the link's fingerprint (both fingerprints; nothing is sent
// and the connection is not retried). Read-only access is reported so tabs can say why they
// cannot be edited.
//
// GUI thread only.
class JoinedSession : public QObject
{
    Q_OBJECT
public:
    JoinedSession(const Protocol::InviteLink &link, const QString &password,
                  const QString &outboxRoot = {}, QObject *parent = nullptr);
    ~JoinedSession() override;

    void start();
    void stop();
    // After authFailed: the same session with another password.
    void retry(const QString &password);

    const Protocol::InviteLink &link() const { return m_link; }
    QStringList documents() const; // sorted
    bool hasDocument(const QString &room) const { return documents().contains(room); }
    Client::DocumentConnection::Options optionsFor(const QString &room) const;
    bool isConnected() const { return m_authenticated; }
    bool isReadOnly() const;
    QString errorText() const { return m_error; }
    // The certificate did not match the pin: retrying with another password cannot help.
    bool isPinRefused() const { return m_pinRefused; }
    SessionChat *chat() const { return m_chat.get(); }
    Client::DocumentConnection &indexSession() const { return *m_index; }
    // "ab12cd…" -> "AB:12:CD:…", the way certificate viewers show a fingerprint.
    static QString readableFingerprint(const QString &sha256);

Q_SIGNALS:
    void documentsChanged();
    void connected(bool readOnly);
    // Wrong password, pin mismatch: `message` is ready to show.
    void failed(const QString &message);

private:
    void fail(const QString &message);

    Protocol::InviteLink m_link;
    QString m_password;
    QString m_outboxRoot;
    std::unique_ptr<Crdt::Doc> m_indexDoc;
    std::unique_ptr<Client::DocumentConnection> m_index;
    std::unique_ptr<SessionChat> m_chat;
    QStringList m_lastDocuments;
    QString m_error;
    bool m_authenticated = false;
    bool m_pinRefused = false;
};

} // namespace Chorus::App
