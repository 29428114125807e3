// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Storage and Compactor without the network layer: compaction replaces exactly the rows it
// merged and survives a reopen, a commit never waits for the compactor, and the WAL is
// checkpointed from the compactor's thread so that it stops growing.
#include "crdt/lib0encoder.h"
#include "crdt/updates.h"
#include "host/storage/compactor.h"
#include "host/storage/storage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Chorus;
using namespace Chorus::Host;

namespace {

// A Yjs v1 update that appends `text` to the root Y.Text "t" right after the client's previous
// insert (typing), so that merging squashes a client's inserts into one item.
QByteArray textAppend(quint32 client, quint64 clock, const QString &text)
{
    Crdt::Lib0Encoder e;
    e.writeVarUint(1);
    e.writeVarUint(1);
    e.writeVarUint(client);
    e.writeVarUint(clock);
    if (clock == 0) {
        e.writeUint8(4);
        e.writeVarUint(1);
        e.writeVarString(QStringLiteral("t"));
    } else {
        e.writeUint8(4 | 0x80);
        e.writeVarUint(client);
        e.writeVarUint(clock - 1);
    }
    e.writeVarString(text);
    e.writeVarUint(0);
    return e.take();
}

// A document being typed into by one client.
struct Typist
{
    qint64 documentId = 0;
    quint32 client = 0;
    quint64 clock = 0;
    QList<QByteArray> sent;

    void type(Storage &s, const QString &text = QStringLiteral("abcdefghijklmnop"))
    {
        const QByteArray u = textAppend(client, clock, text);
        clock += quint64(text.size());
        sent.append(u);
        s.append(documentId, u);
    }
};

QByteArray merged(const QList<QByteArray> &updates)
{
    const Crdt::UpdateResult r = Crdt::mergeUpdates(updates);
    return r.ok() ? r.update : QByteArray("merge failed");
}

QList<QByteArray> loadAll(Storage &s, const QString &name)
{
    const auto loaded = s.load(name);
    return loaded ? loaded->updates : QList<QByteArray> {};
}

} // namespace

