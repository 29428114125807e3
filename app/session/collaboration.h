// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/connectionstate.h"
#include "client/documentconnection.h"

#include <QColor>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>

namespace Chorus::Crdt {
class Doc;
}

namespace Chorus::App {

class CodeEditor;
class DocumentBinding;

// One shared document in one tab: the Crdt::Doc, the Client::DocumentConnection that syncs it with
// a host, the DocumentBinding to the tab's editor, and the awareness glue between them.
//
// Awareness: the local state is {"user":{"name","color","colorLight"},"cursor":{"anchor",
// "head"},"document"} with the cursor as relative positions written the way JSON.stringify
// writes a Yjs RelativePosition (every field present; Protocol::AwarenessCursorCodec), so the
// y-codemirror.next, y-monaco, y-prosemirror and y-quill bindings read it; it is published
// shortly after the caret or selection moves. Peers' states, in any of those bindings' shapes,
// are resolved to PeerCaret positions whenever the peers or the text change, and handed to the
// editor, which repaints only the lines concerned; a peer whose cursor cannot be read or placed
// in our text is still a participant, just without a caret. A peer counts as active when its cursor
// last changed; the editor fades its name flag after CodeEditor::idleMs.
//
// Follow mode: following a peer scrolls the editor to keep their caret in view (without
// moving the local caret); it stops when the local user edits.
//
// A re-created document (the session's epoch check) is never merged without asking: the
// session holds the sync, epochMismatch tells the tab, and the user picks keepLocalCopy()
// (merge this copy into the host's new document) or takeHostCopy() (drop this copy and its
// unsynced edits; the editor shows the host's text). A certificate that does not match the pin
// comes as pinMismatch; nothing was sent, and retry() tries again.
//
// GUI thread only; the editor must outlive it.
class Collaboration : public QObject
{
    Q_OBJECT
public:
    struct Participant
    {
        quint64 clientId = 0;
        QString name;
        QColor color;
        QString document;
        bool hasCursor = false;
    };

    Collaboration(CodeEditor *editor, const Client::DocumentConnection::Options &options,
                  const QString &textName = QStringLiteral("content"), QObject *parent = nullptr);
    ~Collaboration() override;

    void start();
    void stop();

    Crdt::Doc &doc() const { return *m_doc; }
    Client::DocumentConnection &session() const { return *m_session; }
    DocumentBinding &binding() const { return *m_binding; }
    QString documentName() const;

    // "Connected", "Reconnecting in 4 s", "Offline — 12 edits not yet synced", …
    QString statusText() const;
    QList<Participant> participants() const;

    void follow(quint64 clientId); // 0 stops following
    quint64 followed() const { return m_followed; }

    // Who we are to the others; AppSettings' name and colour unless set here. A colour the user
    // has not chosen is automatic: when a peer in the session shows the same one, this moves
    // to a free palette colour (AppSettings::pickFreeColor) and publishes "autoColor": true so
    // another Chorus peer knows it may move too (the higher client id does).
    void setUser(const QString &name, const QColor &color);
    QString userName() const { return m_userName; }
    QColor userColor() const { return m_userColor; }

    // Publishes the local name, colour and cursor now (it is otherwise debounced).
    void publishLocalState();

    // After epochMismatch: the user's answer. False when no answer is awaited.
    bool keepLocalCopy();
    bool takeHostCopy();
    // After pinMismatch: connect again (the host may be back with the expected certificate).
    void retry();

Q_SIGNALS:
    void statusChanged(const QString &text);
    void participantsChanged();
    void followingChanged(quint64 clientId);
    void epochMismatch(const QString &oldEpoch, const QString &newEpoch);
    void pinMismatch(const QString &expectedSha256, const QString &actualSha256);

private:
    void bind();
    void refreshPeers();
    // With an automatic colour (none chosen), moves to a free one when a peer shows ours.
    void avoidColorCollision();
    // A peer's name, colour and document from its state, with fallbacks (hasCursor not set).
    Participant describe(quint64 clientId, const QJsonObject &state) const;
    // A peer's caret as (anchor, head) in our text, from any binding's awareness state; none
    // when the state has no readable cursor or it does not lie in our Y.Text.
    std::optional<std::pair<int, int>> placeCaret(const QJsonObject &state) const;
    void updateStatus();

    CodeEditor *m_editor;
    QString m_textName;
    std::unique_ptr<Crdt::Doc> m_doc;
    std::unique_ptr<DocumentBinding> m_binding;
    std::unique_ptr<Client::DocumentConnection> m_session;
    QTimer m_publishTimer;
    QTimer m_statusTimer;
    QHash<quint64, QJsonObject> m_lastCursor; // per peer: its last cursor and selection JSON
    QHash<quint64, qint64> m_lastActive;
    QSet<quint64> m_placed; // peers whose caret refreshPeers() placed in our text
    quint64 m_followed = 0;
    QString m_userName;
    QColor m_userColor;
    bool m_autoColor = true; // no colour chosen: re-picked when it collides (published)
    quint64 m_awarenessId = 0;
    QString m_status;
    bool m_pinRefused = false; // until retry()
};

} // namespace Chorus::App
