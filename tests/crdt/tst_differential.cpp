// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Differential randomized sessions: Chorus peers and real Yjs 13.6 peers (in one Node helper
// process, tests/crdt/differential/yjs-peer.mjs) edit the same text, map and array over a
// network that reorders, duplicates and drops, then must agree on everything, byte for byte.
//
//   default            sessions with seeds 1..CHORUS_SESSIONS (1000, about 25 s)
//   CHORUS_SEED=n      replays only session n (the seed a failure printed)
//   CHORUS_LONG=1      random seeds for 30 minutes (CHORUS_LONG_MINUTES to change)
// A failing session prints its seed and writes its log to
// $CHORUS_BINARY_DIR/differential-failures/seed-<n>.txt.
#include "differential/session.h"
#include "differential/yjsprocess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Chorus::Crdt::Testing;
using namespace Qt::StringLiterals;

class TestDifferential : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sessions();

private:
    bool runOne(quint64 seed, QString *failure);
    YjsProcess m_yjs;
    QStringList m_failedSeeds;
};

void TestDifferential::initTestCase()
{
    QString why;
    if (!m_yjs.start(&why)) {
        QSKIP(qPrintable(why));
    }
}

bool TestDifferential::runOne(quint64 seed, QString *failure)
{
    Session s(m_yjs, seed);
    if (s.run(failure)) {
        return true;
    }
    const QString dir = qEnvironmentVariable("CHORUS_BINARY_DIR", QDir::currentPath())
        + u"/differential-failures"_s;
    QDir().mkpath(dir);
    QFile f(dir + u"/seed-%1.txt"_s.arg(seed));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        f.write(
            u"replay: CHORUS_SEED=%1 ctest -R tst_differential --output-on-failure\n"_s.arg(seed)
                .toUtf8());
        f.write(s.log().join(u'\n').toUtf8());
        f.write("\n");
    }
    qWarning().noquote() << u"session seed %1 FAILED (log: %2): %3"_s.arg(seed).arg(f.fileName(),
                                                                                    *failure);
    return false;
}

void TestDifferential::sessions()
{
    QElapsedTimer clock;
    clock.start();
    int run = 0;
    QStringList failures;
    auto one = [&](quint64 seed) {
        QString failure;
        ++run;
        if (!runOne(seed, &failure)) {
            failures.append(u"seed %1: %2"_s.arg(seed).arg(failure.left(400)));
        }
    };
    bool ok = false;
    const quint64 only = qEnvironmentVariable("CHORUS_SEED").toULongLong(&ok);
    if (ok) {
        qInfo("replaying session seed %llu", only);
        one(only);
    } else if (qEnvironmentVariableIntValue("CHORUS_LONG") == 1) {
        const int minutes = qEnvironmentVariableIsSet("CHORUS_LONG_MINUTES")
            ? qEnvironmentVariableIntValue("CHORUS_LONG_MINUTES")
            : 30;
        const QDeadlineTimer end(qint64(minutes) * 60 * 1000);
        while (!end.hasExpired() && failures.size() < 50) {
            const quint64 seed = QRandomGenerator::system()->generate64() >> 16;
            if (run % 100 == 0) {
                qInfo("%d sessions so far; now seed %llu", run, seed);
            }
            one(seed);
        }
    } else {
        const int n = qEnvironmentVariableIsSet("CHORUS_SESSIONS")
            ? qEnvironmentVariableIntValue("CHORUS_SESSIONS")
            : 1000;
        qInfo("sessions with seeds 1..%d (CHORUS_SEED=n replays one)", n);
        for (int seed = 1; seed <= n && failures.size() < 50; ++seed) {
            one(quint64(seed));
        }
    }
    qInfo("%d sessions in %.1f s, %lld failed", run, clock.elapsed() / 1000.0,
          qlonglong(failures.size()));
    if (!failures.isEmpty()) {
        QFAIL(qPrintable(
            u"%1 of %2 sessions failed (replay one with CHORUS_SEED=n):\n"_s.arg(failures.size())
                .arg(run)
            + failures.join(u'\n')));
    }
}

int main(int argc, char **argv)
{
    // The long mode runs one test function for 30 minutes: lift QTest's 5-minute watchdog
    // (ctest's TIMEOUT still bounds the run).
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT")) {
        qputenv("QTEST_FUNCTION_TIMEOUT", "2400000");
    }
    QCoreApplication app(argc, argv);
    TestDifferential test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_differential.moc"
