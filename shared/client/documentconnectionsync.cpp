// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A DocumentConnection's side of the conversation: what it feeds the
// Protocol::ClientConversation and how it carries out the decisions (the socket half is
// documentconnection.cpp). Nothing here decides what to say to the host.
#include "client/documentconnection.h"
#include "crdt/doc.h"

#include <QLoggingCategory>
#include <QWebSocket>

Q_DECLARE_LOGGING_CATEGORY(lcConnection)

namespace Chorus::Client {

using namespace Chorus::Protocol;

namespace {
// Past this many entries the outbox is merged into one (while nothing is in flight).
constexpr qsizetype CompactOutboxAt = 256;

QList<ClientConversation::Edit> editsOf(const Outbox &outbox)
{
    QList<ClientConversation::Edit> edits;
    edits.reserve(outbox.count());
    for (const Outbox::Entry &entry : outbox.entries()) {
        edits.append({ entry.id, entry.update });
    }
    return edits;
}
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
            qCWarning(lcConnection)
                << "outbox entry" << entry.id << "does not apply:" << result.error.toString();
        }
    }
    m_conversation.setUnconfirmed(editsOf(*m_outbox));
    m_conversation.setKnownEpoch(m_outbox->epoch());
    emitUnsyncedIfChanged();
}

void DocumentConnection::onBinaryMessage(const QByteArray &bytes)
{
    m_lastHeardAt = nowMs();
    carryOut(m_conversation.receive(bytes, m_lastHeardAt));
}

void DocumentConnection::onDocUpdate(const QByteArray &update, Crdt::Origin from)
{
    if (from == origin()) {
        return; // came from the host (or the outbox): not ours to send
    }
    // On disk before it is on the wire.
    const quint64 id = m_outbox->append(update);
    carryOut(m_conversation.localUpdate(update, id));
    if (!m_socket && m_outbox->count() > CompactOutboxAt) {
        m_outbox->compact();
        m_conversation.setUnconfirmed(editsOf(*m_outbox));
    }
}

bool DocumentConnection::reshareLocalCopy()
{
    if (!m_conversation.isEpochBlocked()) {
        return false;
    }
    carryOut(m_conversation.reshareLocalCopy(nowMs()));
    return true;
}

bool DocumentConnection::adoptHostCopy(Crdt::Doc *freshDoc)
{
    if (!m_conversation.isEpochBlocked() || !freshDoc) {
        return false;
    }
    m_outbox->clear();
    attachDocument(freshDoc);
    carryOut(m_conversation.adoptHostCopy(freshDoc, nowMs()));
    return true;
}

void DocumentConnection::setLocalState(const QJsonObject &state)
{
    carryOut(m_conversation.setLocalState(state, nowMs()));
}

QJsonObject DocumentConnection::localState() const
{
    const Awareness &awareness = m_conversation.awareness();
    return awareness.stateValue(awareness.clientId()).toObject();
}

QList<DocumentConnection::Peer> DocumentConnection::peers() const
{
    const Awareness &awareness = m_conversation.awareness();
    QList<Peer> out;
    for (quint64 id : awareness.clients()) {
        if (id != awareness.clientId()) {
            out.append({ id, awareness.stateValue(id).toObject() });
        }
    }
    return out;
}

// In the order ClientOutput names: replies, close, confirmed entries, events.
void DocumentConnection::carryOut(const ClientOutput &output)
{
    for (const QByteArray &reply : output.replies) {
        sendRaw(reply);
    }
    if (output.close && m_socket) {
        const CloseDecision &close = *output.close;
        if (close.code != CloseCode::Normal) {
            qCWarning(lcConnection)
                << "closing the connection to" << m_options.url.host() << ":" << close.reason;
        }
        if (!close.lastMessage.isEmpty()) {
            sendRaw(close.lastMessage);
        }
        m_socket->close(QWebSocketProtocol::CloseCode(close.code), close.reason.left(100));
    }
    if (!output.confirmed.isEmpty()) {
        m_outbox->remove(output.confirmed);
    }
    for (const ClientEvent &event : output.events) {
        react(event);
    }
    emitUnsyncedIfChanged();
}

void DocumentConnection::react(const ClientEvent &event)
{
    using Kind = ClientEvent::Kind;
    switch (event.kind) {
    case Kind::Synced:
        m_backoff.reset();
        setState(ConnectionState::Connected, tr("Connected"));
        emitUnsyncedIfChanged();
        Q_EMIT synced();
        break;
    case Kind::ChorusChanged:
        if (!event.on && m_socket) {
            qCInfo(lcConnection) << m_options.url.host() << "speaks plain y-websocket";
        }
        Q_EMIT acknowledgementsSupportedChanged(event.on);
        break;
    case Kind::Authenticated: Q_EMIT authenticated(event.text); break;
    case Kind::AuthFailed:
        qCWarning(lcConnection) << "permission denied by" << m_options.url.host() << ":"
                                << event.text;
        m_fatal = true; // no reconnect with what the host refused, until start()
        Q_EMIT authFailed(event.text.isEmpty() ? tr("The host refused the connection")
                                               : event.text);
        break;
    case Kind::ReadOnlyChanged:
        Q_EMIT readOnlyChanged(event.on,
                               event.text.isEmpty() ? tr("You can read but not edit this document")
                                                    : event.text);
        break;
    case Kind::EditsRejected:
        qCInfo(lcConnection) << m_options.url.host() << "dropped our edits:" << event.text;
        Q_EMIT editsRejected(event.text);
        break;
    case Kind::EpochMismatch:
        qCWarning(lcConnection) << "the host re-created" << m_options.url.path() << ": epoch"
                                << event.text << "became" << event.other << "; not merging";
        setState(ConnectionState::Syncing, tr("The host has a different copy of this document"));
        Q_EMIT epochMismatch(event.text, event.other);
        break;
    case Kind::EpochRecorded: m_outbox->setEpoch(event.text); break;
    case Kind::PeersChanged: Q_EMIT peersChanged(); break;
    }
}

void DocumentConnection::emitUnsyncedIfChanged()
{
    const int n = unsyncedCount();
    if (n != m_lastUnsynced) {
        m_lastUnsynced = n;
        Q_EMIT unsyncedCountChanged(n);
    }
}

} // namespace Chorus::Client
