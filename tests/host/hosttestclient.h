#pragma once

#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"
#include "protocol/message.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
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
