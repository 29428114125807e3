// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Two app windows editing one document through a real in-process host on 127.0.0.1, driven
// with QTest::keyClicks: typing travels, peer carets show, offline edits merge, and edits made
// while the host was down survive closing the app and are synced by the next start.
#include "app/appsettings.h"
#include "app/editor/codeeditor.h"
#include "app/session/collaboration.h"
#include "app/window/editortab.h"
#include "app/window/mainwindow.h"
#include "app/window/participantspanel.h"
#include "host/rooms/server.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Chorus;
using namespace Chorus::App;

namespace {

constexpr int Timeout = 15000;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct AppClient
{
    explicit AppClient(const QString &outbox)
    {
        window.setOutboxRoot(outbox);
        window.resize(700, 400);
        window.show();
    }
    EditorTab *join(const QUrl &url)
    {
        tab = window.joinSession(url);
        return tab;
    }
    CodeEditor *editor() const { return tab->editor(); }
    Collaboration *collab() const { return tab->collaboration(); }
    bool connected() const
    {
        return collab()->session().state() == Chorus::Client::ConnectionState::Connected
            && collab()->session().isSynced();
    }
    MainWindow window;
    EditorTab *tab = nullptr;
};

} // namespace

class TstCollaboration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void typingTravelsAndCaretsShow();
    void concurrentTypingConverges();
    void offlineEditsMergeAfterReconnect();
    void unsyncedEditsSurviveARestart();
    void recreatedDocumentAsksFirst_data();
    void recreatedDocumentAsksFirst();
    void refusedCertificateIsToldInTheTab();

private:
    void startHost();
    QUrl roomUrl(const QString &room) const;

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<Host::Server> m_host;
    quint16 m_port = 0;
};

void TstCollaboration::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
}

void TstCollaboration::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    m_port = freePort();
    startHost();
}

void TstCollaboration::cleanup()
{
    m_host.reset();
}

void TstCollaboration::startHost()
{
    Host::ServerOptions options;
    options.port = m_port;
    options.dataDir = m_data->filePath(QStringLiteral("host"));
    options.sync = Host::ServerOptions::SyncMode::Normal;
    options.logLevel = QStringLiteral("warning");
    m_host = std::make_unique<Host::Server>(options);
    QVERIFY2(m_host->start(), qPrintable(m_host->errorString()));
}

QUrl TstCollaboration::roomUrl(const QString &room) const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/%2").arg(m_port).arg(room));
}

