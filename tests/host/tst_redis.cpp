// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Redis mode (--redis): a real redis-server (Debian's package) on a loopback port, three real
// chorus-server processes sharing it, and QWebSocket clients spread across them. Writers behave
// like Chorus clients: an outbox of unacknowledged updates, resent in order on every new
// connection (to another instance when theirs is gone). Checks: everything converges on every
// instance and reaches the other instances' peers live; kill -9 of an instance and of Redis
// lose no acknowledged update; a late joiner on any instance gets the whole document; while
// Redis is away new connections are refused with 1013; a round of compaction runs once;
// --max-documents holds for all instances together.
#include "crdt/decodedupdate.h"
#include "crdt/statevector.h"
#include "crdt/updates.h"
#include "hosttestclient.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Chorus;
using namespace Chorus::Protocol;
using namespace Qt::StringLiterals;

namespace {

const QString Room = QStringLiteral("shared/notes.md");

struct Writer
{
    quint32 clientId = 0;
    int instance = 0; // the instance it is connected to (or was)
    quint64 nextClock = 0;
    QList<QByteArray> outbox; // unacknowledged, oldest first
    std::unique_ptr<TestClient> client;
    quint64 ackedOnConnection = 0;
};

struct Instance
{
    std::unique_ptr<QProcess> process;
    QUrl url;
    QByteArray log; // stderr
    bool alive() const { return process && process->state() == QProcess::Running; }
};

Crdt::StateVector stateVectorOf(const QByteArray &update)
{
    Crdt::DecodeError error;
    return Crdt::StateVector::decode(Crdt::encodeStateVectorFromUpdate(update).update, &error);
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class tst_Redis : public QObject
{
    Q_OBJECT

    QString m_binary;
    QString m_redisBinary;
    QTemporaryDir m_dir;
    quint16 m_redisPort = 0;
    std::unique_ptr<QProcess> m_redis;
    Instance m_instances[3];
    std::vector<Writer> m_writers;

    bool startRedis()
    {
        m_redis = std::make_unique<QProcess>();
        m_redis->setWorkingDirectory(m_dir.path());
        m_redis->start(m_redisBinary,
                       { u"--port"_s, QString::number(m_redisPort), u"--bind"_s, u"127.0.0.1"_s,
                         u"--dir"_s, m_dir.path(), u"--appendonly"_s, u"yes"_s, u"--appendfsync"_s,
                         u"always"_s, u"--save"_s, u""_s, u"--daemonize"_s, u"no"_s });
        QByteArray out;
        return m_redis->waitForStarted(5000)
            && TestClient::waitFor(
                   [&] {
                       out += m_redis->readAllStandardOutput();
                       return out.contains("Ready to accept connections");
                   },
                   10000);
    }

    // Starts an instance on `redisUrl` with `extra` options; its first line is its address.
    bool launch(Instance &in, const QString &redisUrl, const QStringList &extra = {})
    {
        in.process = std::make_unique<QProcess>();
        in.log.clear();
        QProcess *p = in.process.get();
        connect(p, &QProcess::readyReadStandardError, this,
                [&in, p] { in.log += p->readAllStandardError(); });
        p->start(
            m_binary,
            QStringList { u"--port"_s, u"0"_s, u"--redis"_s, redisUrl, u"--log-level"_s, u"info"_s }
                + extra);
        if (!p->waitForStarted(5000)
            || !TestClient::waitFor([p] { return p->canReadLine(); }, 10000)) {
            qWarning("instance: %s", in.log.constData());
            return false;
        }
        const QString line = QString::fromUtf8(p->readLine()).trimmed();
        in.url = QUrl(line.mid(QStringLiteral("listening on ").size()));
        return in.url.port() > 0;
    }

    bool startInstance(int i)
    {
        return launch(m_instances[i], u"redis://127.0.0.1:%1"_s.arg(m_redisPort));
    }

    void killInstance(int i)
    {
        m_instances[i].process->kill(); // SIGKILL
        m_instances[i].process->waitForFinished(5000);
    }

    int aliveInstanceFrom(int preferred) const
    {
        for (int k = 0; k < 3; ++k) {
            if (m_instances[(preferred + k) % 3].alive()) {
                return (preferred + k) % 3;
            }
        }
        return -1;
    }

    // Connects (to its instance, or the next one alive) and resends the outbox, as a Chorus
    // client does after a reconnect.
    void connectWriter(Writer &w)
    {
        w.client.reset();
        w.instance = aliveInstanceFrom(w.instance);
        if (w.instance < 0) {
            return;
        }
        auto client = std::make_unique<TestClient>();
        if (!client->open(m_instances[w.instance].url, Room, true, 3000)) {
            w.instance = (w.instance + 1) % 3; // refused (Redis away?): try elsewhere next time
            return;
        }
        w.client = std::move(client);
        w.ackedOnConnection = 0;
        for (const QByteArray &u : std::as_const(w.outbox)) {
            w.client->send(encodeSyncUpdate(u));
        }
    }

    void processAcks(Writer &w)
    {
        if (!w.client) {
            return;
        }
        const auto acks = w.client->messagesOf<Ack>();
        if (!acks.isEmpty() && acks.last().count > w.ackedOnConnection) {
            const quint64 newly = acks.last().count - w.ackedOnConnection;
            QVERIFY(newly <= quint64(w.outbox.size()));
            w.outbox.remove(0, qsizetype(newly));
            w.ackedOnConnection = acks.last().count;
        }
        if (w.client->closed) {
            w.client.reset(); // reconnected at the next step
        }
    }

    // Every writer sends an update every few ms for `ms`, reconnecting when it lost its host.
    void writeFor(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            for (Writer &w : m_writers) {
                processAcks(w);
                if (!w.client) {
                    connectWriter(w);
                }
                const QByteArray u = mapSetUpdate(
                    w.clientId, w.nextClock, u"%1-%2"_s.arg(w.clientId).arg(w.nextClock), u"v"_s);
                ++w.nextClock;
                w.outbox.append(u);
                if (w.client) {
                    w.client->send(encodeSyncUpdate(u));
                }
            }
            QTest::qWait(3);
        }
    }

    // Until every writer's outbox is acknowledged.
    bool settle(int timeoutMs = 30000)
    {
        return TestClient::waitFor(
            [this] {
                bool done = true;
                for (Writer &w : m_writers) {
                    processAcks(w);
                    if (!w.client) {
                        connectWriter(w);
                    }
                    done = done && w.outbox.isEmpty();
                }
                return done;
            },
            timeoutMs);
    }

    // A late joiner on every live instance gets the whole document: every writer's every
    // update, once, and the same state everywhere.
    void verifyEverywhere(const QString &when)
    {
        quint64 total = 0;
        for (const Writer &w : m_writers) {
            total += w.nextClock;
        }
        qInfo("%s: %llu updates of %d writers, checked on every live instance", qPrintable(when),
              total, int(m_writers.size()));
        QByteArray first;
        for (int i = 0; i < 3; ++i) {
            if (!m_instances[i].alive()) {
                continue;
            }
            TestClient late;
            QVERIFY2(late.open(m_instances[i].url, Room), qPrintable(when));
            // The SyncStep2 answer, then what is relayed meanwhile: an update acknowledged by
            // another instance reaches this one through pub/sub a moment after the ack.
            QByteArray state = late.fetchState();
            QVERIFY(!state.isEmpty());
            TestClient::waitFor([&] {
                QList<QByteArray> updates { late.messagesOf<SyncStep2>().last().update };
                for (const SyncUpdate &u : late.messagesOf<SyncUpdate>()) {
                    updates.append(u.update);
                }
                state = Crdt::mergeUpdates(updates).update;
                const Crdt::StateVector now = stateVectorOf(state);
                for (const Writer &w : m_writers) {
                    if (now.get(w.clientId) != w.nextClock) {
                        return false;
                    }
                }
                return true;
            });
            const Crdt::StateVector sv = stateVectorOf(state);
            Crdt::DecodeError error;
            const auto decoded = Crdt::DecodedUpdate::decode(state, &error);
            QVERIFY(!error.isError());
            QMap<quint64, quint64> items;
            for (const auto &section : decoded.sections) {
                for (const auto &s : section.structs) {
                    if (s.isItem()) {
                        items[section.client] += s.length;
                    }
                }
            }
            for (const Writer &w : m_writers) {
                QVERIFY2(sv.get(w.clientId) == w.nextClock,
                         qPrintable(u"%1: instance %2 has %3 of writer %4's %5 updates"_s.arg(when)
                                        .arg(i)
                                        .arg(sv.get(w.clientId))
                                        .arg(w.clientId)
                                        .arg(w.nextClock)));
                QCOMPARE(items.value(w.clientId), w.nextClock); // nothing duplicated
            }
            const QByteArray encodedSv = Crdt::encodeStateVectorFromUpdate(state).update;
            if (first.isEmpty()) {
                first = encodedSv;
            }
            QCOMPARE(encodedSv, first);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("CHORUS_BINARY_DIR") + u"/server/chorus-server"_s;
        if (!QFile::exists(m_binary)) {
            QSKIP("chorus-server is not built (run through ctest)");
        }
        m_redisBinary = QStandardPaths::findExecutable(u"redis-server"_s);
        if (m_redisBinary.isEmpty()) {
            QSKIP("redis-server is not installed (Debian: apt install redis-server); Redis mode "
                  "is not tested");
        }
        QVERIFY(m_dir.isValid());
        m_redisPort = freePort();
        QVERIFY2(startRedis(), "redis-server did not start");
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(startInstance(i), qPrintable(u"instance %1 did not start"_s.arg(i)));
        }
        for (int i = 0; i < 6; ++i) {
            Writer w;
            w.clientId = 5000 + quint32(i);
            w.instance = i % 3;
            m_writers.push_back(std::move(w));
        }
    }

    void cleanupTestCase()
    {
        if (qEnvironmentVariableIsSet("CHORUS_REDIS_LOGS")) {
            for (const Instance &in : m_instances) {
                qInfo("instance %d:\n%s", int(&in - m_instances), in.log.constData());
            }
        }
        m_writers.clear();
        for (Instance &in : m_instances) {
            if (in.alive()) {
                in.process->terminate();
                in.process->waitForFinished(5000);
            }
        }
        if (m_redis) {
            m_redis->terminate();
            m_redis->waitForFinished(5000);
        }
    }

    void convergesAcrossInstances()
    {
        // Observers on instances 0 and 2 only listen: the updates of writers elsewhere reach
        // them live, through Redis's pub/sub.
        TestClient observer0;
        TestClient observer2;
        QVERIFY(observer0.open(m_instances[0].url, Room));
        QVERIFY(observer2.open(m_instances[2].url, Room));
        writeFor(600);
        QVERIFY2(settle(), "not every update was acknowledged");
        verifyEverywhere(u"after concurrent edits"_s);
        for (TestClient *o : { &observer0, &observer2 }) {
            QVERIFY(TestClient::waitFor([&] {
                QList<QByteArray> updates;
                for (const SyncUpdate &u : o->messagesOf<SyncUpdate>()) {
                    updates.append(u.update);
                }
                const Crdt::StateVector sv = stateVectorOf(Crdt::mergeUpdates(updates).update);
                for (const Writer &w : m_writers) {
                    if (sv.get(w.clientId) != w.nextClock) {
                        return false;
                    }
                }
                return true;
            }));
        }
        // Awareness crosses instances too (sent on instance 1, seen on 0).
        TestClient cursor;
        QVERIFY(cursor.open(m_instances[1].url, Room));
        const QByteArray state = awarenessUpdate(4242, 1, R"({"user":{"name":"ann"}})");
        cursor.send(encodeAwarenessMessage(state));
        QVERIFY(TestClient::waitFor([&] {
            for (const AwarenessMessage &a : observer0.messagesOf<AwarenessMessage>()) {
                if (a.update == state) {
                    return true;
                }
            }
            return false;
        }));
    }

    void compactionRunsOnce()
    {
        // A fresh room: one writer per instance, 1,200 updates in all. Every instance sees all
        // of them (its own and, through pub/sub, the others') and asks for a compaction at the
        // 1,000th; one takes the lock and compacts, the others find it taken.
        const QString room = u"compact/once"_s;
        constexpr int PerClient = 400;
        for (Instance &in : m_instances) {
            in.log.clear();
        }
        std::unique_ptr<TestClient> clients[3];
        for (int i = 0; i < 3; ++i) {
            clients[i] = std::make_unique<TestClient>();
            QVERIFY(clients[i]->open(m_instances[i].url, room, true));
        }
        for (int n = 0; n < PerClient; ++n) {
            for (int i = 0; i < 3; ++i) {
                clients[i]->send(encodeSyncUpdate(
                    mapSetUpdate(7000 + quint32(i), quint64(n), u"k%1"_s.arg(n), u"v"_s)));
            }
            if (n % 50 == 0) {
                QTest::qWait(20); // stay well inside the per-connection rate limit
            }
        }
        for (auto &c : clients) {
            QVERIFY(TestClient::waitFor(
                [&] {
                    const auto acks = c->messagesOf<Ack>();
                    return !acks.isEmpty() && acks.last().count == PerClient;
                },
                20000));
        }
        QTest::qWait(1500); // the merge runs on a worker thread
        qsizetype compactions = 0;
        for (Instance &in : m_instances) {
            compactions += in.log.count(QByteArray("compacted room " + room.toUtf8()));
        }
        QCOMPARE(compactions, 1);
        for (int i = 0; i < 3; ++i) {
            TestClient late;
            QVERIFY(late.open(m_instances[i].url, room));
            const Crdt::StateVector sv = stateVectorOf(late.fetchState());
            for (quint32 c = 7000; c < 7003; ++c) {
                QCOMPARE(sv.get(c), quint64(PerClient));
            }
        }
    }

    void killNineOfAnInstanceLosesNothing()
    {
        writeFor(300);
        killInstance(1); // its writers move to instance 2
        writeFor(400);
        QVERIFY2(settle(), "not every update was acknowledged after the kill");
        for (const Writer &w : m_writers) {
            QVERIFY(w.instance != 1);
        }
        verifyEverywhere(u"after kill -9 of instance 1"_s);
        QVERIFY(startInstance(1));
        verifyEverywhere(u"on the restarted instance"_s);
    }

    void redisRestartLosesNothing()
    {
        writeFor(300);
        m_redis->kill(); // SIGKILL: only what is in its append-only file survives
        m_redis->waitForFinished(5000);
        // Every instance refuses writes now: its peers are closed, new ones get 1013.
        QVERIFY(TestClient::waitFor([this] {
            for (const Writer &w : m_writers) {
                if (w.client && !w.client->closed) {
                    return false;
                }
            }
            return true;
        }));
        QCOMPARE(rawCloseCode(quint16(m_instances[0].url.port()), Room.toUtf8()), 1013);
        writeFor(200); // queued in the writers' outboxes meanwhile
        QVERIFY2(startRedis(), "redis-server did not restart");
        writeFor(300);
        QVERIFY2(settle(), "not every update was acknowledged after Redis came back");
        verifyEverywhere(u"after Redis restarted"_s);
    }

    // --max-documents counts the documents in Redis, all instances together: a room name that
    // would create another is refused with 1013 on every instance; stored ones always open.
    void newDocumentsCountAcrossInstances()
    {
        const QString database = u"redis://127.0.0.1:%1/3"_s.arg(m_redisPort); // a fresh one
        Instance x, y;
        QVERIFY(launch(x, database, { u"--max-documents"_s, u"2"_s }));
        QVERIFY(launch(y, database, { u"--max-documents"_s, u"2"_s }));
        TestClient one, two;
        QVERIFY(one.open(x.url, u"one"_s));
        QVERIFY(one.waitForCount<SyncStep1>(1));
        QVERIFY(two.open(y.url, u"two"_s));
        QVERIFY(two.waitForCount<SyncStep1>(1));
        QCOMPARE(rawCloseCode(quint16(x.url.port()), "three"), 1013);
        QCOMPARE(rawCloseCode(quint16(y.url.port()), "three"), 1013);
        TestClient again; // a stored document opens on the instance that did not create it
        QVERIFY(again.open(y.url, u"one"_s));
        QVERIFY(again.waitForCount<SyncStep1>(1));
        QVERIFY2(TestClient::waitFor([&] { return y.log.contains("too many documents"); }),
                 y.log.constData());
        for (Instance *in : { &x, &y }) {
            in->process->terminate();
            QVERIFY(in->process->waitForFinished(5000));
        }
    }

    void badOptionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("not redis://") << QStringList { u"--redis"_s, u"http://127.0.0.1:6379"_s }
                                      << 2 << u"--redis: expected redis://HOST:PORT[/DB]"_s;
        QTest::newRow("bad database") << QStringList { u"--redis"_s, u"redis://127.0.0.1/x"_s } << 2
                                      << u"the database must be a number"_s;
        QTest::newRow("with --data-dir")
            << QStringList { u"--redis"_s, u"redis://127.0.0.1"_s, u"--data-dir"_s, u"d"_s } << 2
            << u"exclude each other"_s;
        QTest::newRow("nobody there") << QStringList { u"--redis"_s, u"redis://127.0.0.1:1"_s } << 1
                                      << u"cannot use Redis at redis://127.0.0.1:1/0"_s;
    }

