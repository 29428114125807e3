// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "host/transport/epollconnection.h"

#include "host/transport/epolllistener.h"
#include "host/transport/webeditorpage.h"
#include "host/transport/websocketframe.h"
#include "host/transport/websockethandshake.h"

#include <QHostAddress>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace Chorus::Host {

EpollConnection::EpollConnection(EpollListener *listener, int fd, qint64 handshakeDeadlineMs)
    : m_listener(listener)
    , m_fd(fd)
    , m_deadlineMs(handshakeDeadlineMs)
{
    m_reader.setMaxMessageBytes(listener->defaultMaxMessageBytes());
}

EpollConnection::~EpollConnection()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

QString EpollConnection::peerAddress() const
{
    sockaddr_storage addr {};
    socklen_t len = sizeof addr;
    if (m_fd < 0 || ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        return QStringLiteral("(closed)");
    }
    QHostAddress host(reinterpret_cast<const sockaddr *>(&addr));
    const quint16 port = ntohs(addr.ss_family == AF_INET6
                                   ? reinterpret_cast<const sockaddr_in6 *>(&addr)->sin6_port
                                   : reinterpret_cast<const sockaddr_in *>(&addr)->sin_port);
    return QStringLiteral("%1:%2").arg(host.toString()).arg(port);
}

void EpollConnection::send(const QByteArray &message)
{
    if (m_state != State::Open) {
        return;
    }
    WebSocketFrame::append(m_out, WebSocketFrame::Binary, message);
}

void EpollConnection::flush()
{
    if (m_state == State::Open && !m_wantWrite) {
        writeOut();
    }
}

void EpollConnection::sendAll(const QList<QByteArray> &messages)
{
    // Gathered: each message is written from its own (shared) buffer, so a relay to many peers
    // neither copies nor allocates per peer. Backlogged connections and long lists take the
    // buffered path.
    constexpr qsizetype MaxGathered = 64;
    if (messages.isEmpty()) {
        return;
    }
    if (m_state != State::Open || m_wantWrite || !m_out.isEmpty()
        || messages.size() > MaxGathered) {
        Connection::sendAll(messages);
        return;
    }
    char headers[MaxGathered][WebSocketFrame::MaxHeaderBytes];
    iovec iov[2 * MaxGathered];
    size_t total = 0;
    int count = 0;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QByteArray &m = messages[i];
        const int h = WebSocketFrame::writeHeader(headers[i], WebSocketFrame::Binary, m.size());
        iov[count++] = { headers[i], size_t(h) };
        iov[count++] = { const_cast<char *>(m.constData()), size_t(m.size()) };
        total += size_t(h) + size_t(m.size());
    }
    msghdr msg {};
    msg.msg_iov = iov;
    msg.msg_iovlen = size_t(count);
    ssize_t n;
    do {
        n = ::sendmsg(m_fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        finish();
        return;
    }
    size_t written = n < 0 ? 0 : size_t(n);
    if (written == total) {
        return;
    }
    // The socket took part of it: the rest waits in m_out until the peer reads.
    for (int i = 0; i < count; ++i) {
        const size_t len = iov[i].iov_len;
        if (written >= len) {
            written -= len;
            continue;
        }
        m_out.append(static_cast<const char *>(iov[i].iov_base) + written,
                     qsizetype(len - written));
        written = 0;
    }
    writeOut();
}

void EpollConnection::ping()
{
    if (m_state != State::Open) {
        return;
    }
    WebSocketFrame::append(m_out, WebSocketFrame::Ping, {});
    if (!m_wantWrite) {
        writeOut();
    }
}

void EpollConnection::close(int code, const QString &reason)
{
    if (m_state == State::Handshaking) {
        abort();
        return;
    }
    if (m_state != State::Open) {
        return;
    }
    QByteArray frame;
    WebSocketFrame::append(frame, WebSocketFrame::Close,
                           WebSocketFrame::closePayload(code, reason));
    startClosing(frame);
}

void EpollConnection::abort()
{
    finish();
}

void EpollConnection::startClosing(const QByteArray &lastFrames)
{
    m_state = State::Closing;
    m_deadlineMs = m_listener->now() + EpollListener::ClosingTimeoutMs;
    m_in.clear();
    m_out.append(lastFrames);
    m_shutdownAfterWrite = true;
    writeOut();
}

void EpollConnection::finish()
{
    if (m_state == State::Closed) {
        return;
    }
    m_state = State::Closed;
    m_listener->unwatch(m_fd);
    ::close(m_fd);
    m_fd = -1;
    m_in.clear();
    m_out.clear();
    m_outPos = 0;
    m_listener->ended(this);
}

void EpollConnection::handleEvents(quint32 events, char *buffer, qsizetype bufferSize)
{
    if ((events & EPOLLOUT) && m_state != State::Closed) {
        writeOut();
    }
    if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && m_state != State::Closed) {
        readInput(buffer, bufferSize);
    }
}

