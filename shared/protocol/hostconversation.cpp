// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostconversation.h"

#include "awareness.h"
#include "crdt/lib0decoder.h"
#include "message.h"
#include "syncroom.h"

namespace Chorus::Protocol {

namespace {

// Constant-time comparison: the time taken depends on the lengths only, never on where the
// first differing byte is.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    const qsizetype n = qMax(a.size(), b.size());
    unsigned diff = unsigned(a.size() ^ b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned x = i < a.size() ? quint8(a[i]) : 0u;
        const unsigned y = i < b.size() ? quint8(b[i]) : 0u;
        diff |= x ^ y;
    }
    return diff == 0;
}

} // namespace

HostConversation::HostConversation(const Config *config, bool chorus, qint64 nowMs)
    : m_chorus(chorus)
    , m_authenticated(config->token.isEmpty() && config->readOnlyToken.isEmpty())
    , m_config(config)
    , m_connectedMs(nowMs)
    , m_rateTokens(config->maxMessageBurst)
    , m_rateRefilledMs(nowMs)
{ }

HostOutput HostConversation::start() const
{
    HostOutput out;
    out.join = m_authenticated;
    return out;
}

HostOutput HostConversation::receive(const QByteArray &message, qint64 nowMs)
{
    HostOutput out;
    if (m_closed) {
        return out;
    }
    if (!takeRateToken(nowMs)) {
        return closing(CloseDecision::rateLimited());
    }
    if (!m_authenticated) {
        return authenticate(message);
    }
    if (!m_room) {
        return out; // joining failed and the adapter is closing
    }
    // Sync messages are read in place (sync()): relaying updates is most of a host's work.
    if (!message.isEmpty() && message.at(0) == 0) {
        sync(message, out);
        return out;
    }
    const DecodedMessage decoded = decodeMessage(message);
    if (!decoded.isOk()) {
        return closing(CloseDecision::malformedMessage(decoded.error.toString()));
    }
    if (!m_chorus && isChorusExtension(decoded.message)) {
        return closing(CloseDecision::extensionOnPlainConnection());
    }
    if (const auto *a = std::get_if<AwarenessMessage>(&decoded.message)) {
        awareness(a->update, nowMs, out);
    } else if (std::holds_alternative<QueryAwareness>(decoded.message)) {
        if (!m_room->awareness().clients().isEmpty()) {
            out.replies.append(encodeAwarenessMessage(m_room->awareness().encodeAll()));
        }
    } else if (std::holds_alternative<AuthToken>(decoded.message)
               || std::holds_alternative<PermissionDenied>(decoded.message)) {
        // Already authenticated (or no token needed): nothing to do.
    } else {
        return closing(CloseDecision::unexpectedMessage());
    }
    return out;
}

HostOutput HostConversation::authenticate(const QByteArray &message)
{
    const DecodedMessage decoded = decodeMessage(message);
    const auto *auth = std::get_if<AuthToken>(&decoded.message);
    if (!decoded.isOk() || !auth) {
        return closing(CloseDecision::authenticationRequired());
    }
    if (!m_chorus) {
        return closing(CloseDecision::extensionOnPlainConnection());
    }
    // Both comparisons always run, so the time taken does not tell which secret matched.
    const QByteArray given = auth->token.toUtf8();
    const bool readWrite = sameToken(given, m_config->token) && !m_config->token.isEmpty();
    const bool readOnly
        = sameToken(given, m_config->readOnlyToken) && !m_config->readOnlyToken.isEmpty();
    if (!readWrite && !readOnly) {
        return closing(CloseDecision::badToken());
    }
    m_authenticated = true;
    m_readOnly = !readWrite;
    HostOutput out;
    out.replies.append(
        encodeAuthenticated(m_readOnly ? QStringLiteral("ro") : QStringLiteral("rw")));
    out.join = true;
    return out;
}

HostOutput HostConversation::join(SyncRoom *room)
{
    m_room = room;
    HostOutput out;
    if (m_chorus) {
        out.replies.append(encodeEpoch(room->epoch()));
    }
    out.replies.append(encodeSyncStep1(room->encodeStateVector()));
    if (!room->awareness().clients().isEmpty()) {
        out.replies.append(encodeAwarenessMessage(room->awareness().encodeAll()));
    }
    return out;
}

HostOutput HostConversation::leave(qint64 nowMs)
{
    m_closed = true;
    HostOutput out;
    SyncRoom *room = std::exchange(m_room, nullptr);
    const QList<quint64> clients = std::exchange(m_awarenessClients, {});
    if (!room || clients.isEmpty()) {
        return out;
    }
    Awareness &awareness = room->awareness();
    const AwarenessChange change = awareness.removeStates(clients, nowMs);
    if (!change.removed.isEmpty()) {
        out.awarenessUpdate = awareness.encodeUpdate(change.removed);
        out.awarenessBroadcast = encodeAwarenessMessage(out.awarenessUpdate);
    }
    return out;
}