class tst_Storage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataDir;
    int m_run = 0;

    Typist newDocument(Storage &s, const QString &name, quint32 client)
    {
        const auto d = s.createDocument(name, 0);
        Typist t;
        t.documentId = d ? d->id : -1;
        t.client = client;
        return t;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_dataDir = m_dir.filePath(QStringLiteral("run%1").arg(++m_run));
    }

    void replacementKeepsRowsAfterUpToId()
    {
        Storage s;
        QString error;
        QVERIFY2(s.open(m_dataDir, ServerOptions::SyncMode::Normal, &error), qPrintable(error));
        Typist a = newDocument(s, QStringLiteral("a"), 1);
        Typist b = newDocument(s, QStringLiteral("b"), 2);
        for (int i = 0; i < 6; ++i) {
            a.type(s);
            b.type(s);
            QVERIFY(s.commit(&error));
        }
        const qint64 upTo = s.lastInsertedId();
        const QList<QByteArray> merging = s.logUpTo(a.documentId, upTo);
        QCOMPARE(merging.size(), 6);
        // The log grows after the compactor read it: those rows must stay.
        for (int i = 0; i < 4; ++i) {
            a.type(s);
            QVERIFY(s.commit(&error));
        }
        s.queueReplacement(a.documentId, upTo, merged(merging));
        QVERIFY2(s.commitReplacements(&error), qPrintable(error));
        QCOMPARE(s.rowCount(a.documentId), 1 + 4);
        QCOMPARE(s.rowCount(b.documentId), 6);
        const QList<QByteArray> rows = loadAll(s, QStringLiteral("a"));
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.first(), merged(merging));
        QCOMPARE(rows.mid(1), a.sent.mid(6)); // the newer rows, unchanged and in order
        QCOMPARE(merged(rows), merged(a.sent));
        QCOMPARE(loadAll(s, QStringLiteral("b")), b.sent);
    }

    void queuedReplacementRidesTheNextCommit()
    {
        Storage s;
        QString error;
        QVERIFY(s.open(m_dataDir, ServerOptions::SyncMode::Full, &error));
        Typist a = newDocument(s, QStringLiteral("a"), 1);
        for (int i = 0; i < 10; ++i) {
            a.type(s);
        }
        QVERIFY(s.commit(&error));
        const qint64 upTo = s.lastInsertedId();
        s.queueReplacement(a.documentId, upTo, merged(s.logUpTo(a.documentId, upTo)));
        QVERIFY(s.hasQueuedReplacements());
        QVERIFY(!s.hasPending());
        a.type(s); // appended after the merge was made: id > upTo
        QVERIFY(s.commit(&error));
        QVERIFY(!s.hasQueuedReplacements());
        QCOMPARE(s.rowCount(a.documentId), 2);
        QCOMPARE(merged(loadAll(s, QStringLiteral("a"))), merged(a.sent));
        // A replacement alone is written by commitReplacements(), but not while updates wait.
        s.queueReplacement(a.documentId, s.lastInsertedId(),
                           merged(s.logUpTo(a.documentId, s.lastInsertedId())));
        a.type(s);
        QVERIFY(s.commitReplacements(&error));
        QVERIFY(s.hasQueuedReplacements());
        QVERIFY(s.commit(&error));
        QCOMPARE(s.rowCount(a.documentId), 2);
        s.queueReplacement(a.documentId, s.lastInsertedId(),
                           merged(s.logUpTo(a.documentId, s.lastInsertedId())));
        QVERIFY(s.commitReplacements(&error));
        QCOMPARE(s.rowCount(a.documentId), 1);
        QCOMPARE(loadAll(s, QStringLiteral("a")), QList<QByteArray> { merged(a.sent) });
    }

    // The whole path the server takes: the Compactor merges on its thread while the host keeps
    // committing, the host's commit writes the replacement, and a reopen reads the same content.
    void compactorThenReopen()
    {
        QList<Typist> docs;
        {
            Storage s;
            QString error;
            QVERIFY(s.open(m_dataDir, ServerOptions::SyncMode::Normal, &error));
            Compactor compactor(m_dataDir, ServerOptions::SyncMode::Normal, &s);
            QSignalSpy compacted(&compactor, &Compactor::compacted);
            for (int d = 0; d < 3; ++d) {
                docs.append(newDocument(s, QStringLiteral("doc%1").arg(d), quint32(10 + d)));
            }
            for (int i = 0; i < 300; ++i) {
                docs[i % 3].type(s);
                QVERIFY(s.commit(&error));
            }
            for (const Typist &t : std::as_const(docs)) {
                compactor.request(t.documentId, s.lastInsertedId());
            }
            // The log keeps growing while the compactor works.
            for (int i = 0; compacted.size() < 3 && i < 500; ++i) {
                docs[i % 3].type(s);
                QVERIFY(s.commit(&error));
                QTest::qWait(2);
            }
            QTRY_COMPARE_WITH_TIMEOUT(compacted.size(), 3, 10000);
            for (const auto &args : std::as_const(compacted)) {
                QCOMPARE(args.at(1).toLongLong(), 100);
                QVERIFY(args.at(2).toBool());
            }
            // Queued on the host's storage: written within IdleApplyMs once the host is idle.
            QVERIFY(s.hasQueuedReplacements());
            QTRY_VERIFY_WITH_TIMEOUT(!s.hasQueuedReplacements(), 5000);
            for (const Typist &t : std::as_const(docs)) {
                QCOMPARE(s.rowCount(t.documentId), 1 + (t.sent.size() - 100));
            }
        }
        Storage reopened;
        QString error;
        QVERIFY(reopened.open(m_dataDir, ServerOptions::SyncMode::Normal, &error));
        for (int d = 0; d < 3; ++d) {
            const QList<QByteArray> rows = loadAll(reopened, QStringLiteral("doc%1").arg(d));
            QCOMPARE(rows.first(), merged(docs[d].sent.mid(0, 100)));
            QCOMPARE(rows.mid(1), docs[d].sent.mid(100));
            QCOMPARE(merged(rows), merged(docs[d].sent));
        }
    }

    // The compactor reads and merges big logs on its thread; meanwhile every host commit stays
    // short, because nothing on that thread takes the write lock.
    void commitDoesNotWaitForCompactor()
    {
        Storage s;
        QString error;
        QVERIFY(s.open(m_dataDir, ServerOptions::SyncMode::Normal, &error));
        Compactor compactor(m_dataDir, ServerOptions::SyncMode::Normal, &s);
        QSignalSpy compacted(&compactor, &Compactor::compacted);
        QList<Typist> docs;
        for (int d = 0; d < 4; ++d) {
            docs.append(newDocument(s, QStringLiteral("big%1").arg(d), quint32(20 + d)));
        }
        for (int i = 0; i < 8000; ++i) {
            docs[i % 4].type(s);
            if (i % 200 == 199) {
                QVERIFY(s.commit(&error));
            }
        }
        QVERIFY(s.commit(&error));
        for (const Typist &t : std::as_const(docs)) {
            compactor.request(t.documentId, s.lastInsertedId());
        }
        // A third connection that never waits: its BEGIN IMMEDIATE fails only while another
        // connection (the compactor's, since the host's commits run on this thread) holds the
        // write lock.
        int probeBusy = 0;
        {
            QSqlDatabase probe
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            probe.setDatabaseName(s.filePath());
            probe.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QVERIFY(probe.open());
        }
        const auto probeWriteLock = [&probeBusy] {
            QSqlQuery q(QSqlDatabase::database(QStringLiteral("probe"), false));
            if (q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                q.exec(QStringLiteral("ROLLBACK"));
            } else {
                ++probeBusy;
            }
        };
        std::vector<qint64> ns; // commits of one update
        qint64 replacingNs = 0; // the slowest commit that also wrote a merged update
        QElapsedTimer timer;
        QElapsedTimer deadline;
        deadline.start();
        for (int i = 0;
             (compacted.size() < 4 || s.hasQueuedReplacements()) && !deadline.hasExpired(60000);
             ++i) {
            docs[i % 4].type(s);
            const bool replacing = s.hasQueuedReplacements();
            timer.start();
            QVERIFY(s.commit(&error));
            const qint64 took = timer.nsecsElapsed();
            if (replacing) {
                replacingNs = qMax(replacingNs, took);
            } else {
                ns.push_back(took);
            }
            probeWriteLock();
            if (i % 10 == 0) {
                QCoreApplication::processEvents();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        QCOMPARE(compacted.size(), 4);
        QCOMPARE(probeBusy, 0);
        std::sort(ns.begin(), ns.end());
        QVERIFY(ns.size() > 10);
        const double maxMs = double(ns.back()) / 1e6;
        qInfo("%zu commits while compacting 4 x 2000 rows: p50 %.3f ms, max %.3f ms; "
              "the slowest commit writing a merged update (2000 rows out) %.3f ms",
              ns.size(), double(ns[ns.size() / 2]) / 1e6, maxMs, double(replacingNs) / 1e6);
        // A generous bound for a loaded machine: a commit that waited on the busy handler for
        // the compactor's write would show up as tens of milliseconds or more.
        QVERIFY2(maxMs < 100, qPrintable(QStringLiteral("max commit %1 ms").arg(maxMs)));
        QVERIFY(!s.hasQueuedReplacements());
        for (const Typist &t : std::as_const(docs)) {
            QCOMPARE(s.rowCount(t.documentId), 1 + (t.sent.size() - 2000));
            QCOMPARE(merged(loadAll(s, QStringLiteral("big%1").arg(t.client - 20))),
                     merged(t.sent));
        }
    }

    // 20,000 single-update commits: the compactor's thread checkpoints, and the WAL file stops
    // growing (without checkpoints it would pass 150 MB).
    void walIsCheckpointed()
    {
        Storage s;
        QString error;
        QVERIFY(s.open(m_dataDir, ServerOptions::SyncMode::Normal, &error));
        Compactor compactor(m_dataDir, ServerOptions::SyncMode::Normal, &s);
        constexpr qint64 restartFrames = 2000; // about 8 MB
        compactor.setCheckpointPolicy(20, restartFrames / 4, restartFrames);
        QSignalSpy checkpointed(&compactor, &Compactor::checkpointed);
        QList<Typist> docs;
        for (int d = 0; d < 10; ++d) {
            docs.append(newDocument(s, QStringLiteral("w%1").arg(d), quint32(40 + d)));
        }
        const QString wal = s.filePath() + QStringLiteral("-wal");
        qint64 maxWal = 0;
        for (int i = 0; i < 20000; ++i) {
            docs[i % 10].type(s);
            QVERIFY(s.commit(&error));
            if (i % 20 == 0) {
                // A host's event loop does other work between commits; a writer that never
                // pauses would starve every checkpoint that needs a gap.
                maxWal = qMax(maxWal, QFileInfo(wal).size());
                QTest::qWait(1);
            }
        }
        QCoreApplication::processEvents();
        maxWal = qMax(maxWal, QFileInfo(wal).size());
        qInfo("max WAL %lld bytes, %lld checkpoints", qlonglong(maxWal),
              qlonglong(checkpointed.size()));
        QVERIFY(!checkpointed.isEmpty());
        // Frames are page + 24 bytes; a restart is due past restartFrames, and the writer may
        // add a few thousand frames while it waits for its turn on a loaded machine.
        QVERIFY2(maxWal < 4 * restartFrames * 4120,
                 qPrintable(QStringLiteral("WAL grew to %1 bytes").arg(maxWal)));
        for (const Typist &t : std::as_const(docs)) {
            QCOMPARE(s.rowCount(t.documentId), 2000);
        }
    }

    // A data directory written before the log was clustered by (doc, id) opens with its rows.
    void migratesTheOldLog()
    {
        QVERIFY(QDir().mkpath(m_dataDir));
        const QString path = m_dataDir + QStringLiteral("/chorus.sqlite");
        QList<QByteArray> a;
        QList<QByteArray> b;
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                "epoch TEXT NOT NULL, created INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE updates (id INTEGER PRIMARY KEY, "
                                          "doc INTEGER NOT NULL, data BLOB NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE INDEX updates_doc ON updates(doc, id)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO documents VALUES (1, 'a', 'e1', 0), (2, 'b', 'e2', 0)")));
            QVERIFY(
                q.prepare(QStringLiteral("INSERT INTO updates(id, doc, data) VALUES (?, ?, ?)")));
            for (int i = 0; i < 10; ++i) {
                QList<QByteArray> &rows = i % 3 == 0 ? b : a;
                const quint32 client = i % 3 == 0 ? 2 : 1;
                const QByteArray u
                    = textAppend(client, quint64(rows.size()) * 3, QStringLiteral("xyz"));
                rows.append(u);
                q.addBindValue(i + 5);
                q.addBindValue(i % 3 == 0 ? 2 : 1);
                q.addBindValue(u);
                QVERIFY(q.exec());
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        Storage s;
        QString error;
        QVERIFY2(s.open(m_dataDir, ServerOptions::SyncMode::Normal, &error), qPrintable(error));
        QCOMPARE(s.lastInsertedId(), 14);
        QCOMPARE(loadAll(s, QStringLiteral("a")), a);
        QCOMPARE(loadAll(s, QStringLiteral("b")), b);
        s.append(1, textAppend(1, quint64(a.size()) * 3, QStringLiteral("xyz")));
        QVERIFY(s.commit(&error));
        QCOMPARE(s.lastInsertedId(), 15);
        QCOMPARE(s.rowCount(1), a.size() + 1);
        s.close();
        Storage again; // opening a second time finds nothing left to move
        QVERIFY(again.open(m_dataDir, ServerOptions::SyncMode::Normal, &error));
        QCOMPARE(again.lastInsertedId(), 15);
        QCOMPARE(again.rowCount(2), b.size());
    }

    // In memory the host's thread only reads the rows: request() returns before anything is
    // merged or written, and the merge comes back to be swapped in like one from disk.
    void inMemoryMergesOffTheHostThread()
    {
        Storage s;
        QString error;
        QVERIFY(s.open(QString(), ServerOptions::SyncMode::Normal, &error));
        Compactor compactor(QString(), ServerOptions::SyncMode::Normal, &s);
        QSignalSpy compacted(&compactor, &Compactor::compacted);
        Typist a = newDocument(s, QStringLiteral("a"), 1);
        for (int i = 0; i < 20; ++i) {
            a.type(s);
        }
        QVERIFY(s.commit(&error));
        compactor.request(a.documentId, s.lastInsertedId());
        QCOMPARE(s.rowCount(a.documentId), 20);
        QTRY_COMPARE(compacted.size(), 1);
        QCOMPARE(compacted.first().at(1).toLongLong(), 20);
        QVERIFY(compacted.first().at(2).toBool());
        // Written by the idle apply (nothing else commits here).
        QTRY_COMPARE(s.rowCount(a.documentId), 1);
        QCOMPARE(loadAll(s, QStringLiteral("a")), QList<QByteArray> { merged(a.sent) });
        QVERIFY(s.checkpoint(Storage::CheckpointMode::Passive).ok);
    }
};

QTEST_GUILESS_MAIN(tst_Storage)
#include "tst_storage.moc"
