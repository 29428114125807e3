// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The end-of-session checks of Session (session.h): convergence, cross-loading, byte-identical
// twins and the update-level functions, all against real Yjs.
#include "crdt/array.h"
#include "crdt/doc.h"
#include "crdt/map.h"
#include "crdt/text.h"
#include "crdt/undomanager.h"
#include "crdt/updates.h"
#include "session.h"
#include "sessionutil.h"

using namespace Qt::StringLiterals;

namespace Chorus::Crdt::Testing {

namespace {

const auto TextName = u"text"_s;
const auto MapName = u"map"_s;
const auto ArrayName = u"array"_s;

} // namespace

bool Session::checkConvergence()
{
    struct View
    {
        QString text;
        QJsonValue map, array;
        QByteArray sv, update;
    };
    QList<View> views;
    for (const auto &p : m_peers) {
        View v;
        if (p->yjs) {
            QJsonObject a;
            if (!yjsCall({ { u"cmd"_s, u"state"_s }, { u"peer"_s, p->name } }, &a)) {
                return false;
            }
            if (a.value(u"pending"_s).toBool()) {
                return fail(u"Yjs peer %1 still has pending structs after resync"_s.arg(p->index));
            }
            v = { a.value(u"text"_s).toString(), a.value(u"map"_s), a.value(u"array"_s),
                  YjsProcess::bin(a.value(u"sv"_s)), YjsProcess::bin(a.value(u"update"_s)) };
        } else {
            if (p->deltaText != p->doc->text(TextName).toString()) {
                return fail(
                    u"Chorus peer %1's text events add up to %2, its text is %3"_s.arg(p->index)
                        .arg(json(p->deltaText), json(p->doc->text(TextName).toString())));
            }
            if (!p->undo->checkInvariants()) {
                return fail(
                    u"Chorus peer %1's undo manager lost track of the text"_s.arg(p->index));
            }
            if (p->doc->hasPending()) {
                return fail(
                    u"Chorus peer %1 still has pending structs after resync"_s.arg(p->index));
            }
            v = { p->doc->text(TextName).toString(), p->doc->map(MapName).toJson(),
                  p->doc->array(ArrayName).toJson(), p->doc->encodeStateVector(),
                  p->doc->encodeStateAsUpdate() };
        }
        views.append(v);
    }
    for (int i = 1; i < views.size(); ++i) {
        const View &a = views.first();
        const View &b = views.at(i);
        if (a.text != b.text) {
            return fail(u"text differs: peer 0 %1 / peer %2 %3"_s.arg(json(a.text))
                            .arg(i)
                            .arg(json(b.text)));
        }
        if (a.map != b.map) {
            return fail(
                u"map differs: peer 0 %1 / peer %2 %3"_s.arg(json(a.map)).arg(i).arg(json(b.map)));
        }
        if (a.array != b.array) {
            return fail(u"array differs: peer 0 %1 / peer %2 %3"_s.arg(json(a.array))
                            .arg(i)
                            .arg(json(b.array)));
        }
        if (a.sv != b.sv) {
            return fail(u"state vector differs: peer 0 %1 / peer %2 %3"_s.arg(hex(a.sv)).arg(i).arg(
                hex(b.sv)));
        }
    }
    // Every encoding loads in the other implementation to the same content.
    for (int i = 0; i < views.size(); ++i) {
        const Peer &p = *m_peers[i];
        const View &v = views.at(i);
        if (!p.yjs) {
            QJsonObject a;
            if (!yjsCall({ { u"cmd"_s, u"load"_s }, { u"update"_s, YjsProcess::b64(v.update) } },
                         &a)) {
                return false;
            }
            if (a.value(u"text"_s).toString() != v.text || a.value(u"map"_s) != v.map
                || a.value(u"array"_s) != v.array || YjsProcess::bin(a.value(u"sv"_s)) != v.sv) {
                return fail(
                    u"Yjs loads Chorus peer %1's encoding differently: %2"_s.arg(i).arg(json(a)));
            }
        } else {
            Doc fresh(1);
            const auto r = fresh.applyUpdate(v.update, Origin(1));
            if (!r.ok() || fresh.text(TextName).toString() != v.text
                || fresh.map(MapName).toJson() != v.map
                || fresh.array(ArrayName).toJson() != v.array
                || fresh.encodeStateVector() != v.sv) {
                return fail(
                    u"Chorus loads Yjs peer %1's encoding differently (%2): text %3"_s.arg(i).arg(
                        r.error.toString(), json(fresh.text(TextName).toString())));
            }
        }
    }
    return true;
}

// A Chorus peer and a Yjs document that saw the same updates in the same order encode byte for
// byte the same; likewise a Yjs peer and a Chorus document fed its history.
bool Session::checkTwins()
{
    for (const auto &p : m_peers) {
        QJsonArray history;
        for (const QByteArray &u : std::as_const(p->history)) {
            history.append(YjsProcess::b64(u));
        }
        if (!p->yjs) {
            QJsonObject a;
            if (!yjsCall(
                    { { u"cmd"_s, u"replay"_s }, { u"updates"_s, history }, { u"gc"_s, p->gc } },
                    &a)) {
                return false;
            }
            const QByteArray ours = p->doc->encodeStateAsUpdate();
            const QByteArray theirs = YjsProcess::bin(a.value(u"update"_s));
            if (ours != theirs) {
                return fail(
                    u"Chorus peer %1 encodes differently from Yjs fed the same %2 updates:\n"
                    "  chorus %3\n  yjs    %4"_s.arg(p->index)
                        .arg(history.size())
                        .arg(hex(ours), hex(theirs)));
            }
        } else {
            // Y.UndoManager marks items it may restore (keepItem): they are neither collected
            // nor merged with unmarked neighbours, so a peer with one encodes differently from
            // any document that only saw its updates. The Chorus twin is compared with a Yjs
            // twin fed the same updates; the peer itself only when it has no undo manager.
            QJsonObject a;
            if (!yjsCall({ { u"cmd"_s, p->yjsUndo ? u"replay"_s : u"encode"_s },
                           { u"peer"_s, p->name },
                           { u"updates"_s, history },
                           { u"gc"_s, p->gc } },
                         &a)) {
                return false;
            }
            Doc twin(2);
            twin.setGcEnabled(p->gc);
            for (const QByteArray &u : std::as_const(p->history)) {
                const auto r = twin.applyUpdate(u, Origin(1));
                if (!r.ok()) {
                    return fail(
                        u"Chorus twin of Yjs peer %1 rejected an update: %2"_s.arg(p->index).arg(
                            r.error.toString()));
                }
            }
            const QByteArray ours = twin.encodeStateAsUpdate();
            const QByteArray theirs = YjsProcess::bin(a.value(u"update"_s));
            if (ours != theirs) {
                return fail(
                    u"Yjs %1 %2 encodes differently from Chorus fed the same %3 updates:\n"
                    "  chorus %4\n  yjs    %5"_s.arg(p->yjsUndo ? u"twin of peer"_s : u"peer"_s)
                        .arg(p->index)
                        .arg(history.size())
                        .arg(hex(ours), hex(theirs)));
            }
        }
    }
    return true;
}

// mergeUpdates / encodeStateVectorFromUpdate / diffUpdate on a random subset of all updates, in
// random order and so with gaps: byte-identical to Yjs's.
bool Session::checkUpdateFunctions()
{
    QList<QByteArray> subset;
    QJsonArray subsetJson;
    for (const QByteArray &u : std::as_const(m_allLocalUpdates)) {
        if (m_rng.bounded(3) != 0) {
            subset.insert(qsizetype(m_rng.bounded(int(subset.size()) + 1)), u);
        }
    }
    if (subset.isEmpty()) {
        return true;
    }
    for (const QByteArray &u : std::as_const(subset)) {
        subsetJson.append(YjsProcess::b64(u));
    }
    QJsonObject a;
    if (!yjsCall({ { u"cmd"_s, u"merge"_s }, { u"updates"_s, subsetJson } }, &a)) {
        return false;
    }
    const QByteArray yMerged = YjsProcess::bin(a.value(u"update"_s));
    const UpdateResult merged = mergeUpdates(subset);
    if (!merged.ok() || merged.update != yMerged) {
        return fail(u"mergeUpdates of %1 updates differs (%2):\n  chorus %3\n  yjs    %4"_s
                        .arg(subset.size())
                        .arg(merged.error.toString(), hex(merged.update), hex(yMerged)));
    }
    if (!yjsCall({ { u"cmd"_s, u"svFromUpdate"_s }, { u"update"_s, YjsProcess::b64(yMerged) } },
                 &a)) {
        return false;
    }
    const UpdateResult sv = encodeStateVectorFromUpdate(yMerged);
    if (!sv.ok() || sv.update != YjsProcess::bin(a.value(u"sv"_s))) {
        return fail(u"encodeStateVectorFromUpdate differs: chorus %1 yjs %2"_s.arg(
            hex(sv.update), hex(YjsProcess::bin(a.value(u"sv"_s)))));
    }
    // Diff against the state vector of a peer's early history (a prefix of its updates).
    const Peer &p = *m_peers[m_rng.bounded(int(m_peers.size()))];
    const QList<QByteArray> prefix
        = p.history.mid(0, qsizetype(m_rng.bounded(int(p.history.size()) + 1)));
    QByteArray prefixSv = QByteArray("\0", 1);
    if (!prefix.isEmpty()) {
        const UpdateResult pm = mergeUpdates(prefix);
        const UpdateResult psv = pm.ok() ? encodeStateVectorFromUpdate(pm.update) : pm;
        if (!psv.ok()) {
            return fail(u"state vector of a history prefix failed: %1"_s.arg(psv.error.toString()));
        }
        prefixSv = psv.update;
    }
    if (!yjsCall({ { u"cmd"_s, u"diff"_s },
                   { u"update"_s, YjsProcess::b64(yMerged) },
                   { u"sv"_s, YjsProcess::b64(prefixSv) } },
                 &a)) {
        return false;
    }
    const UpdateResult diff = diffUpdate(yMerged, prefixSv);
    if (!diff.ok() || diff.update != YjsProcess::bin(a.value(u"update"_s))) {
        return fail(u"diffUpdate differs (sv %1):\n  chorus %2\n  yjs    %3"_s.arg(
            hex(prefixSv), hex(diff.update), hex(YjsProcess::bin(a.value(u"update"_s)))));
    }
    return true;
}
} // namespace Chorus::Crdt::Testing
