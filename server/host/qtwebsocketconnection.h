#pragma once

#include "connection.h"

#include <QObject>

class QWebSocket;

namespace Chorus::Host {

// A Connection over a QWebSocket (the QtWebSocketListener's transport: wss, and systems without
// epoll). Text frames close it with 1003, as the native transport does.
// Owned by its listener (a QObject child); deletes itself after telling the handler it closed.
class QtWebSocketConnection final : public QObject, public Connection
{
public:
    QtWebSocketConnection(QWebSocket *socket, QObject *parent);
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

    QWebSocket *m_socket;
    bool m_closed = false;
};

} // namespace Chorus::Host
