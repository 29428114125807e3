// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Chorus::Client::DocumentConnection over wss against MiniHost with a test certificate: a pinned
// fingerprint that does not match refuses before a byte is sent, one that matches (in the
// spelling openssl prints) connects, and trust on first use asks the callback. 127.0.0.1, port 0.
#include "connectionpeer.h"
#include "minihost.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus;
using namespace Chorus::Client;

namespace {
constexpr int Wait = 10000; // generous, for a loaded 2-core machine
using Peer = ConnectionPeer;
// A TLS server that answers nothing and records every application byte a client sends once the
// TLS handshake is done: what a host (or whoever took its address) would read.
class ByteRecorder : public QObject
{
public:
    explicit ByteRecorder(const QSslConfiguration &tls)
    {
        m_server.setSslConfiguration(tls);
        // Counted when the TLS handshake starts; what readyRead gives is decrypted application
        // data, so it records nothing of the handshake itself.
        connect(&m_server, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *s) {
            ++handshakes;
            connect(s, &QSslSocket::readyRead, this, [this, s] { received += s->readAll(); });
        });
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (m_server.nextPendingConnection()) {
                ++established;
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("wss://127.0.0.1:%1/doc").arg(m_server.serverPort()));
    }

    int handshakes = 0; // TLS handshakes begun
    int established = 0; // TLS handshakes the server completed
    QByteArray received;

private:
    QSslServer m_server;
};
} // namespace

class TestDocumentConnectionTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void pinMismatchRefuses();
    void pinMatchConnects();
    void trustOnFirstUse();
    void pinIsCheckedBeforeTheUpgrade_data();
    void pinIsCheckedBeforeTheUpgrade();

private:
    Peer makePeer(const QUrl &url, Crdt::ClientId id, const QString &outbox = QString(),
                  std::function<void(DocumentConnection::Options &)> tweak = {});
    QSslConfiguration testTls();
    // SHA-256 over the test certificate's DER bytes: what a joiner pins.
    static QByteArray certificateSha256(const QSslConfiguration &tls)
    {
        return QCryptographicHash::hash(tls.localCertificate().toDer(), QCryptographicHash::Sha256);
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    int m_outboxes = 0;
};

void TestDocumentConnectionTls::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

Peer TestDocumentConnectionTls::makePeer(const QUrl &url, Crdt::ClientId id, const QString &outbox,
                                         std::function<void(DocumentConnection::Options &)> tweak)
{
    return makeConnectionPeer(
        url, id,
        outbox.isEmpty() ? m_tmp->filePath(QStringLiteral("outbox%1").arg(++m_outboxes)) : outbox,
        tweak);
}

