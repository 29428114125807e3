// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The host's pacing by load (issue 14): a host that keeps up writes every relay in the
// event-loop turn that read the update (no flush timer, nothing left queued when the loop
// waits); only while it is behind — here: more busy threads than CPUs, so the host's thread
// waits for one — does it batch each peer's relays, still delivering every update once and in
// order; and a peer that stops reading is batched by its own socket without holding up the
// others. Structural assertions (counters, the event dispatcher's aboutToBlock), no timings.
#include "host/rooms/loadmeter.h"
#include "rawwebsocketclient.h"

#include <QAbstractEventDispatcher>
#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <thread>

namespace {

Host::ServerOptions options(bool qtTransport, double pacingLoad)
{
    Host::ServerOptions o;
    o.port = 0;
    o.pacingLoad = pacingLoad;
    if (qtTransport) {
        o.transport = Host::ServerOptions::Transport::Qt;
    }
    return o;
}

// Waits in the event loop the way a host does (blocking until something happens), unlike
// TestClient::waitFor, which polls without blocking: aboutToBlock is then emitted.
bool waitBlocking(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition()) {
            loop.quit();
        }
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (condition()) {
        return true;
    }
    poll.start();
    deadline.start(timeoutMs);
    loop.exec();
    return condition();
}

// More spinning threads than CPUs while it lives: every other thread then waits for a CPU
// most of the time, as on a saturated machine.
class CpuHog
{
public:
    CpuHog()
    {
        const int n = 4 * int(qMax(1u, std::thread::hardware_concurrency()));
        for (int i = 0; i < n; ++i) {
            m_threads.emplace_back([this] {
                while (!m_stop.load(std::memory_order_relaxed)) { }
            });
        }
    }
    ~CpuHog()
    {
        m_stop = true;
        for (std::thread &t : m_threads) {
            t.join();
        }
    }

private:
    std::atomic<bool> m_stop { false };
    std::vector<std::thread> m_threads;
};

QList<QByteArray> updatesOf(const TestClient &c)
{
    QList<QByteArray> out;
    for (const Protocol::SyncUpdate &u : c.messagesOf<Protocol::SyncUpdate>()) {
        out.append(u.update);
    }
    return out;
}

} // namespace

