// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientconversation.h"

#include "crdt/doc.h"
#include "crdt/statevector.h"
#include "crdt/updates.h"

#include <utility>

namespace Chorus::Protocol {

namespace {
// The state vector of a document that has nothing: one varuint, zero clients.
const QByteArray EmptyStateVector(1, '\0');
} // namespace

ClientConversation::ClientConversation(Crdt::Doc *doc, Crdt::Origin origin)
    : m_doc(doc)
    , m_origin(origin)
    , m_awareness(doc->clientId())
{
    Q_ASSERT(doc);
}

// Every event runs through here: the output collects in m_out, and a call made from inside
// another one leaves its part there for the outer call to return.
template<typename Work> ClientOutput ClientConversation::run(Work &&work)
{
    ++m_depth;
    work();
    --m_depth;
    return m_depth == 0 ? std::exchange(m_out, {}) : ClientOutput {};
}

void ClientConversation::setUnconfirmed(const QList<Edit> &edits)
{
    Q_ASSERT(!m_syncBegun); // nothing of them is in flight
    m_edits = edits;
}

int ClientConversation::unconfirmedCount() const
{
    if (m_chorus) {
        return int(m_edits.size());
    }
    int n = 0;
    for (const Edit &e : m_edits) {
        n += (m_synced && m_sentEdits.contains(e.id)) ? 0 : 1;
    }
    return n;
}

ClientOutput ClientConversation::opened(bool chorusSelected, const QString &token, qint64 nowMs)
{
    return run([&] {
        m_open = true;
        if (chorusSelected != m_chorus) {
            m_chorus = chorusSelected;
            tell(ClientEvent::chorusChanged(chorusSelected));
        }
        if (!m_chorus) {
            beginSync(nowMs); // a plain server sends no epoch (and hears no token)
            return;
        }
        if (!token.isEmpty()) {
            send(encodeAuthToken(token));
        }
        // The host's epoch comes first; the sync waits for it (handleEpoch).
    });
}

ClientOutput ClientConversation::receive(QByteArrayView bytes, qint64 nowMs)
{
    return run([&] {
        if (!m_open || m_closed) {
            return;
        }
        const DecodedMessage decoded = decodeMessage(bytes);
        if (!decoded.isOk()) {
            close(CloseDecision::malformedMessage(decoded.error.toString()));
        } else if (!m_chorus && isChorusExtension(decoded.message)) {
            close(CloseDecision::extensionOnPlainConnection());
        } else {
            handle(decoded.message, nowMs);
        }
    });
}

ClientOutput ClientConversation::textReceived()
{
    return run([&] {
        if (m_open && !m_closed) {
            close(CloseDecision::textFrame());
        }
    });
}

ClientOutput ClientConversation::localUpdate(const QByteArray &update, quint64 editId)
{
    return run([&] {
        m_edits.append({ editId, update });
        if (m_syncBegun) {
            sendSync(encodeSyncUpdate(update), { editId });
        }
    });
}

ClientOutput ClientConversation::tick(qint64 nowMs)
{
    return run([&] {
        if (m_syncBegun && m_awareness.renewLocalState(nowMs)) {
            sendLocalAwareness();
        }
        if (m_awareness.removeOutdated(nowMs).hasChanges()) {
            tell(ClientEvent::peersChanged());
        }
        // A resync question that got no answer is given up on; another goes out while
        // updates still wait.
        if (m_step1SentAt >= 0 && nowMs - m_step1SentAt > ResyncAnswerTimeoutMs) {
            m_step1SentAt = -1;
        }
        sendResyncIfPending(nowMs);
    });
}

ClientOutput ClientConversation::setLocalState(const QJsonObject &state, qint64 nowMs)
{
    return run([&] {
        m_awareness.setLocalState(state, nowMs);
        if (m_syncBegun) {
            sendLocalAwareness();
        }
    });
}

ClientOutput ClientConversation::reshareLocalCopy(qint64 nowMs)
{
    return run([&] {
        if (!m_epochBlocked) {
            return;
        }
        m_epochBlocked = false;
        recordEpoch(m_hostEpoch);
        beginSync(nowMs);
    });
}

ClientOutput ClientConversation::adoptHostCopy(Crdt::Doc *freshDoc, qint64 nowMs)
{
    return run([&] {
        if (!m_epochBlocked || !freshDoc) {
            return;
        }
        m_epochBlocked = false;
        m_edits.clear();
        recordEpoch(m_hostEpoch);
        m_doc = freshDoc;
        // The awareness follows the document's client id; the local state carries over.
        const QByteArray local = m_awareness.localState();
        m_awareness = Awareness(freshDoc->clientId());
        if (!local.isEmpty()) {
            m_awareness.setLocalState(local, nowMs);
        }
        beginSync(nowMs);
    });
}

ClientOutput ClientConversation::leave(qint64 nowMs)
{
    return run([&] {
        if (m_syncBegun && !m_closed && m_awareness.hasLocalState()) {
            // Tell peers now rather than making them wait for the host or the 30 s timeout;
            // the local state itself is kept (with a newer clock) for the next connection.
            const QByteArray kept = m_awareness.localState();
            m_awareness.clearLocalState(nowMs);
            sendLocalAwareness();
            m_awareness.setLocalState(kept, nowMs);
        }
        close(CloseDecision::leaving());
    });
}

ClientOutput ClientConversation::connectionLost(int closeCode, const QString &reason, qint64 nowMs)
{
    return run([&] {
        const bool refused = closeCode == int(CloseCode::PolicyViolation) && !m_authFailed;
        m_open = false;
        m_closed = false;
        m_syncBegun = false;
        m_synced = false;
        m_epochBlocked = false;
        m_authFailed = false;
        m_hostEpoch.clear();
        m_scope.clear();
        m_deferred.clear();
        m_sentSyncCount = 0;
        m_inFlight.clear();
        m_sentEdits.clear();
        m_step1SentAt = -1;
        m_lastResyncAt = -1;
        dropRemoteAwareness(nowMs);
        if (refused) {
            // A host that refuses without a PermissionDenied first (at the handshake, say).
            tell(ClientEvent::authFailed(reason));
        }
    });
}

void ClientConversation::handle(const Message &message, qint64 nowMs)
{
    if (m_chorus && !m_syncBegun && !m_epochBlocked && !std::holds_alternative<Epoch>(message)
        && !std::holds_alternative<PermissionDenied>(message)
        && !std::holds_alternative<Authenticated>(message)
        && !std::holds_alternative<ReadOnlyNotice>(message)) {
        // A Chorus host tells the epoch first. A server that selected chorus.1 without speaking
        // it (Node's `ws` picks the first offered subprotocol by default) is a plain one.
        m_chorus = false;
        tell(ClientEvent::chorusChanged(false));
        beginSync(nowMs);
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
        handleRemoteUpdate(step2->update, true, nowMs);
    } else if (const auto *upd = std::get_if<SyncUpdate>(&message)) {
        handleRemoteUpdate(upd->update, false, nowMs);
    } else if (const auto *aw = std::get_if<AwarenessMessage>(&message)) {
        handleAwareness(aw->update, nowMs);
    } else if (std::holds_alternative<QueryAwareness>(message)) {
        if (m_syncBegun) {
            send(encodeAwarenessMessage(m_awareness.encodeAll()));
        }
    } else if (const auto *denied = std::get_if<PermissionDenied>(&message)) {
        m_authFailed = true;
        tell(ClientEvent::authFailed(denied->reason));
    } else if (const auto *authed = std::get_if<Authenticated>(&message)) {
        m_scope = authed->scope;
        tell(ClientEvent::authenticated(authed->scope));
        setReadOnly(authed->scope == u"ro", QString());
    } else if (const auto *notice = std::get_if<ReadOnlyNotice>(&message)) {
        setReadOnly(true, notice->reason);
        tell(ClientEvent::editsRejected(notice->reason));
    } else if (const auto *epoch = std::get_if<Epoch>(&message)) {
        handleEpoch(epoch->epochId, nowMs);
    } else if (const auto *ack = std::get_if<Ack>(&message)) {
        handleAck(ack->count);
    }
    // AuthToken from a host means nothing to a client: ignored.
}

void ClientConversation::handleEpoch(const QString &epochId, qint64 nowMs)
{
    if (m_syncBegun || m_epochBlocked) {
        return; // the epoch is told once per connection
    }
    m_hostEpoch = epochId;
    if (!m_knownEpoch.isEmpty() && m_knownEpoch != epochId) {
        // Nothing local to lose (no unconfirmed edits, an empty document — a fresh join): take
        // the host's new document without asking. Otherwise the person chooses (never merged
        // blindly).
        if (m_edits.isEmpty() && m_doc->encodeStateVector() == EmptyStateVector) {
            recordEpoch(epochId);
        } else {
            m_epochBlocked = true;
            tell(ClientEvent::epochMismatch(m_knownEpoch, epochId));
            return;
        }
    }
    beginSync(nowMs);
}

void ClientConversation::beginSync(qint64 nowMs)
{
    m_syncBegun = true;
    send(encodeSyncStep1(m_doc->encodeStateVector()));
    if (m_awareness.hasLocalState()) {
        // A new clock: the host removed our state when the last connection dropped and keeps
        // its clock, so the same clock again would be ignored there (and by every peer it
        // relayed the removal to) until the next renewal, up to 15 s without our cursor.
        m_awareness.setLocalState(m_awareness.localState(), nowMs);
        sendLocalAwareness();
    }
    const QList<Message> deferred = std::exchange(m_deferred, {});
    for (const Message &message : deferred) {
        if (m_closed) {
            break;
        }
        handle(message, nowMs);
    }
}

void ClientConversation::handleAwareness(const QByteArray &update, qint64 nowMs)
{
    const AwarenessApplyResult r = m_awareness.applyUpdate(update, nowMs);
    if (!r.isOk()) {
        close(CloseDecision::malformedAwareness(r.error.toString()));
        return;
    }
    if (r.change.renewed.contains(m_awareness.clientId())) {
        sendLocalAwareness(); // a peer tried to remove our state: re-assert it
    }
    if (r.change.hasChanges()) {
        tell(ClientEvent::peersChanged());
    }
}

void ClientConversation::handleStep1(const QByteArray &stateVector)
{
    // Our SyncStep2 carries everything the host lacks, outbox entries included (pending ones
    // too), so its acknowledgement confirms every entry that exists now.
    QList<quint64> ids;
    ids.reserve(m_edits.size());
    for (const Edit &e : m_edits) {
        ids.append(e.id);
    }
    sendSync(encodeSyncStep2(m_doc->encodeStateAsUpdate(stateVector)), ids);
    if (!m_chorus) {
        confirmCoveredEdits(stateVector);
    }
}

// A plain server sends no acks: an entry is confirmed once the server's state vector covers
// every struct in it (a delete-only entry travelled in the SyncStep2 just sent).
void ClientConversation::confirmCoveredEdits(const QByteArray &stateVector)
{
    Crdt::DecodeError error;
    const Crdt::StateVector host = Crdt::StateVector::decode(stateVector, &error);
    if (error.isError()) {
        return;
    }
    QList<quint64> covered;
    for (const Edit &e : m_edits) {
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
    confirm(covered);
}

void ClientConversation::handleRemoteUpdate(const QByteArray &update, bool step2, qint64 nowMs)
{
    const Crdt::ApplyResult result = m_doc->applyUpdate(update, m_origin);
    if (!result.ok()) {
        close(CloseDecision::malformedUpdate(result.error.toString()));
        return;
    }
    if (step2) {
        m_step1SentAt = -1;
        if (!m_synced) {
            m_synced = true;
            if (m_chorus && !m_hostEpoch.isEmpty()) {
                recordEpoch(m_hostEpoch);
            }
            tell(ClientEvent::synced());
        }
    }
    sendResyncIfPending(nowMs);
}

void ClientConversation::sendResyncIfPending(qint64 nowMs)
{
    // Updates that wait for missing ones: ask again by state vector until nothing waits. At
    // most one question in flight and one every ResyncIntervalMs, so updates whose dependencies
    // the host lacks too (say, an outbox from a lost document) cannot start a ping-pong.
    if (m_syncBegun && !m_closed && m_step1SentAt < 0 && m_doc->hasPending()
        && (m_lastResyncAt < 0 || nowMs - m_lastResyncAt >= ResyncIntervalMs)) {
        m_step1SentAt = nowMs;
        m_lastResyncAt = nowMs;
        send(encodeSyncStep1(m_doc->encodeStateVector()));
    }
}

void ClientConversation::handleAck(quint64 count)
{
    QList<quint64> done;
    while (!m_inFlight.isEmpty() && m_inFlight.first().first <= count) {
        done += m_inFlight.takeFirst().second;
    }
    confirm(done);
}

void ClientConversation::confirm(const QList<quint64> &ids)
{
    if (ids.isEmpty()) {
        return;
    }
    const QSet<quint64> gone(ids.cbegin(), ids.cend());
    m_edits.removeIf([&](const Edit &e) { return gone.contains(e.id); });
    m_out.confirmed += ids;
}

void ClientConversation::recordEpoch(const QString &epochId)
{
    if (epochId != m_knownEpoch) {
        m_knownEpoch = epochId;
        tell(ClientEvent::epochRecorded(epochId));
    }
}

void ClientConversation::setReadOnly(bool readOnly, const QString &reason)
{
    if (readOnly != m_readOnly) {
        m_readOnly = readOnly;
        tell(ClientEvent::readOnlyChanged(readOnly, reason));
    }
}

void ClientConversation::dropRemoteAwareness(qint64 nowMs)
{
    QList<quint64> others = m_awareness.clients();
    others.removeAll(m_awareness.clientId());
    if (m_awareness.forgetStates(others, nowMs).hasChanges()) {
        tell(ClientEvent::peersChanged());
    }
}

void ClientConversation::send(const QByteArray &message)
{
    if (m_open && !m_closed) {
        m_out.replies.append(message);
    }
}

void ClientConversation::sendSync(const QByteArray &message, const QList<quint64> &edits)
{
    if (!m_open || m_closed) {
        return;
    }
    m_out.replies.append(message);
    if (m_chorus) {
        m_inFlight.append({ ++m_sentSyncCount, edits });
    } else {
        for (quint64 id : edits) {
            m_sentEdits.insert(id);
        }
    }
}

void ClientConversation::sendLocalAwareness()
{
    send(encodeAwarenessMessage(m_awareness.encodeUpdate({ m_awareness.clientId() })));
}

void ClientConversation::close(const CloseDecision &decision)
{
    if (!m_closed) {
        m_closed = true;
        m_out.close = decision;
    }
}

} // namespace Chorus::Protocol