    void badOptionsAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QProcess p;
        p.start(m_binary, QStringList { u"--port"_s, u"0"_s } + arguments);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), exitCode);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
    }

    void warnsAboutPersistenceSettings()
    {
        // Redis without its append-only file loses acknowledged updates when it restarts: an
        // instance says so loudly at start (and still serves).
        const QString cli = QStandardPaths::findExecutable(u"redis-cli"_s);
        QVERIFY2(!cli.isEmpty(), "redis-cli (redis-tools) is missing");
        const auto config = [&](const QStringList &args) {
            QProcess c;
            c.start(cli,
                    QStringList { u"-p"_s, QString::number(m_redisPort), u"CONFIG"_s, u"SET"_s }
                        + args);
            return c.waitForFinished(5000) && c.readAllStandardOutput().trimmed() == "OK";
        };
        QVERIFY(config({ u"appendonly"_s, u"no"_s }));
        Instance extra;
        extra.process = std::make_unique<QProcess>();
        extra.process->start(
            m_binary,
            { u"--port"_s, u"0"_s, u"--redis"_s, u"redis://127.0.0.1:%1"_s.arg(m_redisPort) });
        QVERIFY(TestClient::waitFor([&] { return extra.process->canReadLine(); }, 10000));
        extra.process->terminate();
        QVERIFY(extra.process->waitForFinished(5000));
        const QByteArray err = extra.process->readAllStandardError();
        QVERIFY(config({ u"appendonly"_s, u"yes"_s }));
        QVERIFY2(err.contains("appendonly \"no\"") && err.contains("LOST"), err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Redis)
#include "tst_redis.moc"
