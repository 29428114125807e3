// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Durability: the real chorus-server binary is killed with SIGKILL again and again while
// writers send updates. After every restart, every update any peer received from the host (a
// relay, a SyncStep2) and every update the host acknowledged must be there, nothing may be
// duplicated, and nothing may appear that no writer sent. 50 cycles by default (about a minute),
// CHORUS_LONG=1 for 300; CHORUS_DURABILITY_CYCLES overrides both.
#include "crdt/decodedupdate.h"
#include "crdt/statevector.h"
#include "crdt/updates.h"
#include "hosttestclient.h"

#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Chorus;
using namespace Chorus::Protocol;

namespace {

const QStringList Rooms = { QStringLiteral("durable-a"), QStringLiteral("durable-b") };

// A writer as a Chorus client would behave: an outbox of updates not yet acknowledged, resent
// in order on every new connection, and a clock that never goes back.
struct Writer
{
    quint32 clientId = 0;
    QString room;
    quint64 nextClock = 0;
    QList<QByteArray> outbox; // unacknowledged, oldest first
    std::unique_ptr<TestClient> client;
    qsizetype sentOnConnection = 0; // how many of the outbox were sent on this connection
    quint64 ackedOnConnection = 0;
};

Crdt::StateVector stateVectorOf(const QByteArray &update)
{
    Crdt::DecodeError error;
    return Crdt::StateVector::decode(Crdt::encodeStateVectorFromUpdate(update).update, &error);
}

} // namespace

class tst_Durability : public QObject
{
    Q_OBJECT

    QString m_binary;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    std::vector<Writer> m_writers;
    // Per room and client: the highest clock + 1 of any update some peer received from the host.
    QMap<QString, QMap<quint64, quint64>> m_seen;

    void see(const QString &room, const QByteArray &update)
    {
        const Crdt::StateVector sv = stateVectorOf(update);
        for (const auto &[client, clock] : sv.clocks()) {
            quint64 &max = m_seen[room][client];
            max = qMax(max, clock);
        }
    }

