// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test-side raw WebSocket client for tst_rawwebsocket and tst_closehandshake: POSIX sockets
// that write the HTTP upgrade and RFC 6455 frames by hand and read back exactly what the host
// sends. Each test is one file (hence the unnamed namespace).
#include "host/rooms/server.h"
#include "hosttestclient.h"
#include "protocol/message.h"
#include "websockettestdata.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTest>

#include <functional>
#include <limits>
#include <memory>
#include <vector>

#ifdef CHORUS_HAVE_EPOLL
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Chorus;
using namespace Qt::StringLiterals;

namespace {

using WebSocketTestData::clientFrame;
using WebSocketTestData::closeBody;
using WebSocketTestData::LengthForm;
using WebSocketTestData::SampleKey;

// Runs the event loop (the in-process host) until `condition` holds or the time is up.
bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    return TestClient::waitFor(condition, timeoutMs);
}

// The upgrade request for the room `room` (its path without the leading '/').
QByteArray upgradeRequest(const QByteArray &room, const QByteArray &extra = {},
                          const QByteArray &key = SampleKey)
{
    return WebSocketTestData::request("/" + room, extra, key);
}

struct ServerFrame
{
    int opcode = -1;
    bool fin = false;
    bool masked = false;
    QByteArray payload;
    int closeCode() const
    {
        return payload.size() >= 2 ? (quint8(payload[0]) << 8 | quint8(payload[1])) : 1005;
    }
};

#ifdef CHORUS_HAVE_EPOLL

