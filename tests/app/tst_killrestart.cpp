// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Killing the app with unsynced edits and starting it again syncs them — with a real kill:
// the real app (chorus-app-driver: MainWindow, Collaboration, Client::DocumentConnection and its
// on-disk outbox under an isolated XDG_DATA_HOME) types while the host is down, or right before the
// host could acknowledge, and is killed with SIGKILL. A second start with the same data folder
// reconnects to a restarted in-process Host::Server, and the host's document holds the edits
// exactly once. Two instances with default settings are told apart (name and colour).
#include "appdriverprocess.h"
#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "host/rooms/server.h"

#include <QDirIterator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Chorus;
using Chorus::App::Testing::AppDriverProcess;

namespace {

constexpr int Timeout = 20000;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TstKillRestart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void killedWithUnsyncedEditsSyncsThemOnRestart_data();
    void killedWithUnsyncedEditsSyncsThemOnRestart();

private:
    void startHost();
    // What the host holds in `room`, read by a client of its own.
    QString hostText(const QString &room);
    QProcessEnvironment environment() const;
    qsizetype outboxBytes() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Host::Server> m_host;
    quint16 m_port = 0;
};

void TstKillRestart::initTestCase()
{
    if (AppDriverProcess::program().isEmpty()) {
        QSKIP("CHORUS_APP_DRIVER is not set (run through ctest)");
    }
}

void TstKillRestart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_port = freePort();
    startHost();
}

void TstKillRestart::cleanup()
{
    m_host.reset();
    m_dir.reset();
}

void TstKillRestart::startHost()
{
    Host::ServerOptions options;
    options.port = m_port;
    options.dataDir = m_dir->filePath(QStringLiteral("host"));
    options.sync = Host::ServerOptions::SyncMode::Normal;
    options.logLevel = QStringLiteral("warning");
    m_host = std::make_unique<Host::Server>(options);
    QVERIFY2(m_host->start(), qPrintable(m_host->errorString()));
}

QProcessEnvironment TstKillRestart::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.remove(QStringLiteral("USER")); // default settings: "Guest XXXX"
    env.remove(QStringLiteral("USERNAME"));
    return env;
}

qsizetype TstKillRestart::outboxBytes() const
{
    qsizetype bytes = 0;
    QDirIterator it(m_dir->filePath(QStringLiteral("data/Chorus/Chorus/outbox")),
                    { QStringLiteral("outbox.log") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        bytes += it.nextFileInfo().size();
    }
    return bytes;
}

QString TstKillRestart::hostText(const QString &room)
{
    Crdt::Doc doc(4242);
    Client::DocumentConnection::Options options;
    options.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/%2").arg(m_port).arg(room));
    options.outboxRoot = m_dir->filePath(QStringLiteral("reader"));
    Client::DocumentConnection reader(&doc, options);
    reader.start();
    if (!QTest::qWaitFor([&] { return reader.isSynced(); }, Timeout)) {
        return QStringLiteral("<not synced>");
    }
    reader.stop();
    return doc.text(QStringLiteral("content")).toString();
}

void TstKillRestart::killedWithUnsyncedEditsSyncsThemOnRestart_data()
{
    QTest::addColumn<bool>("hostDown");
    // The edits go into the outbox while nobody can be reached.
    QTest::newRow("host unreachable") << true;
    // The edits may be on the wire, or even stored, but the ack cannot have come back.
    QTest::newRow("killed before the acks") << false;
}

void TstKillRestart::killedWithUnsyncedEditsSyncsThemOnRestart()
{
    QFETCH(bool, hostDown);
    const QString room = QStringLiteral("killed");
    const QString url = QStringLiteral("ws://127.0.0.1:%1/%2").arg(m_port).arg(room);
    const QString typed = QStringLiteral(" and after ✓ 😀");
    QString firstName;
    {
        AppDriverProcess app;
        QVERIFY2(app.start({ url }, environment()), app.errors().constData());
        firstName = app.name();
        QVERIFY2(app.name().startsWith(QStringLiteral("Guest ")), qPrintable(app.name()));
        QVERIFY(
            app.waitForState([](bool connected, bool synced, int unsynced, int,
                                const QString &) { return connected && synced && unsynced == 0; },
                             Timeout)
                .startsWith("state 1 1 0"));
        QCOMPARE(app.ask("type " + QUrl::toPercentEncoding(QStringLiteral("before"))).left(5),
                 QByteArray("typed"));
        QVERIFY(app.waitForState(
                       [](bool, bool, int unsynced, int, const QString &) { return unsynced == 0; },
                       Timeout)
                    .startsWith("state 1 1 0"));
        if (hostDown) {
            m_host.reset();
            const QByteArray down = app.waitForState(
                [](bool connected, bool, int, int, const QString &) { return !connected; },
                Timeout);
            QVERIFY2(down.startsWith("state 0"), down.constData());
        }
        const QByteArray reply = app.ask("type " + QUrl::toPercentEncoding(typed));
        QVERIFY2(reply.startsWith("typed "), reply.constData());
        QVERIFY2(reply.mid(6).toInt() > 0, reply.constData()); // the edits wait in the outbox
        if (hostDown) {
            QVERIFY(outboxBytes() > 0); // under XDG_DATA_HOME, where the real app keeps it
        }
        app.process().kill(); // SIGKILL: no destructor, no goodbye, no flush
        QVERIFY(app.process().waitForFinished(5000));
        QCOMPARE(app.process().exitStatus(), QProcess::CrashExit);
    }
    if (hostDown) {
        startHost();
        QCOMPARE(hostText(room), QStringLiteral("before"));
    }

    AppDriverProcess again;
    QVERIFY2(again.start({ url }, environment()), again.errors().constData());
    // Another instance with default settings is someone else.
    QVERIFY(again.name() != firstName);
    const QByteArray state
        = again.waitForState([](bool connected, bool synced, int unsynced, int,
                                const QString &) { return connected && synced && unsynced == 0; },
                             Timeout);
    QCOMPARE(AppDriverProcess::textOf(state), QStringLiteral("before") + typed);
    // The host has them exactly once, whether or not the first copy had arrived.
    QCOMPARE(hostText(room), QStringLiteral("before") + typed);
    again.ask("quit", 2000);
    // Waiting with the event loop running: the in-process host answers the goodbye.
    QVERIFY(
        QTest::qWaitFor([&] { return again.process().state() == QProcess::NotRunning; }, 10000));
    // A third start finds nothing left to send and the text unchanged.
    AppDriverProcess third;
    QVERIFY(third.start({ url }, environment()));
    QCOMPARE(AppDriverProcess::textOf(third.waitForState(
                 [](bool connected, bool synced, int unsynced, int, const QString &) {
                     return connected && synced && unsynced == 0;
                 },
                 Timeout)),
             QStringLiteral("before") + typed);
    QCOMPARE(hostText(room), QStringLiteral("before") + typed);
}

QTEST_MAIN(TstKillRestart)
#include "tst_killrestart.moc"
