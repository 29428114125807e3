// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/transport/listener.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

class QSocketNotifier;

namespace Chorus::Host {

class EpollConnection;

// The Linux-native transport for plain ws: one epoll set holds the listening socket and every
// connection, and the set's own descriptor is the only thing Qt's event loop watches (one
// QSocketNotifier), so the host stays an ordinary Qt object on its thread — timers, queued
// calls and signals work as before — while the per-connection cost is a small struct instead
// of a QWebSocket, a QTcpSocket and their buffers.
//
// Handshakes must complete within the options' handshake timeout; at most MaxHandshakes may be
// under way at once (more are closed at accept), and at most the options'
// maxHandshakesPerAddress from one remote address (more get HTTP 429 at accept). Connections
// that ended are reported to their handler and deleted at the end of the dispatch they ended in
// (never from inside a call the host made), or from a queued call when the host ended them.
//
// Linux only; host thread only.
class EpollListener final : public QObject, public Listener
{
public:
    static constexpr int MaxHandshakes = 1024;
    static constexpr int ClosingTimeoutMs = 5000;
    static constexpr qint64 ClosingDiscardBytes = 1024 * 1024;

    explicit EpollListener(const ServerOptions &options, QObject *parent = nullptr);
    ~EpollListener() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error) override;
    void stopListening() override;
    bool isListening() const override { return m_listenFd >= 0; }
    quint16 port() const override { return m_port; }
    QString backendName() const override { return QStringLiteral("native"); }
    bool isReadingBatch() const override { return m_dispatching; }
    void setReadingHeld(bool held) override;
    void readHeld() override;

private:
    friend class EpollConnection;

    qint64 now() const { return m_clock.elapsed(); }
    // EpollConnection's hooks.
    bool watch(EpollConnection *connection, quint32 events, bool add);
    void unwatch(int fd);
    void established(EpollConnection *connection, const UpgradeRequest &request);
    void ended(EpollConnection *connection);
    qint64 defaultMaxMessageBytes() const { return m_options.maxMessageBytes; }
    const QString &subprotocol() const { return m_subprotocol; }
    bool servesWebEditor() const { return m_options.serveWebEditor; }

    void onReady(); // the notifier
    void dispatch();
    void readBatch();
    void acceptAll();
    void reap();
    void checkDeadlines();

    ServerOptions m_options;
    QString m_subprotocol; // the one subprotocol a client may select (chorus.1)
    QElapsedTimer m_clock;
    int m_epollFd = -1;
    int m_listenFd = -1;
    int m_spareFd = -1; // closed to accept-and-refuse when out of descriptors
    quint16 m_port = 0;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_deadlineTimer;
    QSet<EpollConnection *> m_connections;
    QList<EpollConnection *> m_ended;
    bool m_dispatching = false;
    bool m_held = false; // see Listener::setReadingHeld
    bool m_reapQueued = false;
    int m_handshakes = 0;
    QHash<QHostAddress, int> m_handshakesByAddress; // the handshakes under way, by address
    void refuse(int fd, const QByteArray &response);
    void handshakeEnded(EpollConnection *connection);
    std::unique_ptr<char[]> m_buffer; // every connection reads into this one
};

} // namespace Chorus::Host
