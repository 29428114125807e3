// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentConnection against the real Chorus host (server/host, in-process on 127.0.0.1): chorus.1
// acks empty the outbox, the token is accepted or refused, offline edits survive a host restart on
// the same data, and a host that lost its data (a new epoch) is not merged into.
#include "client/documentconnection.h"
#include "connectionpeer.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "host/rooms/server.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Chorus;
using namespace Chorus::Client;

namespace {
constexpr int Wait = 15000;

using Peer = ConnectionPeer;
} // namespace

class TestDocumentConnectionHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void convergeWithAcks();
    void token();
    void offlineAcrossHostRestart();
    void newEpochIsNotMerged();

private:
    std::unique_ptr<Host::Server> startHost(const QString &dataDir, quint16 port = 0,
                                            const QByteArray &token = {});
    void stopHost(std::unique_ptr<Host::Server> &host);
    Peer makePeer(const QUrl &url, Crdt::ClientId id, const QString &outbox = QString(),
                  const QString &token = QString());

    std::unique_ptr<QTemporaryDir> m_tmp;
    int m_outboxes = 0;
};

void TestDocumentConnectionHost::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

std::unique_ptr<Host::Server>
TestDocumentConnectionHost::startHost(const QString &dataDir, quint16 port, const QByteArray &token)
{
    Host::ServerOptions options;
    options.port = port;
    options.dataDir = dataDir;
    options.token = token;
    options.sync = Host::ServerOptions::SyncMode::Normal;
    auto host = std::make_unique<Host::Server>(options);
    if (!host->start()) {
        qWarning() << "host did not start:" << host->errorString();
        return nullptr;
    }
    return host;
}

void TestDocumentConnectionHost::stopHost(std::unique_ptr<Host::Server> &host)
{
    QSignalSpy stopped(host.get(), &Host::Server::stopped);
    host->stop();
    QVERIFY(stopped.size() > 0 || stopped.wait(Wait));
    host.reset();
}

Peer TestDocumentConnectionHost::makePeer(const QUrl &url, Crdt::ClientId id, const QString &outbox,
                                          const QString &token)
{
    DocumentConnection::Options o;
    o.url = url;
    o.token = token;
    o.outboxRoot
        = outbox.isEmpty() ? m_tmp->filePath(QStringLiteral("outbox%1").arg(++m_outboxes)) : outbox;
    o.backoffSeed = quint32(id);
    o.backoffInitialMs = 50;
    o.backoffCapMs = 400;
    Peer p;
    p.doc = std::make_unique<Crdt::Doc>(id);
    p.session = std::make_unique<DocumentConnection>(p.doc.get(), o);
    return p;
}