QSslConfiguration TestDocumentConnectionTls::testTls()
{
    // A self-signed test certificate for 127.0.0.1, made once with openssl and kept in the
    // repository (tests/client/data); its key protects nothing.
    const QString dir
        = qEnvironmentVariable("CHORUS_SOURCE_DIR") + QStringLiteral("/tests/client/data/");
    QFile certFile(dir + QStringLiteral("test-cert.pem"));
    QFile keyFile(dir + QStringLiteral("test-key.pem"));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return {};
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

void TestDocumentConnectionTls::pinMismatchRefuses()
{
    if (!QSslSocket::supportsSsl()) {
        QSKIP("no TLS backend");
    }
    const QSslConfiguration tls = testTls();
    QVERIFY(!tls.localCertificate().isNull());
    MiniHost host;
    QVERIFY(host.listen(0, &tls));
    const QString wrong = QString(64, u'0');
    Peer a = makePeer(host.url(QStringLiteral("doc")), 1, QString(),
                      [&](DocumentConnection::Options &o) { o.pinnedSha256 = wrong; });
    a.insert(0, QStringLiteral("secret text"));
    QSignalSpy pin(a.session.get(), &DocumentConnection::pinMismatch);
    a.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(pin.size(), 1, Wait);
    QCOMPARE(pin.first().at(0).toString(), wrong);
    const QString actual = QString::fromLatin1(certificateSha256(tls).toHex());
    QCOMPARE(pin.first().at(1).toString(), actual);
    QTRY_COMPARE_WITH_TIMEOUT(a.session->state(), ConnectionState::Disconnected, Wait);
    QTest::qWait(500);
    QCOMPARE(host.allReceived().size(), 0); // not one message, let alone document bytes
    QCOMPARE(host.connectionCount(), 0); // refused inside the TLS handshake
}

void TestDocumentConnectionTls::pinMatchConnects()
{
    if (!QSslSocket::supportsSsl()) {
        QSKIP("no TLS backend");
    }
    const QSslConfiguration tls = testTls();
    MiniHost host;
    QVERIFY(host.listen(0, &tls));
    // Upper case with colons, as `openssl x509 -fingerprint` prints it.
    QString pin = QString::fromLatin1(certificateSha256(tls).toHex(':').toUpper());
    Peer a = makePeer(host.url(QStringLiteral("doc")), 1, QString(),
                      [&](DocumentConnection::Options &o) { o.pinnedSha256 = pin; });
    a.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(a.session->isSynced(), Wait);
    a.insert(0, QStringLiteral("over tls"));
    QTRY_COMPARE_WITH_TIMEOUT(host.roomText(QStringLiteral("doc")), QStringLiteral("over tls"),
                              Wait);
}

void TestDocumentConnectionTls::trustOnFirstUse()
{
    if (!QSslSocket::supportsSsl()) {
        QSKIP("no TLS backend");
    }
    const QSslConfiguration tls = testTls();
    MiniHost host;
    QVERIFY(host.listen(0, &tls));
    const QString actual = QString::fromLatin1(certificateSha256(tls).toHex());
    // The user says no: refused before a byte is sent.
    QStringList asked;
    Peer no = makePeer(host.url(QStringLiteral("doc")), 1, QString(),
                       [&](DocumentConnection::Options &o) {
                           o.certificateCheck = [&](const QString &fp) {
                               asked.append(fp);
                               return false;
                           };
                       });
    QSignalSpy refused(no.session.get(), &DocumentConnection::pinMismatch);
    no.session->start();
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, Wait);
    QCOMPARE(refused.first().at(0).toString(), QString());
    QCOMPARE(refused.first().at(1).toString(), actual);
    QCOMPARE(asked, QStringList { actual });
    QCOMPARE(host.allReceived().size(), 0);
    // The user says yes.
    Peer yes = makePeer(host.url(QStringLiteral("doc")), 2, QString(),
                        [&](DocumentConnection::Options &o) {
                            o.certificateCheck = [](const QString &) { return true; };
                        });
    yes.session->start();
    QTRY_VERIFY_WITH_TIMEOUT(yes.session->isSynced(), Wait);
}

// The pin is checked inside the TLS handshake, before QWebSocket writes its upgrade request: a
// wrong pin sends not one byte (not even the room name in the request line), the right one does.
void TestDocumentConnectionTls::pinIsCheckedBeforeTheUpgrade_data()
{
    QTest::addColumn<bool>("rightPin");
    QTest::addColumn<bool>("trustOnFirstUse");
    QTest::newRow("wrong pin") << false << false;
    QTest::newRow("refused on first use") << false << true;
    QTest::newRow("right pin") << true << false;
    QTest::newRow("accepted on first use") << true << true;
}

void TestDocumentConnectionTls::pinIsCheckedBeforeTheUpgrade()
{
    QFETCH(bool, rightPin);
    QFETCH(bool, trustOnFirstUse);
    const QSslConfiguration tls = testTls();
    QVERIFY(!tls.localCertificate().isNull());
    ByteRecorder recorder(tls);
    QVERIFY(recorder.listen());
    const QString actual = QString::fromLatin1(certificateSha256(tls).toHex());
    Peer a = makePeer(recorder.url(), 1, QString(), [&](DocumentConnection::Options &o) {
        if (trustOnFirstUse) {
            o.certificateCheck = [rightPin](const QString &) { return rightPin; };
        } else {
            o.pinnedSha256 = rightPin ? actual : QString(64, u'f');
        }
    });
    a.insert(0, QStringLiteral("secret text"));
    QSignalSpy pin(a.session.get(), &DocumentConnection::pinMismatch);
    a.session->start();
    if (rightPin) {
        QTRY_VERIFY_WITH_TIMEOUT(recorder.received.contains("\r\n\r\n"), Wait);
        QVERIFY2(recorder.received.startsWith("GET /doc HTTP/1.1\r\n"),
                 recorder.received.left(40).constData());
        QCOMPARE(pin.size(), 0);
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(pin.size(), 1, Wait);
    QCOMPARE(pin.first().at(1).toString(), actual);
    QTRY_COMPARE_WITH_TIMEOUT(a.session->state(), ConnectionState::Disconnected, Wait);
    QTest::qWait(500);
    QCOMPARE(recorder.handshakes, 1); // it did reach the server, and did not retry
    QCOMPARE(recorder.established, 0); // refused inside the TLS handshake
    QCOMPARE(recorder.received, QByteArray()); // so not one byte of the upgrade request
}

QTEST_GUILESS_MAIN(TestDocumentConnectionTls)
#include "tst_documentconnection_tls.moc"
