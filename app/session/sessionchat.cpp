// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/sessionchat.h"

#include "crdt/any.h"
#include "crdt/array.h"
#include "crdt/doc.h"
#include "crdt/map.h"

#include <QJsonObject>
#include <QRandomGenerator>

namespace Chorus::App {

namespace {

const QString messagesName = QStringLiteral("messages");
const QString removedName = QStringLiteral("removed");

QString field(const Crdt::Any &object, const QString &key)
{
    for (const auto &[k, v] : object.toObject()) {
        if (k == key) {
            return v.toString();
        }
    }
    return {};
}

double number(const Crdt::Any &object, const QString &key)
{
    for (const auto &[k, v] : object.toObject()) {
        if (k == key && v.isNumber()) {
            return v.toDouble();
        }
    }
    return 0;
}

} // namespace

SessionChat::SessionChat(const Client::DocumentConnection::Options &options, QObject *parent)
    : QObject(parent)
    , m_doc(std::make_unique<Crdt::Doc>(QRandomGenerator::system()->generate()))
{
    m_session = std::make_unique<Client::DocumentConnection>(m_doc.get(), options);
    connect(m_session.get(), &Client::DocumentConnection::peersChanged, this,
            &SessionChat::presenceChanged);
    // Every change (ours or a peer's) is checked for what it touched; the signals stay quiet
    // for changes that touched neither part.
    m_doc->onUpdate([this](const QByteArray &, Crdt::Origin, bool) {
        const int count = int(m_doc->array(messagesName).length());
        if (count != m_lastCount) {
            m_lastCount = count;
            Q_EMIT messagesChanged();
        }
        const QStringList removed = removedDocuments();
        if (removed != m_lastRemoved) {
            m_lastRemoved = removed;
            Q_EMIT removedChanged();
        }
    });
}

SessionChat::~SessionChat()
{
    m_session->disconnect(this);
    m_session->stop();
    m_session.reset();
}

void SessionChat::start()
{
    m_session->start();
}

void SessionChat::stop()
{
    m_session->stop();
}

QList<SessionChat::Message> SessionChat::messages() const
{
    QList<Message> out;
    const QList<Crdt::Any> entries = m_doc->array(messagesName).toList();
    for (const Crdt::Any &entry : entries) {
        Message m;
        m.name = field(entry, QStringLiteral("name"));
        m.color = QColor(field(entry, QStringLiteral("color")));
        m.time = QDateTime::fromMSecsSinceEpoch(qint64(number(entry, QStringLiteral("time"))));
        m.text = field(entry, QStringLiteral("text"));
        out << m;
    }
    return out;
}

void SessionChat::send(const QString &name, const QColor &color, const QString &text)
{
    const Crdt::Any entry = Crdt::Any::object({
        { QStringLiteral("name"), Crdt::Any::string(name) },
        { QStringLiteral("color"), Crdt::Any::string(color.name()) },
        { QStringLiteral("time"), Crdt::Any::number(double(QDateTime::currentMSecsSinceEpoch())) },
        { QStringLiteral("text"), Crdt::Any::string(text) },
    });
    m_doc->array(messagesName).push({ entry });
}

QStringList SessionChat::removedDocuments() const
{
    return m_doc->map(removedName).keys();
}

void SessionChat::markRemoved(const QString &document, const QString &by)
{
    m_doc->map(removedName)
        .set(document,
             Crdt::Any::object(
                 { { QStringLiteral("by"), Crdt::Any::string(by) },
                   { QStringLiteral("time"),
                     Crdt::Any::number(double(QDateTime::currentMSecsSinceEpoch())) } }));
}

void SessionChat::setPresence(const QString &name, const QColor &color, const QString &document)
{
    const QJsonObject user { { QStringLiteral("name"), name },
                             { QStringLiteral("color"), color.name() } };
    m_session->setLocalState(
        QJsonObject { { QStringLiteral("user"), user }, { QStringLiteral("document"), document } });
}

QHash<QString, QStringList> SessionChat::peopleByDocument() const
{
    QHash<QString, QStringList> out;
    const auto peers = m_session->peers();
    for (const auto &peer : peers) {
        const QString document = peer.state.value(QStringLiteral("document")).toString();
        const QString name = peer.state.value(QStringLiteral("user"))
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        if (!document.isEmpty() && !name.isEmpty()) {
            out[document] << name;
        }
    }
    for (QStringList &names : out) {
        names.sort(Qt::CaseInsensitive);
    }
    return out;
}

} // namespace Chorus::App
