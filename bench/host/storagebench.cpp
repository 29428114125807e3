// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-bench-storage: how long the host's main thread spends in Storage::commit() when every
// commit carries one small update, as in a busy session (Server::flush commits once per
// event-loop turn). Commits are paced at --rate per second over --docs documents for --seconds;
// every --compact-every updates of a document a compaction is requested from the Compactor, as
// the server does. Prints the distribution of commit durations and the largest WAL file seen.
//
// The data directory must be on the disk under test (not a tmpfs): by default a fresh folder
// beside the program.
#include "crdt/lib0encoder.h"
#include "host/storage/compactor.h"
#include "host/storage/storage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Chorus;
using namespace Chorus::Host;

namespace {

// A Yjs v1 update that appends `text` to the root Y.Text "t" right after the client's previous
// insert, like typing: merged, the inserts of one client squash into one item.
QByteArray textAppend(quint32 client, quint64 clock, const QString &text)
{
    Crdt::Lib0Encoder e;
    e.writeVarUint(1);
    e.writeVarUint(1);
    e.writeVarUint(client);
    e.writeVarUint(clock);
    if (clock == 0) {
        e.writeUint8(4); // ContentString, parent by root name
        e.writeVarUint(1);
        e.writeVarString(QStringLiteral("t"));
    } else {
        e.writeUint8(4 | 0x80); // ContentString with an origin
        e.writeVarUint(client);
        e.writeVarUint(clock - 1);
    }
    e.writeVarString(text);
    e.writeVarUint(0); // empty delete set
    return e.take();
}

double percentile(const std::vector<qint64> &sorted, double p)
{
    if (sorted.empty()) {
        return 0;
    }
    const size_t i = std::min(sorted.size() - 1, size_t(p * double(sorted.size())));
    return double(sorted[i]) / 1000.0; // ns -> us
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Storage::commit() latency benchmark"));
    parser.addHelpOption();
    const QCommandLineOption dirOpt(
        QStringLiteral("dir"), QStringLiteral("data directory (wiped first)"),
        QStringLiteral("dir"),
        QCoreApplication::applicationDirPath() + QStringLiteral("/storagebench-data"));
    const QCommandLineOption syncOpt(QStringLiteral("sync"), QStringLiteral("full or normal"),
                                     QStringLiteral("mode"), QStringLiteral("normal"));
    const QCommandLineOption docsOpt(QStringLiteral("docs"), QStringLiteral("documents"),
                                     QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption rateOpt(QStringLiteral("rate"), QStringLiteral("commits per second"),
                                     QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"), QStringLiteral("duration"),
                                        QStringLiteral("s"), QStringLiteral("20"));
    const QCommandLineOption compactOpt(QStringLiteral("compact-every"),
                                        QStringLiteral("updates per document between compactions"),
                                        QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption bytesOpt(QStringLiteral("text-bytes"),
                                      QStringLiteral("characters inserted per update"),
                                      QStringLiteral("n"), QStringLiteral("16"));
    const QCommandLineOption poissonOpt(
        QStringLiteral("poisson"),
        QStringLiteral("random (exponential) gaps between commits instead of even ones"));
    const QCommandLineOption policyOpt(
        QStringLiteral("checkpoint-policy"),
        QStringLiteral("the Compactor's checkpoint interval, catch-up and restart thresholds"),
        QStringLiteral("ms,frames,frames"));
    parser.addOptions({ dirOpt, syncOpt, docsOpt, rateOpt, secondsOpt, compactOpt, bytesOpt,
                        poissonOpt, policyOpt });
    parser.process(app);

    const QString dir = parser.value(dirOpt);
    const bool full = parser.value(syncOpt) == u"full";
    const int docs = qMax(1, parser.value(docsOpt).toInt());
    const double rate = qMax(1.0, parser.value(rateOpt).toDouble());
    const double seconds = qMax(0.1, parser.value(secondsOpt).toDouble());
    const int compactEvery = qMax(2, parser.value(compactOpt).toInt());
    const QString text(qMax(1, parser.value(bytesOpt).toInt()), QLatin1Char('x'));
    const bool poisson = parser.isSet(poissonOpt);

    QDir(dir).removeRecursively();
    const ServerOptions::SyncMode sync
        = full ? ServerOptions::SyncMode::Full : ServerOptions::SyncMode::Normal;
    Storage storage;
    QString error;
    if (!storage.open(dir, sync, &error)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(dir), qPrintable(error));
        return 1;
    }
    Compactor compactor(dir, sync, &storage);
    if (parser.isSet(policyOpt)) {
        const QStringList p = parser.value(policyOpt).split(QLatin1Char(','));
        if (p.size() == 3) {
            compactor.setCheckpointPolicy(p[0].toInt(), p[1].toLongLong(), p[2].toLongLong());
        }
    }

    struct Doc
    {
        qint64 id = 0;
        quint64 clock = 0;
        int sinceCompaction = 0;
        bool compacting = false;
    };
    std::vector<Doc> documents(docs);
    for (int i = 0; i < docs; ++i) {
        const auto d = storage.createDocument(QStringLiteral("bench-%1").arg(i), 0);
        if (!d) {
            std::fprintf(stderr, "cannot create a document\n");
            return 1;
        }
        documents[i].id = d->id;
    }
    qint64 compactions = 0;
    qint64 compactionFailures = 0;
    QObject::connect(&compactor, &Compactor::compacted, &app,
                     [&](qint64 documentId, qint64, bool ok) {
                         for (Doc &d : documents) {
                             if (d.id == documentId) {
                                 d.compacting = false;
                             }
                         }
                         ++(ok ? compactions : compactionFailures);
                     });

    qint64 checkpoints = 0;
    qint64 restarts = 0;
    qint64 caughtUp = 0;
    QObject::connect(&compactor, &Compactor::checkpointed, &app,
                     [&](qint64 log, qint64 done, bool restart) {
                         ++checkpoints;
                         if (qEnvironmentVariableIsSet("CHORUS_BENCH_VERBOSE")) {
                             std::fprintf(stderr, "checkpoint log %lld done %lld restart %d\n",
                                          qlonglong(log), qlonglong(done), int(restart));
                         }
                         restarts += restart;
                         caughtUp += log == done;
                     });
    const QString walPath = storage.filePath() + QStringLiteral("-wal");
    qint64 maxWal = 0;
    std::vector<qint64> durations;
    durations.reserve(size_t(rate * seconds) + 16);
    qint64 done = 0;
    const qint64 total = qint64(rate * seconds);
    int failures = 0;
    qint64 replacingCommits = 0; // commits that also wrote a merged update
    qint64 maxReplacingNs = 0;
    // When the next commit is due, in ns from the start.
    QRandomGenerator random(42);
    double nextDueNs = 0;
    const auto advance = [&] {
        const double gap = 1e9 / rate;
        nextDueNs += poisson ? -std::log(1.0 - random.generateDouble()) * gap : gap;
    };
    QElapsedTimer clock;
    QElapsedTimer commitTimer;
    QTimer pace;
    pace.setTimerType(Qt::PreciseTimer);
    pace.setInterval(1);
    QObject::connect(&pace, &QTimer::timeout, &app, [&] {
        const double nowNs = double(clock.nsecsElapsed());
        while (done < total && nextDueNs <= nowNs) {
            advance();
            Doc &d = documents[size_t(done % docs)];
            storage.append(d.id,
                           textAppend(quint32(1000 + (&d - documents.data())), d.clock, text));
            d.clock += quint64(text.size());
            const bool replacing = storage.hasQueuedReplacements();
            commitTimer.start();
            if (!storage.commit(&error)) {
                ++failures;
            }
            durations.push_back(commitTimer.nsecsElapsed());
            if (replacing) {
                ++replacingCommits;
                maxReplacingNs = qMax(maxReplacingNs, durations.back());
            }
            ++done;
            if (++d.sinceCompaction >= compactEvery && !d.compacting) {
                d.sinceCompaction = 0;
                d.compacting = true;
                compactor.request(d.id, storage.lastInsertedId());
            }
        }
        if (done % 50 == 0) {
            maxWal = qMax(maxWal, QFileInfo(walPath).size());
        }
        if (done >= total) {
            pace.stop();
            app.quit();
        }
    });
    clock.start();
    pace.start();
    app.exec();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    maxWal = qMax(maxWal, QFileInfo(walPath).size());

    std::vector<qint64> sorted = durations;
    std::sort(sorted.begin(), sorted.end());
    qint64 over1 = 0;
    qint64 over5 = 0;
    qint64 slowNs = 0; // time spent in commits over 1 ms: how long the event loop stalled
    for (qint64 ns : sorted) {
        slowNs += ns > 1'000'000 ? ns : 0;
        over1 += ns > 1'000'000;
        over5 += ns > 5'000'000;
    }
    qint64 rows = 0;
    for (const Doc &d : documents) {
        rows += storage.rowCount(d.id);
    }
    std::printf("{\"sync\":\"%s\",\"docs\":%d,\"rate\":%g,\"seconds\":%.1f,\"commits\":%lld,"
                "\"failures\":%d,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,"
                "\"p999_us\":%.1f,\"max_us\":%.1f,\"over_1ms\":%lld,\"over_5ms\":%lld,"
                "\"compactions\":%lld,\"compaction_failures\":%lld,\"rows_left\":%lld,"
                "\"max_wal_bytes\":%lld,\"checkpoints\":%lld,\"caught_up\":%lld,"
                "\"restart_checkpoints\":%lld,\"ms_in_slow_commits\":%.1f,"
                "\"replacing_commits\":%lld,\"max_replacing_us\":%.1f}\n",
                full ? "full" : "normal", docs, rate, elapsed, qlonglong(sorted.size()), failures,
                percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99),
                percentile(sorted, 0.999), sorted.empty() ? 0.0 : double(sorted.back()) / 1000.0,
                qlonglong(over1), qlonglong(over5), qlonglong(compactions),
                qlonglong(compactionFailures), qlonglong(rows), qlonglong(maxWal),
                qlonglong(checkpoints), qlonglong(caughtUp), qlonglong(restarts),
                double(slowNs) / 1e6, qlonglong(replacingCommits), double(maxReplacingNs) / 1e3);
    return failures == 0 && compactionFailures == 0 ? 0 : 1;
}
