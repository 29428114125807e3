// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedHost: the app's host on its own thread with TLS, a password and a read-only password;
// a DocumentConnection joins through the invite link with the pinned fingerprint. Wrong password,
// pin mismatch, read-only guests and stopping (1001) as the user meets them.
#include "../client/connectionpeer.h"
#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "host/embeddedhost.h"
#include "host/rooms/server.h"
#include "host/transport/certificategenerator.h"
#include "hosttestclient.h"
#include "protocol/invitelink.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Chorus;
using Chorus::Client::DocumentConnection;
using Chorus::Host::EmbeddedHost;
using Chorus::Protocol::InviteLink;

namespace {
constexpr int Wait = 15000;
const QString Password = QStringLiteral("correct horse");
const QString GuestPassword = QStringLiteral("just looking");
const QString Room = QStringLiteral("notes.md");

using Peer = ConnectionPeer;
} // namespace

class tst_EmbeddedHost : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    int m_outboxes = 0;

    EmbeddedHost::Options hostOptions() const
    {
        EmbeddedHost::Options o;
        o.port = 0;
        o.password = Password;
        o.readOnlyPassword = GuestPassword;
        o.tls = true;
        o.dataFolder = m_tmp->filePath(QStringLiteral("host"));
        o.limits.sync = Host::ServerOptions::SyncMode::Normal;
        return o;
    }

    // Starts the host and checks what the GUI is told.
    bool startHost(EmbeddedHost &host, const EmbeddedHost::Options &options)
    {
        QSignalSpy started(&host, &EmbeddedHost::started);
        QSignalSpy failed(&host, &EmbeddedHost::failed);
        host.start(options);
        if (host.state() != EmbeddedHost::State::Starting) {
            return false;
        }
        if (!started.wait(Wait)) {
            qWarning() << "not started:" << failed;
            return false;
        }
        return host.state() == EmbeddedHost::State::Running;
    }

    Peer joinFromLink(const QUrl &invite, Crdt::ClientId id, const QString &token,
                      const QString &pinOverride = {})
    {
        const InviteLink::Parsed parsed = InviteLink::parse(invite.toString());
        Q_ASSERT(parsed.isOk());
        DocumentConnection::Options o;
        o.url = parsed.link.webSocketUrl(Room);
        o.pinnedSha256 = pinOverride.isEmpty() ? parsed.link.sha256() : pinOverride;
        o.token = token;
        o.outboxRoot = m_tmp->filePath(QStringLiteral("outbox%1").arg(++m_outboxes));
        o.backoffSeed = quint32(id);
        o.backoffInitialMs = 50;
        o.backoffCapMs = 400;
        Peer p;
        p.doc = std::make_unique<Crdt::Doc>(id);
        p.session = std::make_unique<DocumentConnection>(p.doc.get(), o);
        return p;
    }

    // A raw observer with the password: the room's full state as the host has it.
    static QByteArray hostState(const EmbeddedHost &host, const QString &room = Room)
    {
        TestClient observer;
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        observer.socket.setSslConfiguration(ssl);
        if (!observer.open(host.localUrl(), room, true)) {
            return "not connected";
        }
        observer.send(Protocol::encodeAuthToken(Password));
        if (!observer.waitForCount<Protocol::SyncStep1>(1)) {
            return "no SyncStep1";
        }
        return observer.fetchState();
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }

    void hostsOnItsOwnThreadAndJoinsThroughTheLink()
    {
        EmbeddedHost host;
        QSignalSpy states(&host, &EmbeddedHost::stateChanged);
        QSignalSpy started(&host, &EmbeddedHost::started);
        QVERIFY(startHost(host, hostOptions()));
        QVERIFY(host.certificateGenerated());
        QCOMPARE(started.size(), 1);
        const QUrl invite = started.first().at(0).toUrl();
        const QString fp = started.first().at(1).toString();
        QCOMPARE(fp.size(), 64);
        QCOMPARE(invite.scheme(), QStringLiteral("chorus"));
        QCOMPARE(invite.host(), QStringLiteral("127.0.0.1")); // this computer only
        QCOMPARE(invite.port(), int(host.port()));
        QCOMPARE(invite.toString(),
                 QStringLiteral("chorus://127.0.0.1:%1/?fp=%2").arg(host.port()).arg(fp));
        QCOMPARE(states.size(), 2); // Starting, Running

        Peer a = joinFromLink(invite, 101, Password);
        Peer b = joinFromLink(invite, 202, Password);
        a.session->start();
        b.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(a.session->isSynced() && b.session->isSynced(), Wait);
        QCOMPARE(a.session->scope(), QStringLiteral("rw"));
        QVERIFY(!a.session->isReadOnly());
        a.insert(0, QStringLiteral("hello"));
        b.insert(0, QStringLiteral("world "));
        QTRY_VERIFY_WITH_TIMEOUT(a.text() == b.text() && a.text().size() == 11, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(a.session->unsyncedCount(), 0, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(b.session->unsyncedCount(), 0, Wait);

        // The same certificate next time: links handed out earlier stay valid.
        a.session->stop();
        b.session->stop();
        QSignalSpy stopped(&host, &EmbeddedHost::stopped);
        host.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, Wait);
        QVERIFY(startHost(host, hostOptions()));
        QVERIFY(!host.certificateGenerated());
        QCOMPARE(host.fingerprint(), fp);
    }

    void wrongPasswordIsRefusedAndCanBeRetried()
    {
        EmbeddedHost host;
        QVERIFY(startHost(host, hostOptions()));
        Peer p = joinFromLink(host.inviteUrl(), 303, QStringLiteral("wrong"));
        QSignalSpy authFailed(p.session.get(), &DocumentConnection::authFailed);
        p.session->start();
        QVERIFY(authFailed.wait(Wait));
        QCOMPARE(authFailed.first().at(0).toString(), QStringLiteral("bad token"));
        QTRY_COMPARE_WITH_TIMEOUT(p.session->state(), Client::ConnectionState::Disconnected, Wait);
        QVERIFY(!p.session->isSynced());

        p.session->setToken(Password);
        p.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(p.session->isSynced(), Wait);
        QCOMPARE(p.session->scope(), QStringLiteral("rw"));
    }

    void pinMismatchSendsNoDocumentByte()
    {
        EmbeddedHost host;
        QVERIFY(startHost(host, hostOptions()));
        QSignalSpy joined(&host, &EmbeddedHost::peerJoined);
        QSignalSpy created(&host, &EmbeddedHost::documentCreated);
        const QByteArray before = hostState(host, QStringLiteral("secret.md"));
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, Wait); // the observer
        joined.clear();
        created.clear();

        // A fingerprint of another certificate, as a stale or forged link would carry.
        QByteArray otherCert, otherKey;
        QString error;
        QVERIFY(Host::CertificateGenerator::generate({}, 30, &otherCert, &otherKey, &error));
        const QString otherFp = Host::CertificateGenerator::fingerprint(otherCert);
        Peer p = joinFromLink(host.inviteUrl(), 404, Password, otherFp);
        p.insert(0, QStringLiteral("must not leave this machine"));
        QSignalSpy mismatch(p.session.get(), &DocumentConnection::pinMismatch);
        p.session->start();
        QVERIFY(mismatch.wait(Wait));
        QCOMPARE(mismatch.first().at(0).toString(), otherFp);
        QCOMPARE(mismatch.first().at(1).toString(), host.fingerprint());
        QTest::qWait(500); // anything sent would have arrived by now
        QCOMPARE(p.session->state(), Client::ConnectionState::Disconnected);
        // The host never joined it to a room (it did not even see a token) and the document
        // it would have written to is unchanged.
        QCOMPARE(joined.size(), 0);
        QCOMPARE(created.size(), 0);
        QCOMPARE(hostState(host, QStringLiteral("secret.md")), before);
        QVERIFY(!hostState(host).contains("must not leave"));
    }

    void readOnlyGuestEditsNeverReachTheHost()
    {
        EmbeddedHost host;
        QVERIFY(startHost(host, hostOptions()));
        Peer editor = joinFromLink(host.inviteUrl(), 505, Password);
        editor.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(editor.session->isSynced(), Wait);
        editor.insert(0, QStringLiteral("the host's text"));
        QTRY_COMPARE_WITH_TIMEOUT(editor.session->unsyncedCount(), 0, Wait);

        Peer guest = joinFromLink(host.inviteUrl(), 606, GuestPassword);
        QSignalSpy readOnly(guest.session.get(), &DocumentConnection::readOnlyChanged);
        QSignalSpy rejected(guest.session.get(), &DocumentConnection::editsRejected);
        guest.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(guest.session->isSynced(), Wait);
        QTRY_COMPARE_WITH_TIMEOUT(guest.text(), QStringLiteral("the host's text"), Wait);
        QCOMPARE(guest.session->scope(), QStringLiteral("ro"));
        QVERIFY(guest.session->isReadOnly());
        QCOMPARE(readOnly.size(), 1);
        QCOMPARE(readOnly.first().at(0).toBool(), true);
        QCOMPARE(rejected.size(), 0); // joining is no edit

        const QByteArray before = hostState(host);
        QVERIFY(before.size() > 10);
        guest.insert(0, QStringLiteral("GUEST "));
        guest.insert(0, QStringLiteral("AGAIN "));
        QVERIFY(rejected.wait(Wait));
        QVERIFY(rejected.first().at(0).toString().contains(QStringLiteral("read-only")));
        QTest::qWait(300);
        QCOMPARE(rejected.size(), 1); // told once per connection
        QCOMPARE(hostState(host), before); // byte-identical
        QCOMPARE(editor.text(), QStringLiteral("the host's text"));
        // Still connected and still receiving: the connection is kept.
        editor.insert(editor.text().size(), QStringLiteral("!"));
        QTRY_VERIFY_WITH_TIMEOUT(guest.text().endsWith(u'!'), Wait);
        QCOMPARE(guest.session->state(), Client::ConnectionState::Connected);

        // A reconnect resends the guest's outbox (SyncStep2 / updates): still dropped.
        QTRY_COMPARE_WITH_TIMEOUT(editor.session->unsyncedCount(), 0, Wait);
        const QByteArray withBang = hostState(host);
        guest.session->stop();
        guest.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(guest.session->isSynced(), Wait);
        QTest::qWait(300);
        QCOMPARE(hostState(host), withBang);
        QVERIFY(!editor.text().contains(QStringLiteral("GUEST")));
        QVERIFY(!hostState(host).contains("GUEST"));
    }

    // The same at the wire level, on a plain Server: scope "ro", one notice, no ack, no relay,
    // the connection kept; awareness still relayed.
    void readOnlyAtTheWireLevel()
    {
        Host::ServerOptions options;
        options.port = 0;
        options.token = "rw-secret";
        options.readOnlyToken = "ro-secret";
        Host::Server server(options);
        QVERIFY(server.start());
        TestClient writer, guest;
        QVERIFY(writer.open(server.url(), Room, true));
        writer.send(Protocol::encodeAuthToken(QStringLiteral("rw-secret")));
        QVERIFY(guest.open(server.url(), Room, true));
        guest.send(Protocol::encodeAuthToken(QStringLiteral("ro-secret")));
        QVERIFY(writer.waitForCount<Protocol::SyncStep1>(1));
        QVERIFY(guest.waitForCount<Protocol::SyncStep1>(1));
        QCOMPARE(writer.messagesOf<Protocol::Authenticated>().constFirst().scope,
                 QStringLiteral("rw"));
        QCOMPARE(guest.messagesOf<Protocol::Authenticated>().constFirst().scope,
                 QStringLiteral("ro"));

        const QByteArray before = writer.fetchState();
        // The empty SyncStep2 every client sends on connecting: dropped without a notice.
        guest.send(Protocol::encodeSyncStep2(QByteArray::fromHex("0000")));
        for (quint64 clock = 0; clock < 3; ++clock) {
            guest.send(Protocol::encodeSyncUpdate(
                mapSetUpdate(77, clock, QStringLiteral("k"), QStringLiteral("v"))));
        }
        QVERIFY(guest.waitForCount<Protocol::ReadOnlyNotice>(1));
        guest.send(Protocol::encodeAwarenessMessage(
            awarenessUpdate(77, 1, R"({"user":{"name":"guest"}})")));
        QVERIFY(writer.waitForCount<Protocol::AwarenessMessage>(1));
        QTest::qWait(200);
        QCOMPARE(guest.messagesOf<Protocol::ReadOnlyNotice>().size(), 1);
        QCOMPARE(guest.messagesOf<Protocol::ReadOnlyNotice>().constFirst().reason,
                 QStringLiteral("read-only: your edits are not accepted"));
        QVERIFY(guest.messagesOf<Protocol::Ack>().isEmpty());
        QVERIFY(writer.messagesOf<Protocol::SyncUpdate>().isEmpty());
        QVERIFY(!guest.closed);
        QCOMPARE(writer.fetchState(), before);

        // The writer's edits still reach the guest.
        const QByteArray u = mapSetUpdate(88, 0, QStringLiteral("w"), QStringLiteral("x"));
        writer.send(Protocol::encodeSyncUpdate(u));
        QVERIFY(guest.waitForCount<Protocol::SyncUpdate>(1));
        QVERIFY(writer.waitForCount<Protocol::Ack>(1));
    }

    void readOnlyTokenOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("readOnlyToken");
        QTest::newRow("both") << QStringList { QStringLiteral("--token"), QStringLiteral("a"),
                                               QStringLiteral("--read-only-token"),
                                               QStringLiteral("b") }
                              << -1 << QByteArray("b");
        QTest::newRow("without token")
            << QStringList { QStringLiteral("--read-only-token"), QStringLiteral("b") } << 2
            << QByteArray();
        QTest::newRow("same as token")
            << QStringList { QStringLiteral("--token"), QStringLiteral("a"),
                             QStringLiteral("--read-only-token"), QStringLiteral("a") }
            << 2 << QByteArray();
        QTest::newRow("value and file") << QStringList { QStringLiteral("--token"),
                                                         QStringLiteral("a"),
                                                         QStringLiteral("--read-only-token"),
                                                         QStringLiteral("b"),
                                                         QStringLiteral("--read-only-token-file"),
                                                         QStringLiteral("/nonexistent") }
                                        << 2 << QByteArray();
        QTest::newRow("missing file")
            << QStringList { QStringLiteral("--token"), QStringLiteral("a"),
                             QStringLiteral("--read-only-token-file"),
                             QStringLiteral("/nonexistent/x") }
            << 2 << QByteArray();
    }
    void readOnlyTokenOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, readOnlyToken);
        int code = 0;
        const Host::ServerOptions o = Host::ServerOptions::parse(
            QStringList { QStringLiteral("chorus-server") } + arguments, &code);
        QCOMPARE(code, exitCode);
        if (code == -1) {
            QCOMPARE(o.readOnlyToken, readOnlyToken);
        }
    }

    void readOnlyTokenFile()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("  guest-secret\n");
        file.close();
        int code = 0;
        const Host::ServerOptions o = Host::ServerOptions::parse(
            { QStringLiteral("chorus-server"), QStringLiteral("--token"), QStringLiteral("a"),
              QStringLiteral("--read-only-token-file"), file.fileName() },
            &code);
        QCOMPARE(code, -1);
        QCOMPARE(o.readOnlyToken, QByteArray("guest-secret"));
    }

    void stopClosesPeersWith1001()
    {
        EmbeddedHost host;
        QVERIFY(startHost(host, hostOptions()));
        TestClient raw;
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        raw.socket.setSslConfiguration(ssl);
        QVERIFY(raw.open(host.localUrl(), Room, true));
        raw.send(Protocol::encodeAuthToken(Password));
        QVERIFY(raw.waitForCount<Protocol::SyncStep1>(1));
        Peer p = joinFromLink(host.inviteUrl(), 707, Password);
        p.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(p.session->isSynced(), Wait);

        QSignalSpy stopped(&host, &EmbeddedHost::stopped);
        host.stop();
        QCOMPARE(host.state(), EmbeddedHost::State::Stopping); // returns at once
        QVERIFY(raw.waitClosed(Wait));
        QCOMPARE(raw.closeCode, 1001);
        QCOMPARE(raw.socket.closeReason(), QStringLiteral("host shutting down"));
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, Wait);
        QCOMPARE(host.state(), EmbeddedHost::State::Stopped);
        QVERIFY(host.inviteUrl().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(p.session->state() != Client::ConnectionState::Connected, Wait);
    }

    void badChoicesFailClearly_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("read-only without password")
            << QStringLiteral("roOnly") << QStringLiteral("needs a password");
        QTest::newRow("same passwords") << QStringLiteral("same") << QStringLiteral("differ");
        QTest::newRow("tls without folder")
            << QStringLiteral("noFolder") << QStringLiteral("data folder");
        QTest::newRow("port in use") << QStringLiteral("busy") << QStringLiteral("Cannot host");
    }
    void badChoicesFailClearly()
    {
        QFETCH(QString, what);
        QFETCH(QString, errorPart);
        EmbeddedHost first;
        EmbeddedHost::Options o = hostOptions();
        if (what == u"roOnly") {
            o.password.clear();
        } else if (what == u"same") {
            o.readOnlyPassword = o.password;
        } else if (what == u"noFolder") {
            o.dataFolder.clear();
        } else if (what == u"busy") {
            QVERIFY(startHost(first, hostOptions()));
            o.port = first.port();
            o.dataFolder = m_tmp->filePath(QStringLiteral("second"));
        }
        EmbeddedHost host;
        QSignalSpy failed(&host, &EmbeddedHost::failed);
        host.start(o);
        QVERIFY(failed.wait(Wait));
        QVERIFY2(failed.first().at(0).toString().contains(errorPart),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(host.state(), EmbeddedHost::State::Stopped);
        // And it can start again with good choices.
        QVERIFY(startHost(host, [&] {
            EmbeddedHost::Options good = hostOptions();
            good.dataFolder = m_tmp->filePath(QStringLiteral("third"));
            return good;
        }()));
    }

    void stopWhileStartingAndDestroyWhileRunning()
    {
        {
            EmbeddedHost host;
            QSignalSpy started(&host, &EmbeddedHost::started);
            QSignalSpy stopped(&host, &EmbeddedHost::stopped);
            host.start(hostOptions());
            host.stop(); // still starting: stops once started
            QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, Wait);
            QCOMPARE(started.size(), 1);
            QCOMPARE(host.state(), EmbeddedHost::State::Stopped);
        }
        TestClient raw;
        {
            EmbeddedHost host;
            QVERIFY(startHost(host, hostOptions()));
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
            raw.socket.setSslConfiguration(ssl);
            QVERIFY(raw.open(host.localUrl(), Room, true));
            raw.send(Protocol::encodeAuthToken(Password));
            QVERIFY(raw.waitForCount<Protocol::SyncStep1>(1));
        } // destroyed while running: peers still get 1001
        QVERIFY(raw.waitClosed(Wait));
        QCOMPARE(raw.closeCode, 1001);
    }

    void plainLoopbackWithoutPassword()
    {
        EmbeddedHost host;
        EmbeddedHost::Options o;
        o.port = 0;
        o.tls = false; // in memory, no certificate
        QVERIFY(startHost(host, o));
        QCOMPARE(host.fingerprint(), QString());
        QCOMPARE(host.inviteUrl().toString(),
                 QStringLiteral("chorus://127.0.0.1:%1/").arg(host.port()));
        Peer p = joinFromLink(host.inviteUrl(), 808, QString());
        p.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(p.session->isSynced(), Wait);
        QVERIFY(!p.session->isReadOnly());
    }
};

QTEST_GUILESS_MAIN(tst_EmbeddedHost)
#include "tst_embeddedhost.moc"
