// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/qtwebsocketconnection.h"

#include "host/transport/websocketframe.h"
#include "protocol/closedecision.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace Chorus::Host {

namespace {

constexpr qint64 MaxDroppedBytes = 1024 * 1024; // after our close frame; then abort

void shutdownWrite(qintptr descriptor)
{
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(descriptor), SD_SEND);
#else
    ::shutdown(int(descriptor), SHUT_WR);
#endif
}

} // namespace

QtWebSocketConnection::QtWebSocketConnection(QWebSocket *socket, QTcpSocket *transport,
                                             QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_transport(transport)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &m) {
        if (m_handler && !m_closed) {
            m_handler->connectionMessage(this, m);
        }
    });
    connect(socket, &QWebSocket::textFrameReceived, this, [this] {
        const Protocol::CloseDecision text = Protocol::CloseDecision::textFrame();
        close(int(text.code), text.reason);
    });
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
    if (m_closed) {
        return;
    }
    m_closed = true;
    // Over TLS the half-close cuts QSslSocket's own writing short (the Qt client then misses
    // our close frame), so wss keeps QWebSocket::close().
    if (!m_transport || m_transport->state() != QAbstractSocket::ConnectedState
        || qobject_cast<QSslSocket *>(m_transport)) {
        m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
        return;
    }
    // QWebSocket::close() closes the TCP socket right after its close frame. Whatever the peer
    // sent meanwhile (a client pipelines its messages) is then unread, the kernel answers it with
    // a reset, and the peer loses our close frame: it sees 1006 instead of the code. So, as the
    // native transport does: our close frame, a half-close once it is written, and input read
    // and dropped until the peer closes (the host aborts a peer still there after 5 s).
    QObject::disconnect(m_transport, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_transport, &QIODevice::readyRead, this, &QtWebSocketConnection::dropInput);
    connect(m_transport, &QIODevice::bytesWritten, this,
            &QtWebSocketConnection::shutdownWhenWritten);
    QByteArray frame;
    WebSocketFrame::append(frame, WebSocketFrame::Close,
                           WebSocketFrame::closePayload(code, reason));
    m_transport->write(frame);
    m_transport->flush();
    shutdownWhenWritten();
    dropInput();
}

void QtWebSocketConnection::shutdownWhenWritten()
{
    if (m_shutDown || !m_transport || m_transport->bytesToWrite() > 0) {
        return;
    }
    m_shutDown = true;
    shutdownWrite(m_transport->socketDescriptor());
}

void QtWebSocketConnection::dropInput()
{
    if (!m_transport) {
        return;
    }
    m_dropped += m_transport->skip(m_transport->bytesAvailable());
    if (m_dropped > MaxDroppedBytes) {
        m_transport->abort();
    }
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
