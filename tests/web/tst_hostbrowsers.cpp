// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A session hosted from the app and browser guests (issue 15): the Host dialog's "Let people
// without the app join from a browser" makes the host serve its web editor and let that page's
// own origin in, and the dialog then shows the http(s):// link; unticked (the default), a
// browser gets no page and no document.
#include "../app/originprobe.h"
#include "app/dialogs/hostdialog.h"
#include "host/embeddedhost.h"

#include <QCheckBox>
#include <QDir>
#include <QLineEdit>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus;
using Chorus::Host::EmbeddedHost;

namespace {
constexpr int Wait = 15000;

// One HTTP request over TCP (TLS when `tls`, any certificate); the whole response.
QByteArray httpGet(quint16 port, bool tls, const QByteArray &path)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (tls) {
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    } else {
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    }
    if (!(tls ? socket.waitForEncrypted(5000) : socket.waitForConnected(5000))) {
        return {};
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                 + "\r\n\r\n");
    QByteArray response;
    QDeadlineTimer deadline(5000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(100);
        response += socket.readAll();
    }
    return response + socket.readAll();
}
} // namespace

class tst_HostBrowsers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void browserGuests_data()
    {
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<bool>("tls");
        QTest::newRow("not allowed (default)") << false << false;
        QTest::newRow("allowed") << true << false;
        QTest::newRow("allowed, TLS") << true << true;
    }

    void browserGuests()
    {
        QFETCH(bool, allowed);
        QFETCH(bool, tls);
        EmbeddedHost host;
        App::HostDialog dialog(&host, {});
        QVERIFY(!dialog.browsersBox()->isChecked()); // off unless the user ticks it
        dialog.browsersBox()->setChecked(allowed);
        dialog.tlsBox()->setChecked(tls);
        dialog.dataFolderEdit()->setText(
            m_tmp.filePath(QString::fromLatin1(QTest::currentDataTag())));
        EmbeddedHost::Options options = dialog.options();
        QCOMPARE(options.limits.serveWebEditor, allowed);
        options.port = 0;
        host.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), EmbeddedHost::State::Running, Wait);
        const quint16 port = host.port();
        const QString web = QStringLiteral("%1://127.0.0.1:%2/")
                                .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                                .arg(port);

        // The link the dialog offers, only when browsers may join.
        QCOMPARE(dialog.webLinkEdit()->isVisibleTo(&dialog), allowed);
        if (allowed) {
            QCOMPARE(dialog.webLinkEdit()->text(), web);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QString out = qEnvironmentVariable("CHORUS_BINARY_DIR") + u"/tests/web/out";
            QDir().mkpath(out);
            QVERIFY(dialog.grab().save(out + (tls ? u"/hostdialog-tls.png" : u"/hostdialog.png")));
        }
        const QByteArray page = httpGet(port, tls, "/");
        if (allowed) {
            QVERIFY2(page.startsWith("HTTP/1.1 200 "), page.left(200).constData());
            QVERIFY(page.contains("assets/editor.js"));
        } else {
            QVERIFY2(page.startsWith("HTTP/1.1 426 "), page.left(200).constData());
        }

        // The page's own origin is let in only with the page; other sites never.
        const QUrl room(QStringLiteral("%1://127.0.0.1:%2/notes")
                            .arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                            .arg(port));
        QCOMPARE(OriginProbe::closeCodeFor(room, web.chopped(1)), allowed ? 0 : 1008);
        QCOMPARE(OriginProbe::closeCodeFor(room, QStringLiteral("http://evil.example")), 1008);
        host.stop();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), EmbeddedHost::State::Stopped, Wait);
    }
};

QTEST_MAIN(tst_HostBrowsers)
#include "tst_hostbrowsers.moc"
