// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "simclient.h"

#include "crdt/text.h"
#include "crdt/updates.h"
#include "simlink.h"

using namespace Chorus;
using namespace Chorus::Protocol;

SimClient::SimClient(const Options &options, const qint64 *clockMs)
    : m_options(options)
    , m_clock(clockMs)
    , m_doc(options.clientId)
    , m_conversation(&m_doc, origin())
{
    m_observer = m_doc.onUpdate(
        [this](const QByteArray &update, Crdt::Origin from, bool) { onDocUpdate(update, from); });
}

SimClient::~SimClient()
{
    m_doc.removeObserver(m_observer);
}

QString SimClient::text()
{
    return m_doc.text(QStringLiteral("content")).toString();
}

void SimClient::opened(SimLink *link)
{
    Q_ASSERT(!m_link);
    m_link = link;
    // DocumentConnection hands over the token whatever the host selected; the conversation
    // sends it on chorus.1 only.
    carryOut(m_conversation.opened(link->chorus, m_options.token, *m_clock));
}

void SimClient::receive(const QByteArray &message)
{
    carryOut(m_conversation.receive(message, *m_clock));
}

void SimClient::connectionLost()
{
    m_link = nullptr;
    carryOut(m_conversation.connectionLost(0, QString(), *m_clock));
}

void SimClient::tick()
{
    carryOut(m_conversation.tick(*m_clock));
}

void SimClient::setLocalState(const QJsonObject &state)
{
    carryOut(m_conversation.setLocalState(state, *m_clock));
}

// As DocumentConnection::onDocUpdate: in the outbox before it is on the wire; the host's
// updates (applied with our origin) are not ours to send.
void SimClient::onDocUpdate(const QByteArray &update, Crdt::Origin from)
{
    if (from == origin()) {
        return;
    }
    const quint64 id = m_nextEditId++;
    m_outbox.append({ id, update });
    carryOut(m_conversation.localUpdate(update, id));
    if (!m_link && m_outbox.size() > m_options.compactAt) {
        compactOutbox();
    }
}

// As Outbox::compact, then ClientConversation::setUnconfirmed (only while offline: nothing of
// the entries is in flight).
void SimClient::compactOutbox()
{
    QList<QByteArray> updates;
    for (const ClientConversation::Edit &e : std::as_const(m_outbox)) {
        updates.append(e.update);
    }
    const Crdt::UpdateResult merged = Crdt::mergeUpdates(updates);
    if (!merged.ok()) {
        m_problems.append(QStringLiteral("outbox does not merge: %1").arg(merged.error.toString()));
        return;
    }
    m_outbox = { { m_nextEditId++, merged.update } };
    m_conversation.setUnconfirmed(m_outbox);
}

// In the order ClientOutput names: replies, close, confirmed entries, events.
void SimClient::carryOut(const ClientOutput &output)
{
    for (const QByteArray &reply : output.replies) {
        if (m_link) {
            m_link->toHost.append({ reply, *m_clock });
        }
    }
    if (output.close) {
        m_problems.append(QStringLiteral("client %1 closed %2: %3")
                              .arg(m_options.clientId)
                              .arg(int(output.close->code))
                              .arg(output.close->reason));
    }
    if (!output.confirmed.isEmpty()) {
        m_confirmedCount += output.confirmed.size();
        m_outbox.removeIf(
            [&](const ClientConversation::Edit &e) { return output.confirmed.contains(e.id); });
    }
    for (const ClientEvent &event : output.events) {
        react(event);
    }
}

void SimClient::react(const ClientEvent &event)
{
    using Kind = ClientEvent::Kind;
    switch (event.kind) {
    case Kind::EpochRecorded: m_epoch = event.text; break;
    case Kind::AuthFailed:
    case Kind::EditsRejected:
    case Kind::EpochMismatch:
        m_problems.append(
            QStringLiteral("client %1: %2").arg(m_options.clientId).arg(describeEvent(event)));
        break;
    case Kind::ReadOnlyChanged:
        if (event.on) {
            m_problems.append(
                QStringLiteral("client %1: %2").arg(m_options.clientId).arg(describeEvent(event)));
        }
        break;
    case Kind::ChorusChanged:
        // A Chorus host tells its epoch first: a chorus.1 link never falls back to plain.
        if (!event.on && m_link && m_link->chorus) {
            m_problems.append(QStringLiteral("client %1: %2 on a chorus.1 link")
                                  .arg(m_options.clientId)
                                  .arg(describeEvent(event)));
        }
        break;
    case Kind::Synced:
    case Kind::Authenticated:
    case Kind::PeersChanged: break;
    }
}
