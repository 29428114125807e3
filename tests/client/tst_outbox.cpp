// The on-disk outbox: entries survive a reload in order, removal deletes the files, a torn
// or corrupt entry is set aside, compaction merges, and the epoch is remembered per folder.
#include "client/outbox.h"
#include "crdt/doc.h"
#include "crdt/text.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus;
using namespace Chorus::Client;

class TestOutbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendReloadRemove();
    void corruptEntriesSetAside();
    void compactMerges();
    void epochPerFolder();
    void directoryPerUrl();
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
    Outbox box(tmp.path());
    QCOMPARE(box.count(), 3);
    QCOMPARE(box.entries()[1].update, updates[1]);
    box.remove(second);
    QVERIFY(!box.contains(second));
    Outbox reloaded(tmp.path());
    QCOMPARE(reloaded.count(), 2);
    QCOMPARE(reloaded.entries()[1].update, updates[2]);
    QVERIFY(reloaded.append(updates[1]) > reloaded.entries()[1].id); // ids keep growing
    reloaded.clear();
    QCOMPARE(QDir(tmp.path()).entryList({ QStringLiteral("*.update") }).size(), 0);
}

void TestOutbox::corruptEntriesSetAside()
{
    QTemporaryDir tmp;
    {
        Outbox box(tmp.path());
        box.append(typeUpdates({ QStringLiteral("ok") }).first());
    }
    QFile bad(tmp.filePath(QStringLiteral("00000000000000ff.update")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("\x01\x02\x03");
    bad.close();
    QFile torn(tmp.filePath(QStringLiteral("0000000000000100.update.tmp")));
    QVERIFY(torn.open(QIODevice::WriteOnly));
    torn.write("\x01");
    torn.close();
    Outbox box(tmp.path());
    QCOMPARE(box.count(), 1);
    QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("00000000000000ff.update.bad"))));
    QVERIFY(!torn.exists());
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

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
