// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/embeddedhost.h"

#include "host/rooms/server.h"
#include "host/transport/certificategenerator.h"
#include "protocol/invitelink.h"

#include <QDir>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {
// How long destroying a running session waits for the peers' close frames to leave.
constexpr int DestroyWaitMs = 1000;
} // namespace

EmbeddedHost::EmbeddedHost(QObject *parent)
    : QObject(parent)
{ }

EmbeddedHost::~EmbeddedHost()
{
    if (!m_thread) {
        return;
    }
    const bool running = m_state == State::Running || m_state == State::Stopping;
    // Runs after anything already queued on the host thread, so a start under way has finished
    // (and its Server, a child of the context, exists) by then.
    QMetaObject::invokeMethod(
        m_threadContext,
        [context = m_threadContext, running] {
            auto *server = context->findChild<Server *>();
            if (!server) {
                return;
            }
            if (running || server->isListening()) {
                QEventLoop loop;
                connect(server, &Server::stopped, &loop, &QEventLoop::quit);
                QTimer::singleShot(DestroyWaitMs, &loop, &QEventLoop::quit);
                server->stop();
                loop.exec();
            }
            delete server; // stops at once if it has not yet
        },
        Qt::BlockingQueuedConnection);
    finishThread();
}

QString EmbeddedHost::validate(const Options &options) const
{
    if (!options.readOnlyPassword.isEmpty() && options.password.isEmpty()) {
        return tr("A read-only password needs a password for editors too; without one everyone "
                  "could edit.");
    }
    if (!options.readOnlyPassword.isEmpty() && options.readOnlyPassword == options.password) {
        return tr("The read-only password must differ from the password.");
    }
    if (options.tls && options.certificateFolder.isEmpty() && options.dataFolder.isEmpty()) {
        return tr("Encryption (TLS) needs a data folder to keep its certificate in.");
    }
    return {};
}

void EmbeddedHost::start(const Options &options)
{
    if (m_state != State::Stopped) {
        return;
    }
    m_options = options;
    m_stopRequested = false;
    m_inviteUrl.clear();
    m_fingerprint.clear();
    m_port = 0;
    m_certificateGenerated = false;
    const QString invalid = validate(options);
    if (!invalid.isEmpty()) {
        // Reported like every other failure: after start() returned.
        QMetaObject::invokeMethod(
            this, [this, invalid] { Q_EMIT failed(invalid); }, Qt::QueuedConnection);
        return;
    }
    setState(State::Starting);
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("chorus-host"));
    m_threadContext = new QObject;
    m_threadContext->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_threadContext, [this, options] {
        // On the host thread. `this` stays valid: the destructor waits for this call.
        Server *server = nullptr;
        const StartResult result = startOnHostThread(options, m_threadContext, &server);
        if (server) {
            connect(server, &Server::stopped, this, &EmbeddedHost::onServerStopped);
            connect(server, &Server::documentCreated, this, &EmbeddedHost::documentCreated);
            connect(server, &Server::peerJoined, this, &EmbeddedHost::peerJoined);
            connect(server, &Server::peerLeft, this, &EmbeddedHost::peerLeft);
        }
        QMetaObject::invokeMethod(
            this, [this, server, result] { onStarted(server, result); }, Qt::QueuedConnection);
    });
}

EmbeddedHost::StartResult EmbeddedHost::startOnHostThread(const Options &options, QObject *context,
                                                          Server **out)
{
    StartResult result;
    ServerOptions so = options.limits;
    so.bind = options.reach == Reach::ThisComputer ? QHostAddress(QHostAddress::LocalHost)
                                                   : QHostAddress(QHostAddress::Any);
    so.port = options.port;
    so.dataDir = options.dataFolder;
    so.token = options.password.toUtf8();
    so.readOnlyToken = options.readOnlyPassword.toUtf8();
    so.tlsCertFile.clear();
    so.tlsKeyFile.clear();
    if (options.tls) {
        const QString folder = !options.certificateFolder.isEmpty()
            ? options.certificateFolder
            : QDir(options.dataFolder).filePath(QStringLiteral("tls"));
        QStringList names;
        for (const QHostAddress &a : localNetworkAddresses()) {
            names.append(a.toString());
        }
        if (!options.advertisedAddress.isNull()) {
            names.append(options.advertisedAddress.toString());
        }
        const CertificateGenerator::Result cert = CertificateGenerator::ensure(folder, names);
        if (!cert.isOk()) {
            result.error = tr("Cannot create the TLS certificate: %1").arg(cert.error);
            return result;
        }
        so.tlsCertFile = cert.certificateFile;
        so.tlsKeyFile = cert.keyFile;
        result.fingerprint = cert.sha256;
        result.generated = cert.generated;
    }
    if (!options.dataFolder.isEmpty() && !QDir().mkpath(options.dataFolder)) {
        result.error = tr("Cannot create the data folder %1").arg(options.dataFolder);
        return result;
    }
    auto *server = new Server(so, context); // the context's child: found by the destructor
    if (!server->start()) {
        result.error
            = tr("Cannot host on port %1: %2").arg(options.port).arg(server->errorString());
        delete server;
        return result;
    }
    result.port = server->port();
    *out = server;
    return result;
}

