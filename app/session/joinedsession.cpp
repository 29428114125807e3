// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/joinedsession.h"

#include "app/session/sessionchat.h"
#include "crdt/doc.h"
#include "crdt/map.h"

#include <QRandomGenerator>

namespace Chorus::App {

namespace {

const QString indexRoom = QStringLiteral(".chorus/index");
const QString chatRoom = QStringLiteral(".chorus/chat");

} // namespace

JoinedSession::JoinedSession(const Protocol::InviteLink &link, const QString &password,
                             const QString &outboxRoot, QObject *parent)
    : QObject(parent)
    , m_link(link)
    , m_password(password)
    , m_outboxRoot(outboxRoot)
    , m_indexDoc(std::make_unique<Crdt::Doc>(QRandomGenerator::system()->generate()))
{
    m_index = std::make_unique<Client::DocumentConnection>(m_indexDoc.get(), optionsFor(indexRoom));
    m_chat = std::make_unique<SessionChat>(optionsFor(chatRoom));
    auto refresh = [this] {
        const QStringList now = documents();
        if (now != m_lastDocuments) {
            m_lastDocuments = now;
            Q_EMIT documentsChanged();
        }
    };
    m_indexDoc->onUpdate([refresh](const QByteArray &, Crdt::Origin, bool) { refresh(); });
    connect(m_chat.get(), &SessionChat::removedChanged, this, refresh);

    Client::DocumentConnection *index = m_index.get();
    connect(index, &Client::DocumentConnection::authenticated, this, [this](const QString &) {
        m_authenticated = true;
        m_error.clear();
        // The chat joins once the password is known to be right: one refusal, not two.
        m_chat->session().setToken(m_password);
        m_chat->start();
        Q_EMIT connected(isReadOnly());
    });
    connect(index, &Client::DocumentConnection::synced, this, [this] {
        // A host without passwords (or a plain server) never says "authenticated".
        if (!m_authenticated && m_index->options().token.isEmpty()) {
            m_authenticated = true;
            m_chat->start();
            Q_EMIT connected(isReadOnly());
        }
    });
    connect(index, &Client::DocumentConnection::authFailed, this, [this](const QString &) {
        fail(m_password.isEmpty()
                 ? tr("This session needs a password. Enter it and try again.")
                 : tr("The password is wrong. Check it with the host and try again."));
    });
    connect(index, &Client::DocumentConnection::pinMismatch, this,
            [this](const QString &expected, const QString &actual) {
                m_pinRefused = true;
                fail(tr("Refused: the host's certificate does not match the invite link, so this "
                        "may not be the computer that sent it. Nothing was sent.\n\n"
                        "Expected: %1\nPresented: %2")
                         .arg(readableFingerprint(expected), readableFingerprint(actual)));
            });
}

JoinedSession::~JoinedSession()
{
    // Nobody hears about the shutdown: listeners may ask for chat() while it is being reset.
    m_chat->blockSignals(true);
    m_index->disconnect(this);
    m_chat.reset();
    m_index->stop();
    m_index.reset();
}

QString JoinedSession::readableFingerprint(const QString &sha256)
{
    if (sha256.isEmpty()) {
        return QStringLiteral("—");
    }
    QStringList pairs;
    for (qsizetype i = 0; i < sha256.size(); i += 2) {
        pairs << sha256.mid(i, 2).toUpper();
    }
    return pairs.join(u':');
}

void JoinedSession::fail(const QString &message)
{
    m_error = message;
    m_authenticated = false;
    // The session stays disconnected by itself after a refusal (and must not be stopped from
    // inside its own signal).
    Q_EMIT failed(message);
}

void JoinedSession::start()
{
    m_index->start();
}

void JoinedSession::stop()
{
    m_index->stop();
    m_chat->stop();
}

void JoinedSession::retry(const QString &password)
{
    m_password = password;
    m_error.clear();
    m_index->setToken(password);
    m_chat->session().setToken(password);
    m_index->start();
}

QStringList JoinedSession::documents() const
{
    QStringList out = m_indexDoc->map(QStringLiteral("documents")).keys();
    const QStringList removed = m_chat ? m_chat->removedDocuments() : QStringList();
    out.removeIf([&removed](const QString &name) {
        return name.startsWith(QLatin1String(".chorus/")) || removed.contains(name);
    });
    return out;
}

Client::DocumentConnection::Options JoinedSession::optionsFor(const QString &room) const
{
    Client::DocumentConnection::Options options;
    options.url = m_link.webSocketUrl(room);
    options.token = m_password;
    options.pinnedSha256 = m_link.sha256();
    options.outboxRoot = m_outboxRoot;
    return options;
}

bool JoinedSession::isReadOnly() const
{
    return m_index->isReadOnly() || m_index->scope() == QLatin1String("ro");
}

} // namespace Chorus::App
