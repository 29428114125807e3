// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "host/serveroptions.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QThread;

namespace Chorus::Host {

class Server;

// A session hosted from the app: a Server on a thread of its own, set up from the few choices
// a person makes in the Host dialog (port, who can reach it, password, read-only password, TLS,
// data folder), with a generated certificate when TLS is on and the invite link to hand out.
//
// Everything slow (generating the certificate, opening the database, listening, closing peers)
// happens on the host thread: start() and stop() return at once and report through started(),
// failed() and stopped(), so the GUI never blocks. Stopping closes every peer with 1001 ("host
// shutting down"), commits what is pending and closes the database.
//
// The invite link is a Protocol::InviteLink, `chorus://HOST:PORT/?fp=SHA256HEX` (fp only with
// TLS; HOST 127.0.0.1 for "this computer only", else the chosen or first local-network address).
// The hosting app joins its own session through localUrl() with the same pin.
//
// Not the GUI: no dialogs or widgets (that is app/). Not reusable across threads: create, use and
// destroy it on one thread (the GUI's). Destroying a running session stops it synchronously
// (peers get 1001, nothing pending is lost) — a short wait on app exit.
class EmbeddedHost : public QObject
{
    Q_OBJECT

public:
    enum class Reach {
        ThisComputer, // listens on 127.0.0.1 only
        LocalNetwork, // listens on every interface; the link names a local-network address
    };
    enum class State { Stopped, Starting, Running, Stopping };

    struct Options
    {
        quint16 port = 1234; // 0: any free port (port() tells which)
        Reach reach = Reach::ThisComputer;
        // LocalNetwork: the address the invite link names; null: the first private IPv4
        // address of an interface that is up (see localNetworkAddresses()).
        QHostAddress advertisedAddress;
        QString password; // empty: anyone who can reach the port may edit
        // A second password for read-only guests (they see everything, their edits are dropped
        // and they are told so). Needs a password; must differ from it.
        QString readOnlyPassword;
        bool tls = true;
        // The database lives here; empty: documents in memory only (gone when hosting stops).
        QString dataFolder;
        // The certificate and key (0700 folder, 0600 files); empty: DATA_FOLDER/tls. TLS with
        // neither folder is an error.
        QString certificateFolder;
        // Limits and timings for the Server; bind, port, dataDir, tokens and TLS files are
        // replaced by the choices above.
        ServerOptions limits;
    };

    explicit EmbeddedHost(QObject *parent = nullptr);
    ~EmbeddedHost() override;

    // Starts hosting (state Starting -> Running, then started(), or back to Stopped with
    // failed()). Ignored unless Stopped.
    void start(const Options &options);
    // Stops hosting (state Stopping -> Stopped, then stopped()). Ignored unless Starting or
    // Running; a start still under way is stopped as soon as it finishes.
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    const Options &options() const { return m_options; }
    // While running:
    QUrl inviteUrl() const { return m_inviteUrl; } // chorus://HOST:PORT/[?fp=…]
    QString fingerprint() const { return m_fingerprint; } // SHA-256 hex, empty without TLS
    quint16 port() const { return m_port; }
    QUrl localUrl() const; // ws[s]://127.0.0.1:PORT, for the hosting app itself
    bool certificateGenerated() const { return m_certificateGenerated; } // vs. reused

    // Private (RFC 1918) IPv4 addresses of interfaces that are up and not loopback, for the
    // dialog to offer; the first one is the default advertised address.
    static QList<QHostAddress> localNetworkAddresses();

Q_SIGNALS:
    void started(const QUrl &inviteUrl, const QString &fingerprint);
    void failed(const QString &error);
    void stopped();
    void stateChanged(Chorus::Host::EmbeddedHost::State state);
    // Forwarded from the Server (queued to this object's thread).
    void documentCreated(const QString &name);
    void peerJoined(const QString &room, int peersInRoom);
    void peerLeft(const QString &room, int peersInRoom);

private:
    struct StartResult
    {
        QString error;
        quint16 port = 0;
        QString fingerprint;
        bool generated = false;
    };
    static StartResult startOnHostThread(const Options &options, QObject *context, Server **server);
    void onStarted(Server *server, const StartResult &result);
    void onServerStopped();
    void finishThread();
    void setState(State state);
    QString validate(const Options &options) const;
    QUrl makeInviteUrl() const;

    Options m_options;
    State m_state = State::Stopped;
    bool m_stopRequested = false; // stop() while Starting
    QThread *m_thread = nullptr;
    QObject *m_threadContext = nullptr; // lives on m_thread: queued calls run there
    QPointer<Server> m_server;
    QUrl m_inviteUrl;
    QString m_fingerprint;
    quint16 m_port = 0;
    bool m_certificateGenerated = false;
};

} // namespace Chorus::Host
