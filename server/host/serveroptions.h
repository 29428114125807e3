// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/hostconversation.h"
#include "protocol/messagelimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace Chorus::Host {

// What a host is asked to do: parsed from `chorus-server`'s command line, or filled in by the
// app when it hosts a session from the GUI. A value type; every limit has a sane default so a
// default-constructed ServerOptions (with a dataDir) is a working, loopback-only host. The limits
// a client shares are taken from Protocol::MessageLimits, where each says why its number.
struct ServerOptions
{
    enum class SyncMode {
        // SQLite synchronous=FULL: a commit is fsync'ed before any peer sees the update, so an
        // acknowledged update survives a crash of the process, the OS or the power.
        Full,
        // SQLite synchronous=NORMAL in WAL mode: a commit reaches the OS before any peer sees
        // the update, so it survives the host process being killed (kill -9); an OS crash or
        // power cut may lose the last commits (never corrupts the database).
        Normal,
    };

    enum class Transport {
        Auto, // Native for ws on Linux; Qt for wss and elsewhere
        Native, // Linux, ws only: EpollListener
        Qt, // QWebSocketServer (ws and wss)
    };

    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 1234;
    QString dataDir; // empty: an in-memory database (tests, throw-away sessions)
    QByteArray token; // empty: no token required. Never logged.
    // A second secret for read-only guests (scope "ro": their updates are dropped, see
    // docs/host.md). Only meaningful with a token; must differ from it. Never logged.
    QByteArray readOnlyToken;
    // Browser Origins allowed to connect (see OriginPolicy); empty: none. Clients that send no
    // Origin (native apps, Node) are always allowed.
    QStringList allowedOrigins;
    // The host serves its web editor at its HTTP root; its own origin is then allowed too
    // (OriginPolicy). The app's host sets it only when the user allows browser guests.
    bool serveWebEditor = true;
    QString tlsCertFile;
    QString tlsKeyFile;
    qint64 maxMessageBytes = Protocol::MessageLimits::HostMaxMessageBytes;
    int maxConnections = 4096;
    int maxRooms = 1024;
    // Documents the host stores (SQLite); a join that would create another is closed with 1013.
    int maxDocuments = 10000;
    // Per remote address: open connections (more are closed with 1013) and upgrade handshakes
    // in progress (more get HTTP 429 before the upgrade), so one machine cannot take every
    // slot. Loopback clients share only the global limits unless limitLoopbackPerAddress: every
    // program on this computer is 127.0.0.1, and a load test opens a thousand connections from
    // it at once.
    int maxConnectionsPerAddress = 256;
    int maxHandshakesPerAddress = 32;
    bool limitLoopbackPerAddress = false;
    SyncMode sync = SyncMode::Full;
    QString logLevel = QStringLiteral("info"); // error | warning | info | debug
    Transport transport = Transport::Auto;
    // redis://HOST:PORT[/DB]: keep the documents in Redis and share them with the other
    // instances using it (docs/deploy.md). Empty: the embedded SQLite store.
    QString redisUrl;

    // Limits that have no command-line option; tests shorten them.
    int roomIdleUnloadMs = 30 * 1000; // a room with no peers is unloaded after this long
    int pingIntervalMs = 10 * 1000; // a quiet peer is pinged this often
    int peerTimeoutMs = 25 * 1000; // a peer silent this long (no message, no pong) is dropped
    // time to send the token after connecting (the conversation's default)
    int authTimeoutMs = int(Protocol::HostConversation::Config().authTimeoutMs);
    // Largest message accepted before authentication.
    qint64 preAuthMaxBytes = Protocol::MessageLimits::PreAuthMaxMessageBytes;
    int handshakeTimeoutMs = 5 * 1000; // HTTP upgrade must complete within this
    // sustained per connection (token bucket; the conversation's default)
    int maxMessagesPerSecond = int(Protocol::HostConversation::Config().maxMessagesPerSecond);
    int maxMessageBurst = Protocol::HostConversation::Config().maxMessageBurst; // bucket size
    qint64 maxPendingWriteBytes = 64 * 1024 * 1024; // a peer that stops reading is dropped
    int maxAwarenessClientsPerPeer = Protocol::MessageLimits::MaxAwarenessClientsPerConnection;
    int compactAfterUpdates = 1000; // a room's log is compacted past this many rows
    int maxRoomNameBytes = Protocol::MessageLimits::MaxRoomNameBytes;
    // The host thread's load (the share of time it runs or waits for a CPU, smoothed over about
    // a second; WritePacing) from which it is behind and batches each peer's relays; below it
    // every relay goes out in the event-loop turn that read the update.
    double pacingLoad = 0.6;
    // Opt-in: above this many writes a second the host paces each peer's writes as when behind
    // (each write costs ~5-8 µs of CPU on loopback). 0: no fixed budget (the default).
    int writeBudgetPerSecond = 0;
    // Opt-in: above this many flush passes (commit + relay) a second they are spaced to stay
    // within it. 0: never spaced for their rate alone (the default).
    int flushBudgetPerSecond = 0;

    bool isTls() const { return !tlsCertFile.isEmpty(); }

    // Parses arguments; on --help/--version prints and sets exitCode >= 0; on a bad argument
    // prints a clear message to stderr and sets exitCode to 2. Otherwise exitCode is -1.
    static ServerOptions parse(const QStringList &arguments, int *exitCode);
};

} // namespace Chorus::Host
