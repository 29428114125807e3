// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session/collaboration.h"

#include "app/appsettings.h"
#include "app/editor/codeeditor.h"
#include "app/editor/documentbinding.h"
#include "crdt/doc.h"
#include "protocol/awarenesscursor.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTextBlock>

namespace Chorus::App {

namespace {

// Yjs picks random 32-bit client ids; so do we.
Crdt::ClientId newClientId()
{
    return QRandomGenerator::system()->generate();
}

} // namespace

Collaboration::Collaboration(CodeEditor *editor, const Client::DocumentConnection::Options &options,
                             const QString &textName, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
    , m_textName(textName)
    , m_doc(std::make_unique<Crdt::Doc>(newClientId()))
    , m_userName(AppSettings::userName())
    , m_userColor(AppSettings::userColor())
    , m_autoColor(!AppSettings::hasStoredUserColor())
{
    m_awarenessId = m_doc->clientId(); // the session's awareness keeps it past takeHostCopy()
    // The session restores unsent edits from its outbox into the document before the binding
    // reads the text, so a restarted app shows them at once.
    m_session = std::make_unique<Client::DocumentConnection>(m_doc.get(), options);
    bind();

    m_publishTimer.setSingleShot(true);
    m_publishTimer.setInterval(40);
    connect(&m_publishTimer, &QTimer::timeout, this, &Collaboration::publishLocalState);
    auto schedulePublish = [this] {
        if (!m_publishTimer.isActive()) {
            m_publishTimer.start();
        }
    };
    connect(editor, &QPlainTextEdit::cursorPositionChanged, this, schedulePublish);
    connect(editor, &QPlainTextEdit::selectionChanged, this, schedulePublish);
    connect(editor, &CodeEditor::userEdited, this, [this] { follow(0); });

    Client::DocumentConnection *s = m_session.get();
    connect(s, &Client::DocumentConnection::peersChanged, this, [this] {
        avoidColorCollision();
        refreshPeers();
        Q_EMIT participantsChanged();
    });
    connect(s, &Client::DocumentConnection::stateChanged, this, &Collaboration::updateStatus);
    connect(s, &Client::DocumentConnection::unsyncedCountChanged, this,
            &Collaboration::updateStatus);
    connect(s, &Client::DocumentConnection::reconnectScheduled, this, &Collaboration::updateStatus);
    connect(s, &Client::DocumentConnection::acknowledgementsSupportedChanged, this,
            &Collaboration::updateStatus);
    connect(s, &Client::DocumentConnection::authFailed, this, [this](const QString &reason) {
        m_status = tr("Not authorised: %1").arg(reason);
        Q_EMIT statusChanged(m_status);
    });
    connect(s, &Client::DocumentConnection::epochMismatch, this,
            [this](const QString &a, const QString &b) {
                updateStatus();
                Q_EMIT epochMismatch(a, b);
            });
    connect(s, &Client::DocumentConnection::pinMismatch, this,
            [this](const QString &a, const QString &b) {
                m_pinRefused = true;
                updateStatus();
                Q_EMIT pinMismatch(a, b);
            });
    // The countdown in "Reconnecting in 4 s" ticks.
    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &Collaboration::updateStatus);
    m_statusTimer.start();
    updateStatus();
}

Collaboration::~Collaboration()
{
    // Nobody hears about the stop: the window may be half destroyed already.
    blockSignals(true);
    m_session->disconnect(this);
    m_publishTimer.stop();
    m_session->stop();
    // The binding goes before the document it observes.
    m_binding.reset();
    m_session.reset();
}

void Collaboration::bind()
{
    m_binding = std::make_unique<DocumentBinding>(*m_doc, m_textName, m_editor);
    connect(m_binding.get(), &DocumentBinding::remoteChangeApplied, this,
            &Collaboration::refreshPeers);
    connect(m_binding.get(), &DocumentBinding::localChangeApplied, this,
            &Collaboration::refreshPeers);
}

bool Collaboration::keepLocalCopy()
{
    const bool done = m_session->reshareLocalCopy();
    updateStatus();
    return done;
}

bool Collaboration::takeHostCopy()
{
    if (!m_session->isEpochBlocked()) {
        return false;
    }
    // The editor empties and fills from the host: a new document (our client id must not be
    // reused with the old history), bound before the session starts syncing into it.
    auto fresh = std::make_unique<Crdt::Doc>(newClientId());
    m_binding.reset();
    m_editor->setPlainText(QString());
    std::swap(m_doc, fresh);
    bind();
    m_session->adoptHostCopy(m_doc.get());
    fresh.reset(); // the old copy, which nothing observes any more
    m_lastCursor.clear();
    publishLocalState();
    updateStatus();
    return true;
}

void Collaboration::retry()
{
    m_pinRefused = false;
    m_session->start();
    updateStatus();
}

void Collaboration::start()
{
    publishLocalState();
    m_session->start();
    updateStatus();
}

void Collaboration::stop()
{
    m_session->stop();
    updateStatus();
}

QString Collaboration::documentName() const
{
    return m_session->options().url.path().mid(1);
}

void Collaboration::publishLocalState()
{
    const QTextCursor cursor = m_editor->textCursor();
    const QString color = m_userColor.name(QColor::HexRgb);
    // colorLight: the tint y-codemirror.next paints a selection with (its examples' color + "33").
    const QJsonObject user = Protocol::AwarenessCursorCodec::writeUser(
        { m_userName, color, color + QStringLiteral("33") });
    const QJsonObject cursorJson = Protocol::AwarenessCursorCodec::writeCursor(
        m_binding->relativePosition(cursor.anchor()),
        m_binding->relativePosition(cursor.position()));
    QJsonObject state { { QStringLiteral("user"), user },
                        { QStringLiteral("cursor"), cursorJson },
                        { QStringLiteral("document"), documentName() } };
    if (m_autoColor) {
        state.insert(QStringLiteral("autoColor"), true);
    }
    m_session->setLocalState(state);
}

void Collaboration::avoidColorCollision()
{
    if (!m_autoColor) {
        return;
    }
    // Of two automatic colours that collide, the higher client id moves, so the pair settles in
    // one step; next to a colour someone chose (or a client that never moves), we move.
    QList<QColor> taken;
    bool collides = false;
    const auto peers = m_session->peers();
    for (const auto &peer : peers) {
        const QColor color
            = AppSettings::colorFromCss(Protocol::AwarenessCursorCodec::readUser(peer.state).color);
        if (!color.isValid()) {
            continue;
        }
        taken << color;
        const bool theyMove = peer.state.value(QStringLiteral("autoColor")).toBool()
            && peer.clientId > m_awarenessId;
        collides = collides || (!theyMove && AppSettings::isSimilarColor(color, m_userColor));
    }
    if (!collides) {
        return;
    }
    const QColor picked = AppSettings::pickFreeColor(m_userColor, taken);
    if (picked != m_userColor) {
        m_userColor = picked;
        publishLocalState();
        Q_EMIT participantsChanged();
    }
}

void Collaboration::setUser(const QString &name, const QColor &color)
{
    m_userName = name;
    // The settings' default colour, passed on unchanged, stays automatic (and keeps the free
    // colour it may have moved to); any other colour is the user's choice and never moves.
    const bool automatic = !AppSettings::hasStoredUserColor() && color == AppSettings::userColor();
    if (!automatic || !m_autoColor) {
        m_userColor = color;
    }
    m_autoColor = automatic;
    avoidColorCollision();
    publishLocalState();
    Q_EMIT participantsChanged();
}

QList<Collaboration::Participant> Collaboration::participants() const
{
    QList<Participant> out;
    const auto peers = m_session->peers();
    for (const auto &peer : peers) {
        Participant p = describe(peer.clientId, peer.state);
        p.hasCursor = m_placed.contains(peer.clientId); // resolved once, in refreshPeers()
        out << p;
    }
    return out;
}

Collaboration::Participant Collaboration::describe(quint64 clientId, const QJsonObject &state) const
{
    const Protocol::AwarenessUser user = Protocol::AwarenessCursorCodec::readUser(state);
    Participant p;
    p.clientId = clientId;
    p.name = user.name.trimmed();
    if (p.name.isEmpty()) {
        p.name = tr("Anonymous %1").arg(clientId % 1000);
    }
    p.color = AppSettings::colorFromCss(user.color);
    if (!p.color.isValid()) {
        p.color = AppSettings::colorForName(p.name);
    }
    p.document = state.value(QStringLiteral("document")).toString(documentName());
    return p;
}

std::optional<std::pair<int, int>> Collaboration::placeCaret(const QJsonObject &state) const
{
    // Any binding's cursor, as long as both ends land in our Y.Text (a y-prosemirror peer's
    // point into its Y.XmlFragment, and positions in text we have not received yet go nowhere).
    const auto cursor = Protocol::AwarenessCursorCodec::readCursor(state);
    if (!cursor) {
        return std::nullopt;
    }
    const int anchor = m_binding->absolutePosition(cursor->anchor);
    const int head = m_binding->absolutePosition(cursor->head);
    if (anchor < 0 || head < 0) {
        return std::nullopt;
    }
    return std::pair { anchor, head };
}

void Collaboration::refreshPeers()
{
    const qint64 now = CodeEditor::clockMs();
    QList<PeerCaret> carets;
    const auto peers = m_session->peers();
    QSet<quint64> placed;
    for (const auto &peer : peers) {
        const auto caret = placeCaret(peer.state);
        if (!caret) {
            continue; // listed in the participants panel, but without a caret
        }
        placed.insert(peer.clientId);
        const auto [anchorIndex, headIndex] = *caret;
        // A peer is active when whatever cursor field its binding uses changed.
        const QJsonObject cursor { { QStringLiteral("cursor"), peer.state.value(u"cursor") },
                                   { QStringLiteral("selection"),
                                     peer.state.value(u"selection") } };
        if (m_lastCursor.value(peer.clientId) != cursor) {
            m_lastCursor.insert(peer.clientId, cursor);
            m_lastActive.insert(peer.clientId, now);
        }
        const Participant who = describe(peer.clientId, peer.state);
        carets << PeerCaret { peer.clientId, who.name,  who.color,
                              anchorIndex,   headIndex, m_lastActive.value(peer.clientId, now) };
        if (peer.clientId == m_followed) {
            // Scroll so their caret shows, leaving ours where it is.
            QTextCursor theirs(m_editor->document());
            theirs.setPosition(headIndex);
            const QRect rect = m_editor->cursorRect(theirs);
            if (!m_editor->viewport()->rect().contains(rect)) {
                const int line = theirs.block().firstLineNumber();
                m_editor->verticalScrollBar()->setValue(
                    qMax(0, line - m_editor->viewport()->height() / (2 * qMax(1, rect.height()))));
            }
        }
    }
    m_editor->setPeerCarets(carets);
    if (placed != m_placed) {
        // E.g. the text a peer's cursor points into arrived: the panel's Follow button wakes.
        m_placed = placed;
        Q_EMIT participantsChanged();
    }
}

void Collaboration::follow(quint64 clientId)
{
    if (m_followed == clientId) {
        return;
    }
    m_followed = clientId;
    Q_EMIT followingChanged(clientId);
    if (clientId != 0) {
        refreshPeers();
    }
}

QString Collaboration::statusText() const
{
    return m_status;
}

void Collaboration::updateStatus()
{
    using Client::ConnectionState;
    const int unsynced = m_session->unsyncedCount();
    QString text;
    switch (m_session->state()) {
    case ConnectionState::Connected:
        text = unsynced == 0 ? tr("Connected")
            : unsynced == 1  ? tr("Connected — 1 edit not yet synced")
                             : tr("Connected — %1 edits not yet synced").arg(unsynced);
        if (!m_session->acknowledgementsSupported()) {
            text += tr(" (server without acknowledgements)");
        }
        break;
    case ConnectionState::Connecting: text = tr("Connecting…"); break;
    case ConnectionState::Syncing:
        text = m_session->isEpochBlocked()
            ? tr("The host has a different copy — choose which to keep")
            : tr("Syncing…");
        break;
    case ConnectionState::Reconnecting:
    case ConnectionState::Disconnected: {
        const qint64 ms = m_session->reconnectRemainingMs();
        const int seconds = int((ms + 999) / 1000);
        if (m_pinRefused) {
            text = tr("Refused: the host's certificate does not match");
        } else if (unsynced > 0) {
            text = unsynced == 1 ? tr("Offline — 1 edit not yet synced")
                                 : tr("Offline — %1 edits not yet synced").arg(unsynced);
            if (ms >= 0) {
                text += tr(" · reconnecting in %1 s").arg(seconds);
            }
        } else if (ms >= 0) {
            text = tr("Reconnecting in %1 s").arg(seconds);
        } else {
            text = tr("Offline");
        }
        break;
    }
    }
    if (text != m_status) {
        m_status = text;
        Q_EMIT statusChanged(text);
    }
}

} // namespace Chorus::App
