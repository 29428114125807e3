#include "qtwebsocketconnection.h"

#include <QWebSocket>

namespace Chorus::Host {

QtWebSocketConnection::QtWebSocketConnection(QWebSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &m) {
        if (m_handler && !m_closed) {
            m_handler->connectionMessage(this, m);
        }
    });
    connect(socket, &QWebSocket::textFrameReceived, this,
            [this] { close(1003, QStringLiteral("text frames are not supported")); });
    connect(socket, &QWebSocket::pong, this, [this] {
        if (m_handler) {
            m_handler->connectionPong(this);
        }
    });
    connect(socket, &QWebSocket::disconnected, this, &QtWebSocketConnection::onDisconnected,
            Qt::QueuedConnection); // never from inside the host's own close() or abort()
}

QtWebSocketConnection::~QtWebSocketConnection()
{
    m_socket->disconnect(this);
}

void QtWebSocketConnection::onDisconnected()
{
    if (m_handler) {
        m_handler->connectionClosed(this);
    }
    deleteLater();
}

void QtWebSocketConnection::setMaxMessageBytes(qint64 bytes)
{
    m_socket->setMaxAllowedIncomingFrameSize(quint64(bytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(bytes));
}

void QtWebSocketConnection::send(const QByteArray &message)
{
    m_socket->sendBinaryMessage(message);
}

void QtWebSocketConnection::flush()
{
    m_socket->flush();
}

qint64 QtWebSocketConnection::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void QtWebSocketConnection::ping()
{
    m_socket->ping();
    m_socket->flush(); // now: no write notifier, no buffered chunk kept
}

void QtWebSocketConnection::close(int code, const QString &reason)
{
    m_closed = true;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void QtWebSocketConnection::abort()
{
    m_closed = true;
    m_socket->abort();
}

QString QtWebSocketConnection::peerAddress() const
{
    return QStringLiteral("%1:%2")
        .arg(m_socket->peerAddress().toString())
        .arg(m_socket->peerPort());
}

} // namespace Chorus::Host