void TstCollaboration::typingTravelsAndCaretsShow()
{
    AppClient a(m_data->filePath(QStringLiteral("a"))), b(m_data->filePath(QStringLiteral("b")));
    a.join(roomUrl(QStringLiteral("notes")));
    b.join(roomUrl(QStringLiteral("notes")));
    QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(a.window.connectionLabel()->text(), QStringLiteral("Connected"),
                              Timeout);
    QTest::keyClicks(a.editor(), QStringLiteral("Hello from A"));
    QTRY_COMPARE_WITH_TIMEOUT(b.editor()->toPlainText(), QStringLiteral("Hello from A"), Timeout);
    b.editor()->moveCursor(QTextCursor::End);
    QTest::keyClick(b.editor(), Qt::Key_Return);
    QTest::keyClicks(b.editor(), QStringLiteral("and B "));
    QTest::sendKeyEvent(QTest::Click, b.editor(), Qt::Key_unknown, QStringLiteral("😀"),
                        Qt::NoModifier);
    QTRY_COMPARE_WITH_TIMEOUT(a.editor()->toPlainText(), QStringLiteral("Hello from A\nand B 😀"),
                              Timeout);
    // Each sees the other's caret where it is.
    QTRY_VERIFY_WITH_TIMEOUT(a.editor()->peerCarets().size() == 1
                                 && a.editor()->peerCarets().first().head
                                     == b.editor()->textCursor().position(),
                             Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(b.editor()->peerCarets().size() == 1
                                 && b.editor()->peerCarets().first().head
                                     == a.editor()->textCursor().position(),
                             Timeout);
    QCOMPARE(a.editor()->peerCarets().first().name, AppSettings::userName());
    // The participants panel lists you and the peer.
    QTRY_COMPARE_WITH_TIMEOUT(a.window.participantsPanel()->list()->topLevelItemCount(), 2,
                              Timeout);
    // Follow, then stop following by typing.
    a.collab()->follow(a.editor()->peerCarets().first().clientId);
    QVERIFY(a.collab()->followed() != 0);
    QTest::keyClicks(a.editor(), QStringLiteral("!"));
    QCOMPARE(a.collab()->followed(), quint64(0));
}

void TstCollaboration::concurrentTypingConverges()
{
    AppClient a(m_data->filePath(QStringLiteral("a"))), b(m_data->filePath(QStringLiteral("b")));
    a.join(roomUrl(QStringLiteral("race")));
    b.join(roomUrl(QStringLiteral("race")));
    QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), Timeout);
    QTest::keyClicks(a.editor(), QStringLiteral("<>"));
    QTRY_COMPARE_WITH_TIMEOUT(b.editor()->toPlainText(), QStringLiteral("<>"), Timeout);
    a.editor()->moveCursor(QTextCursor::Start);
    a.editor()->moveCursor(QTextCursor::NextCharacter);
    b.editor()->moveCursor(QTextCursor::Start);
    b.editor()->moveCursor(QTextCursor::NextCharacter);
    // Both type at the same spot without waiting for each other.
    for (int i = 0; i < 10; ++i) {
        QTest::keyClicks(a.editor(), QStringLiteral("a"));
        QTest::keyClicks(b.editor(), QStringLiteral("b"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(a.editor()->toPlainText().size() == 22
                                 && a.editor()->toPlainText() == b.editor()->toPlainText(),
                             Timeout);
    const QString text = a.editor()->toPlainText();
    QCOMPARE(text.count(u'a'), 10);
    QCOMPARE(text.count(u'b'), 10);
}

void TstCollaboration::offlineEditsMergeAfterReconnect()
{
    AppClient a(m_data->filePath(QStringLiteral("a"))), b(m_data->filePath(QStringLiteral("b")));
    a.join(roomUrl(QStringLiteral("offline")));
    b.join(roomUrl(QStringLiteral("offline")));
    QTRY_VERIFY_WITH_TIMEOUT(a.connected() && b.connected(), Timeout);
    QTest::keyClicks(a.editor(), QStringLiteral("base"));
    QTRY_COMPARE_WITH_TIMEOUT(b.editor()->toPlainText(), QStringLiteral("base"), Timeout);
    m_host.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!a.connected() && !b.connected(), Timeout);
    a.editor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(a.editor(), QStringLiteral(" A"));
    b.editor()->moveCursor(QTextCursor::Start);
    QTest::keyClicks(b.editor(), QStringLiteral("B "));
    QTRY_VERIFY_WITH_TIMEOUT(
        a.window.connectionLabel()->text().startsWith(QStringLiteral("Offline — 2 edits")),
        Timeout);
    startHost();
    QTRY_COMPARE_WITH_TIMEOUT(a.editor()->toPlainText(), QStringLiteral("B base A"), 40000);
    QTRY_COMPARE_WITH_TIMEOUT(b.editor()->toPlainText(), QStringLiteral("B base A"), Timeout);
}

void TstCollaboration::unsyncedEditsSurviveARestart()
{
    const QString outboxA = m_data->filePath(QStringLiteral("a"));
    AppClient b(m_data->filePath(QStringLiteral("b")));
    {
        AppClient a(outboxA);
        a.join(roomUrl(QStringLiteral("crash")));
        QTRY_VERIFY_WITH_TIMEOUT(a.connected(), Timeout);
        QTest::keyClicks(a.editor(), QStringLiteral("synced"));
        QTRY_COMPARE_WITH_TIMEOUT(a.collab()->session().unsyncedCount(), 0, Timeout);
        m_host.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!a.connected(), Timeout);
        QTest::keyClicks(a.editor(), QStringLiteral(" but not this"));
        QVERIFY(a.collab()->session().unsyncedCount() > 0);
    } // the app goes away with edits only in its outbox
    startHost();
    b.join(roomUrl(QStringLiteral("crash")));
    QTRY_VERIFY_WITH_TIMEOUT(b.connected(), Timeout);
    QCOMPARE(b.editor()->toPlainText(), QStringLiteral("synced"));
    AppClient again(outboxA);
    again.join(roomUrl(QStringLiteral("crash")));
    // The restarted app finds its unsent edits on disk (they build on text it gets from the
    // host, so they show once synced) and sends them.
    QVERIFY(again.collab()->session().unsyncedCount() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(again.editor()->toPlainText(), QStringLiteral("synced but not this"),
                              Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(b.editor()->toPlainText(), QStringLiteral("synced but not this"),
                              Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(again.collab()->session().unsyncedCount(), 0, Timeout);
}

void TstCollaboration::recreatedDocumentAsksFirst_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("expected");
    QTest::newRow("use the host's copy")
        << QStringLiteral("takeHostCopy") << QStringLiteral("theirs");
    QTest::newRow("merge mine") << QStringLiteral("keepLocalCopy") << QString();
}

void TstCollaboration::recreatedDocumentAsksFirst()
{
    QFETCH(QString, button);
    QFETCH(QString, expected);
    const QUrl url = roomUrl(QStringLiteral("epoch"));
    AppClient a(m_data->filePath(QStringLiteral("a")));
    a.join(url);
    QTRY_VERIFY_WITH_TIMEOUT(a.connected(), Timeout);
    QTest::keyClicks(a.editor(), QStringLiteral("mine"));
    QTRY_COMPARE_WITH_TIMEOUT(a.collab()->session().unsyncedCount(), 0, Timeout);

    // The host loses its data and starts again: the room is a new document (a new epoch), and
    // someone else writes into it before A is back.
    m_host.reset();
    QVERIFY(QDir(m_data->filePath(QStringLiteral("host"))).removeRecursively());
    startHost();
    AppClient b(m_data->filePath(QStringLiteral("b")));
    b.join(url);
    QTRY_VERIFY_WITH_TIMEOUT(b.connected(), Timeout);
    QTest::keyClicks(b.editor(), QStringLiteral("theirs"));
    QTRY_COMPARE_WITH_TIMEOUT(b.collab()->session().unsyncedCount(), 0, Timeout);

    // A reconnects and is asked; nothing is merged meanwhile and its editor waits.
    QFrame *bar = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (bar = a.tab->findChild<QFrame *>(QStringLiteral("epochChoice"))) != nullptr, 40000);
    QVERIFY(a.collab()->session().isEpochBlocked());
    QVERIFY(a.editor()->isReadOnly());
    QVERIFY(a.collab()->statusText().contains(QStringLiteral("choose")));
    QTest::qWait(300);
    QCOMPARE(b.editor()->toPlainText(), QStringLiteral("theirs"));
    QCOMPARE(a.editor()->toPlainText(), QStringLiteral("mine"));

    auto *choice = bar->findChild<QPushButton *>(button);
    QVERIFY(choice != nullptr);
    choice->click();
    QVERIFY(!a.editor()->isReadOnly());
    QTRY_VERIFY_WITH_TIMEOUT(a.connected(), Timeout);
    if (expected.isEmpty()) {
        // Merged on purpose: both texts, in the same order on both sides.
        QTRY_VERIFY_WITH_TIMEOUT(b.editor()->toPlainText().size() == 10, Timeout);
        QVERIFY(b.editor()->toPlainText().contains(QStringLiteral("mine")));
        QVERIFY(b.editor()->toPlainText().contains(QStringLiteral("theirs")));
        QTRY_COMPARE_WITH_TIMEOUT(a.editor()->toPlainText(), b.editor()->toPlainText(), Timeout);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(a.editor()->toPlainText(), expected, Timeout);
        QCOMPARE(a.collab()->session().unsyncedCount(), 0);
        // A's copy is gone for good: its next keystroke builds on the host's text.
        a.editor()->moveCursor(QTextCursor::Start);
        QTest::keyClicks(a.editor(), QStringLiteral("!"));
        QTRY_COMPARE_WITH_TIMEOUT(b.editor()->toPlainText(), QStringLiteral("!theirs"), Timeout);
    }
    QTRY_COMPARE_WITH_TIMEOUT(a.collab()->session().unsyncedCount(), 0, Timeout);
}

void TstCollaboration::refusedCertificateIsToldInTheTab()
{
    // A joined tab whose pin does not match (here: a pin, but the host offers no certificate
    // at all, a downgrade) sends nothing, says why with the fingerprint, and can try again.
    AppClient a(m_data->filePath(QStringLiteral("a")));
    Client::DocumentConnection::Options options;
    options.url = roomUrl(QStringLiteral("pinned"));
    options.pinnedSha256 = QString(64, u'a');
    options.outboxRoot = m_data->filePath(QStringLiteral("a"));
    a.tab = a.window.joinSession(options);
    QFrame *bar = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (bar = a.tab->findChild<QFrame *>(QStringLiteral("pinRefused"))) != nullptr, Timeout);
    const auto *label = bar->findChild<QLabel *>();
    QVERIFY(label != nullptr);
    QVERIFY(label->text().contains(QStringLiteral("AA:AA:AA")));
    QVERIFY(a.collab()->statusText().startsWith(QStringLiteral("Refused")));
    QTest::keyClicks(a.editor(), QStringLiteral("secret"));
    QTest::qWait(300);
    QVERIFY(!a.connected());

    AppClient b(m_data->filePath(QStringLiteral("b")));
    b.join(roomUrl(QStringLiteral("pinned")));
    QTRY_VERIFY_WITH_TIMEOUT(b.connected(), Timeout);
    QCOMPARE(b.editor()->toPlainText(), QString());

    // Trying again meets the same certificate: refused again, still nothing sent.
    auto *retry = bar->findChild<QPushButton *>(QStringLiteral("retryConnection"));
    QVERIFY(retry != nullptr);
    retry->click();
    QTRY_VERIFY_WITH_TIMEOUT(a.tab->findChild<QFrame *>(QStringLiteral("pinRefused")) != nullptr
                                 && a.collab()->statusText().startsWith(QStringLiteral("Refused")),
                             Timeout);
    QTest::qWait(300);
    QCOMPARE(b.editor()->toPlainText(), QString());
}

QTEST_MAIN(TstCollaboration)
#include "tst_collaboration.moc"
