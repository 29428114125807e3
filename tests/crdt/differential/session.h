// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/id.h"
#include "yjsprocess.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <memory>

namespace Chorus::Crdt {
class Doc;
class UndoManager;
} // namespace Chorus::Crdt

namespace Chorus::Crdt::Testing {

// One seeded randomized editing session between 3-5 peers, some Chorus documents in this
// process and some real Yjs documents in the Node helper. Peers edit a Y.Text "text", a Y.Map
// "map" and a Y.Array "array" at random (astral characters included, surrogate pairs never
// split); their updates travel over a simulated network that reorders, duplicates and drops,
// with occasional state-vector syncs; at the end everyone resyncs and the session checks
// convergence, cross-loading, byte-identical encodings and the update-level functions.
// Everything follows from the seed, so the seed alone replays a session.
class Session
{
public:
    Session(YjsProcess &yjs, quint64 seed);
    ~Session();

    // Runs the session; false + a failure message on the first mismatch.
    bool run(QString *failure);
    // A readable log of what happened (peers, operations, deliveries), for the failure file.
    const QStringList &log() const { return m_log; }
    int operations() const { return m_operations; }

private:
    struct Peer
    {
        int index = 0;
        QString name;
        ClientId client = 0;
        bool yjs = false;
        bool gc = true;
        bool yjsUndo = false; // Yjs peers: has a Y.UndoManager
        std::unique_ptr<Doc> doc; // Chorus peers
        std::unique_ptr<UndoManager> undo; // Chorus peers
        QList<QByteArray> outbox; // Chorus peers: local updates of the last operation
        QString yText; // Yjs peers: the text after the last command
        qsizetype yArrayLength = 0;
        QList<QByteArray> history; // every update it produced or applied, in order
        QString deltaText; // Chorus peers: the text rebuilt from the text events' deltas alone
    };

    struct Message
    {
        int from = 0;
        QByteArray update;
    };

    void createPeers();
    bool localOperation(Peer &p);
    bool deliver(int to, int index, bool keepCopy);
    bool syncPair(int to, int from);
    bool applyTo(Peer &p, const QByteArray &update);
    bool broadcast(Peer &p, const QJsonArray &updates);
    bool finalResync();
    bool checkConvergence();
    bool checkTwins();
    bool checkUpdateFunctions();

    QString text(const Peer &p) const;
    qsizetype arrayLength(const Peer &p) const;
    QString randomText();
    QJsonValue randomValue(int depth = 0);
    qsizetype safeIndex(const QString &s, qsizetype i) const;
    bool yjsCall(const QJsonObject &req, QJsonObject *answer = nullptr);
    bool fail(const QString &msg);

    YjsProcess &m_yjs;
    quint64 m_seed;
    QRandomGenerator m_rng;
    std::vector<std::unique_ptr<Peer>> m_peers;
    QList<QList<Message>> m_inbox; // per receiver
    QList<QByteArray> m_allLocalUpdates; // every update any peer produced, in order
    QStringList m_log;
    QString m_failure;
    int m_operations = 0;
};

} // namespace Chorus::Crdt::Testing
