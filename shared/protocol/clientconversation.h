// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "awareness.h"
#include "clientoutput.h"
#include "crdt/id.h"
#include "message.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QSet>

namespace Chorus::Crdt {
class Doc;
}

namespace Chorus::Protocol {

// The client side of one document's y-sync / awareness / auth / chorus.1 conversation
// (docs/protocol.md): events in — the connection opened, a message arrived, a local edit, a
// tick, the person's choice after an epoch mismatch — and a ClientOutput out: replies, close
// decisions, outbox entries the host confirmed, and events.
//
// What it does: sends the token first on chorus.1 and waits for the host's epoch before any
// sync message moves either way (a different epoch than the one last synced blocks until
// reshareLocalCopy() or adoptHostCopy(); a chorus.1 host that says something else first is
// taken for a plain server); answers SyncStep1 with SyncStep2; applies the host's updates to
// the document with origin(); counts the sync messages it sends so the host's acks confirm
// outbox entries (a plain server has no acks: an entry is confirmed once the server's state
// vector covers it); asks again by state vector while the document has pending updates (one
// question in flight, one every ResyncIntervalMs at most); keeps the awareness (our state
// re-asserted when a peer removes it, renewed every 15 s, peers dropped after 30 s of
// silence); and closes on malformed input.
//
// What it is not: it has no socket, timer, clock or disk. Time comes in as `nowMs` (any
// monotonic milliseconds, one scale for every call). The outbox on disk stays with the owner,
// which tells this machine about entries (setUnconfirmed, localUpdate) and removes those in
// ClientOutput::confirmed. It lives as long as its owner: connections come and go
// (opened ... connectionLost), the awareness, the outbox entries, the epoch last synced and the
// read-only verdict stay.
//
// The document is used directly (state vectors, applyUpdate) and must outlive the machine or
// be replaced through adoptHostCopy(). A call made from inside another one (a document observer
// that edits while a remote update is applied) adds to the outer call's output, so messages
// leave in the order they were counted. Not thread-safe.
class ClientConversation
{
public:
    static constexpr qint64 ResyncIntervalMs = 2000;
    static constexpr qint64 ResyncAnswerTimeoutMs = 5000; // then another question may go out

    // One outbox entry: a local update the host has not confirmed yet.
    struct Edit
    {
        quint64 id = 0;
        QByteArray update;
    };

    ClientConversation(Crdt::Doc *doc, Crdt::Origin origin);

    // Between connections: the outbox's entries (at start, after compaction) and its epoch.
    void setUnconfirmed(const QList<Edit> &edits);
    void setKnownEpoch(const QString &epochId) { m_knownEpoch = epochId; }

    // The WebSocket handshake completed; `chorusSelected` when the host chose chorus.1. The
    // token (may be empty) goes first on chorus.1 only.
    ClientOutput opened(bool chorusSelected, const QString &token, qint64 nowMs);
    // One binary message from the host.
    ClientOutput receive(QByteArrayView bytes, qint64 nowMs);
    // A text frame from the host (y-websocket speaks binary only).
    ClientOutput textReceived();
    // A local document update, already in the outbox as entry `editId`.
    ClientOutput localUpdate(const QByteArray &update, quint64 editId);
    // About once a second: awareness renewal and timeouts, resync questions.
    ClientOutput tick(qint64 nowMs);
    ClientOutput setLocalState(const QJsonObject &state, qint64 nowMs);
    // After EpochMismatch: merge our copy into the host's document...
    ClientOutput reshareLocalCopy(qint64 nowMs);
    // ...or drop ours and sync into `freshDoc` (empty, the owner's), used from then on. The
    // owner clears the outbox; the awareness follows the new client id, keeping the local state.
    ClientOutput adoptHostCopy(Crdt::Doc *freshDoc, qint64 nowMs);
    // We are leaving: peers are told our state went, then the connection closes (1000).
    ClientOutput leave(qint64 nowMs);
    // The connection is gone (`closeCode` 0: none was received, or it was dropped by us).
    // Everything learnt on it is forgotten, remote awareness states included.
    ClientOutput connectionLost(int closeCode, const QString &reason, qint64 nowMs);

    Crdt::Doc *document() const { return m_doc; }
    Crdt::Origin origin() const { return m_origin; }
    bool isOpen() const { return m_open; }
    bool isChorus() const { return m_chorus; }
    bool isSyncing() const { return m_syncBegun; } // our SyncStep1 is out; updates flow
    bool isSynced() const { return m_synced; }
    bool isEpochBlocked() const { return m_epochBlocked; }
    bool isReadOnly() const { return m_readOnly; }
    QString hostEpoch() const { return m_hostEpoch; }
    QString knownEpoch() const { return m_knownEpoch; }
    QString scope() const { return m_scope; }
    const QList<Edit> &unconfirmed() const { return m_edits; }
    // Entries not confirmed; on a plain server those not yet sent over a synced connection.
    int unconfirmedCount() const;
    const Awareness &awareness() const { return m_awareness; }

private:
    template<typename Work> ClientOutput run(Work &&work);
    void handle(const Message &message, qint64 nowMs);
    void handleEpoch(const QString &epochId, qint64 nowMs);
    void handleAwareness(const QByteArray &update, qint64 nowMs);
    void handleStep1(const QByteArray &stateVector);
    void handleRemoteUpdate(const QByteArray &update, bool step2, qint64 nowMs);
    void handleAck(quint64 count);
    void beginSync(qint64 nowMs);
    void sendResyncIfPending(qint64 nowMs);
    void confirmCoveredEdits(const QByteArray &stateVector);
    void confirm(const QList<quint64> &ids);
    void recordEpoch(const QString &epochId);
    void setReadOnly(bool readOnly, const QString &reason);
    void dropRemoteAwareness(qint64 nowMs);
    void send(const QByteArray &message);
    void sendSync(const QByteArray &message, const QList<quint64> &edits);
    void sendLocalAwareness();
    void tell(const ClientEvent &event) { m_out.events.append(event); }
    void close(const CloseDecision &decision);

    Crdt::Doc *m_doc;
    Crdt::Origin m_origin;
    Awareness m_awareness;
    QList<Edit> m_edits;
    QString m_knownEpoch;
    bool m_chorus = false; // as the last connection settled it
    bool m_readOnly = false; // kept across connections until a host grants "rw"
    ClientOutput m_out; // what the calls under way decided
    int m_depth = 0; // calls under way (more than one: a re-entrant call)

    // Per connection; reset by connectionLost().
    bool m_open = false;
    bool m_closed = false; // a close was decided: nothing more is read or sent
    bool m_syncBegun = false;
    bool m_synced = false; // the host's SyncStep2 arrived
    bool m_epochBlocked = false;
    bool m_authFailed = false; // AuthFailed was told on this connection
    QString m_hostEpoch;
    QString m_scope;
    QList<Message> m_deferred; // sync messages that came before the epoch verdict
    quint64 m_sentSyncCount = 0; // sync Update/Step2 messages sent on this connection
    QList<std::pair<quint64, QList<quint64>>> m_inFlight; // message number -> outbox entry ids
    QSet<quint64> m_sentEdits; // entries sent on this connection (plain servers)
    qint64 m_step1SentAt = -1; // an unanswered resync SyncStep1
    qint64 m_lastResyncAt = -1; // when the last resync SyncStep1 went out
};

} // namespace Chorus::Protocol
