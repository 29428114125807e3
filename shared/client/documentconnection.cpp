// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/documentconnection.h"

#include "crdt/doc.h"
#include "protocol/closecode.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

Q_LOGGING_CATEGORY(lcConnection, "chorus.client")

namespace Chorus::Client {

namespace {
constexpr int TickMs = 1000;

QString normalizedFingerprint(QString hex)
{
    hex.remove(u':');
    hex.remove(u' ');
    return hex.toLower();
}

quint32 seedFrom(quint32 seed)
{
    return seed != 0 ? seed : QRandomGenerator::system()->generate();
}
} // namespace

DocumentConnection::DocumentConnection(Crdt::Doc *doc, const Options &options, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_options(options)
    , m_outbox(std::make_unique<Outbox>(Outbox::directoryFor(options.url, options.outboxRoot)))
    , m_conversation(doc, origin())
    , m_backoff(seedFrom(options.backoffSeed), options.backoffInitialMs, options.backoffCapMs)
{
    Q_ASSERT(doc);
    m_clock.start();
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &DocumentConnection::openSocket);
    m_tick.setInterval(TickMs);
    connect(&m_tick, &QTimer::timeout, this, &DocumentConnection::onTick);
    restoreOutbox();
    attachDocument(doc);
}

DocumentConnection::~DocumentConnection()
{
    if (m_observer != 0) {
        m_doc->removeObserver(m_observer);
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void DocumentConnection::attachDocument(Crdt::Doc *doc)
{
    if (m_observer != 0) {
        m_doc->removeObserver(m_observer);
    }
    m_doc = doc;
    m_observer = m_doc->onUpdate(
        [this](const QByteArray &update, Crdt::Origin from, bool) { onDocUpdate(update, from); });
}

void DocumentConnection::start()
{
    if (m_running && !m_fatal) {
        return; // after authFailed/pinMismatch m_running is still set: start() retries
    }
    m_running = true;
    m_fatal = false;
    m_tick.start();
    openSocket();
}

void DocumentConnection::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_reconnectAt = -1;
    m_tick.stop();
    carryOut(m_conversation.leave(nowMs())); // closes the socket (1000)
    resetConnection();
    setState(ConnectionState::Disconnected, tr("Offline"));
}

void DocumentConnection::openSocket()
{
    m_reconnectAt = -1;
    if (!m_running) {
        return;
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    resetConnection();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxMessageBytes));
    if (!m_options.pinnedSha256.isEmpty() || m_options.certificateCheck) {
        // The pin replaces the authority check, inside the TLS handshake: with no authority to
        // trust, every certificate fails verification, so sslErrors() arrives before the
        // handshake completes and before QWebSocket writes its upgrade request. The errors are
        // ignored only when the certificate is the pinned one; otherwise Qt ends the handshake
        // and not one byte of the request (room name included) is sent.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates({});
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket->setSslConfiguration(ssl);
        connect(socket, &QWebSocket::sslErrors, this, &DocumentConnection::onSslErrors);
    }
    connect(socket, &QWebSocket::connected, this, &DocumentConnection::onConnected);
    connect(socket, &QWebSocket::disconnected, this, &DocumentConnection::onDisconnected);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &DocumentConnection::onBinaryMessage);
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this] { carryOut(m_conversation.textReceived()); });
    connect(socket, &QWebSocket::pong, this, [this] { m_lastHeardAt = nowMs(); });
    QWebSocketHandshakeOptions handshake;
    if (m_options.offerChorusProtocol) {
        handshake.setSubprotocols({ QString(Protocol::ChorusSubprotocol) });
    }
    setState(m_state == ConnectionState::Reconnecting ? ConnectionState::Reconnecting
                                                      : ConnectionState::Connecting,
             tr("Connecting to %1").arg(m_options.url.toDisplayString(QUrl::RemoveUserInfo)));
    m_openedAt = nowMs();
    socket->open(QNetworkRequest(m_options.url), handshake);
}

bool DocumentConnection::checkPin()
{
    const bool secure = m_options.url.scheme() == QLatin1StringView("wss");
    // A pin with ws:// fails below (no certificate): that would be a downgrade, not a match.
    if (m_options.pinnedSha256.isEmpty() && (!secure || !m_options.certificateCheck)) {
        return true;
    }
    const QString expected = normalizedFingerprint(m_options.pinnedSha256);
    const QSslCertificate cert = m_socket->sslConfiguration().peerCertificate();
    const QString actual = cert.isNull()
        ? QString()
        : QString::fromLatin1(
              QCryptographicHash::hash(cert.toDer(), QCryptographicHash::Sha256).toHex());
    if (expected.isEmpty() ? (!actual.isEmpty() && m_options.certificateCheck(actual))
                           : actual == expected) {
        return true;
    }
    qCWarning(lcConnection) << "certificate pin mismatch for" << m_options.url.host() << "expected"
                            << expected << "got" << actual;
    m_fatal = true;
    Q_EMIT pinMismatch(expected, actual);
    return false;
}

