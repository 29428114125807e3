// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/qtwebsocketlistener.h"

#include "host/transport/qtwebsocketconnection.h"
#include "host/transport/webeditorpage.h"
#include "host/transport/websockethandshake.h"
#include "protocol/closecode.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Chorus::Host {

QtWebSocketListener::QtWebSocketListener(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_server(new QWebSocketServer(
          QStringLiteral("chorus-server/" CHORUS_VERSION),
          options.isTls() ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this))
{
    m_server->setSupportedSubprotocols({ QString(Protocol::ChorusSubprotocol) });
    m_server->setHandshakeTimeout(m_options.handshakeTimeoutMs);
    m_server->setMaxPendingConnections(256);
    // The listening socket is ours, not the QWebSocketServer's: a request without an upgrade
    // (a browser opening the address) gets the web editor page, the others are handed to the
    // QWebSocketServer (handleConnection) once their headers are in.
    if (options.isTls()) {
        auto *ssl = new QSslServer(this);
        ssl->setHandshakeTimeout(m_options.handshakeTimeoutMs);
        m_tcpServer = ssl;
    } else {
        m_tcpServer = new QTcpServer(this);
    }
    m_tcpServer->setMaxPendingConnections(256);
    // QTcpServer's default backlog (50) makes a burst of connections (1,000 clients joining)
    // wait on SYN retransmits.
    m_tcpServer->setListenBacklogSize(4096);
    // A QSslServer has a connection pending only once its TLS handshake completed.
    connect(m_tcpServer, &QTcpServer::pendingConnectionAvailable, this,
            &QtWebSocketListener::onAccepted);
    connect(m_server, &QWebSocketServer::newConnection, this,
            &QtWebSocketListener::onNewConnection);
}

QtWebSocketListener::~QtWebSocketListener()
{
    m_tcpServer->close();
}

bool QtWebSocketListener::configureTls(QString *error)
{
    QFile certFile(m_options.tlsCertFile);
    QFile keyFile(m_options.tlsKeyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS certificate or key");
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll());
    QSslKey key(keyFile.readAll(), QSsl::Rsa);
    if (key.isNull()) {
        keyFile.seek(0);
        key = QSslKey(keyFile.readAll(), QSsl::Ec);
    }
    if (chain.isEmpty() || key.isNull()) {
        *error = QStringLiteral("the TLS certificate or key is not valid PEM");
        return false;
    }
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificateChain(chain);
    ssl.setPrivateKey(key);
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server->setSslConfiguration(ssl);
    static_cast<QSslServer *>(m_tcpServer)->setSslConfiguration(ssl);
    return true;
}

bool QtWebSocketListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_options.isTls() && !configureTls(error)) {
        return false;
    }
    if (!m_tcpServer->listen(address, port)) {
        *error = m_tcpServer->errorString();
        return false;
    }
    return true;
}

void QtWebSocketListener::stopListening()
{
    m_tcpServer->close();
}

bool QtWebSocketListener::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 QtWebSocketListener::port() const
{
    return m_tcpServer->serverPort();
}

void QtWebSocketListener::onAccepted()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        if (!admitRequest(socket)) {
            continue;
        }
        // The whole request must arrive within the handshake timeout.
        auto *deadline = new QTimer(socket);
        deadline->setObjectName(QStringLiteral("chorus-request-deadline"));
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, &QTcpSocket::abort);
        deadline->start(m_options.handshakeTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { route(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            requestEnded(socket);
            socket->deleteLater();
        });
        route(socket);
    }
}

// Requests under way from one remote address (ServerOptions::maxHandshakesPerAddress): one more
// gets HTTP 429 and is closed; counted until the request is routed or the socket goes.
bool QtWebSocketListener::admitRequest(QTcpSocket *socket)
{
    const QHostAddress remote = socket->peerAddress();
    if (m_requestsByAddress.value(remote) >= m_options.maxHandshakesPerAddress
        && (m_options.limitLoopbackPerAddress || !remote.isLoopback())) {
        socket->write(WebSocketHandshake::errorResponse(
            429, "Too Many Requests",
            QStringLiteral("Too many connections are being opened from your address at once; "
                           "try again in a moment."),
            "Retry-After: 5\r\n"));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost(); // once the response is written
        return false;
    }
    ++m_requestsByAddress[remote];
    m_requestAddresses.insert(socket, remote);
    return true;
}

void QtWebSocketListener::requestEnded(QTcpSocket *socket)
{
    // By the socket, not its peerAddress(): a socket that disconnected has forgotten it.
    const auto counted = m_requestAddresses.constFind(socket);
    if (counted == m_requestAddresses.cend()) {
        return;
    }
    const auto it = m_requestsByAddress.find(*counted);
    if (it != m_requestsByAddress.end() && --*it <= 0) {
        m_requestsByAddress.erase(it);
    }
    m_requestAddresses.erase(counted);
}

// Looks at the request without taking it from the socket (peek): the QWebSocketServer reads it
// again when the socket is handed over.
void QtWebSocketListener::route(QTcpSocket *socket)
{
    const WebSocketHandshake::Result r
        = WebSocketHandshake::parse(socket->peek(WebSocketHandshake::MaxRequestBytes));
    using State = WebSocketHandshake::Result::State;
    if (r.state == State::NeedMore) {
        return;
    }
    requestEnded(socket);
    socket->disconnect(this);
    delete socket->findChild<QTimer *>(QStringLiteral("chorus-request-deadline"),
                                       Qt::FindDirectChildrenOnly);
    if (r.state == State::PlainHttp) {
        // The page, or the 426 that says this is a WebSocket endpoint (QWebSocketServer would
        // close without a word).
        socket->write(
            m_options.serveWebEditor
                ? WebEditorPage::respond(r.request.method, r.request.path, r.request.ifNoneMatch)
                : r.errorResponse);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost(); // once the response is written
        return;
    }
    m_server->handleConnection(socket);
}

// The QTcpSocket under a QWebSocket the server handed out: the accepted sockets stay children of
// our QTcpServer (QSslServer for wss), handleConnection() does not take them. Matched by both
// endpoints; null when not found (another Qt), and then closing falls back to QWebSocket::close().
QTcpSocket *QtWebSocketListener::transportOf(const QWebSocket *socket) const
{
    if (!m_tcpServer) {
        return nullptr;
    }
    const auto candidates = m_tcpServer->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *candidate : candidates) {
        if (candidate->peerPort() == socket->peerPort()
            && candidate->localPort() == socket->localPort()
            && candidate->peerAddress() == socket->peerAddress()) {
            return candidate;
        }
    }
    return nullptr;
}

void QtWebSocketListener::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new QtWebSocketConnection(socket, transportOf(socket), this);
        UpgradeRequest request;
        request.path = socket->requestUrl().path(QUrl::FullyEncoded);
        request.origin = socket->origin();
        request.host = QString::fromLatin1(socket->request().rawHeader("Host"));
        if (request.host.isEmpty()) {
            request.host = socket->requestUrl().authority();
        }
        request.remoteAddress = socket->peerAddress();
        request.subprotocol = socket->subprotocol();
        if (m_onConnection) {
            m_onConnection(connection, request);
        }
    }
}

} // namespace Chorus::Host
