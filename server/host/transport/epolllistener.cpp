// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/epolllistener.h"

#include "host/transport/epollconnection.h"
#include "host/transport/websockethandshake.h"
#include "protocol/closecode.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcHost)

namespace Chorus::Host {

namespace {

constexpr qsizetype ReadBufferBytes = 64 * 1024;
constexpr int EventsPerWait = 128;

QString systemError(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1StringView(what),
                                        QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

EpollListener::EpollListener(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_subprotocol(QString(Protocol::ChorusSubprotocol))
    , m_deadlineTimer(this)
    , m_buffer(new char[ReadBufferBytes])
{
    m_clock.start();
    m_deadlineTimer.setInterval(500);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &EpollListener::checkDeadlines);
}

EpollListener::~EpollListener()
{
    stopListening();
    // Connections still here are dropped without telling anyone: the host is gone.
    qDeleteAll(m_connections);
    m_connections.clear();
    m_ended.clear();
    if (m_spareFd >= 0) {
        ::close(m_spareFd);
    }
    if (m_epollFd >= 0) {
        ::close(m_epollFd);
    }
}

bool EpollListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epollFd < 0) {
        *error = systemError("epoll_create1");
        return false;
    }
    sockaddr_storage addr {};
    socklen_t addrLen = 0;
    bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol
        || address == QHostAddress(QHostAddress::Any);
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&addr);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address == QHostAddress(QHostAddress::Any)
            ? QHostAddress(QHostAddress::AnyIPv6).toIPv6Address()
            : address.toIPv6Address();
        std::memcpy(&a->sin6_addr, &ip, sizeof ip);
        a->sin6_scope_id = address.scopeId().toUInt();
        addrLen = sizeof(sockaddr_in6);
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&addr);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
        addrLen = sizeof(sockaddr_in);
    }
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = systemError("socket");
        return false;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (address == QHostAddress(QHostAddress::Any)) {
        const int zero = 0; // both IPv6 and IPv4, as QTcpServer does for Any
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), addrLen) != 0) {
        *error = systemError("cannot listen");
        ::close(fd);
        return false;
    }
    // A burst of clients (a thousand joining at once) must not wait on SYN retransmits.
    if (::listen(fd, 4096) != 0) {
        *error = systemError("listen");
        ::close(fd);
        return false;
    }
    sockaddr_storage bound {};
    socklen_t boundLen = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLen);
    m_port = ntohs(bound.ss_family == AF_INET6
                       ? reinterpret_cast<const sockaddr_in6 *>(&bound)->sin6_port
                       : reinterpret_cast<const sockaddr_in *>(&bound)->sin_port);
    epoll_event ev {};
    ev.events = EPOLLIN;
    ev.data.ptr = this;
    if (::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        *error = systemError("epoll_ctl");
        ::close(fd);
        return false;
    }
    m_listenFd = fd;
    m_spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    m_notifier = new QSocketNotifier(m_epollFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EpollListener::onReady);
    m_deadlineTimer.start();
    return true;
}

void EpollListener::stopListening()
{
    if (m_listenFd < 0) {
        return;
    }
    ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, m_listenFd, nullptr);
    ::close(m_listenFd);
    m_listenFd = -1;
}

bool EpollListener::watch(EpollConnection *connection, quint32 events, bool add)
{
    epoll_event ev {};
    ev.events = events;
    ev.data.ptr = connection;
    return ::epoll_ctl(m_epollFd, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, connection->m_fd, &ev) == 0;
}

void EpollListener::unwatch(int fd)
{
    ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr);
}

void EpollListener::setReadingHeld(bool held)
{
    m_held = held;
    if (!held && m_notifier) {
        m_notifier->setEnabled(true); // what waited is read at the next turn, as usual
    }
}

void EpollListener::onReady()
{
    if (m_held) {
        // Stop watching until the host reads: a level-triggered notifier would fire again at
        // once, and the input is taken in one batch at the host's next flush pass.
        m_notifier->setEnabled(false);
        if (m_onInputHeld) {
            m_onInputHeld();
        }
        return;
    }
    dispatch();
}

void EpollListener::readHeld()
{
    if (!m_notifier || m_notifier->isEnabled()) {
        return; // nothing waited
    }
    readBatch();
    m_notifier->setEnabled(true);
}

void EpollListener::dispatch()
{
    readBatch();
    if (m_onBatchEnd) {
        m_onBatchEnd();
    }
}