void DocumentConnection::onSslErrors()
{
    // The certificate is in the socket's configuration by now (QWebSocket updates it first).
    if (checkPin()) {
        m_pinChecked = true;
        m_socket->ignoreSslErrors();
        return;
    }
    m_socket->abort();
}

void DocumentConnection::onConnected()
{
    m_openedAt = -1;
    m_lastHeardAt = nowMs();
    // Checked here only when sslErrors() did not (it always does with no authority to trust):
    // a guard against a change in Qt, never a second trust-on-first-use question.
    if (!m_pinChecked && !checkPin()) {
        m_socket->abort();
        return;
    }
    const bool chorus = m_socket->subprotocol() == Protocol::ChorusSubprotocol;
    if (!chorus && !m_options.token.isEmpty()) {
        qCWarning(lcConnection) << "the server did not select chorus.1; the token is not sent";
    }
    setState(ConnectionState::Syncing, tr("Syncing"));
    carryOut(m_conversation.opened(chorus, m_options.token, nowMs()));
}

void DocumentConnection::onDisconnected()
{
    QWebSocket *socket = qobject_cast<QWebSocket *>(sender());
    if (socket && socket != m_socket) {
        return;
    }
    const int code = m_socket ? int(m_socket->closeCode()) : 0;
    QString reason = m_socket ? m_socket->closeReason() : QString();
    if (m_socket && m_socket->error() != QAbstractSocket::UnknownSocketError && code == 1000) {
        reason = m_socket->errorString();
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    resetConnection(code, reason); // a 1008 tells authFailed
    if (!m_running || m_fatal) {
        setState(ConnectionState::Disconnected,
                 reason.isEmpty() ? tr("Disconnected") : tr("Disconnected: %1").arg(reason));
        return;
    }
    qCInfo(lcConnection) << "disconnected from" << m_options.url.host() << "code" << code << reason;
    scheduleReconnect();
}

// For a connection that hangs rather than closes: Qt may never report it, so drop it here.
void DocumentConnection::giveUpOnSocket(const QString &why)
{
    qCWarning(lcConnection) << m_options.url.host() << ":" << why << "; reconnecting";
    m_openedAt = -1;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    resetConnection();
    if (m_running) {
        scheduleReconnect();
    }
}

void DocumentConnection::scheduleReconnect()
{
    const int delay = m_backoff.nextDelayMs();
    m_reconnectAt = nowMs() + delay;
    m_reconnectTimer.start(delay);
    Q_EMIT reconnectScheduled(delay);
    setState(ConnectionState::Reconnecting, tr("Reconnecting in %1 s").arg((delay + 999) / 1000));
}

qint64 DocumentConnection::reconnectRemainingMs() const
{
    return m_reconnectAt < 0 ? -1 : std::max<qint64>(0, m_reconnectAt - nowMs());
}

void DocumentConnection::resetConnection(int closeCode, const QString &reason)
{
    m_pinChecked = false;
    m_openedAt = -1;
    carryOut(m_conversation.connectionLost(closeCode, reason, nowMs()));
}

void DocumentConnection::setState(ConnectionState state, const QString &reason)
{
    if (state == m_state && reason == m_stateReason) {
        return;
    }
    m_state = state;
    m_stateReason = reason;
    Q_EMIT stateChanged(state, reason);
}

void DocumentConnection::onTick()
{
    const qint64 now = nowMs();
    if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState) {
        if (m_openedAt >= 0 && now - m_openedAt > m_options.connectTimeoutMs) {
            giveUpOnSocket(
                tr("the host did not answer within %1 s").arg(m_options.connectTimeoutMs / 1000.0));
        }
    } else if (m_socket) {
        if (now - m_lastHeardAt > m_options.deadAfterMs) {
            giveUpOnSocket(
                tr("no sign of life from the host for %1 s").arg((now - m_lastHeardAt) / 1000.0));
        } else if (now - m_lastHeardAt > m_options.pingIntervalMs) {
            m_socket->ping();
        }
    }
    // Awareness renewal and timeouts, resync questions (these only while synced).
    carryOut(m_conversation.tick(now));
}

void DocumentConnection::sendRaw(const QByteArray &message)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->sendBinaryMessage(message);
    }
}

} // namespace Chorus::Client