void EpollConnection::readInput(char *buffer, qsizetype bufferSize)
{
    // A few reads per wake-up at most: the others' turn comes first (epoll is level-triggered,
    // so what is left wakes us again).
    for (int round = 0; round < 4 && m_state != State::Closed; ++round) {
        const ssize_t n = ::recv(m_fd, buffer, size_t(bufferSize), 0);
        if (n == 0) {
            finish(); // the peer closed its end
            return;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                finish(); // reset, or another error: the connection is gone
            }
            return;
        }
        if (m_state == State::Closing) {
            m_discarded += n;
            if (m_discarded > EpollListener::ClosingDiscardBytes) {
                finish();
            }
            continue;
        }
        if (m_in.isEmpty()) {
            // The common case: whole messages, parsed in place, nothing kept.
            const qsizetype used = process(QByteArrayView(buffer, n));
            if (used < n && (m_state == State::Open || m_state == State::Handshaking)) {
                m_in = QByteArray(buffer + used, n - used);
            }
        } else {
            m_in.append(buffer, n);
            const qsizetype used = process(m_in);
            if (m_state == State::Open || m_state == State::Handshaking) {
                m_in.remove(0, used);
                if (m_in.isEmpty()) {
                    m_in = QByteArray(); // give the buffer back
                }
            }
        }
        if (n < bufferSize) {
            return; // drained
        }
    }
}

qsizetype EpollConnection::process(QByteArrayView data)
{
    qsizetype used = 0;
    if (m_state == State::Handshaking) {
        used = processHandshake(data);
    }
    while (m_state == State::Open && used < data.size()) {
        WebSocketFrameReader::Frame f = m_reader.next(data.sliced(used));
        using Kind = WebSocketFrameReader::Frame::Kind;
        if (f.kind == Kind::NeedMore) {
            break;
        }
        used += f.consumed;
        switch (f.kind) {
        case Kind::Message:
            if (m_handler) {
                m_handler->connectionMessage(this, f.payload);
            }
            break;
        case Kind::Ping:
            WebSocketFrame::append(m_out, WebSocketFrame::Pong, f.payload);
            if (!m_wantWrite) {
                writeOut();
            }
            break;
        case Kind::Pong:
            if (m_handler) {
                m_handler->connectionPong(this);
            }
            break;
        case Kind::Close: {
            // Echo the code (none for none) and finish once the peer closed too.
            QByteArray frame;
            WebSocketFrame::append(frame, WebSocketFrame::Close,
                                   f.code == 1005 ? QByteArray()
                                                  : WebSocketFrame::closePayload(f.code, {}));
            startClosing(frame);
            break;
        }
        case Kind::Error: close(f.code, f.reason); break;
        case Kind::Fragment:
        case Kind::NeedMore: break;
        }
    }
    return used;
}

qsizetype EpollConnection::processHandshake(QByteArrayView data)
{
    const WebSocketHandshake::Result r = WebSocketHandshake::parse(data);
    using HState = WebSocketHandshake::Result::State;
    if (r.state == HState::NeedMore) {
        return 0;
    }
    if (r.state == HState::Failed) {
        startClosing(r.errorResponse);
        return data.size();
    }
    if (r.state == HState::PlainHttp) {
        // A browser opening the host's address: the web editor (or, without it, the 426 that
        // says this is a WebSocket endpoint); one response, then the connection closes.
        startClosing(
            m_listener->servesWebEditor()
                ? WebEditorPage::respond(r.request.method, r.request.path, r.request.ifNoneMatch)
                : r.errorResponse);
        return data.size();
    }
    UpgradeRequest request;
    request.path = r.request.path;
    request.origin = r.request.origin;
    request.host = r.request.host;
    request.remoteAddress = m_remote;
    if (r.request.subprotocols.contains(m_listener->subprotocol())) {
        request.subprotocol = m_listener->subprotocol();
    }
    m_out.append(WebSocketHandshake::acceptResponse(r.request.key, request.subprotocol));
    m_state = State::Open;
    m_deadlineMs = 0;
    writeOut();
    if (m_state == State::Open) {
        m_listener->established(this, request);
    }
    return r.consumed;
}

void EpollConnection::writeOut()
{
    while (m_outPos < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outPos,
                                 size_t(m_out.size() - m_outPos), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                setWantWrite(true); // the rest goes when the peer has read
                return;
            }
            finish();
            return;
        }
        m_outPos += n;
    }
    m_out.clear(); // frees the buffer: an idle connection holds none
    m_outPos = 0;
    setWantWrite(false);
    if (m_shutdownAfterWrite) {
        m_shutdownAfterWrite = false;
        ::shutdown(m_fd, SHUT_WR);
    }
}

void EpollConnection::setWantWrite(bool on)
{
    if (on == m_wantWrite || m_state == State::Closed) {
        return;
    }
    m_wantWrite = on;
    if (!m_listener->watch(this, on ? (EPOLLIN | EPOLLOUT) : EPOLLIN, false)) {
        finish();
    }
}

} // namespace Chorus::Host
