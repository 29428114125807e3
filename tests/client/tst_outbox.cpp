// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The on-disk outbox: entries survive a reload in order, removal deletes the files, a torn
// or corrupt entry is set aside, compaction merges, and the epoch is remembered per folder.
#include "client/outbox.h"
#include "crdt/doc.h"
#include "crdt/text.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Chorus;
using namespace Chorus::Client;

class TestOutbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendReloadRemove();
    void tornTailCut();
    void invalidUpdateSkipped();
    void manyEntriesRewriteTheLog();
    void secondInstanceIsReadOnly();
    void lockOfACrashedProcessIsTakenOver();
    void compactMerges();
    void epochPerFolder();
    void directoryPerUrl();
    void filesAreOwnerOnly();
};

namespace {
QList<QByteArray> typeUpdates(const QStringList &pieces)
{
    Crdt::Doc doc(7);
    QList<QByteArray> out;
    doc.onUpdate([&](const QByteArray &u, Crdt::Origin, bool) { out.append(u); });
    for (const QString &p : pieces) {
        doc.text(QStringLiteral("content")).insert(doc.text(QStringLiteral("content")).length(), p);
    }
    return out;
}
} // namespace

void TestOutbox::appendReloadRemove()
{
    QTemporaryDir tmp;
    const QList<QByteArray> updates
        = typeUpdates({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
    quint64 second = 0;
    {
        Outbox box(tmp.path());
        QVERIFY(box.isWritable());
        box.append(updates[0]);
        second = box.append(updates[1]);
        box.append(updates[2]);
        QCOMPARE(box.count(), 3);
    }
    {
        Outbox box(tmp.path());
        QCOMPARE(box.count(), 3);
        QCOMPARE(box.entries()[1].update, updates[1]);
        box.remove(second);
        QVERIFY(!box.contains(second));
    }
    Outbox reloaded(tmp.path());
    QCOMPARE(reloaded.count(), 2);
    QCOMPARE(reloaded.entries()[1].update, updates[2]);
    QVERIFY(reloaded.append(updates[1]) > reloaded.entries()[1].id); // ids keep growing
    reloaded.clear();
    QCOMPARE(reloaded.logSize(), 0); // an empty outbox is an empty log
    QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("outbox.log"))));
}

void TestOutbox::tornTailCut()
{
    QTemporaryDir tmp;
    const QList<QByteArray> updates = typeUpdates({ QStringLiteral("ok"), QStringLiteral("!") });
    {
        Outbox box(tmp.path());
        box.append(updates[0]);
        box.append(updates[1]);
    }
    // A crash in the middle of the last record's write: the file ends halfway through it.
    QFile log(tmp.filePath(QStringLiteral("outbox.log")));
    const qint64 full = log.size();
    QVERIFY(log.resize(full - 3));
    {
        Outbox box(tmp.path());
        QCOMPARE(box.count(), 1);
        QCOMPARE(box.entries().first().update, updates[0]);
        QVERIFY(box.logSize() < full - 3); // the torn record is cut off...
        box.append(updates[1]); // ...so new records follow a clean one
    }
    QCOMPARE(Outbox(tmp.path()).count(), 2);
}

void TestOutbox::invalidUpdateSkipped()
{
    QTemporaryDir tmp;
    QFile log(tmp.filePath(QStringLiteral("outbox.log")));
    QVERIFY(log.open(QIODevice::WriteOnly));
    // [Add][id 1][3 bytes that are no update] then a valid entry 2.
    const QByteArray good = typeUpdates({ QStringLiteral("fine") }).first();
    log.write(QByteArray::fromHex("010103ffffff") + QByteArray::fromHex("0102")
              + QByteArray(1, char(good.size())) + good);
    log.close();
    Outbox box(tmp.path());
    QCOMPARE(box.count(), 1);
    QCOMPARE(box.entries().first().id, quint64(2));
    QVERIFY(box.append(good) > 2);
}

void TestOutbox::manyEntriesRewriteTheLog()
{
    QTemporaryDir tmp;
    const QByteArray small = typeUpdates({ QStringLiteral("s") }).first();
    const QByteArray big = typeUpdates({ QString(20000, u'x') }).first();
    {
        Outbox box(tmp.path());
        box.append(small); // stays, so the log never simply empties
        for (int i = 0; i < 200; ++i) {
            box.remove(box.append(big)); // 4 MB of dead records in all
        }
        QCOMPARE(box.count(), 1);
        QVERIFY2(box.logSize() < 1024 * 1024 + 2 * big.size(),
                 qPrintable(QString::number(box.logSize()))); // rewritten along the way
    }
    Outbox reloaded(tmp.path());
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(reloaded.entries().first().update, small);
}

