// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/transport/connection.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;
class QWebSocket;

namespace Chorus::Host {

// A Connection over a QWebSocket (the QtWebSocketListener's transport: wss, and systems without
// epoll). Text frames close it with 1003, as the native transport does.
// Owned by its listener (a QObject child); deletes itself after telling the handler it closed.
// `transport` is the QTcpSocket (QSslSocket for wss) under the QWebSocket when the listener
// found it: closing a plain ws connection then goes through it (see close()).
class QtWebSocketConnection final : public QObject, public Connection
{
public:
    QtWebSocketConnection(QWebSocket *socket, QTcpSocket *transport, QObject *parent);
    ~QtWebSocketConnection() override;

    void setMaxMessageBytes(qint64 bytes) override;
    void send(const QByteArray &message) override;
    void flush() override;
    qint64 bytesToWrite() const override;
    void ping() override;
    void close(int code, const QString &reason) override;
    void abort() override;
    QString peerAddress() const override;

private:
    void onDisconnected();
    void dropInput();
    void shutdownWhenWritten();

    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_transport;
    bool m_closed = false;
    bool m_shutDown = false;
    qint64 m_dropped = 0; // input read and dropped after our close frame
};

} // namespace Chorus::Host
