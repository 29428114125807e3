// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Chorus::Host {

class Connection;

// What the host hears from a connection. Every call comes from the host's thread, never from
// inside a call the host made on the same connection (so the host may close or abort there).
class ConnectionHandler
{
public:
    // One whole binary message (fragments already joined, never larger than the connection's
    // limit).
    virtual void connectionMessage(Connection *connection, const QByteArray &message) = 0;
    virtual void connectionPong(Connection *connection) = 0;
    // The connection is gone (closed by either side, or broken). The transport deletes it once
    // this returns: the handler must forget the pointer here.
    virtual void connectionClosed(Connection *connection) = 0;

protected:
    ~ConnectionHandler() = default;
};

// One accepted, upgraded WebSocket connection, as the host uses it: binary messages in and out,
// pings, and closing with a code. Two transports implement it (see Listener): the Linux-native
// one (EpollConnection) and QtWebSockets (QtWebSocketConnection, for TLS and other systems).
//
// Protocol errors the transport itself detects (unmasked or malformed frames, text frames,
// messages over the limit) close the connection with the RFC 6455 code and end in
// connectionClosed(); the handler never sees those bytes.
//
// Owned by its Listener. Host thread only.
class Connection
{
public:
    virtual ~Connection() = default;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    void setHandler(ConnectionHandler *handler) { m_handler = handler; }

    // Messages larger than this close the connection with 1009 before they are buffered.
    virtual void setMaxMessageBytes(qint64 bytes) = 0;
    // Queues a binary message; nothing is written before flush().
    virtual void send(const QByteArray &message) = 0;
    // Writes what send() queued (one write where the transport can); the rest goes out as the
    // peer reads.
    virtual void flush() = 0;
    // send() for each message, then flush(); the native transport writes them straight from
    // the messages' buffers, in one system call and without copying them.
    virtual void sendAll(const QList<QByteArray> &messages)
    {
        for (const QByteArray &m : messages) {
            send(m);
        }
        flush();
    }
    // Bytes accepted by send() that the peer has not taken yet.
    virtual qint64 bytesToWrite() const = 0;
    virtual void ping() = 0; // written at once
    // Sends a close frame and ends the connection once the peer answered or had time to.
    virtual void close(int code, const QString &reason) = 0;
    // Drops the connection now, without a close frame.
    virtual void abort() = 0;
    // For logs: "ADDRESS:PORT" of the peer.
    virtual QString peerAddress() const = 0;

protected:
    Connection() = default;
    ConnectionHandler *m_handler = nullptr;
};

} // namespace Chorus::Host
