// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sync, awareness and extension messages of a DocumentConnection (its connection half is documentconnection.cpp).
#include "crdt/doc.h"
#include "crdt/statevector.h"
#include "crdt/updates.h"
#include "client/documentconnection.h"

#include <QLoggingCategory>
#include <QWebSocket>

Q_DECLARE_LOGGING_CATEGORY(lcConnection)

namespace Chorus::Client {

using namespace Chorus::Protocol;

namespace {
// Past this many entries the outbox is merged into one (while nothing is in flight).
constexpr qsizetype CompactOutboxAt = 256;
constexpr qint64 ResyncIntervalMs = 2000;
} // namespace

void DocumentConnection::restoreOutbox()
{
    if (m_outbox->count() > CompactOutboxAt) {
        m_outbox->compact();
    }
    // Entries left by an earlier run (a crash, a quit while offline): back into the document,
    // with our origin so the app renders them like remote changes. They are resent on sync.
    for (const Outbox::Entry &entry : m_outbox->entries()) {
        const Crdt::ApplyResult result = m_doc->applyUpdate(entry.update, origin());
        if (!result.ok()) {
            qCWarning(lcConnection) << "outbox entry" << entry.id
                                 << "does not apply:" << result.error.toString();
        }
    }
    emitUnsyncedIfChanged();
}

void DocumentConnection::onBinaryMessage(const QByteArray &bytes)
{
    m_lastHeardAt = nowMs();
    DecodedMessage decoded = decodeMessage(bytes);
    if (!decoded.isOk()) {
        failProtocol(QWebSocketProtocol::CloseCodeWrongDatatype,
                     QStringLiteral("malformed message: %1").arg(decoded.error.toString()));
        return;
    }
    if (!m_chorus && isChorusExtension(decoded.message)) {
        failProtocol(QWebSocketProtocol::CloseCodeWrongDatatype,
                     QStringLiteral("a Chorus extension on a plain connection"));
        return;
    }
    handle(decoded.message);
}

void DocumentConnection::handle(const Message &message)
{
    if (m_chorus && !m_syncBegun && !m_epochBlocked && !std::holds_alternative<Epoch>(message)
        && !std::holds_alternative<PermissionDenied>(message)
        && !std::holds_alternative<Authenticated>(message)
        && !std::holds_alternative<ReadOnlyNotice>(message)) {
        // A Chorus host tells the epoch first. A server that selected chorus.1 without speaking
        // it (Node's `ws` picks the first offered subprotocol by default) is a plain one.
        qCInfo(lcConnection) << m_options.url.host() << "selected chorus.1 but sent no epoch first;"
                          << "treating it as a plain y-websocket server";
        m_chorus = false;
        Q_EMIT acknowledgementsSupportedChanged(false);
        beginSync();
    }
    const bool isSync = std::holds_alternative<SyncStep1>(message)
        || std::holds_alternative<SyncStep2>(message)
        || std::holds_alternative<SyncUpdate>(message);
    if (isSync && !m_syncBegun) {
        // Nothing of the document moves either way before the epoch verdict.
        m_deferred.append(message);
        return;
    }
    if (const auto *step1 = std::get_if<SyncStep1>(&message)) {
        handleStep1(step1->stateVector);
    } else if (const auto *step2 = std::get_if<SyncStep2>(&message)) {
        handleRemoteUpdate(step2->update, true);
    } else if (const auto *upd = std::get_if<SyncUpdate>(&message)) {
        handleRemoteUpdate(upd->update, false);
    } else if (const auto *aw = std::get_if<AwarenessMessage>(&message)) {
        const AwarenessApplyResult r = m_awareness->applyUpdate(aw->update, nowMs());
        if (!r.isOk()) {
            failProtocol(QWebSocketProtocol::CloseCodeWrongDatatype,
                         QStringLiteral("malformed awareness: %1").arg(r.error.toString()));
            return;
        }
        if (r.change.renewed.contains(m_awareness->clientId())) {
            sendLocalAwareness(); // a peer tried to remove our state: re-assert it
        }
        if (r.change.hasChanges()) {
            Q_EMIT peersChanged();
        }
    } else if (std::holds_alternative<QueryAwareness>(message)) {
        if (m_syncBegun) {
            sendRaw(encodeAwarenessMessage(m_awareness->encodeAll()));
        }
    } else if (const auto *denied = std::get_if<PermissionDenied>(&message)) {
        qCWarning(lcConnection) << "permission denied by" << m_options.url.host() << ":"
                             << denied->reason;
        m_fatal = true;
        Q_EMIT authFailed(denied->reason);
    } else if (const auto *authed = std::get_if<Authenticated>(&message)) {
        m_scope = authed->scope;
        Q_EMIT authenticated(authed->scope);
        setReadOnly(authed->scope == u"ro", tr("You can read but not edit this document"));
    } else if (const auto *notice = std::get_if<ReadOnlyNotice>(&message)) {
        qCInfo(lcConnection) << m_options.url.host() << "dropped our edits:" << notice->reason;
        setReadOnly(true, notice->reason);
        Q_EMIT editsRejected(notice->reason);
    } else if (const auto *epoch = std::get_if<Epoch>(&message)) {
        handleEpoch(epoch->epochId);
    } else if (const auto *ack = std::get_if<Ack>(&message)) {
        handleAck(ack->count);
    }
    // AuthToken from a host means nothing to a client: ignored.
}

void DocumentConnection::handleEpoch(const QString &epochId)
{
    if (m_syncBegun || m_epochBlocked) {
        return; // the epoch is told once per connection
    }
    m_hostEpoch = epochId;
    const QString known = m_outbox->epoch();
    if (!known.isEmpty() && known != epochId) {
        // Nothing local to lose (no unsynced edits, an empty document — a fresh join): take the
        // host's new document without asking. Otherwise the person chooses (never merged
        // blindly).
        if (m_outbox->isEmpty() && m_doc->encodeStateVector() == QByteArray(1, '\0')) {
            qCInfo(lcConnection) << "the host re-created" << m_options.url.path()
                              << "; nothing local to keep, taking its copy";
            m_outbox->setEpoch(epochId);
        } else {
            qCWarning(lcConnection) << "the host re-created" << m_options.url.path() << ": epoch"
                                 << known << "became" << epochId << "; not merging";
            m_epochBlocked = true;
            setState(ConnectionState::Syncing,
                     tr("The host has a different copy of this document"));
            Q_EMIT epochMismatch(known, epochId);
            return;
        }
    }
    beginSync();
}

bool DocumentConnection::reshareLocalCopy()
{
    if (!m_epochBlocked) {
        return false;
    }
    m_epochBlocked = false;
    m_outbox->setEpoch(m_hostEpoch);
    beginSync();
    return true;
}

bool DocumentConnection::adoptHostCopy(Crdt::Doc *freshDoc)
{
    if (!m_epochBlocked || !freshDoc) {
        return false;
    }
    m_epochBlocked = false;
    m_outbox->clear();
    m_outbox->setEpoch(m_hostEpoch);
    attachDocument(freshDoc);
    // The awareness follows the document's client id; the local state carries over.
    const QByteArray local = m_awareness->localState();
    m_awareness = std::make_unique<Protocol::Awareness>(freshDoc->clientId());
    if (!local.isEmpty()) {
        m_awareness->setLocalState(local, nowMs());
    }
    emitUnsyncedIfChanged();
    beginSync();
    return true;
}

void DocumentConnection::beginSync()
{
    m_syncBegun = true;
    sendRaw(encodeSyncStep1(m_doc->encodeStateVector()));
    if (m_awareness->hasLocalState()) {
        sendLocalAwareness();
    }
    const QList<Message> deferred = std::exchange(m_deferred, {});
    for (const Message &message : deferred) {
        handle(message);
    }
}

void DocumentConnection::handleStep1(const QByteArray &stateVector)
{
    // Our SyncStep2 carries everything the host lacks, outbox entries included (pending ones
    // too), so its acknowledgement confirms every entry that exists now.
    QList<quint64> entries;
    for (const Outbox::Entry &e : m_outbox->entries()) {
        entries.append(e.id);
    }
    sendSync(encodeSyncStep2(m_doc->encodeStateAsUpdate(stateVector)), entries);
    if (!m_chorus) {
        clearCoveredEntries(stateVector);
    }
}

// A plain server sends no acks: an entry leaves the journal once the server's state vector
// covers every struct in it (a delete-only entry travelled in the SyncStep2 just sent).
void DocumentConnection::clearCoveredEntries(const QByteArray &stateVector)
{
    Crdt::DecodeError error;
    const Crdt::StateVector host = Crdt::StateVector::decode(stateVector, &error);
    if (error.isError()) {
        return;
    }
    QList<quint64> covered;
    for (const Outbox::Entry &e : m_outbox->entries()) {
        const Crdt::UpdateResult sv = Crdt::encodeStateVectorFromUpdate(e.update);
        if (!sv.ok()) {
            continue;
        }
        const Crdt::StateVector mine = Crdt::StateVector::decode(sv.update, &error);
        bool all = !error.isError();
        for (const auto &[client, clock] : mine.clocks()) {
            all = all && host.get(client) >= clock;
        }
        if (all) {
            covered.append(e.id);
        }
    }
    m_outbox->remove(covered);
    emitUnsyncedIfChanged();
}

void DocumentConnection::handleRemoteUpdate(const QByteArray &update, bool step2)
{
    const Crdt::ApplyResult result = m_doc->applyUpdate(update, origin());
    if (!result.ok()) {
        failProtocol(QWebSocketProtocol::CloseCodeWrongDatatype,
                     QStringLiteral("malformed update: %1").arg(result.error.toString()));
        return;
    }
    if (step2) {
        m_step1SentAt = -1;
        if (!m_synced) {
            m_synced = true;
            m_backoff.reset();
            if (m_chorus && !m_hostEpoch.isEmpty()) {
                m_outbox->setEpoch(m_hostEpoch);
            }
            setState(ConnectionState::Connected, tr("Connected"));
            emitUnsyncedIfChanged();
            Q_EMIT synced();
        }
    }
    sendResyncIfPending();
}

void DocumentConnection::sendResyncIfPending()
{
    // Updates that wait for missing ones: ask again by state vector until nothing waits. At
    // most one question in flight and one every ResyncIntervalMs, so updates whose dependencies
    // the host lacks too (say, an outbox from a lost document) cannot start a ping-pong.
    const qint64 now = nowMs();
    if (m_syncBegun && m_step1SentAt < 0 && m_doc->hasPending()
        && (m_lastResyncAt < 0 || now - m_lastResyncAt >= ResyncIntervalMs)) {
        m_step1SentAt = now;
        m_lastResyncAt = now;
        sendRaw(encodeSyncStep1(m_doc->encodeStateVector()));
    }
}

void DocumentConnection::handleAck(quint64 count)
{
    QList<quint64> done;
    while (!m_inFlight.isEmpty() && m_inFlight.first().first <= count) {
        done += m_inFlight.takeFirst().second;
    }
    m_outbox->remove(done);
    emitUnsyncedIfChanged();
}

void DocumentConnection::onDocUpdate(const QByteArray &update, Crdt::Origin from)
{
    if (from == origin()) {
        return; // came from the host (or the outbox): not ours to send
    }
    // On disk before it is on the wire.
    const quint64 id = m_outbox->append(update);
    if (m_syncBegun) {
        sendSync(encodeSyncUpdate(update), { id });
    } else if (m_outbox->count() > CompactOutboxAt && !m_socket) {
        m_outbox->compact();
    }
    emitUnsyncedIfChanged();
}

void DocumentConnection::sendSync(const QByteArray &message, const QList<quint64> &entries)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    m_socket->sendBinaryMessage(message);
    if (m_chorus) {
        m_inFlight.append({ ++m_sentSyncCount, entries });
    } else {
        for (quint64 id : entries) {
            m_sentEntries.insert(id);
        }
    }
}

void DocumentConnection::sendRaw(const QByteArray &message)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->sendBinaryMessage(message);
    }
}

void DocumentConnection::sendLocalAwareness()
{
    sendRaw(encodeAwarenessMessage(m_awareness->encodeUpdate({ m_awareness->clientId() })));
}

void DocumentConnection::setReadOnly(bool readOnly, const QString &reason)
{
    if (readOnly != m_readOnly) {
        m_readOnly = readOnly;
        Q_EMIT readOnlyChanged(readOnly, reason);
    }
}

} // namespace Chorus::Client