void EmbeddedHost::onStarted(Server *server, const StartResult &result)
{
    if (!server) {
        finishThread();
        setState(State::Stopped);
        qCWarning(lcHost).noquote() << "hosting failed:" << result.error;
        Q_EMIT failed(result.error);
        return;
    }
    m_server = server;
    m_port = result.port;
    m_fingerprint = result.fingerprint;
    m_certificateGenerated = result.generated;
    m_inviteUrl = makeInviteUrl();
    setState(State::Running);
    qCInfo(lcHost).noquote() << "hosting a session:" << m_inviteUrl.toString();
    Q_EMIT started(m_inviteUrl, m_fingerprint);
    if (m_stopRequested) {
        stop();
    }
}

QUrl EmbeddedHost::makeInviteUrl() const
{
    QString host = QStringLiteral("127.0.0.1");
    if (m_options.reach == Reach::LocalNetwork) {
        if (!m_options.advertisedAddress.isNull()) {
            host = m_options.advertisedAddress.toString();
        } else if (const QList<QHostAddress> lan = localNetworkAddresses(); !lan.isEmpty()) {
            host = lan.constFirst().toString();
        } else if (!QSysInfo::machineHostName().isEmpty()) {
            host = QSysInfo::machineHostName();
        }
    }
    // The link's format belongs to Protocol::InviteLink, which the joining app parses with.
    QUrl server;
    server.setScheme(m_fingerprint.isEmpty() ? QStringLiteral("ws") : QStringLiteral("wss"));
    server.setHost(host);
    server.setPort(m_port);
    return QUrl(Protocol::InviteLink(server, m_fingerprint).toString(), QUrl::StrictMode);
}

QUrl EmbeddedHost::localUrl() const
{
    if (m_state != State::Running) {
        return {};
    }
    QUrl url;
    url.setScheme(m_fingerprint.isEmpty() ? QStringLiteral("ws") : QStringLiteral("wss"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void EmbeddedHost::stop()
{
    if (m_state == State::Starting) {
        m_stopRequested = true;
        return;
    }
    if (m_state != State::Running) {
        return;
    }
    setState(State::Stopping);
    QMetaObject::invokeMethod(m_server.data(), &Server::stop, Qt::QueuedConnection);
}

void EmbeddedHost::onServerStopped()
{
    if (m_state != State::Stopping && m_state != State::Running) {
        return;
    }
    Server *server = m_server;
    m_server = nullptr;
    // The host thread is idle by now: this waits only for the delete.
    QMetaObject::invokeMethod(
        m_threadContext, [server] { delete server; }, Qt::BlockingQueuedConnection);
    finishThread();
    m_inviteUrl.clear();
    setState(State::Stopped);
    qCInfo(lcHost) << "stopped hosting";
    Q_EMIT stopped();
}

void EmbeddedHost::finishThread()
{
    if (!m_thread) {
        return;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_threadContext;
    m_threadContext = nullptr;
    delete m_thread;
    m_thread = nullptr;
}

void EmbeddedHost::setState(State state)
{
    if (state != m_state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

QList<QHostAddress> EmbeddedHost::localNetworkAddresses()
{
    QList<QHostAddress> out;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &i : interfaces) {
        const auto flags = i.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack)) {
            continue;
        }
        for (const QNetworkAddressEntry &e : i.addressEntries()) {
            const QHostAddress a = e.ip();
            if (a.protocol() == QAbstractSocket::IPv4Protocol && a.isPrivateUse()
                && !out.contains(a)) {
                out.append(a);
            }
        }
    }
    return out;
}

} // namespace Chorus::Host
