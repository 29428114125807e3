// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backoff.h"
#include "connectionstate.h"
#include "crdt/id.h"
#include "outbox.h"
#include "protocol/clientconversation.h"
#include "protocol/messagelimits.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWebSocketProtocol>

#include <functional>
#include <memory>

class QWebSocket;

namespace Chorus::Crdt {
class Doc;
}

namespace Chorus::Client {

// One document's connection to a host: `ws[s]://HOST:PORT/ROOM`, spoken in y-websocket with the
// Chorus extensions when the host selects the `chorus.1` subprotocol (docs/protocol.md).
//
// What it does: connects, sends the token, checks a pinned certificate, runs the sync handshake,
// then sends every document update that did not come from itself and applies the host's with
// origin() (so the app can tell remote changes from its own). Local updates go through an
// on-disk Outbox first and leave it when the host acknowledges them; on start the outbox is
// applied to the document and resent, so a crash loses nothing. It keeps the awareness (local
// state renewed every 15 s, peers dropped after 30 s), reconnects with capped exponential
// backoff and jitter, resyncs by state vector after every reconnect and while the document
// holds pending updates, and refuses to merge into a document the host re-created (epoch).
//
// The conversation itself (token, epoch, sync, acks, awareness, read-only, when to close) is
// Protocol::ClientConversation; this class is its adapter: the socket, the TLS pin,
// reconnecting, timers and liveness, the outbox on disk and the Qt signals.
//
// What it is not: it does not own the document, bind an editor, or host anything. Against a
// plain y-websocket server there are no acknowledgements (acknowledgementsSupported() is false):
// the outbox is then a journal, cleared when the server's state vector shows it has an entry.
//
// Threading: a QObject living on the document's thread; the document must outlive the session.
class DocumentConnection : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url; // ws[s]://HOST:PORT/ROOM
        QString token; // sent after connecting (chorus.1 hosts only); never in the URL or logs
        // Expected SHA-256 fingerprint of the host's certificate (hex, colons allowed). When
        // set, the certificate authority check is replaced by this pin.
        QString pinnedSha256;
        // Trust on first use: with no pin, this (when set) replaces the authority check too. It
        // is called with the certificate's SHA-256 (lower-case hex) before anything is sent;
        // true goes on (the app may store it as the pin), false refuses like a pin mismatch
        // (pinMismatch with an empty expected fingerprint).
        std::function<bool(const QString &sha256)> certificateCheck;
        QString outboxRoot; // empty: QStandardPaths::AppDataLocation + "/outbox"
        quint32 backoffSeed = 0; // 0: seeded from the system generator
        int backoffInitialMs = Backoff::DefaultInitialMs;
        int backoffCapMs = Backoff::DefaultCapMs;
        bool offerChorusProtocol = true; // false: behave like a plain Yjs client
        qint64 maxMessageBytes = Protocol::MessageLimits::ClientMaxMessageBytes;
        // Liveness: a quiet connection is pinged, a silent one is dropped and reconnected, and
        // an opening handshake that hangs is given up on.
        int pingIntervalMs = 10000;
        int deadAfterMs = 30000;
        int connectTimeoutMs = 15000;
    };

    struct Peer
    {
        quint64 clientId = 0;
        QJsonObject state;
    };

    DocumentConnection(Crdt::Doc *doc, const Options &options, QObject *parent = nullptr);
    ~DocumentConnection() override;

    // Connects (and keeps reconnecting) until stop(). After authFailed or pinMismatch the
    // session stays disconnected until start() is called again (after setToken/setPinnedSha256).
    void start();
    // Tells peers we left, closes with 1000 and stops reconnecting.
    void stop();

    ConnectionState state() const { return m_state; }
    QString stateReason() const { return m_stateReason; }
    bool isSynced() const { return m_conversation.isSynced(); }
    // The origin remote updates are applied with (Doc::onUpdate/observe callbacks see it).
    Crdt::Origin origin() const { return reinterpret_cast<Crdt::Origin>(this); }
    Crdt::Doc *document() const { return m_doc; }
    const Options &options() const { return m_options; }
    // For the next connection (e.g. after authFailed the user types the password again).
    void setToken(const QString &token) { m_options.token = token; }
    void setPinnedSha256(const QString &fingerprint) { m_options.pinnedSha256 = fingerprint; }

    // True while connected to a host that selected chorus.1 (epoch and acks).
    bool acknowledgementsSupported() const { return m_conversation.isChorus(); }
    // Local updates the host has not confirmed: the outbox. On a plain server (no acks) the
    // ones not yet sent over a synced connection.
    int unsyncedCount() const { return m_conversation.unconfirmedCount(); }
    const Outbox &outbox() const { return *m_outbox; }
    // "rw" or "ro" once a chorus.1 host accepted the token; empty otherwise.
    QString scope() const { return m_conversation.scope(); }
    // True once a host said this connection is read-only (scope "ro", or a ReadOnlyNotice);
    // kept across reconnects until a host grants "rw". The app makes the editor read-only.
    bool isReadOnly() const { return m_conversation.isReadOnly(); }
    // Milliseconds until the next reconnect attempt, -1 when none is scheduled.
    qint64 reconnectRemainingMs() const;

    // The host's epoch on this connection, and the one last synced with this URL and room.
    QString hostEpoch() const { return m_conversation.hostEpoch(); }
    QString knownEpoch() const { return m_outbox->epoch(); }
    bool isEpochBlocked() const { return m_conversation.isEpochBlocked(); }
    // After epochMismatch: merge our copy into the host's new document...
    bool reshareLocalCopy();
    // ...or drop ours (and the outbox) and sync into `freshDoc`, an empty document the caller
    // owns, which the session uses from then on.
    bool adoptHostCopy(Crdt::Doc *freshDoc);

    // Awareness. The local state is broadcast now and renewed every 15 s.
    void setLocalState(const QJsonObject &state);
    QJsonObject localState() const;
    QList<Peer> peers() const; // everyone else with a state, by client id
    const Protocol::Awareness &awareness() const { return m_conversation.awareness(); }

