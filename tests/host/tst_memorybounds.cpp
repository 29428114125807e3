// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Memory per message (issue 14): the real chorus-server receives the worst 16 MiB updates we know
// (runs of GC or skip structs, one-character items from 100,000 clients, tiny delete ranges,
// types nested as deep as the message allows) and the largest state vector a SyncStep1 may
// carry, relays and stores what is valid, answers a fresh joiner, and its peak RSS (VmHWM in
// /proc/PID/status) must stay within baseline + MaxFactor x the message size. A bound, not a
// timing; the measured peaks are printed (docs/host.md "Memory bounds" has them).
#include "crdt/lib0encoder.h"
#include "hosttestclient.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Chorus;
using namespace Chorus::Protocol;

namespace {

constexpr qsizetype MiB = 1024 * 1024;
// The message limit of a default chorus-server is 16 MiB; the sync header takes a few bytes.
constexpr qsizetype UpdateBytes = 16 * MiB - 64;
// Peak RSS may grow by at most this many times the message's bytes. The host holds the message
// a few times by design (the frame, the stored copy, the relay, SQLite's page cache, the
// compactor's merge on its worker); decoding must not add more than a small constant.
constexpr qsizetype MaxFactor = 12;

enum class Kind { Update, StateVector };

// Structs of one client until the update is `size` bytes: `item(clock)` writes one.
QByteArray oneSection(quint64 client, quint64 count,
                      const std::function<void(Crdt::Lib0Encoder &, quint64)> &item)
{
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(1);
    enc.writeVarUint(count);
    enc.writeVarUint(client);
    enc.writeVarUint(0);
    for (quint64 k = 0; k < count; ++k) {
        item(enc, k);
    }
    enc.writeVarUint(0);
    return enc.take();
}

QByteArray gcRuns()
{
    return oneSection(7, quint64(UpdateBytes - 16) / 2, [](Crdt::Lib0Encoder &e, quint64) {
        e.writeUint8(0); // GC of length 1
        e.writeVarUint(1);
    });
}

QByteArray skipRuns()
{
    // a GC first: an update made of skips only would be all gap
    return oneSection(7, quint64(UpdateBytes - 16) / 2, [](Crdt::Lib0Encoder &e, quint64 k) {
        e.writeUint8(k % 2 ? 10 : 0); // skip, GC, skip, ...
        e.writeVarUint(1);
    });
}

// One-character strings in the root text "t": 100,000 clients (the limit), each a run of items
// whose origin is its own previous item (so nothing merges: each is a struct of its own).
QByteArray oneCharItems()
{
    constexpr quint64 Clients = 100'000;
    const quint64 perClient = quint64(UpdateBytes) / Clients / 8; // ~7 bytes an item
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(Clients);
    for (quint64 c = 0; c < Clients; ++c) {
        const quint64 client = 1'000'000 + c;
        enc.writeVarUint(perClient);
        enc.writeVarUint(client);
        enc.writeVarUint(0);
        for (quint64 k = 0; k < perClient; ++k) {
            if (k == 0) {
                enc.writeUint8(4); // ContentString, parent named
                enc.writeVarUint(1);
                enc.writeVarString(QStringLiteral("t"));
            } else {
                enc.writeUint8(4 | 0x80); // with an origin: the previous item
                enc.writeVarUint(client);
                enc.writeVarUint(k - 1);
            }
            enc.writeVarString(QStringLiteral("x"));
        }
    }
    enc.writeVarUint(0);
    return enc.take();
}

// No structs, a delete set of 64 clients with ranges of one clock, one clock apart.
QByteArray tinyDeleteRanges()
{
    constexpr quint64 Clients = 64;
    const quint64 perClient = quint64(UpdateBytes - 1024) / Clients / 5; // 5 bytes a range
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(0);
    enc.writeVarUint(Clients);
    for (quint64 c = 0; c < Clients; ++c) {
        enc.writeVarUint(2'000'000 + c);
        enc.writeVarUint(perClient);
        for (quint64 k = 0; k < perClient; ++k) {
            enc.writeVarUint(2 * k + (1u << 21)); // 4-byte clocks
            enc.writeVarUint(1);
        }
    }
    return enc.take();
}

// Nested Y.Arrays, each in the previous one, as many as fit: refused at the limit.
QByteArray deepNesting()
{
    const quint64 n = quint64(UpdateBytes - 16) / 8;
    return oneSection(9, n, [](Crdt::Lib0Encoder &e, quint64 k) {
        e.writeUint8(7);
        if (k == 0) {
            e.writeVarUint(1);
            e.writeVarString(QStringLiteral("a"));
        } else {
            e.writeVarUint(0);
            e.writeVarUint(9);
            e.writeVarUint(k - 1);
        }
        e.writeVarUint(0);
    });
}

QByteArray bigStateVector()
{
    constexpr quint64 Entries = 100'000; // the limit
    Crdt::Lib0Encoder enc;
    enc.writeVarUint(Entries);
    for (quint64 c = 0; c < Entries; ++c) {
        enc.writeVarUint(1'000'000 + c);
        enc.writeVarUint(quint64(1) << 40);
    }
    return enc.take();
}

qint64 peakRssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return -1;
}