class tst_Pacing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The load's second half: the share of time the thread waited for a CPU.
    void loadMeterSeesWaitingForACpu()
    {
        QElapsedTimer clock;
        clock.start();
        Host::LoadMeter meter(clock.nsecsElapsed());
#ifdef Q_OS_LINUX
        QVERIFY(meter.isAvailable());
#endif
        if (!meter.isAvailable()) {
            QCOMPARE(meter.sample(clock.nsecsElapsed()).waiting, 0.0);
            return;
        }
        QThread::msleep(200); // asleep: never waiting for a CPU
        QVERIFY2(meter.sample(clock.nsecsElapsed()).waiting < 0.2,
                 "an idle thread waits for nothing");
        {
            CpuHog hog;
            QElapsedTimer spin;
            spin.start();
            while (spin.elapsed() < 300) { } // runnable all along, among 4x more than CPUs
        }
        const double waited = meter.sample(clock.nsecsElapsed()).waiting;
        QVERIFY2(waited > 0.3 && waited <= 1.0, qPrintable(QString::number(waited)));
    }

    void relaysInTheTurnThatReadThem_data()
    {
        QTest::addColumn<bool>("qtTransport");
        QTest::newRow("native") << false;
        QTest::newRow("qt") << true;
    }

    // Below the backlog threshold (here: out of reach) every relay is written before control
    // goes back to the event loop: the loop never waits with a relay queued, the flush timer
    // never runs, no peer is held.
    void relaysInTheTurnThatReadThem()
    {
        QFETCH(bool, qtTransport);
        Host::Server server(options(qtTransport, 10));
        QVERIFY(server.start());
        TestClient a, b, c;
        QVERIFY(a.open(server.url(), u"now"_s));
        QVERIFY(b.open(server.url(), u"now"_s));
        QVERIFY(c.open(server.url(), u"now"_s));
        QVERIFY(b.waitForCount<Protocol::SyncStep1>(1) && c.waitForCount<Protocol::SyncStep1>(1));

        int blocksWithWritesQueued = 0;
        int blocks = 0;
        const auto observer = connect(QAbstractEventDispatcher::instance(),
                                      &QAbstractEventDispatcher::aboutToBlock, this, [&] {
                                          ++blocks;
                                          blocksWithWritesQueued
                                              += server.hasQueuedWrites() ? 1 : 0;
                                      });
        const Host::Server::FlushCounts before = server.flushCounts();
        QList<QByteArray> sent;
        for (int i = 0; i < 60; ++i) {
            sent.append(mapSetUpdate(21, quint64(i), u"k%1"_s.arg(i), u"v"_s));
            a.send(Protocol::encodeSyncUpdate(sent.last()));
            QVERIFY(waitBlocking([&] {
                return b.messagesOf<Protocol::SyncUpdate>().size() == sent.size()
                    && c.messagesOf<Protocol::SyncUpdate>().size() == sent.size();
            }));
        }
        disconnect(observer);
        const Host::Server::FlushCounts after = server.flushCounts();
        QCOMPARE(updatesOf(b), sent);
        QCOMPARE(updatesOf(c), sent);
        QVERIFY(blocks > 0);
        QVERIFY(QAbstractEventDispatcher::instance()->inherits("QEventDispatcherUNIX"));
        QCOMPARE(blocksWithWritesQueued, 0);
        QCOMPARE(after.timed - before.timed, 0);
        QCOMPARE(after.heldPeers - before.heldPeers, 0);
        QCOMPARE(server.writeIntervalNs(), 0);
        if (!qtTransport) {
            // Native: each pass ran at the end of the very batch that read the update.
            QCOMPARE(after.queued - before.queued, 0);
            QVERIFY(after.atBatchEnd - before.atBatchEnd >= sent.size());
        }
    }

    // Behind (the host's thread waits for a CPU most of the time): relays to each peer are
    // gathered over a write interval, every update still arrives once and in order; once the
    // load is gone the host relays at once again.
    void pacesOnlyWhileBehind()
    {
        Host::ServerOptions o = options(false, 0.5);
        o.maxMessagesPerSecond = o.maxMessageBurst = 1000000; // the bursts below are on purpose
        Host::Server server(o);
        QVERIFY(server.start());
        TestClient a, b, c;
        QVERIFY(a.open(server.url(), u"behind"_s));
        QVERIFY(b.open(server.url(), u"behind"_s));
        QVERIFY(c.open(server.url(), u"behind"_s));
        QVERIFY(b.waitForCount<Protocol::SyncStep1>(1) && c.waitForCount<Protocol::SyncStep1>(1));
        const Host::Server::FlushCounts before = server.flushCounts();
        QList<QByteArray> sent;
        bool paced = false;
        const auto held = [&] { return server.flushCounts().heldPeers > before.heldPeers; };
        {
            CpuHog hog;
            // Bursts of updates: the host's own passes, preempted by the hog, fill much of the
            // time (pacing relieves only the host's own work, so it needs some).
            for (int i = 0; i < 100 || (!held() && i < 1000); ++i) {
                for (int k = 0; k < 10; ++k) {
                    const auto clock = quint64(sent.size());
                    sent.append(mapSetUpdate(22, clock, u"k%1"_s.arg(clock), u"v"_s));
                    a.send(Protocol::encodeSyncUpdate(sent.last()));
                }
                QElapsedTimer spin; // this thread stays runnable: it competes for a CPU
                spin.start();
                while (spin.elapsed() < 5) {
                    QCoreApplication::processEvents();
                }
                paced = paced || server.writeIntervalNs() > 0;
            }
        }
        QVERIFY2(paced, qPrintable(u"load %1"_s.arg(server.load())));
        QVERIFY(held());
        QVERIFY(waitBlocking([&] {
            return b.messagesOf<Protocol::SyncUpdate>().size() >= sent.size()
                && c.messagesOf<Protocol::SyncUpdate>().size() >= sent.size();
        }));
        QCOMPARE(updatesOf(b), sent);
        QCOMPARE(updatesOf(c), sent);
        QVERIFY(a.messagesOf<Protocol::SyncUpdate>().isEmpty());
        // The load is gone: back to relaying at once (checked once a second when idle).
        QVERIFY(waitBlocking([&] { return server.writeIntervalNs() == 0; }, 20000));
        const Host::Server::FlushCounts idle = server.flushCounts();
        sent.append(mapSetUpdate(22, quint64(sent.size()), u"last"_s, u"v"_s));
        a.send(Protocol::encodeSyncUpdate(sent.last()));
        QVERIFY(waitBlocking([&] { return updatesOf(b).size() == sent.size(); }));
        QCOMPARE(updatesOf(b), sent);
        QCOMPARE(server.flushCounts().heldPeers, idle.heldPeers);
    }

