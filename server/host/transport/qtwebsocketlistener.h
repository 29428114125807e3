// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/transport/listener.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace Chorus::Host {

// The QtWebSockets transport: a QWebSocketServer (with TLS when the options name a certificate
// and key). Used for wss, and where the native transport does not exist (not Linux). It listens
// itself and serves the web editor (WebEditorPage) to requests that ask for no upgrade.
// Host thread only.
class QtWebSocketListener final : public QObject, public Listener
{
public:
    explicit QtWebSocketListener(const ServerOptions &options, QObject *parent = nullptr);
    ~QtWebSocketListener() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error) override;
    void stopListening() override;
    bool isListening() const override;
    quint16 port() const override;
    QString backendName() const override { return QStringLiteral("qt"); }

private:
    bool configureTls(QString *error);
    void onAccepted();
    void route(QTcpSocket *socket);
    bool admitRequest(QTcpSocket *socket);
    void requestEnded(QTcpSocket *socket);
    void onNewConnection();
    QTcpSocket *transportOf(const QWebSocket *socket) const;

    ServerOptions m_options;
    QWebSocketServer *m_server;
    QTcpServer *m_tcpServer = nullptr; // listens (a QSslServer for wss); the sockets' parent
    QHash<QHostAddress, int> m_requestsByAddress; // requests not yet routed, by remote address
    QHash<QTcpSocket *, QHostAddress> m_requestAddresses; // the sockets counted there
};

} // namespace Chorus::Host
