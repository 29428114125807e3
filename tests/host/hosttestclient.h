// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"
#include "protocol/message.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <functional>

// A real QWebSocket client for host tests: records every binary message and the close code,
// and waits (with a deadline) for conditions while the event loop runs. Test-only.
class TestClient : public QObject
{
public:
    explicit TestClient(const QString &origin = {}, QObject *parent = nullptr)
        : QObject(parent)
        , socket(origin)
    {
        connect(&socket, &QWebSocket::binaryMessageReceived, this,
                [this](const QByteArray &m) { received.append(m); });
        connect(&socket, &QWebSocket::disconnected, this, [this] {
            closed = true;
            closeCode = int(socket.closeCode());
        });
    }

    bool open(const QUrl &base, const QString &room, bool chorus = false, int timeoutMs = 5000)
    {
        QUrl url = base;
        url.setPath(QLatin1Char('/') + room);
        QWebSocketHandshakeOptions options;
        if (chorus) {
            options.setSubprotocols({ QStringLiteral("chorus.1") });
        }
        socket.setMaxAllowedIncomingMessageSize(256 * 1024 * 1024);
        socket.setMaxAllowedIncomingFrameSize(256 * 1024 * 1024);
        socket.open(url, options);
        return waitFor(
                   [this] { return socket.state() == QAbstractSocket::ConnectedState || closed; },
                   timeoutMs)
            && !closed;
    }

    static bool waitFor(const std::function<bool()> &condition, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!condition()) {
            if (deadline.hasExpired()) {
                return false;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return true;
    }

    void send(const QByteArray &m) { socket.sendBinaryMessage(m); }

    // Decoded messages received so far, of one kind.
    template<typename T> QList<T> messagesOf() const
    {
        QList<T> out;
        for (const QByteArray &m : received) {
            const auto d = Chorus::Protocol::decodeMessage(m);
            if (const T *t = std::get_if<T>(&d.message)) {
                out.append(*t);
            }
        }
        return out;
    }
    template<typename T> bool waitForCount(qsizetype n, int timeoutMs = 5000)
    {
        return waitFor([&] { return messagesOf<T>().size() >= n; }, timeoutMs);
    }
    bool waitClosed(int timeoutMs = 5000)
    {
        return waitFor([this] { return closed; }, timeoutMs);
    }

    // The full document as the host has it: send SyncStep1 with an empty state vector and wait
    // for the SyncStep2 reply.
    QByteArray fetchState(int timeoutMs = 5000)
    {
        const qsizetype before = messagesOf<Chorus::Protocol::SyncStep2>().size();
        send(Chorus::Protocol::encodeSyncStep1(QByteArray(1, '\0')));
        if (!waitForCount<Chorus::Protocol::SyncStep2>(before + 1, timeoutMs)) {
            return {};
        }
        return messagesOf<Chorus::Protocol::SyncStep2>().last().update;
    }

    QWebSocket socket;
    QList<QByteArray> received;
    bool closed = false;
    int closeCode = -1;
};

// A valid Yjs v1 update that sets map[key] = value (a string) in the root Y.Map `map`, written
// by `client` at `clock` as a first set (no origin, no delete) — enough for host tests, which
// need real updates without a document engine.
inline QByteArray mapSetUpdate(quint32 client, quint64 clock, const QString &key,
                               const QString &value, const QString &map = QStringLiteral("m"))
{
    Chorus::Crdt::Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(1);
    enc.writeVarUint(client);
    enc.writeVarUint(clock);
    enc.writeUint8(8 | 0x20); // ContentAny with a parentSub
    enc.writeVarUint(1);
    enc.writeVarString(map);
    enc.writeVarString(key);
    enc.writeVarUint(1);
    enc.writeUint8(119); // lib0 any: string
    enc.writeVarString(value);
    enc.writeVarUint(0);
    return enc.take();
}

// An awareness update with one entry.
inline QByteArray awarenessUpdate(quint64 client, quint64 clock, const QByteArray &json)
{
    Chorus::Crdt::Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(client);
    enc.writeVarUint(clock);
    enc.writeVarStringUtf8(json);
    return enc.take();
}

// Qt's QWebSocket treats close codes 1012-2999 as invalid (it reports 1002), so tests read the
// host's close frame off a raw TCP connection: handshake, then skip frames until the close frame.
// Returns its code, or -1.
inline int rawCloseCode(quint16 port, const QByteArray &room, int timeoutMs = 5000)
{
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, port);
    if (!raw.waitForConnected(timeoutMs)) {
        return -1;
    }
    raw.write("GET /" + room
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray data;
    int code = -1;
    TestClient::waitFor(
        [&] {
            data += raw.readAll();
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            qsizetype pos = end + 4;
            while (pos + 2 <= data.size()) {
                const quint8 op = quint8(data[pos]) & 0x0f;
                const qsizetype len = quint8(data[pos + 1]) & 0x7f; // short frames only
                if (pos + 2 + len > data.size()) {
                    return false;
                }
                if (op == 8 && len >= 2) {
                    code = (quint8(data[pos + 2]) << 8) | quint8(data[pos + 3]);
                    return true;
                }
                pos += 2 + len;
            }
            return raw.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    return code;
}
