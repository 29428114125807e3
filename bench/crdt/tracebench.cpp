// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracebench.h"

#include "crdt/doc.h"
#include "crdt/text.h"
#include "heapcounter.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>
#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;

namespace Chorus::Bench {

namespace {

// The client id crdt-bench's bench.mjs gives Yjs, so encodings compare byte for byte.
constexpr Crdt::ClientId TraceClient = 0x9E3779B9;

double median(QList<double> xs)
{
    std::sort(xs.begin(), xs.end());
    const qsizetype n = xs.size();
    return n == 0 ? 0 : n % 2 ? xs.at(n / 2) : (xs.at(n / 2 - 1) + xs.at(n / 2)) / 2;
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

void replay(Crdt::Doc &doc, const Crdt::Traces::EditingTrace &trace)
{
    auto &&text = doc.text(u"text"_s);
    for (const auto &txn : trace.txns) {
        doc.transact([&] {
            for (qsizetype i = txn.first; i < txn.first + txn.count; ++i) {
                const auto &p = trace.patches.at(i);
                if (p.del) {
                    text.remove(p.pos, p.del);
                }
                if (!p.ins.isEmpty()) {
                    text.insert(p.pos, p.ins);
                }
            }
        });
    }
}

} // namespace

// Times one local replay. With keepForEncode, also records the heap the document retains (the
// heap reading is taken after the timed part) and its encoding.
double TraceBench::localReplayOnce(bool keepForEncode)
{
    const qint64 heap0 = heapBytesInUse();
    const std::clock_t cpu0 = std::clock();
    QElapsedTimer t;
    t.start();
    auto doc = std::make_unique<Crdt::Doc>(TraceClient);
    replay(*doc, m_trace);
    const double ms = msSince(t);
    m_replayCpuMs.append(double(std::clock() - cpu0) * 1000.0 / CLOCKS_PER_SEC);
    if (keepForEncode) {
        const qint64 heap1 = heapBytesInUse();
        m_heapBytes = heap0 < 0 ? -1 : heap1 - heap0;
        m_textMatches = doc->text(u"text"_s).toString() == m_trace.endContent;
        m_encoded = doc->encodeStateAsUpdate();
    }
    return ms;
}

QList<QByteArray> TraceBench::collectKeystrokeUpdates()
{
    QList<QByteArray> updates;
    Crdt::Doc doc(TraceClient);
    doc.onUpdate([&updates](const QByteArray &u, Crdt::Origin, bool) { updates.append(u); });
    replay(doc, m_trace);
    return updates;
}

QJsonObject TraceBench::run(int runs)
{
    QList<double> replayMs, encodeMs, loadMs, keystrokeMs;
    for (int r = 0; r < runs; ++r) {
        replayMs.append(localReplayOnce(r == 0));
    }
    {
        // The document to encode, kept alive outside the replay timings.
        Crdt::Doc doc(TraceClient);
        replay(doc, m_trace);
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const QByteArray bytes = doc.encodeStateAsUpdate();
            encodeMs.append(msSince(t));
            m_textMatches = m_textMatches && bytes == m_encoded;
        }
    }
    bool loadMatches = true;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        Crdt::Doc doc(1);
        const bool ok = doc.applyUpdate(m_encoded, Crdt::Origin(1)).ok();
        const QString text = doc.text(u"text"_s).toString();
        loadMs.append(msSince(t));
        loadMatches = loadMatches && ok && text == m_trace.endContent;
    }
    const QList<QByteArray> updates = collectKeystrokeUpdates();
    qint64 updateBytes = 0;
    for (const QByteArray &u : updates) {
        updateBytes += u.size();
    }
    bool keystrokesMatch = true;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        Crdt::Doc doc(1);
        bool ok = true;
        for (const QByteArray &u : updates) {
            ok = doc.applyUpdate(u, Crdt::Origin(1)).ok() && ok;
        }
        const QString text = doc.text(u"text"_s).toString();
        keystrokeMs.append(msSince(t));
        keystrokesMatch = keystrokesMatch && ok && text == m_trace.endContent;
    }
    const QByteArray sha = QCryptographicHash::hash(m_encoded, QCryptographicHash::Sha256).toHex();
    auto list = [](const QList<double> &xs) {
        QJsonArray a;
        for (double x : xs) {
            a.append(x);
        }
        return a;
    };
    return QJsonObject {
        { u"trace"_s, m_trace.name },
        { u"lib"_s, u"chorus"_s },
        { u"runs"_s, runs },
        { u"txns"_s, m_trace.txns.size() },
        { u"patches"_s, m_trace.patches.size() },
        { u"localReplayMs"_s, median(replayMs) },
        { u"localReplayCpuMs"_s, median(m_replayCpuMs) },
        { u"remoteLoadMs"_s, median(loadMs) },
        { u"applyKeystrokeUpdatesMs"_s, median(keystrokeMs) },
        { u"encodeMs"_s, median(encodeMs) },
        { u"encodedBytes"_s, m_encoded.size() },
        { u"encodedSha256"_s, QString::fromLatin1(sha) },
        { u"heapBytesAfterReplay"_s, m_heapBytes },
        { u"heapMethod"_s, u"glibc mallinfo2 (uordblks + hblkhd) after replay minus before"_s },
        { u"keystrokeUpdates"_s, updates.size() },
        { u"keystrokeUpdateBytes"_s, updateBytes },
        { u"endContentMatches"_s, m_textMatches && loadMatches && keystrokesMatch },
        { u"localReplayMsAll"_s, list(replayMs) },
        { u"remoteLoadMsAll"_s, list(loadMs) },
        { u"applyKeystrokeUpdatesMsAll"_s, list(keystrokeMs) },
    };
}

} // namespace Chorus::Bench