void TestOutbox::secondInstanceIsReadOnly()
{
    QTemporaryDir tmp;
    const QByteArray u = typeUpdates({ QStringLiteral("a") }).first();
    Outbox first(tmp.path());
    first.append(u);
    Outbox second(tmp.path()); // another app instance on the same room
    QVERIFY(!second.isWritable());
    QCOMPARE(second.count(), 1); // it sees the entries...
    second.append(u);
    second.clear(); // ...but never writes the folder
    QVERIFY(first.isWritable());
    first.append(u);
    QCOMPARE(first.count(), 2);
}

void TestOutbox::lockOfACrashedProcessIsTakenOver()
{
    QTemporaryDir tmp;
    {
        Outbox box(tmp.path());
        box.append(typeUpdates({ QStringLiteral("a") }).first());
    }
    // What a crash leaves: the lock file of a process that no longer runs.
    QFile lock(tmp.filePath(QStringLiteral("lock")));
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.write("999999\n\n\n");
    lock.close();
    Outbox box(tmp.path());
    QVERIFY2(box.isWritable(), qPrintable(box.errorString()));
    QCOMPARE(box.count(), 1);
}

void TestOutbox::compactMerges()
{
    QTemporaryDir tmp;
    Outbox box(tmp.path());
    for (const QByteArray &u :
         typeUpdates({ QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z") })) {
        box.append(u);
    }
    QVERIFY(box.compact() != 0);
    QCOMPARE(box.count(), 1);
    Crdt::Doc doc(9);
    QVERIFY(doc.applyUpdate(Outbox(tmp.path()).entries().first().update).ok());
    QCOMPARE(doc.text(QStringLiteral("content")).toString(), QStringLiteral("xyz"));
}

void TestOutbox::epochPerFolder()
{
    QTemporaryDir tmp;
    Outbox box(tmp.path());
    QVERIFY(box.epoch().isEmpty());
    box.setEpoch(QStringLiteral("E-42"));
    QCOMPARE(Outbox(tmp.path()).epoch(), QStringLiteral("E-42"));
}

void TestOutbox::directoryPerUrl()
{
    const QString a
        = Outbox::directoryFor(QUrl(QStringLiteral("ws://h:1/a")), QStringLiteral("/r"));
    const QString b
        = Outbox::directoryFor(QUrl(QStringLiteral("ws://h:1/b")), QStringLiteral("/r"));
    QVERIFY(a != b);
    QVERIFY(a.startsWith(QStringLiteral("/r/")));
    // User info and query never change the folder (nor end up in a path).
    QCOMPARE(Outbox::directoryFor(QUrl(QStringLiteral("ws://u:p@h:1/a?x=1")), QStringLiteral("/r")),
             a);
}

// Unsent edits are document text: the folder is 0700 and every file 0600, whatever the umask;
// a folder and log left by an older version are tightened.
void TestOutbox::filesAreOwnerOnly()
{
    const auto mode = [](const QString &path) {
        struct stat st = {};
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
    };
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("box"));
    QVERIFY(QDir().mkpath(dir));
    QFile old(dir + QStringLiteral("/outbox.log"));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.close();
    QCOMPARE(::chmod(QFile::encodeName(dir).constData(), 0755), 0);
    QCOMPARE(::chmod(QFile::encodeName(old.fileName()).constData(), 0644), 0);
    {
        Outbox box(dir);
        const QList<QByteArray> updates = typeUpdates({ QStringLiteral("a"), QStringLiteral("b") });
        box.append(updates[0]);
        box.append(updates[1]);
        box.setEpoch(QStringLiteral("E-1"));
        QVERIFY(box.compact() > 0); // rewrites the log through a new file
    }
    QCOMPARE(mode(dir), 0700);
    const QStringList files = QDir(dir).entryList(QDir::Files);
    QVERIFY(files.contains(QStringLiteral("outbox.log")));
    QVERIFY(files.contains(QStringLiteral("epoch")));
    for (const QString &f : files) {
        QVERIFY2(f == QStringLiteral("lock") || mode(dir + u'/' + f) == 0600, qPrintable(f));
    }
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
