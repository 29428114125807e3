// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "crdt/array.h"
#include "crdt/doc.h"
#include "crdt/map.h"
#include "crdt/text.h"
#include "crdt/undomanager.h"
#include "crdt/updates.h"
#include "sessionutil.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Chorus::Crdt::Testing {

namespace {

const auto TextName = u"text"_s;
const auto MapName = u"map"_s;
const auto ArrayName = u"array"_s;

// Characters the peers type: ASCII, BMP non-ASCII, and astral characters (surrogate pairs in
// UTF-16), including sequences of several astral code points (a flag, a skin-tone emoji).
const QStringList Alphabet = { u"a"_s,  u"b"_s,  u"c"_s,    u"x"_s, u" "_s,  u"\n"_s,    u"é"_s,
                               u"中"_s, u"😀"_s, u"👍🏽"_s, u"𝄞"_s, u"🇩🇪"_s, u"\u0301"_s };

} // namespace

namespace {

void applyDelta(QString &s, const QList<TextDelta> &delta)
{
    qsizetype pos = 0;
    for (const TextDelta &d : delta) {
        switch (d.kind) {
        case TextDelta::Kind::Retain: pos += d.length; break;
        case TextDelta::Kind::Insert:
            s.insert(pos, d.text);
            pos += d.text.size();
            break;
        case TextDelta::Kind::Delete: s.remove(pos, d.length); break;
        }
    }
}

} // namespace

Session::Session(YjsProcess &yjs, quint64 seed)
    : m_yjs(yjs)
    , m_seed(seed)
    , m_rng(seed)
{ }

Session::~Session()
{
    for (const auto &p : m_peers) {
        if (p->yjs) {
            m_yjs.call({ { u"cmd"_s, u"free"_s }, { u"peer"_s, p->name } });
        }
    }
}

bool Session::fail(const QString &msg)
{
    if (m_failure.isEmpty()) {
        m_failure = msg;
        m_log.append(u"FAILED: "_s + msg);
    }
    return false;
}

bool Session::yjsCall(const QJsonObject &req, QJsonObject *answer)
{
    const QJsonObject a = m_yjs.call(req);
    if (!a.value(u"ok"_s).toBool()) {
        return fail(u"Yjs helper: %1 (request %2)"_s.arg(a.value(u"error"_s).toString(),
                                                         json(req).left(300)));
    }
    if (answer) {
        *answer = a;
    }
    return true;
}

void Session::createPeers()
{
    const int n = 3 + int(m_rng.bounded(3));
    // At least one peer of each kind; the rest at random.
    const int firstYjs = int(m_rng.bounded(n));
    int firstChorus = int(m_rng.bounded(n - 1));
    if (firstChorus >= firstYjs) {
        ++firstChorus;
    }
    QList<ClientId> used;
    for (int i = 0; i < n; ++i) {
        auto p = std::make_unique<Peer>();
        p->index = i;
        p->name = u"s%1p%2"_s.arg(m_seed).arg(i);
        p->yjs = i == firstYjs || (i != firstChorus && m_rng.bounded(2) == 0);
        // Yjs client ids are uint32; mix small ids (1-byte varints) with large ones, as Yjs's
        // random ids mostly are, so encodings cover both.
        ClientId c;
        do {
            c = m_rng.bounded(4) == 0 ? 1 + m_rng.bounded(200) : m_rng.generate();
        } while (used.contains(c));
        used.append(c);
        p->client = c;
        p->gc = m_rng.bounded(4) != 0; // some peers keep deleted content (gc off)
        if (p->yjs) {
            // Y.UndoManager keeps the items it may restore from garbage collection (keepItem),
            // so such a peer's encoding legitimately differs from a document that only saw
            // its updates; only half of the collecting Yjs peers get one (see checkTwins).
            p->yjsUndo = !p->gc || m_rng.bounded(2) == 0;
            yjsCall({ { u"cmd"_s, u"new"_s },
                      { u"peer"_s, p->name },
                      { u"client"_s, double(c) },
                      { u"gc"_s, p->gc },
                      { u"undo"_s, p->yjsUndo } });
        } else {
            p->doc = std::make_unique<Doc>(c);
            p->doc->setGcEnabled(p->gc);
            p->undo = std::make_unique<UndoManager>(*p->doc, TextName);
            Peer *raw = p.get();
            p->doc->onUpdate([raw](const QByteArray &update, Origin, bool local) {
                if (local) {
                    raw->outbox.append(update);
                }
            });
            p->doc->text(TextName).observe(
                [raw](const TextEvent &e) { applyDelta(raw->deltaText, e.delta); });
        }
        m_log.append(u"peer %1 %2 client %3%4"_s.arg(i)
                         .arg(p->yjs ? u"yjs"_s : u"chorus"_s)
                         .arg(c)
                         .arg(p->gc ? QString() : u" gc off"_s)
                     + (p->yjsUndo ? u" Y.UndoManager"_s : QString()));
        m_peers.push_back(std::move(p));
    }
    m_inbox.resize(n);
}