bool lastIs(const TestClient &c, qsizetype before, quint8 sub)
{
    return c.received.size() > before && c.received.last().size() > 2
        && c.received.last().at(0) == 0 && quint8(c.received.last().at(1)) == sub;
}

} // namespace

class tst_MemoryBounds : public QObject
{
    Q_OBJECT

    QString m_binary;

private Q_SLOTS:
    void initTestCase()
    {
        m_binary
            = qEnvironmentVariable("CHORUS_BINARY_DIR") + QStringLiteral("/server/chorus-server");
        if (!QFile::exists(m_binary)) {
            QSKIP("chorus-server is not built (run through ctest)");
        }
        if (!QFile::exists(QStringLiteral("/proc/self/status"))) {
            QSKIP("no /proc: peak RSS is read from /proc/PID/status");
        }
    }

    void peakRss_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("16 MiB of GC runs") << int(Kind::Update) << gcRuns() << true;
        QTest::newRow("16 MiB of skip and GC structs") << int(Kind::Update) << skipRuns() << true;
        QTest::newRow("16 MiB of one-char items, 100,000 clients")
            << int(Kind::Update) << oneCharItems() << true;
        QTest::newRow("16 MiB of tiny delete ranges")
            << int(Kind::Update) << tinyDeleteRanges() << true;
        QTest::newRow("16 MiB of nested types") << int(Kind::Update) << deepNesting() << false;
        QTest::newRow("SyncStep1 with 100,000 clients")
            << int(Kind::StateVector) << bigStateVector() << true;
    }

    void peakRss()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, message);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server.start(m_binary,
                     { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"),
                       dir.path(), QStringLiteral("--log-level"), QStringLiteral("warning") });
        QVERIFY(server.waitForStarted(5000));
        QVERIFY(TestClient::waitFor([&] { return server.canReadLine(); }, 10000));
        const QUrl url(QString::fromUtf8(server.readLine()).trimmed().mid(13));
        QVERIFY2(url.port() > 0, qPrintable(url.toString()));

        const QString room = QStringLiteral("m");
        TestClient writer;
        TestClient observer;
        QVERIFY(writer.open(url, room));
        QVERIFY(observer.open(url, room));
        // some content, so the room exists and a state vector has something to diff against
        writer.send(encodeSyncUpdate(mapSetUpdate(5, 0, QStringLiteral("k"), QStringLiteral("v"))));
        QVERIFY(TestClient::waitFor([&] { return lastIs(observer, 0, 2); }, 5000));
        const qint64 baseline = peakRssKiB(server.processId());
        QVERIFY(baseline > 0);

        const qsizetype seen = observer.received.size();
        if (Kind(kind) == Kind::StateVector) {
            Crdt::Lib0Encoder e;
            e.writeVarUint(0);
            e.writeVarUint(0);
            e.writeVarUint8Array(message);
            writer.send(e.take());
            const qsizetype before = writer.received.size();
            QVERIFY(TestClient::waitFor([&] { return lastIs(writer, before, 1); }, 30000));
        } else {
            writer.send(encodeSyncUpdate(message));
            if (accepted) {
                QVERIFY(TestClient::waitFor([&] { return lastIs(observer, seen, 2); }, 60000));
                // a fresh joiner gets the whole room (fold and diff of what was just stored)
                TestClient joiner;
                QVERIFY(joiner.open(url, room));
                joiner.send(encodeSyncStep1(QByteArray(1, '\0')));
                QVERIFY(TestClient::waitFor([&] { return lastIs(joiner, 0, 1); }, 60000));
                QVERIFY(!writer.closed);
            } else {
                QVERIFY(writer.waitClosed(60000));
                QCOMPARE(writer.closeCode, 1007);
            }
        }
        QTest::qWait(500); // the compactor may run on its worker meanwhile
        const qint64 peak = peakRssKiB(server.processId());
        server.kill();
        server.waitForFinished(5000);
        const double grownMiB = double(peak - baseline) / 1024.0;
        const double factor = grownMiB * MiB / double(message.size());
        qInfo("%s: %.1f MiB message, peak RSS %.1f MiB (baseline %.1f MiB, +%.1f MiB = %.1f x "
              "the message)",
              QTest::currentDataTag(), double(message.size()) / MiB, double(peak) / 1024.0,
              double(baseline) / 1024.0, grownMiB, factor);
        QVERIFY2((peak - baseline) * 1024 <= MaxFactor * message.size(),
                 qPrintable(QStringLiteral("peak RSS grew %1 MiB for a %2 MiB message")
                                .arg(grownMiB, 0, 'f', 1)
                                .arg(double(message.size()) / MiB, 0, 'f', 1)));
    }
};

QTEST_GUILESS_MAIN(tst_MemoryBounds)
#include "tst_memorybounds.moc"