void TestDocumentConnectionHost::convergeWithAcks()
{
    auto host = startHost(m_tmp->filePath(QStringLiteral("data")));
    QVERIFY(host);
    QUrl url = host->url();
    url.setPath(QStringLiteral("/notes"));
    Peer a = makePeer(url, 101);
    Peer b = makePeer(url, 202);
    a.session->start();
    b.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(a.session->isSynced() && b.session->isSynced(), Wait);
    QVERIFY(a.session->acknowledgementsSupported());
    QVERIFY(!a.session->hostEpoch().isEmpty());
    QCOMPARE(a.session->knownEpoch(), a.session->hostEpoch());
    a.insert(0, QStringLiteral("hello"));
    b.insert(0, QStringLiteral("world "));
    QTRY_VERIFY_WITH_TIMEOUT(a.text() == b.text() && a.text().size() == 11, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(a.session->unsyncedCount(), 0, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(b.session->unsyncedCount(), 0, Wait);
    a.session->setLocalState(
        { { QStringLiteral("user"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Ann") } } } });
    QTRY_COMPARE_WITH_TIMEOUT(b.session->peers().size(), 1, Wait);
    stopHost(host);
}

void TestDocumentConnectionHost::token()
{
    auto host = startHost(QString(), 0, QByteArrayLiteral("s3cret"));
    QVERIFY(host);
    QUrl url = host->url();
    url.setPath(QStringLiteral("/doc"));
    Peer good = makePeer(url, 1, QString(), QStringLiteral("s3cret"));
    QSignalSpy authed(good.session.get(), &DocumentConnection::authenticated);
    good.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(good.session->isSynced(), Wait);
    QCOMPARE(authed.size(), 1);
    QCOMPARE(good.session->scope(), QStringLiteral("rw"));

    Peer bad = makePeer(url, 2, QString(), QStringLiteral("guess"));
    bad.insert(0, QStringLiteral("must not arrive"));
    QSignalSpy failed(bad.session.get(), &DocumentConnection::authFailed);
    bad.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 1, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(bad.session->state(), ConnectionState::Disconnected, Wait);
    QTest::qWait(300);
    QVERIFY(good.text().isEmpty());
    stopHost(host);
}

void TestDocumentConnectionHost::offlineAcrossHostRestart()
{
    const QString data = m_tmp->filePath(QStringLiteral("data"));
    auto host = startHost(data);
    QVERIFY(host);
    const quint16 port = host->port();
    QUrl url = host->url();
    url.setPath(QStringLiteral("/doc"));
    Peer a = makePeer(url, 1);
    Peer b = makePeer(url, 2);
    a.session->start();
    b.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(a.session->isSynced() && b.session->isSynced(), Wait);
    a.insert(0, QStringLiteral("base"));
    QTRY_COMPARE_WITH_TIMEOUT(b.text(), QStringLiteral("base"), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(a.session->unsyncedCount(), 0, Wait);

    stopHost(host);
    QTRY_COMPARE_WITH_TIMEOUT(a.session->state(), ConnectionState::Reconnecting, Wait);
    a.insert(0, QStringLiteral("A:"));
    b.insert(4, QStringLiteral(":B"));
    QCOMPARE(a.session->unsyncedCount(), 1);

    host = startHost(data, port);
    QVERIFY(host);
    QSignalSpy mismatch(a.session.get(), &DocumentConnection::epochMismatch);
    QTRY_COMPARE_WITH_TIMEOUT(a.text(), QStringLiteral("A:base:B"), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(b.text(), QStringLiteral("A:base:B"), Wait);
    QTRY_COMPARE_WITH_TIMEOUT(a.session->unsyncedCount(), 0, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(b.session->unsyncedCount(), 0, Wait);
    QCOMPARE(mismatch.size(), 0); // same data, same epoch
    stopHost(host);
}

void TestDocumentConnectionHost::newEpochIsNotMerged()
{
    auto host = startHost(m_tmp->filePath(QStringLiteral("data1")));
    QVERIFY(host);
    const quint16 port = host->port();
    QUrl url = host->url();
    url.setPath(QStringLiteral("/doc"));
    Peer a = makePeer(url, 1);
    a.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(a.session->isSynced(), Wait);
    a.insert(0, QStringLiteral("mine"));
    QTRY_COMPARE_WITH_TIMEOUT(a.session->unsyncedCount(), 0, Wait);
    const QString oldEpoch = a.session->knownEpoch();
    stopHost(host);

    // The host comes back without its data: the document is re-created with a new epoch.
    host = startHost(m_tmp->filePath(QStringLiteral("data2")), port);
    QVERIFY(host);
    QSignalSpy mismatch(a.session.get(), &DocumentConnection::epochMismatch);
    QTRY_COMPARE_WITH_TIMEOUT(mismatch.size(), 1, Wait);
    QCOMPARE(mismatch.first().at(0).toString(), oldEpoch);
    QVERIFY(mismatch.first().at(1).toString() != oldEpoch);
    Peer reader = makePeer(url, 9);
    reader.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(reader.session->isSynced(), Wait);
    QTest::qWait(300);
    QVERIFY(reader.text().isEmpty()); // nothing of ours went in

    QVERIFY(a.session->reshareLocalCopy());
    QTRY_COMPARE_WITH_TIMEOUT(reader.text(), QStringLiteral("mine"), Wait);
    QCOMPARE(a.session->knownEpoch(), mismatch.first().at(1).toString());
    stopHost(host);
}

QTEST_GUILESS_MAIN(TestDocumentConnectionHost)
#include "tst_documentconnection_host.moc"