QString Session::text(const Peer &p) const
{
    return p.yjs ? p.yText : p.doc->text(TextName).toString();
}

qsizetype Session::arrayLength(const Peer &p) const
{
    return p.yjs ? p.yArrayLength : p.doc->array(ArrayName).length();
}

// Moves i off the middle of a surrogate pair.
qsizetype Session::safeIndex(const QString &s, qsizetype i) const
{
    if (i > 0 && i < s.size() && s.at(i).isLowSurrogate() && s.at(i - 1).isHighSurrogate()) {
        return i - 1;
    }
    return i;
}

QString Session::randomText()
{
    QString s;
    const int r = int(m_rng.bounded(20));
    const int n = 1 + int(m_rng.bounded(r == 0 ? 60 : r < 5 ? 12 : 4)); // sometimes a paste
    for (int i = 0; i < n; ++i) {
        s += Alphabet.at(m_rng.bounded(Alphabet.size()));
    }
    return s;
}

QJsonValue Session::randomValue(int depth)
{
    switch (m_rng.bounded(depth < 2 ? 10 : 8)) {
    case 0: return int(m_rng.bounded(100)) - 50;
    case 1: return double(quint64(1) << 40) + double(m_rng.bounded(1000)); // > 31 bits
    case 2: return m_rng.bounded(2) ? 0.5 : -3.25e10; // float32-exact / float64
    case 3: return 0.1; // float64 only
    case 4:
    case 5: return randomText();
    case 6: return m_rng.bounded(2) == 0;
    case 7: return QJsonValue::Null;
    case 8: return QJsonArray { randomValue(depth + 1), randomValue(depth + 1) };
    default:
        // Integer-like keys: JavaScript orders them first, ascending.
        return QJsonObject { { u"k"_s, randomValue(depth + 1) },
                             { u"10"_s, randomValue(depth + 1) },
                             { u"2"_s, randomValue(depth + 1) } };
    }
}

bool Session::broadcast(Peer &p, const QJsonArray &updates)
{
    for (const QJsonValue &u : updates) {
        const QByteArray bytes = YjsProcess::bin(u);
        p.history.append(bytes);
        m_allLocalUpdates.append(bytes);
        for (int to = 0; to < int(m_peers.size()); ++to) {
            if (to != p.index) {
                m_inbox[to].append(Message { p.index, bytes });
            }
        }
    }
    return true;
}