// A TCP client on a plain non-blocking socket: Qt's sockets cannot tell a FIN from a reset, nor
// keep a connection open without reading it.
class RawClient
{
public:
    RawClient() = default;
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;
    ~RawClient() { closeSocket(); }

    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            return false;
        }
        if (receiveBufferBytes > 0) { // before connect(): the window is set at the handshake
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes,
                         sizeof receiveBufferBytes);
        }
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        // Blocking connect: the kernel completes it from the listen backlog, without the host.
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
            return false;
        }
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        return ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK) == 0;
    }

    // Writes everything (running the host's event loop while the socket is full).
    bool write(const QByteArray &bytes, int timeoutMs = 5000)
    {
        qsizetype pos = 0;
        return waitFor(
                   [&] {
                       while (pos < bytes.size()) {
                           const ssize_t n = ::send(m_fd, bytes.data() + pos,
                                                    size_t(bytes.size() - pos), MSG_NOSIGNAL);
                           if (n < 0) {
                               if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                                   pump();
                                   return false;
                               }
                               m_writeError = errno;
                               return true;
                           }
                           pos += n;
                       }
                       return true;
                   },
                   timeoutMs)
            && m_writeError == 0;
    }

    // Reads what is there.
    void pump()
    {
        if (m_fd < 0 || m_eof || m_reset) {
            return;
        }
        char buf[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n > 0) {
                m_in.append(buf, n);
                continue;
            }
            if (n == 0) {
                m_eof = true;
            } else if (errno == ECONNRESET) {
                m_reset = true;
            } else if (errno == EINTR) {
                continue;
            }
            return;
        }
    }

    bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 5000)
    {
        return waitFor(
            [&] {
                pump();
                return condition();
            },
            timeoutMs);
    }
    bool waitEnded(int timeoutMs = 5000)
    {
        return waitUntil([this] { return m_eof || m_reset; }, timeoutMs);
    }

    // The HTTP response head (up to the blank line), once complete; empty before.
    QByteArray responseHead() const
    {
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        return end < 0 ? QByteArray() : m_in.first(end + 4);
    }
    bool waitResponse(int timeoutMs = 5000)
    {
        return waitUntil([this] { return !responseHead().isEmpty(); }, timeoutMs);
    }
    int status() const
    {
        const QByteArray head = responseHead();
        const QList<QByteArray> parts
            = head.first(qMax<qsizetype>(0, head.indexOf("\r\n"))).split(' ');
        return parts.size() >= 2 && parts[0] == "HTTP/1.1" ? parts[1].toInt() : -1;
    }
    // A response header's value (name case-insensitive); null when absent.
    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = responseHead().split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.first(colon).trimmed().toLower() == name.toLower()) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }
    QByteArray body() const { return m_in.mid(responseHead().size()); }

    // The complete server frames after the 101 response so far.
    QList<ServerFrame> frames() const
    {
        QList<ServerFrame> out;
        const QByteArray head = responseHead();
        if (head.isEmpty()) {
            return out;
        }
        const auto *p = reinterpret_cast<const quint8 *>(m_in.constData());
        qsizetype pos = head.size();
        for (;;) {
            if (pos + 2 > m_in.size()) {
                break;
            }
            ServerFrame f;
            f.fin = p[pos] & 0x80;
            f.opcode = p[pos] & 0x0f;
            f.masked = p[pos + 1] & 0x80;
            quint64 len = p[pos + 1] & 0x7f;
            qsizetype h = 2;
            if (len == 126) {
                if (pos + 4 > m_in.size()) {
                    break;
                }
                len = quint64(p[pos + 2]) << 8 | p[pos + 3];
                h = 4;
            } else if (len == 127) {
                if (pos + 10 > m_in.size()) {
                    break;
                }
                len = 0;
                for (int i = 0; i < 8; ++i) {
                    len = len << 8 | p[pos + 2 + i];
                }
                h = 10;
            }
            if (pos + h + qsizetype(len) > m_in.size()) {
                break;
            }
            f.payload = m_in.mid(pos + h, qsizetype(len));
            out.append(f);
            pos += h + qsizetype(len);
        }
        return out;
    }
    QList<ServerFrame> framesOf(int opcode) const
    {
        QList<ServerFrame> out;
        for (const ServerFrame &f : frames()) {
            if (f.opcode == opcode) {
                out.append(f);
            }
        }
        return out;
    }
    // Binary messages decoded as y-websocket messages.
    template<typename T> QList<T> messagesOf() const
    {
        QList<T> out;
        for (const ServerFrame &f : framesOf(0x2)) {
            const Protocol::DecodedMessage d = Protocol::decodeMessage(f.payload);
            if (const T *t = std::get_if<T>(&d.message)) {
                out.append(*t);
            }
        }
        return out;
    }
    template<typename T> bool waitMessages(qsizetype n, int timeoutMs = 5000)
    {
        return waitUntil([&] { return messagesOf<T>().size() >= n; }, timeoutMs);
    }
    bool waitFrame(int opcode, int timeoutMs = 5000)
    {
        return waitUntil([&] { return !framesOf(opcode).isEmpty(); }, timeoutMs);
    }

    bool handshake(quint16 port, const QByteArray &room, const QByteArray &extra = {})
    {
        return connectTo(port) && write(upgradeRequest(room, extra)) && waitResponse()
            && status() == 101;
    }
    bool sendBinary(const QByteArray &message) { return write(clientFrame(0x2, message)); }

    void closeSocket()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    // A clean end: our close frame, the host's echo, its FIN, then our close().
    bool closeCleanly()
    {
        const bool ok = write(clientFrame(0x8, closeBody(1000))) && waitEnded() && !m_reset
            && !framesOf(0x8).isEmpty();
        closeSocket();
        return ok;
    }

    // Answers the host's pings that arrived since the last call; returns how many it saw in all.
    qsizetype answerPings()
    {
        const QList<ServerFrame> pings = framesOf(0x9);
        for (qsizetype i = m_pingsAnswered; i < pings.size(); ++i) {
            write(clientFrame(0xA, pings[i].payload));
        }
        m_pingsAnswered = pings.size();
        return m_pingsAnswered;
    }

    int receiveBufferBytes = 0; // SO_RCVBUF before connecting; 0: the system's
    int fd() const { return m_fd; }
    const QByteArray &input() const { return m_in; }
    bool eof() const { return m_eof; }
    bool reset() const { return m_reset; }

private:
    int m_fd = -1;
    QByteArray m_in;
    bool m_eof = false;
    bool m_reset = false;
    int m_writeError = 0;
    qsizetype m_pingsAnswered = 0;
};

[[maybe_unused]] QByteArray expectedAccept(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
        .toBase64();
}

#endif // CHORUS_HAVE_EPOLL

} // namespace