    bool startServer(bool fullSync)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(m_binary,
                         { QStringLiteral("--port"), QStringLiteral("0"),
                           QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--sync"),
                           fullSync ? QStringLiteral("full") : QStringLiteral("normal"),
                           QStringLiteral("--log-level"), QStringLiteral("warning") });
        if (!m_process->waitForStarted(5000)
            || !TestClient::waitFor([&] { return m_process->canReadLine(); }, 10000)) {
            return false;
        }
        const QString line = QString::fromUtf8(m_process->readLine()).trimmed();
        m_url = QUrl(line.mid(QStringLiteral("listening on ").size()));
        return m_url.port() > 0;
    }

    void kill()
    {
        m_process->kill(); // SIGKILL: no flush, no goodbye
        m_process->waitForFinished(5000);
        m_process.reset();
    }

    void recordSeen(const QString &room, TestClient &c, qsizetype &consumed)
    {
        for (; consumed < c.received.size(); ++consumed) {
            const auto d = decodeMessage(c.received[consumed]);
            if (const auto *u = std::get_if<SyncUpdate>(&d.message)) {
                see(room, u->update);
            } else if (const auto *s = std::get_if<SyncStep2>(&d.message)) {
                see(room, s->update);
            }
        }
    }

    void connectWriter(Writer &w)
    {
        w.client = std::make_unique<TestClient>();
        w.sentOnConnection = 0;
        w.ackedOnConnection = 0;
        if (!w.client->open(m_url, w.room, true, 3000)) {
            return;
        }
        for (const QByteArray &u : std::as_const(w.outbox)) {
            w.client->send(encodeSyncUpdate(u));
            ++w.sentOnConnection;
        }
    }

    void processAcks(Writer &w)
    {
        const auto acks = w.client->messagesOf<Ack>();
        if (acks.isEmpty() || acks.last().count <= w.ackedOnConnection) {
            return;
        }
        const quint64 newly = acks.last().count - w.ackedOnConnection;
        QVERIFY(newly <= quint64(w.outbox.size()));
        w.outbox.remove(0, qsizetype(newly));
        w.sentOnConnection -= qsizetype(newly);
        w.ackedOnConnection = acks.last().count;
    }

    // The checks, against the state a fresh client gets from the restarted host.
    void verify(int cycle)
    {
        for (const QString &room : Rooms) {
            TestClient checker;
            QVERIFY(checker.open(m_url, room));
            const QByteArray state = checker.fetchState();
            QVERIFY(!state.isEmpty());
            const Crdt::StateVector sv = stateVectorOf(state);
            const QMap<quint64, quint64> seen = m_seen.value(room);
            for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
                {
                    const quint64 client = it.key();
                    const quint64 clock = it.value();
                    QVERIFY2(sv.get(client) >= clock,
                             qPrintable(QStringLiteral("cycle %1: room %2 lost client %3 clock %4 "
                                                       "(has %5)")
                                            .arg(cycle)
                                            .arg(room)
                                            .arg(client)
                                            .arg(clock)
                                            .arg(sv.get(client))));
                }
            }
            Crdt::DecodeError error;
            const auto decoded = Crdt::DecodedUpdate::decode(state, &error);
            QVERIFY(!error.isError());
            QMap<quint64, quint64> items;
            QSet<QString> keys;
            for (const auto &section : decoded.sections) {
                for (const auto &s : section.structs) {
                    if (s.isItem()) {
                        items[section.client] += s.length;
                        QVERIFY2(!keys.contains(s.parentSub), "duplicated entry");
                        keys.insert(s.parentSub);
                    }
                }
            }
            for (const Writer &w : std::as_const(m_writers)) {
                if (w.room != room) {
                    continue;
                }
                // Not invented: never beyond what the writer sent; no gap, no duplicate: one
                // item per clock; acknowledged: everything before the outbox.
                const quint64 have = sv.get(w.clientId);
                QVERIFY(have <= w.nextClock);
                QCOMPARE(items.value(w.clientId), have);
                const quint64 acked = w.nextClock - quint64(w.outbox.size());
                QVERIFY2(have >= acked,
                         qPrintable(QStringLiteral("cycle %1: acked %2, stored %3")
                                        .arg(cycle)
                                        .arg(acked)
                                        .arg(have)));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary
            = qEnvironmentVariable("CHORUS_BINARY_DIR") + QStringLiteral("/server/chorus-server");
        if (!QFile::exists(m_binary)) {
            QSKIP("chorus-server is not built (run through ctest)");
        }
        QVERIFY(m_dir.isValid());
    }

    void killNineRepeatedly()
    {
        int cycles = qEnvironmentVariableIntValue("CHORUS_LONG") ? 300 : 50;
        if (qEnvironmentVariableIsSet("CHORUS_DURABILITY_CYCLES")) {
            cycles = qEnvironmentVariableIntValue("CHORUS_DURABILITY_CYCLES");
        }
        const quint32 seed = qEnvironmentVariableIsSet("CHORUS_SEED")
            ? qEnvironmentVariable("CHORUS_SEED").toUInt()
            : QRandomGenerator::global()->generate();
        qInfo("seed %u (set CHORUS_SEED to replay), %d cycles", seed, cycles);
        QRandomGenerator rng(seed);
        for (int i = 0; i < 4; ++i) {
            Writer w;
            w.clientId = 1000 + quint32(i);
            w.room = Rooms[i % 2];
            m_writers.push_back(std::move(w));
        }
        int survived = 0;
        for (int cycle = 0; cycle < cycles; ++cycle) {
            QVERIFY(startServer(cycle % 2 == 0));
            if (cycle > 0) {
                verify(cycle);
                if (QTest::currentTestFailed()) {
                    return;
                }
                ++survived;
            }
            // Observers record what the host shows them (their SyncStep2 and every relay).
            std::unique_ptr<TestClient> observers[2];
            qsizetype consumed[2] = { 0, 0 };
            for (int r = 0; r < 2; ++r) {
                observers[r] = std::make_unique<TestClient>();
                QVERIFY(observers[r]->open(m_url, Rooms[r]));
                observers[r]->send(encodeSyncStep1(QByteArray(1, '\0')));
            }
            for (Writer &w : m_writers) {
                connectWriter(w);
            }
            QElapsedTimer run;
            run.start();
            const int duration = 50 + int(rng.bounded(350));
            while (run.elapsed() < duration) {
                for (Writer &w : m_writers) {
                    const QByteArray u
                        = mapSetUpdate(w.clientId, w.nextClock,
                                       QStringLiteral("%1-%2").arg(w.clientId).arg(w.nextClock),
                                       QStringLiteral("v"));
                    ++w.nextClock;
                    w.outbox.append(u);
                    w.client->send(encodeSyncUpdate(u));
                    ++w.sentOnConnection;
                }
                QTest::qWait(int(rng.bounded(8)));
            }
            kill();
            // Whatever reached the clients before the kill counts as seen.
            QCoreApplication::processEvents();
            for (int r = 0; r < 2; ++r) {
                recordSeen(Rooms[r], *observers[r], consumed[r]);
            }
            for (Writer &w : m_writers) {
                qsizetype c = 0;
                recordSeen(w.room, *w.client, c);
                processAcks(w);
                w.client.reset();
            }
        }
        QVERIFY(startServer(true));
        verify(cycles);
        ++survived;
        kill();
        quint64 sent = 0;
        qsizetype unacked = 0;
        for (const Writer &w : m_writers) {
            sent += w.nextClock;
            unacked += w.outbox.size();
        }
        qInfo("survived %d kill -9 cycles; %llu updates written, %lld unacknowledged at the end",
              survived, sent, qlonglong(unacked));
        QCOMPARE(survived, cycles);
    }
};

QTEST_GUILESS_MAIN(tst_Durability)
#include "tst_durability.moc"