bool Session::localOperation(Peer &p)
{
    ++m_operations;
    const QString s = text(p);
    const int kind = int(m_rng.bounded(100));
    QJsonObject req { { u"peer"_s, p.name } };
    if (kind < 6 && (!p.yjs || p.yjsUndo)) {
        // Undo/redo (Y.UndoManager on Yjs peers, UndoManager on ours): remote edits are never
        // tracked, so each undoes only its own peer's changes.
        req.insert(u"cmd"_s, kind < 4 ? u"undo"_s : u"redo"_s);
        if (!p.yjs) {
            kind < 4 ? p.undo->undo() : p.undo->redo();
        }
    } else if (kind < 42 || (kind < 67 && s.isEmpty())) {
        const qsizetype i = safeIndex(s, qsizetype(m_rng.bounded(int(s.size()) + 1)));
        const QString t = randomText();
        req.insert(u"cmd"_s, u"insert"_s);
        req.insert(u"index"_s, double(i));
        req.insert(u"text"_s, t);
        if (!p.yjs) {
            p.doc->text(TextName).insert(i, t);
        }
    } else if (kind < 67) {
        const qsizetype start = safeIndex(s, qsizetype(m_rng.bounded(int(s.size()))));
        const int most = m_rng.bounded(8) == 0 ? 30 : 6;
        qsizetype end = qMin(s.size(), start + 1 + qsizetype(m_rng.bounded(most)));
        end = end < s.size() && s.at(end).isLowSurrogate() ? end + 1 : end;
        req.insert(u"cmd"_s, u"delete"_s);
        req.insert(u"index"_s, double(start));
        req.insert(u"len"_s, double(end - start));
        if (!p.yjs) {
            p.doc->text(TextName).remove(start, end - start);
        }
    } else if (kind < 80) {
        const QString key = u"k%1"_s.arg(m_rng.bounded(6));
        const QJsonValue v = randomValue();
        req.insert(u"cmd"_s, u"mapSet"_s);
        req.insert(u"key"_s, key);
        req.insert(u"value"_s, v);
        if (!p.yjs) {
            p.doc->map(MapName).set(key, Any::fromJson(v));
        }
    } else if (kind < 85) {
        const QString key = u"k%1"_s.arg(m_rng.bounded(6));
        req.insert(u"cmd"_s, u"mapDelete"_s);
        req.insert(u"key"_s, key);
        if (!p.yjs) {
            p.doc->map(MapName).remove(key);
        }
    } else {
        const qsizetype len = arrayLength(p);
        if (kind < 94 || len == 0) {
            const qsizetype i = qsizetype(m_rng.bounded(int(len) + 1));
            QJsonArray values;
            QList<Any> anys;
            for (int k = 0, n = 1 + int(m_rng.bounded(3)); k < n; ++k) {
                values.append(randomValue());
                anys.append(Any::fromJson(values.last()));
            }
            req.insert(u"cmd"_s, u"arrayInsert"_s);
            req.insert(u"index"_s, double(i));
            req.insert(u"values"_s, values);
            if (!p.yjs) {
                p.doc->array(ArrayName).insert(i, anys);
            }
        } else {
            const qsizetype i = qsizetype(m_rng.bounded(int(len)));
            const qsizetype n = qMin(len - i, 1 + qsizetype(m_rng.bounded(2)));
            req.insert(u"cmd"_s, u"arrayDelete"_s);
            req.insert(u"index"_s, double(i));
            req.insert(u"len"_s, double(n));
            if (!p.yjs) {
                p.doc->array(ArrayName).remove(i, n);
            }
        }
    }
    QJsonObject logged = req;
    logged.remove(u"peer"_s);
    m_log.append(u"op %1 %2"_s.arg(p.index).arg(json(logged)));
    QJsonArray updates;
    if (p.yjs) {
        QJsonObject a;
        if (!yjsCall(req, &a)) {
            return false;
        }
        p.yText = a.value(u"text"_s).toString();
        p.yArrayLength = a.value(u"alen"_s).toInteger();
        updates = a.value(u"updates"_s).toArray();
    } else {
        for (const QByteArray &u : std::as_const(p.outbox)) {
            updates.append(YjsProcess::b64(u));
        }
        p.outbox.clear();
    }
    return broadcast(p, updates);
}

bool Session::applyTo(Peer &p, const QByteArray &update)
{
    p.history.append(update);
    if (p.yjs) {
        QJsonObject a;
        if (!yjsCall({ { u"cmd"_s, u"apply"_s },
                       { u"peer"_s, p.name },
                       { u"update"_s, YjsProcess::b64(update) } },
                     &a)) {
            return false;
        }
        p.yText = a.value(u"text"_s).toString();
        p.yArrayLength = a.value(u"alen"_s).toInteger();
        return true;
    }
    const auto r = p.doc->applyUpdate(update, Origin(1));
    p.outbox.clear(); // a remote update is not re-broadcast
    if (!r.ok()) {
        return fail(u"peer %1 rejected a valid update: %2 (update %3)"_s.arg(p.index).arg(
            r.error.toString(), hex(update)));
    }
    return true;
}