std::optional<CloseDecision> HostConversation::tick(qint64 nowMs) const
{
    if (!m_authenticated && !m_closed && nowMs - m_connectedMs > m_config->authTimeoutMs) {
        return CloseDecision::authenticationTimedOut();
    }
    return std::nullopt;
}

QByteArray HostConversation::takeAck()
{
    if (!isAckDue()) {
        return {};
    }
    m_ackedUpdates = m_receivedUpdates;
    return encodeAck(m_ackedUpdates);
}

void HostConversation::sync(const QByteArray &message, HostOutput &out)
{
    Crdt::Lib0Decoder dec(message);
    dec.readVarUint(); // 0: sync
    const quint64 sub = dec.readVarUint();
    const QByteArrayView payload = dec.readVarUint8Array();
    if (!dec.ok() || !dec.atEnd() || sub > 2) {
        const QString why = !dec.ok() ? dec.error().toString()
                                      : (sub > 2 ? QStringLiteral("unknown sync message type")
                                                 : QStringLiteral("trailing bytes"));
        out = closing(CloseDecision::malformedSync(why));
        return;
    }
    if (sub == 0) {
        Crdt::DecodeError error;
        const QByteArray missing = m_room->encodeMissing(payload, &error);
        if (error.isError()) {
            out = closing(CloseDecision::malformedStateVector(error.toString()));
            return;
        }
        out.replies.append(encodeSyncStep2(missing));
        return;
    }
    const QByteArray update = payload.toByteArray();
    if (m_readOnly) {
        dropReadOnly(update, sub == 2, out);
        return;
    }
    const SyncRoom::ApplyResult applied = m_room->applyUpdate(update);
    if (applied.error.isError()) {
        out = closing(CloseDecision::malformedUpdate(applied.error.toString()));
        return;
    }
    if (applied.outcome != SyncRoom::Outcome::AppliedUnconfirmed) {
        ++m_receivedUpdates;
        out.ackDue = m_chorus;
    }
    if (applied.outcome == SyncRoom::Outcome::Ignored) {
        return;
    }
    out.update = update;
    out.relay = sub == 2 ? message : encodeSyncUpdate(update);
}

void HostConversation::dropReadOnly(const QByteArray &update, bool incremental, HostOutput &out)
{
    // Nothing is applied, stored, relayed or acknowledged (an ack means "durable"). The guest is
    // told once; a SyncStep2 only when it holds inserts the host lacks, as the reply to the
    // host's SyncStep1 on every connect is no edit of the guest's (deletions there go unnoticed).
    if (m_toldReadOnly || !m_chorus) {
        return;
    }
    if (!incremental && !m_room->wouldAddInserts(update)) {
        return;
    }
    m_toldReadOnly = true;
    out.droppedReadOnly = true;
    out.replies.append(
        encodeReadOnlyNotice(QStringLiteral("read-only: your edits are not accepted")));
}

void HostConversation::awareness(const QByteArray &update, qint64 nowMs, HostOutput &out)
{
    const AwarenessApplyResult result = m_room->awareness().applyUpdate(update, nowMs);
    if (!result.isOk()) {
        out = closing(CloseDecision::malformedAwareness(result.error.toString()));
        return;
    }
    // The ids this connection speaks for: removed from the room when it leaves.
    const AwarenessChange &c = result.change;
    for (const QList<quint64> *ids : { &c.added, &c.updated, &c.renewed }) {
        for (quint64 id : *ids) {
            if (!m_awarenessClients.contains(id)) {
                m_awarenessClients.append(id);
            }
        }
    }
    for (quint64 id : c.removed) {
        m_awarenessClients.removeOne(id);
    }
    if (m_awarenessClients.size() > m_config->maxAwarenessClients) {
        out = closing(CloseDecision::tooManyAwarenessClients());
        return;
    }
    if (!c.isEmpty()) {
        out.awarenessBroadcast = encodeAwarenessMessage(update);
        out.awarenessUpdate = update;
    }
}

HostOutput HostConversation::closing(CloseDecision decision)
{
    m_closed = true;
    HostOutput out;
    out.close = std::move(decision);
    return out;
}

bool HostConversation::takeRateToken(qint64 nowMs)
{
    // A flood costs the flooder its connection, not the others their latency.
    m_rateTokens = qMin(
        double(m_config->maxMessageBurst),
        m_rateTokens + double(nowMs - m_rateRefilledMs) * m_config->maxMessagesPerSecond / 1000.0);
    m_rateRefilledMs = nowMs;
    if (m_rateTokens < 1) {
        return false;
    }
    m_rateTokens -= 1;
    return true;
}

} // namespace Chorus::Protocol
