// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/documentconnection.h"

#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

namespace Chorus::Crdt {
class Doc;
}

namespace Chorus::App {

// The session's shared side room `.chorus/chat`: a Y.Array "messages" of
// {name, color, time (ms since 1970), text} and a Y.Map "removed" (document name ->
// {by, time}) that marks documents taken out of the session. The host cannot delete documents
// (its index only grows), so removal is a mark every participant honours; it lives here because
// this room is the one every participant writes to. Its awareness carries session-wide presence
// ({user: {name, color}, document}), so everyone sees who is in which document. A late joiner syncs
// the whole room, so the chat history and the removals come with it.
//
// Owns its Crdt::Doc and Client::DocumentConnection. GUI thread only.
class SessionChat : public QObject
{
    Q_OBJECT
public:
    struct Message
    {
        QString name;
        QColor color;
        QDateTime time;
        QString text;
    };

    explicit SessionChat(const Client::DocumentConnection::Options &options,
                         QObject *parent = nullptr);
    ~SessionChat() override;

    void start();
    void stop();
    Client::DocumentConnection &session() const { return *m_session; }

    QList<Message> messages() const;
    void send(const QString &name, const QColor &color, const QString &text);
    QStringList removedDocuments() const;
    // Session-wide presence through this room's awareness: who we are and which document we
    // look at, and for each document the names of the others looking at it.
    void setPresence(const QString &name, const QColor &color, const QString &document);
    QHash<QString, QStringList> peopleByDocument() const;
    void markRemoved(const QString &document, const QString &by);

Q_SIGNALS:
    void messagesChanged();
    void removedChanged();
    void presenceChanged();

private:
    std::unique_ptr<Crdt::Doc> m_doc;
    std::unique_ptr<Client::DocumentConnection> m_session;
    int m_lastCount = 0;
    QStringList m_lastRemoved;
};

} // namespace Chorus::App
