#pragma once

#include "listener.h"

#include <QObject>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace Chorus::Host {

// The QtWebSockets transport: a QWebSocketServer (with TLS when the options name a certificate
// and key). Used for wss, and where the native transport does not exist (not Linux).
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
    void onNewConnection();
    QTcpSocket *transportOf(const QWebSocket *socket) const;

    ServerOptions m_options;
    QWebSocketServer *m_server;
    QTcpServer *m_tcpServer = nullptr; // the QWebSocketServer's own (its child), when found
};

} // namespace Chorus::Host
