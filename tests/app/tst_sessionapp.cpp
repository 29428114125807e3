// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The session features end to end in one process: window A hosts through a EmbeddedHost (TLS,
// a password, a read-only password) and shares two files; window B joins from the invite link,
// sees the documents live, opens both and edits both; the chat works both ways and a late
// joiner gets its history. A wrong password and a wrong pin are refused (the pin before any
// document byte arrives); a read-only guest's edits never reach A. Screenshots of the Host
// dialog, the invite link, the Join dialog with its list and the panels go to
// CHORUS_BINARY_DIR/screenshots.
#include "app/appoptions.h"
#include "app/appsettings.h"
#include "app/dialogs/hostdialog.h"
#include "app/dialogs/joindialog.h"
#include "app/editor/codeeditor.h"
#include "app/session/collaboration.h"
#include "app/session/joinedsession.h"
#include "app/session/sessionchat.h"
#include "app/session/sessioncontroller.h"
#include "app/window/chatpanel.h"
#include "app/window/editortab.h"
#include "app/window/mainwindow.h"
#include "app/window/participantspanel.h"
#include "app/window/sessiondocumentspanel.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "host/embeddedhost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Chorus;
using namespace Chorus::App;
using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 20000;

QString writeFile(const QString &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir + u'/' + name);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return file.fileName();
}

bool synced(EditorTab *tab)
{
    return tab != nullptr && tab->collaboration() != nullptr
        && tab->collaboration()->session().isSynced();
}

void typeAtEnd(EditorTab *tab, const QString &text)
{
    QTextCursor cursor = tab->editor()->textCursor();
    cursor.movePosition(QTextCursor::End);
    tab->editor()->setTextCursor(cursor);
    QTest::keyClicks(tab->editor(), text);
}

QString screenshotDir()
{
    const QString dir = qEnvironmentVariable("CHORUS_BINARY_DIR", QDir::currentPath())
        + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

void shoot(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    QVERIFY(widget->grab().save(screenshotDir() + u'/' + name));
}

} // namespace

class TstSessionApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostJoinEditChat();
    void wrongPasswordThenRetry();
    void pinMismatchSendsNothing();
    void readOnlyGuestChangesNothing();
    void appOptionsTakeInviteLinks();
    void stopHostingTellsEveryone();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_a;
    std::unique_ptr<MainWindow> m_b;
    QString m_invite;
    QStringList m_rooms;
};

void TstSessionApp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path() + u"/settings"_s);
    AppSettings::setUserName(QStringLiteral("Ada"));
    AppSettings::setUserColor(QColor(QStringLiteral("#1565c0")));
    m_a = std::make_unique<MainWindow>();
    m_a->setOutboxRoot(m_dir.path() + u"/outbox-a"_s);
    m_a->sessionController()->setOutboxRoot(m_dir.path() + u"/outbox-a"_s);
    m_a->resize(900, 560);
    m_a->show();
}

