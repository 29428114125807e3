// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/serveroptions.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Chorus::Host {

class Connection;

// What a client asked for in its WebSocket upgrade request, handed over with the connection.
struct UpgradeRequest
{
    QString path; // the request path, percent-encoded as sent, with its leading '/'
    QString origin; // the Origin header; empty when the client sent none (not a browser)
    QString host; // the Host header, as sent (OriginPolicy's same-origin rule)
    QHostAddress remoteAddress; // the peer's address (per-address limits)
    QString subprotocol; // the subprotocol the host selected; empty: plain y-websocket
};

// Accepts WebSocket connections for a Server. Two implementations:
// - EpollListener (Linux, plain ws): its own HTTP upgrade and RFC 6455 framing on one epoll
//   set, so an idle connection costs a few hundred bytes and a relayed message one write;
// - QtWebSocketListener (wss, and systems without epoll): QWebSocketServer.
// create() picks one from the options. Host thread only.
class Listener
{
public:
    using ConnectionCallback = std::function<void(Connection *, const UpgradeRequest &)>;

    static std::unique_ptr<Listener> create(const ServerOptions &options);
    virtual ~Listener() = default;

    // Called for each connection once its upgrade completed. The host sets its handler there
    // (and may close it at once).
    void setConnectionCallback(ConnectionCallback callback)
    {
        m_onConnection = std::move(callback);
    }

    // Called once a batch of ready connections has been read (native transport only): the host
    // commits and writes what that batch produced right there, without another event-loop turn.
    void setBatchEndCallback(std::function<void()> callback) { m_onBatchEnd = std::move(callback); }
    // True while the transport is reading a batch (the batch-end callback follows).
    virtual bool isReadingBatch() const { return false; }

    // Held reading, for heavy load (native transport only; elsewhere these do nothing): while
    // held, input that arrives is not read at once — the transport stops watching and calls the
    // input-held callback, and the host reads it all with readHeld() at its next flush pass. One
    // wake-up then serves many messages instead of one each.
    virtual void setReadingHeld(bool /*held*/) { }
    virtual void readHeld() { }
    void setInputHeldCallback(std::function<void()> callback)
    {
        m_onInputHeld = std::move(callback);
    }

    virtual bool listen(const QHostAddress &address, quint16 port, QString *error) = 0;
    // Stops accepting; the connections already made stay.
    virtual void stopListening() = 0;
    virtual bool isListening() const = 0;
    virtual quint16 port() const = 0;
    // "native" or "qt", for the log.
    virtual QString backendName() const = 0;

protected:
    ConnectionCallback m_onConnection;
    std::function<void()> m_onBatchEnd;
    std::function<void()> m_onInputHeld;
};

} // namespace Chorus::Host
