// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// WritePacing alone (issue 14): when the host starts and stops gathering each peer's relays,
// on windows made up by a small model of a host — its own work is a base share plus a cost per
// write, pacing cuts the writes to one per peer per interval, and other processes add a wait
// for a CPU. The shapes are those measured on the 2-core bench machine (docs/performance.md):
// 1 update a second per peer in b's rooms stays near a load of 0.4 with one-window swings to
// 0.7; 2 a second is near 0.7 and stays there without pacing.
#include "host/rooms/writepacing.h"

#include <QTest>

using Chorus::Host::WritePacing;

namespace {

constexpr qint64 WindowNs = 100 * 1000 * 1000;

struct HostModel
{
    double messagesPerSecond = 0; // what the peers should receive
    int peers = 1000;
    double baseRunning = 0.1; // reading, checking and storing the input
    double writeCostNs = 6000;
    double waiting = 0.1; // for a CPU that other processes hold

    WritePacing::Window window(qint64 intervalNs, double extraWaiting = 0) const
    {
        const double messages = messagesPerSecond * 0.1;
        const double writes = intervalNs == 0
            ? messages
            : qMin(messages, double(peers) * double(WindowNs) / double(intervalNs));
        WritePacing::Window w;
        w.spanNs = WindowNs;
        w.threadMeasured = true;
        w.writes = qint64(writes);
        w.frames = qint64(messages);
        w.writeNs = qint64(writes * writeCostNs);
        w.running = baseRunning + double(w.writeNs) / double(WindowNs);
        w.waiting = qMin(1.0, waiting + extraWaiting);
        w.busyNs = qint64(w.running * double(WindowNs));
        return w;
    }
};

// Runs `windows` windows; returns how many of them ended with writes paced.
int run(WritePacing &pacing, const HostModel &host, int windows,
        const std::function<double(int)> &extraWaiting = {})
{
    int paced = 0;
    for (int i = 0; i < windows; ++i) {
        pacing.update(host.window(pacing.intervalNs(), extraWaiting ? extraWaiting(i) : 0));
        paced += pacing.intervalNs() > 0 ? 1 : 0;
    }
    return paced;
}

HostModel moderate() // b's rooms at 1 update a second per peer: ~0.4, swinging
{
    HostModel h;
    h.messagesPerSecond = 23750;
    h.baseRunning = 0.11;
    h.waiting = 0.13;
    return h;
}

HostModel saturated() // at 2 a second: ~0.7 without pacing
{
    HostModel h;
    h.messagesPerSecond = 47500;
    h.baseRunning = 0.1;
    h.waiting = 0.3;
    return h;
}

} // namespace

class tst_WritePacing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The case: a moderately busy host relays at once, one-window spikes included.
    void moderateLoadNeverPaces()
    {
        WritePacing pacing({});
        const int paced
            = run(pacing, moderate(), 600, [](int i) { return i % 10 == 3 ? 0.35 : 0.0; });
        QCOMPARE(paced, 0);
        QVERIFY2(pacing.load() > 0.3 && pacing.load() < 0.6,
                 qPrintable(QString::number(pacing.load())));
    }

    // Behind for good: pacing starts within a second or two, grows to the cap (writes as full
    // as allowed) and holds.
    void saturationPacesAndHolds()
    {
        WritePacing pacing({});
        const HostModel host = saturated();
        int firstPaced = -1;
        for (int i = 0; i < 300; ++i) {
            pacing.update(host.window(pacing.intervalNs()));
            if (firstPaced < 0 && pacing.intervalNs() > 0) {
                firstPaced = i;
            }
            if (firstPaced >= 0 && i > firstPaced + 20) {
                QCOMPARE(pacing.intervalNs(), WritePacing::MaxIntervalNs);
            }
        }
        QVERIFY2(firstPaced >= 0 && firstPaced < 20, qPrintable(QString::number(firstPaced)));
        // Held although the load it measures while pacing is under the threshold.
        QVERIFY2(pacing.load() < 0.6, qPrintable(QString::number(pacing.load())));
        QVERIFY(pacing.unpacedLoad() > 0.6);
    }

    // A second of a machine taken by something else pushes a moderately busy host over the
    // threshold; once it is over, the host lets go of pacing within a few seconds and stays
    // relaying at once (a band on the paced load alone would hold it at a long interval).
    void spikeDoesNotTrapPacing()
    {
        WritePacing pacing({});
        const HostModel host = moderate();
        QCOMPARE(run(pacing, host, 100), 0);
        QVERIFY(run(pacing, host, 20, [](int) { return 0.8; }) > 0);
        run(pacing, host, 50);
        QCOMPARE(pacing.intervalNs(), 0);
        QCOMPARE(run(pacing, host, 300), 0);
    }

    // The load goes away: back to relaying at once.
    void relaysAtOnceWhenTheLoadIsGone()
    {
        WritePacing pacing({});
        run(pacing, saturated(), 100);
        QVERIFY(pacing.intervalNs() > 0);
        HostModel quiet;
        quiet.messagesPerSecond = 500;
        quiet.baseRunning = 0.01;
        quiet.waiting = 0.01;
        run(pacing, quiet, 40);
        QCOMPARE(pacing.intervalNs(), 0);
    }

    // An idle host adjusts once a second (from its sweep timer, with no flush passes): its
    // load fades as fast in time, so it relays at once within a few seconds.
    void idleHostLetsGoInSeconds()
    {
        WritePacing pacing({});
        run(pacing, saturated(), 100);
        QVERIFY(pacing.intervalNs() > 0);
        WritePacing::Window idle;
        idle.spanNs = 1000 * 1000 * 1000;
        idle.threadMeasured = true;
        for (int second = 0; second < 4 && pacing.intervalNs() > 0; ++second) {
            pacing.update(idle);
        }
        QCOMPARE(pacing.intervalNs(), 0);
    }

    // Waiting for CPUs other processes hold, with little work of its own: pacing would save
    // nothing, so the host does not pace.
    void othersLoadAloneDoesNotPace()
    {
        WritePacing pacing({});
        HostModel host;
        host.messagesPerSecond = 2000;
        host.baseRunning = 0.02;
        host.waiting = 0.9;
        QCOMPARE(run(pacing, host, 300), 0);
    }

    // Without schedstat the time in the host's passes is the load.
    void withoutThreadMeasurementBusyTimeIsTheLoad()
    {
        WritePacing pacing({});
        WritePacing::Window w;
        w.spanNs = WindowNs;
        w.busyNs = WindowNs * 9 / 10;
        w.writes = w.frames = 5000;
        w.writeNs = 5000 * 6000;
        for (int i = 0; i < 20; ++i) {
            pacing.update(w);
        }
        QVERIFY(pacing.intervalNs() > 0);
        QVERIFY(qAbs(pacing.load() - 0.9) < 0.01);
    }

    // The opt-in budget paces above it whatever the load, and lets go once what the peers
    // need fits in half of it.
    void writeBudgetIsOptIn()
    {
        WritePacing pacing({ 0.6, 10000 });
        HostModel host;
        host.messagesPerSecond = 23750;
        host.baseRunning = 0.05;
        host.waiting = 0;
        host.writeCostNs = 1000;
        run(pacing, host, 5);
        QVERIFY(pacing.intervalNs() > 0);
        host.messagesPerSecond = 4000;
        run(pacing, host, 10);
        QCOMPARE(pacing.intervalNs(), 0);
    }
};

QTEST_APPLESS_MAIN(tst_WritePacing)
#include "tst_writepacing.moc"
