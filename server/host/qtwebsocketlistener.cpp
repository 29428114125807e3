#include "qtwebsocketlistener.h"

#include "protocol/closecode.h"
#include "qtwebsocketconnection.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
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
    // QTcpServer's default backlog (50) makes a burst of connections (1,000 clients joining)
    // wait on SYN retransmits; the QWebSocketServer's own QTcpServer is its child.
    m_tcpServer = m_server->findChild<QTcpServer *>();
    if (m_tcpServer) {
        m_tcpServer->setListenBacklogSize(4096);
    }
    connect(m_server, &QWebSocketServer::newConnection, this,
            &QtWebSocketListener::onNewConnection);
}

QtWebSocketListener::~QtWebSocketListener()
{
    m_server->close();
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
    return true;
}

bool QtWebSocketListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_options.isTls() && !configureTls(error)) {
        return false;
    }
    if (!m_server->listen(address, port)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

void QtWebSocketListener::stopListening()
{
    m_server->close();
}

bool QtWebSocketListener::isListening() const
{
    return m_server->isListening();
}

quint16 QtWebSocketListener::port() const
{
    return m_server->serverPort();
}

// The QTcpSocket under a QWebSocket the server handed out: QWebSocketServer leaves the accepted
// sockets children of its QTcpServer (QSslServer for wss). Matched by both endpoints; null when
// not found (another Qt), and then closing falls back to QWebSocket::close().
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
        request.subprotocol = socket->subprotocol();
        if (m_onConnection) {
            m_onConnection(connection, request);
        }
    }
}

} // namespace Chorus::Host