#ifdef CHORUS_HAVE_EPOLL
    // A real backlog at one peer (it stops reading until its socket is full): what the socket
    // does not take waits in the host and goes out in whole writes as the peer reads, every
    // update once and in order, while the other peers still get each relay in the same turn.
    void backloggedPeerDoesNotHoldUpTheOthers()
    {
        Host::Server server(options(false, 10));
        QVERIFY(server.start());
        RawClient a, slow, fast;
        slow.receiveBufferBytes = 4096;
        QVERIFY(a.handshake(server.port(), "backlog"));
        QVERIFY(slow.handshake(server.port(), "backlog"));
        QVERIFY(fast.handshake(server.port(), "backlog"));
        QVERIFY(slow.waitMessages<Protocol::SyncStep1>(1));
        QVERIFY(fast.waitMessages<Protocol::SyncStep1>(1));
        const Host::Server::FlushCounts before = server.flushCounts();
        QList<QByteArray> sent;
        for (int i = 0; i < 120; ++i) { // 120 x 40 KB: far more than the slow socket takes
            sent.append(mapSetUpdate(23, quint64(i), u"k%1"_s.arg(i),
                                     QString(40 * 1024, QChar(u'a' + i % 26))));
            QVERIFY(a.sendBinary(Protocol::encodeSyncUpdate(sent.last())));
            // The fast peer gets each one before the next is sent; the slow one reads nothing.
            QVERIFY(fast.waitMessages<Protocol::SyncUpdate>(sent.size()));
        }
        const Host::Server::FlushCounts after = server.flushCounts();
        QCOMPARE(after.timed - before.timed, 0);
        QCOMPARE(after.heldPeers - before.heldPeers, 0);
        QVERIFY(slow.waitMessages<Protocol::SyncUpdate>(sent.size(), 20000));
        for (const RawClient *c : { &slow, &fast }) {
            const QList<Protocol::SyncUpdate> got = c->messagesOf<Protocol::SyncUpdate>();
            QCOMPARE(got.size(), sent.size());
            for (qsizetype i = 0; i < sent.size(); ++i) {
                QVERIFY2(got[i].update == sent[i], qPrintable(u"update %1"_s.arg(i)));
            }
        }
        QVERIFY(a.closeCleanly());
        QVERIFY(slow.closeCleanly());
        QVERIFY(fast.closeCleanly());
    }
#endif
};

// Qt's Unix event dispatcher emits aboutToBlock only when it is really about to wait (nothing
// posted); the GLib one emits it at every iteration that may wait, even with a queued call
// pending.
int main(int argc, char **argv)
{
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    tst_Pacing test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_pacing.moc"