Q_SIGNALS:
    void stateChanged(Chorus::Client::ConnectionState state, const QString &reason);
    void synced();
    void unsyncedCountChanged(int count);
    void acknowledgementsSupportedChanged(bool supported);
    void peersChanged();
    void reconnectScheduled(int delayMs);
    void authFailed(const QString &reason);
    void authenticated(const QString &scope);
    void readOnlyChanged(bool readOnly, const QString &reason);
    // The host dropped local edits of this read-only connection (once per connection).
    void editsRejected(const QString &reason);
    void epochMismatch(const QString &oldEpoch, const QString &newEpoch);
    void pinMismatch(const QString &expectedSha256, const QString &actualSha256);

private:
    // the connection (documentconnection.cpp)
    void openSocket();
    void onConnected();
    void onDisconnected();
    void onTick();
    void scheduleReconnect();
    void giveUpOnSocket(const QString &why);
    void resetConnection(int closeCode = 0, const QString &reason = QString());
    void setState(ConnectionState state, const QString &reason);
    bool checkPin();
    void onSslErrors(); // wss with a pin: the certificate, before the upgrade is written
    qint64 nowMs() const { return m_clock.elapsed(); }
    void sendRaw(const QByteArray &message);
    // the conversation's side (documentconnectionsync.cpp): what goes into the
    // Protocol::ClientConversation and how its decisions are carried out
    void onBinaryMessage(const QByteArray &bytes);
    void onDocUpdate(const QByteArray &update, Crdt::Origin origin);
    void carryOut(const Protocol::ClientOutput &output);
    void react(const Protocol::ClientEvent &event);
    void restoreOutbox();
    void attachDocument(Crdt::Doc *doc);
    void emitUnsyncedIfChanged();

    Crdt::Doc *m_doc;
    Options m_options;
    std::unique_ptr<Outbox> m_outbox;
    Protocol::ClientConversation m_conversation;
    Backoff m_backoff;
    QElapsedTimer m_clock;
    QTimer m_reconnectTimer;
    QTimer m_tick;
    QPointer<QWebSocket> m_socket;
    quint64 m_observer = 0;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_stateReason;
    bool m_running = false;
    bool m_fatal = false; // auth or pin failure: no reconnect until start()
    bool m_pinChecked = false; // the pin matched in the TLS handshake (onSslErrors)
    int m_lastUnsynced = -1;
    qint64 m_reconnectAt = -1;
    qint64 m_openedAt = -1; // when the pending opening handshake started
    qint64 m_lastHeardAt = 0;
};

} // namespace Chorus::Client