void EpollListener::readBatch()
{
    m_dispatching = true;
    epoll_event events[EventsPerWait];
    // A bounded number of rounds: Qt's timers and queued calls get their turn in between.
    for (int round = 0; round < 8; ++round) {
        const int n = ::epoll_wait(m_epollFd, events, EventsPerWait, 0);
        for (int i = 0; i < n; ++i) {
            if (events[i].data.ptr == this) {
                acceptAll();
                continue;
            }
            auto *c = static_cast<EpollConnection *>(events[i].data.ptr);
            // An ended connection is deleted only after this loop, so `c` is valid here.
            c->handleEvents(events[i].events, m_buffer.get(), ReadBufferBytes);
        }
        if (n < EventsPerWait) {
            break;
        }
    }
    m_dispatching = false;
    reap();
}

void EpollListener::acceptAll()
{
    for (int i = 0; i < 256 && m_listenFd >= 0; ++i) {
        sockaddr_storage addr {};
        socklen_t addrLen = sizeof addr;
        const int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &addrLen,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            if ((errno == EMFILE || errno == ENFILE) && m_spareFd >= 0) {
                // Out of descriptors: accept and close at once with the spare one, or the
                // level-triggered listening socket would wake us forever.
                qCWarning(lcHost) << "out of file descriptors: refusing a connection";
                ::close(m_spareFd);
                const int refused = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
                if (refused >= 0) {
                    ::close(refused);
                }
                m_spareFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            }
            return; // EAGAIN: none left
        }
        if (m_handshakes >= MaxHandshakes) {
            ::close(fd);
            continue;
        }
        const QHostAddress remote(reinterpret_cast<const sockaddr *>(&addr));
        if (m_handshakesByAddress.value(remote) >= m_options.maxHandshakesPerAddress
            && (m_options.limitLoopbackPerAddress || !remote.isLoopback())) {
            refuse(fd,
                   WebSocketHandshake::errorResponse(
                       429, "Too Many Requests",
                       QStringLiteral("Too many connections are being opened from your address "
                                      "at once; try again in a moment."),
                       "Retry-After: 5\r\n"));
            continue;
        }
        const int one = 1; // small messages must not wait for Nagle
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto *c = new EpollConnection(this, fd, now() + m_options.handshakeTimeoutMs);
        c->m_remote = remote;
        if (!watch(c, EPOLLIN, true)) {
            delete c;
            continue;
        }
        m_connections.insert(c);
        ++m_handshakes;
        ++m_handshakesByAddress[remote];
        // Read the request now if it is already here (a burst of clients from one machine):
        // a handshake that completes at once never counts against the per-address limit.
        c->handleEvents(EPOLLIN, m_buffer.get(), ReadBufferBytes);
    }
}

// Answers at accept, without a connection: the response fits in the socket buffer, and what
// the client already sent (a request, a few reads at most) is read first so closing sends a FIN
// rather than a reset.
void EpollListener::refuse(int fd, const QByteArray &response)
{
    ::send(fd, response.constData(), size_t(response.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    for (int i = 0; i < 4 && ::recv(fd, m_buffer.get(), ReadBufferBytes, MSG_DONTWAIT) > 0; ++i) { }
    ::close(fd);
}

void EpollListener::handshakeEnded(EpollConnection *connection)
{
    --m_handshakes;
    const auto it = m_handshakesByAddress.find(connection->m_remote);
    if (it != m_handshakesByAddress.end() && --*it <= 0) {
        m_handshakesByAddress.erase(it);
    }
}

void EpollListener::established(EpollConnection *connection, const UpgradeRequest &request)
{
    connection->m_established = true;
    handshakeEnded(connection);
    if (m_onConnection) {
        m_onConnection(connection, request);
    }
}

void EpollListener::ended(EpollConnection *connection)
{
    if (!connection->m_established) {
        handshakeEnded(connection);
    }
    m_ended.append(connection);
    if (!m_dispatching && !m_reapQueued) {
        // Ended by the host (abort, or a failed write in a flush): report it from the event
        // loop, never from inside the host's own call.
        m_reapQueued = true;
        QMetaObject::invokeMethod(this, &EpollListener::reap, Qt::QueuedConnection);
    }
}

void EpollListener::reap()
{
    m_reapQueued = false;
    while (!m_ended.isEmpty()) {
        EpollConnection *c = m_ended.takeFirst();
        m_connections.remove(c);
        if (c->m_established && c->handler()) {
            c->handler()->connectionClosed(c);
        }
        delete c;
    }
}

void EpollListener::checkDeadlines()
{
    const qint64 t = now();
    QList<EpollConnection *> late;
    for (EpollConnection *c : std::as_const(m_connections)) {
        if (c->isPastDeadline(t)) {
            late.append(c);
        }
    }
    for (EpollConnection *c : std::as_const(late)) {
        c->abort(); // a handshake that never finished, or a peer that never closed its end
    }
}

} // namespace Chorus::Host
