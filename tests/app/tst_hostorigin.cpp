// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A session hosted from the app (issue 14): the Host dialog's options, as the app hands them to
// EmbeddedHost, refuse a web page from elsewhere (close 1008) — and the host's own page, since the
// app serves none unless the user allows browser guests — while the app's own client joins. A
// page the user names in the dialog gets in; a name that is no origin stops Start.
#include "app/dialogs/hostdialog.h"
#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "host/embeddedhost.h"
#include "originprobe.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Chorus;
using Chorus::Host::EmbeddedHost;

namespace {
constexpr int Wait = 15000;
} // namespace

class tst_HostOrigin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    // The options the app starts its host with: the dialog's, on a free port.
    EmbeddedHost::Options dialogOptions(const QString &allowedPages)
    {
        EmbeddedHost host;
        App::HostDialog dialog(&host, {});
        dialog.dataFolderEdit()->setText(m_tmp.filePath(QStringLiteral("host")));
        dialog.originsEdit()->setText(allowedPages);
        EmbeddedHost::Options o = dialog.options();
        o.port = 0;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_tmp.isValid());
    }

    void foreignPagesAreRefusedTheAppConnects()
    {
        const EmbeddedHost::Options options = dialogOptions(QString());
        QVERIFY(options.limits.allowedOrigins.isEmpty());
        QVERIFY(!options.limits.serveWebEditor);
        EmbeddedHost host;
        QSignalSpy started(&host, &EmbeddedHost::started);
        host.start(options);
        QVERIFY(started.wait(Wait));
        QUrl room = host.localUrl();
        room.setPath(QStringLiteral("/notes.md"));
        QCOMPARE(OriginProbe::closeCodeFor(room, QStringLiteral("https://evil.example")), 1008);
        QCOMPARE(OriginProbe::closeCodeFor(room, QStringLiteral("http://localhost:8000")), 1008);
        const QString own = QStringLiteral("https://127.0.0.1:%1").arg(room.port());
        QCOMPARE(OriginProbe::closeCodeFor(room, own),
                 1008); // no web editor: not even the host's own page

        // The app's own client, as it joins its own session: pinned, no Origin.
        Crdt::Doc doc(7);
        Client::DocumentConnection::Options so;
        so.url = room;
        so.pinnedSha256 = host.fingerprint();
        so.outboxRoot = m_tmp.filePath(QStringLiteral("outbox"));
        Client::DocumentConnection app(&doc, so);
        app.start();
        QTRY_VERIFY_WITH_TIMEOUT(app.isSynced(), Wait);
        app.stop();
        host.stop();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), EmbeddedHost::State::Stopped, Wait);
    }

    void pagesTheUserNamesGetIn()
    {
        const EmbeddedHost::Options options
            = dialogOptions(QStringLiteral("https://team.example, http://wiki.example:8080"));
        QCOMPARE(options.limits.allowedOrigins.size(), 2);
        EmbeddedHost host;
        QSignalSpy started(&host, &EmbeddedHost::started);
        host.start(options);
        QVERIFY(started.wait(Wait));
        QUrl room = host.localUrl();
        room.setPath(QStringLiteral("/notes.md"));
        QCOMPARE(OriginProbe::closeCodeFor(room, QStringLiteral("https://team.example")), 0);
        QCOMPARE(OriginProbe::closeCodeFor(room, QStringLiteral("http://wiki.example:8080")), 0);
        QCOMPARE(OriginProbe::closeCodeFor(room, QStringLiteral("https://evil.example")), 1008);
        host.stop();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), EmbeddedHost::State::Stopped, Wait);
    }

    void anOriginThatIsNoneStopsStart()
    {
        EmbeddedHost host;
        App::HostDialog dialog(&host, {});
        dialog.originsEdit()->setText(QStringLiteral("https://team.example team.example/path"));
        QSignalSpy start(&dialog, &App::HostDialog::startRequested);
        const auto buttons = dialog.findChildren<QPushButton *>();
        const auto it = std::find_if(buttons.cbegin(), buttons.cend(), [](QPushButton *b) {
            return b->text().contains(QStringLiteral("Start"));
        });
        QVERIFY(it != buttons.cend());
        (*it)->click();
        QCOMPARE(start.size(), 0);
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("team.example/path")),
                 qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(dialog.options().limits.allowedOrigins,
                 QStringList { QStringLiteral("https://team.example") });
    }
};

QTEST_MAIN(tst_HostOrigin)
#include "tst_hostorigin.moc"