void TstSessionApp::hostJoinEditChat()
{
    const QString one = writeFile(m_dir.path(), u"notes.md"_s, "# Notes\nfirst line\n");
    const QString two = writeFile(m_dir.path(), u"main.cpp"_s, "int main() { return 0; }\n");
    m_a->openFiles({ one, two });
    QCOMPARE(m_a->tabCount(), 2);

    SessionController *a = m_a->sessionController();
    HostDialog dialog(a->hostSession(), { m_a->tabAt(0), m_a->tabAt(1) });
    dialog.reachBox()->setCurrentIndex(0);
    dialog.passwordEdit()->setText(u"opensesame"_s);
    dialog.readOnlyPasswordEdit()->setText(u"justlooking"_s);
    dialog.tlsBox()->setChecked(true);
    dialog.dataFolderEdit()->setText(m_dir.path() + u"/hostdata"_s);
    dialog.show();
    shoot(&dialog, u"host-dialog.png"_s);
    Host::EmbeddedHost::Options options = dialog.options();
    options.port = 0; // any free port
    QCOMPARE(options.password, u"opensesame"_s);
    QVERIFY(options.tls);
    QCOMPARE(dialog.sharedTabs().size(), 2);
    a->host(options, dialog.sharedTabs());
    QTRY_VERIFY_WITH_TIMEOUT(a->hostSession()->isRunning(), Timeout);
    m_invite = a->hostSession()->inviteUrl().toString();
    QVERIFY2(m_invite.startsWith(u"chorus://127.0.0.1:"_s) && m_invite.contains(u"fp="_s),
             qPrintable(m_invite));
    QVERIFY(!dialog.inviteEdit()->text().isEmpty());
    shoot(&dialog, u"host-dialog-invite-link.png"_s);

    // A joined its own session and shared both files as documents.
    QTRY_VERIFY_WITH_TIMEOUT(a->connection() && a->connection()->documents().size() == 2, Timeout);
    m_rooms = a->connection()->documents();
    QCOMPARE(m_rooms, QStringList({ u"main.cpp"_s, u"notes.md"_s }));

    // B joins from the link through the Join dialog and sees both documents.
    AppSettings::setUserName(QStringLiteral("Grace"));
    AppSettings::setUserColor(QColor(QStringLiteral("#c62828")));
    m_b = std::make_unique<MainWindow>();
    m_b->setOutboxRoot(m_dir.path() + u"/outbox-b"_s);
    m_b->sessionController()->setOutboxRoot(m_dir.path() + u"/outbox-b"_s);
    m_b->resize(900, 560);
    m_b->show();
    JoinDialog join(m_dir.path() + u"/outbox-b"_s);
    join.setLink(m_invite);
    join.passwordEdit()->setText(u"opensesame"_s);
    join.show();
    join.connectToSession();
    QTRY_COMPARE_WITH_TIMEOUT(join.documents()->list()->count(), 2, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(join.connection()->isConnected(), Timeout);
    shoot(&join, u"join-dialog.png"_s);
    SessionController *b = m_b->sessionController();
    b->adopt(join.takeConnection());
    EditorTab *b1 = b->openDocument(u"notes.md"_s);
    EditorTab *b2 = b->openDocument(u"main.cpp"_s);
    QTRY_VERIFY_WITH_TIMEOUT(synced(b1) && synced(b2), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(b1->editor()->toPlainText(), u"# Notes\nfirst line\n"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(b2->editor()->toPlainText(), u"int main() { return 0; }\n"_s,
                              Timeout);

    // B edits both; A sees both; A edits one, B sees it.
    typeAtEnd(b1, u"from Grace"_s);
    typeAtEnd(b2, u"// Grace was here"_s);
    EditorTab *a1 = a->tabFor(u"notes.md"_s);
    EditorTab *a2 = a->tabFor(u"main.cpp"_s);
    QVERIFY(a1 && a2);
    QTRY_COMPARE_WITH_TIMEOUT(a1->editor()->toPlainText(), b1->editor()->toPlainText(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(a2->editor()->toPlainText(), b2->editor()->toPlainText(), Timeout);
    QVERIFY(a1->editor()->toPlainText().endsWith(u"from Grace"_s));
    typeAtEnd(a1, u" and Ada"_s);
    QTRY_COMPARE_WITH_TIMEOUT(b1->editor()->toPlainText(), a1->editor()->toPlainText(), Timeout);
    QVERIFY(b1->editor()->toPlainText().endsWith(u"and Ada"_s));

    // Chat both ways, through the panels.
    a->chatPanel()->input()->setText(u"Welcome, Grace!"_s);
    AppSettings::setUserName(QStringLiteral("Ada"));
    AppSettings::setUserColor(QColor(QStringLiteral("#1565c0")));
    a->chatPanel()->sendTyped();
    QTRY_COMPARE_WITH_TIMEOUT(b->connection()->chat()->messages().size(), 1, Timeout);
    AppSettings::setUserName(QStringLiteral("Grace"));
    AppSettings::setUserColor(QColor(QStringLiteral("#c62828")));
    b->chatPanel()->input()->setText(u"Thanks! Editing notes.md now."_s);
    b->chatPanel()->sendTyped();
    QTRY_COMPARE_WITH_TIMEOUT(a->connection()->chat()->messages().size(), 2, Timeout);
    const auto messages = a->connection()->chat()->messages();
    QCOMPARE(messages[0].name, u"Ada"_s);
    QCOMPARE(messages[0].text, u"Welcome, Grace!"_s);
    QCOMPARE(messages[1].name, u"Grace"_s);
    QCOMPARE(messages[1].color, QColor(QStringLiteral("#c62828")));
    QVERIFY(b->chatPanel()->history()->toPlainText().contains(u"Welcome, Grace!"_s));

    // A late joiner gets the history.
    JoinedSession late(Protocol::InviteLink::parse(m_invite).link, u"opensesame"_s,
                       m_dir.path() + u"/outbox-late"_s);
    late.start();
    QTRY_COMPARE_WITH_TIMEOUT(late.chat()->messages().size(), 2, Timeout);

    // Removing a document shows for everyone.
    b->removeDocument(u"main.cpp"_s);
    QTRY_COMPARE_WITH_TIMEOUT(a->connection()->documents(), QStringList({ u"notes.md"_s }),
                              Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(a2->editor()->isReadOnly(), Timeout);

    // Session-wide presence: B's Documents panel says who is looking at which document.
    m_a->tabs()->setCurrentWidget(a2);
    m_a->tabs()->setCurrentWidget(a1);
    QTRY_COMPARE_WITH_TIMEOUT(b->connection()->chat()->peopleByDocument().value(u"notes.md"_s),
                              QStringList({ u"Ada"_s }), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !b->documentsPanel()->list()->findItems(u"notes.md — Ada"_s, Qt::MatchExactly).isEmpty(),
        Timeout);

    // The panels of B, for the screenshot: participants (A is in notes.md) and chat.
    m_b->tabs()->setCurrentWidget(b1);
    QTRY_VERIFY_WITH_TIMEOUT(!b1->collaboration()->participants().isEmpty(), Timeout);
    QTest::qWait(300);
    shoot(m_b.get(), u"participants-and-chat.png"_s);
    m_b.reset();
}

void TstSessionApp::wrongPasswordThenRetry()
{
    JoinedSession c(Protocol::InviteLink::parse(m_invite).link, u"wrong"_s,
                    m_dir.path() + u"/outbox-wrong"_s);
    QSignalSpy failed(&c, &JoinedSession::failed);
    c.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Timeout);
    QVERIFY(c.errorText().contains(u"password is wrong"_s));
    QVERIFY(c.documents().isEmpty());
    c.retry(u"opensesame"_s);
    QTRY_VERIFY_WITH_TIMEOUT(c.isConnected(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(c.documents(), QStringList({ u"notes.md"_s }), Timeout);
}

void TstSessionApp::pinMismatchSendsNothing()
{
    Protocol::InviteLink real = Protocol::InviteLink::parse(m_invite).link;
    Protocol::InviteLink forged(real.webSocketUrl(), QString(64, u'a'));
    JoinDialog join(m_dir.path() + u"/outbox-pin"_s);
    join.setLink(forged.toString());
    join.passwordEdit()->setText(u"opensesame"_s);
    join.show();
    join.connectToSession();
    JoinedSession *c = join.connection();
    QTRY_VERIFY_WITH_TIMEOUT(c->isPinRefused(), Timeout);
    const QString text = join.statusLabel()->text();
    QVERIFY2(text.contains(u"AA:AA:AA"_s), qPrintable(text));
    const QString actual = Protocol::InviteLink::normalizedSha256(real.sha256());
    QVERIFY2(text.contains(actual.left(2).toUpper() + u':' + actual.mid(2, 2).toUpper()),
             qPrintable(text));
    shoot(&join, u"join-dialog-pin-mismatch.png"_s);
    // No document bytes: the index never received anything, and no connection is retried.
    QTest::qWait(1000);
    QVERIFY(c->documents().isEmpty());
    QCOMPARE(c->indexSession().document()->encodeStateVector(), QByteArray(1, '\0'));
    QCOMPARE(c->chat()->messages().size(), 0);
    QVERIFY(!c->isConnected());
}

void TstSessionApp::readOnlyGuestChangesNothing()
{
    EditorTab *a1 = m_a->sessionController()->tabFor(u"notes.md"_s);
    QVERIFY(a1);
    const QByteArray before = a1->editor()->toPlainText().toUtf8();
    const QByteArray beforeState = a1->collaboration()->doc().encodeStateAsUpdate();

    MainWindow guest;
    guest.setOutboxRoot(m_dir.path() + u"/outbox-ro"_s);
    guest.sessionController()->setOutboxRoot(m_dir.path() + u"/outbox-ro"_s);
    guest.show();
    SessionController *g = guest.sessionController();
    g->join(Protocol::InviteLink::parse(m_invite).link, u"justlooking"_s);
    QTRY_VERIFY_WITH_TIMEOUT(g->connection()->isConnected(), Timeout);
    QVERIFY(g->connection()->isReadOnly());
    EditorTab *tab = g->openDocument(u"notes.md"_s);
    QTRY_VERIFY_WITH_TIMEOUT(synced(tab), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(tab->editor()->toPlainText().toUtf8(), before, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(tab->editor()->isReadOnly(), Timeout);
    auto *banner = tab->findChild<QLabel *>(u"readOnlyBanner"_s);
    QVERIFY(banner && banner->text().startsWith(u"Read-only"_s));
    // What the guest sees: the banner saying why, the panels.
    guest.resize(760, 360);
    shoot(&guest, u"read-only-guest.png"_s);
    // Force edits past the read-only editor, straight into the shared document.
    tab->collaboration()->doc().transact(
        [&] { tab->collaboration()->doc().text(u"content"_s).insert(0, u"VANDAL "_s); });
    QTest::qWait(1500);
    QCOMPARE(a1->editor()->toPlainText().toUtf8(), before);
    QCOMPARE(a1->collaboration()->doc().encodeStateAsUpdate(), beforeState);
}

void TstSessionApp::appOptionsTakeInviteLinks()
{
    int exit = -1;
    auto o = AppOptions::parse({ u"chorus"_s, m_invite }, &exit);
    QCOMPARE(exit, -1);
    QVERIFY(o.files.isEmpty());
    QCOMPARE(o.joinUrl.toString(), m_invite);
    o = AppOptions::parse({ u"chorus"_s, u"file:///tmp/a%20b.txt"_s }, &exit);
    QCOMPARE(o.files, QStringList({ u"/tmp/a b.txt"_s }));
    o = AppOptions::parse({ u"chorus"_s, u"--join"_s, m_invite }, &exit);
    QCOMPARE(exit, -1);
    QCOMPARE(o.joinUrl.toString(), m_invite);
}

void TstSessionApp::stopHostingTellsEveryone()
{
    MainWindow guest;
    guest.sessionController()->setOutboxRoot(m_dir.path() + u"/outbox-stop"_s);
    SessionController *g = guest.sessionController();
    g->join(Protocol::InviteLink::parse(m_invite).link, u"opensesame"_s);
    QTRY_VERIFY_WITH_TIMEOUT(g->connection()->isConnected(), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        g->connection()->indexSession().state() == Client::ConnectionState::Connected, Timeout);
    QSignalSpy notices(g, &SessionController::notice);

    // Stop hosting: the host closes everyone with 1001; the guest is told in words.
    SessionController *a = m_a->sessionController();
    QSignalSpy stopped(a->hostSession(), &Host::EmbeddedHost::stopped);
    a->stopHosting();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), Timeout);
    QVERIFY2(notices.last().first().toString().contains(u"stopped hosting"_s),
             qPrintable(notices.last().first().toString()));
    QVERIFY(!a->hostSession()->isRunning());
}

void TstSessionApp::cleanupTestCase()
{
    m_a.reset();
}

QTEST_MAIN(TstSessionApp)
#include "tst_sessionapp.moc"