bool Session::deliver(int to, int index, bool keepCopy)
{
    const Message m = keepCopy ? m_inbox[to].at(index) : m_inbox[to].takeAt(index);
    m_log.append(u"deliver %1->%2%3"_s.arg(m.from).arg(to).arg(keepCopy ? u" (dup)"_s : QString()));
    return applyTo(*m_peers[to], m.update);
}

// `to` sends its state vector, `from` answers with what `to` lacks (sync step 1 / step 2).
bool Session::syncPair(int to, int from)
{
    Peer &a = *m_peers[to];
    Peer &b = *m_peers[from];
    QByteArray sv;
    if (a.yjs) {
        QJsonObject r;
        if (!yjsCall({ { u"cmd"_s, u"sv"_s }, { u"peer"_s, a.name } }, &r)) {
            return false;
        }
        sv = YjsProcess::bin(r.value(u"sv"_s));
    } else {
        sv = a.doc->encodeStateVector();
    }
    QByteArray diff;
    if (b.yjs) {
        QJsonObject r;
        if (!yjsCall({ { u"cmd"_s, u"encode"_s },
                       { u"peer"_s, b.name },
                       { u"sv"_s, YjsProcess::b64(sv) } },
                     &r)) {
            return false;
        }
        diff = YjsProcess::bin(r.value(u"update"_s));
    } else {
        diff = b.doc->encodeStateAsUpdate(sv);
    }
    m_log.append(u"sync %1<-%2 (%3 bytes)"_s.arg(to).arg(from).arg(diff.size()));
    return applyTo(a, diff);
}

bool Session::finalResync()
{
    // Whatever is still in flight arrives (in random order) or is lost.
    for (int to = 0; to < int(m_peers.size()); ++to) {
        while (!m_inbox[to].isEmpty()) {
            const int i = int(m_rng.bounded(int(m_inbox[to].size())));
            if (m_rng.bounded(5) == 0) {
                m_inbox[to].removeAt(i);
                m_log.append(u"drop ->%1"_s.arg(to));
            } else if (!deliver(to, i, false)) {
                return false;
            }
        }
    }
    // Two rounds of pairwise state-vector syncs reach everyone with everything.
    const int n = int(m_peers.size());
    for (int round = 0; round < 2; ++round) {
        for (int to = 0; to < n; ++to) {
            for (int from = 0; from < n; ++from) {
                if (to != from && !syncPair(to, from)) {
                    return false;
                }
            }
        }
    }
    return true;
}

bool Session::run(QString *failure)
{
    m_log.append(u"seed %1"_s.arg(m_seed));
    createPeers();
    const int steps = 30 + int(m_rng.bounded(90));
    bool ok = m_failure.isEmpty();
    for (int step = 0; ok && step < steps; ++step) {
        const int r = int(m_rng.bounded(100));
        const int n = int(m_peers.size());
        if (r < 45) {
            ok = localOperation(*m_peers[m_rng.bounded(n)]);
        } else if (r < 92) {
            const int to = int(m_rng.bounded(n));
            if (m_inbox[to].isEmpty()) {
                continue;
            }
            const int i = int(m_rng.bounded(int(m_inbox[to].size()))); // reorder
            const int fate = int(m_rng.bounded(100));
            if (fate < 8) {
                m_inbox[to].removeAt(i); // dropped: only a later sync repairs it
                m_log.append(u"drop ->%1"_s.arg(to));
            } else {
                ok = deliver(to, i, fate < 18); // duplicated: it stays queued as well
            }
        } else {
            const int to = int(m_rng.bounded(n));
            const int from = (to + 1 + int(m_rng.bounded(n - 1))) % n;
            ok = syncPair(to, from);
        }
    }
    ok = ok && finalResync() && checkConvergence() && checkTwins() && checkUpdateFunctions();
    if (!ok && failure) {
        *failure = m_failure;
    }
    return ok;
}

} // namespace Chorus::Crdt::Testing
