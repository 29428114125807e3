// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Peers in the shapes of every Yjs binding, through a real in-process host on 127.0.0.1
// (issue 15): the app shows a caret at the right place for each readable cursor, lists a peer
// whose cursor it cannot read or place without a caret and without hiding anyone else, and
// gives people who chose no colour distinct ones — also next to a client whose colour is fixed.
#include "app/appsettings.h"
#include "app/editor/codeeditor.h"
#include "app/session/collaboration.h"
#include "client/documentconnection.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "host/rooms/server.h"
#include "protocol/awarenesscursor.h"

#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>

using namespace Chorus;
using namespace Chorus::App;
using namespace Qt::StringLiterals;
using Protocol::AwarenessCursorCodec;

namespace {

constexpr int Timeout = 15000;

Client::DocumentConnection::Options sessionOptions(const QUrl &url, const QString &outbox)
{
    Client::DocumentConnection::Options options;
    options.url = url;
    options.outboxRoot = outbox;
    return options;
}

// A client with no editor: a document and a session that publishes whatever state it is given,
// like a browser running one of the bindings.
struct RawPeer
{
    RawPeer(const QUrl &url, const QString &outbox, Crdt::ClientId id)
        : doc(id)
        , session(&doc, sessionOptions(url, outbox + u'/' + QString::number(id)))
    {
        session.start();
    }
    Crdt::RelativePosition at(int index)
    {
        return Crdt::createRelativePositionFromTypeIndex(doc.text(QStringLiteral("content")),
                                                         index);
    }
    Crdt::Doc doc;
    Client::DocumentConnection session;
};

QJsonObject user(const char *name, const char *color)
{
    return AwarenessCursorCodec::writeUser(
        { QLatin1StringView(name), QLatin1StringView(color), QString() });
}

} // namespace

class TestPeers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyBindingShapeShowsOrIsListed();
    void defaultColoursNeverCollide();
    void automaticColourMovesAwayFromAFixedOne();
    void chosenColourStays();

private:
    Collaboration *newCollaboration();
    bool synced(Collaboration *c) const
    {
        return c->session().state() == Client::ConnectionState::Connected
            && c->session().isSynced();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Host::Server> m_host;
    QUrl m_url;
    std::vector<std::unique_ptr<CodeEditor>> m_editors;
    std::vector<std::unique_ptr<Collaboration>> m_collaborations;
};

void TestPeers::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
}

void TestPeers::init()
{
    QSettings().remove(u"user"_s);
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    Host::ServerOptions options;
    options.port = probe.serverPort();
    probe.close();
    options.dataDir
        = m_dir.filePath(u"host-%1"_s.arg(QLatin1StringView(QTest::currentTestFunction())));
    options.logLevel = u"warning"_s;
    m_host = std::make_unique<Host::Server>(options);
    QVERIFY2(m_host->start(), qPrintable(m_host->errorString()));
    m_url = QUrl(u"ws://127.0.0.1:%1/notes"_s.arg(options.port));
}

void TestPeers::cleanup()
{
    m_collaborations.clear();
    m_editors.clear();
    m_host.reset();
}

Collaboration *TestPeers::newCollaboration()
{
    m_editors.push_back(std::make_unique<CodeEditor>());
    const Client::DocumentConnection::Options options
        = sessionOptions(m_url, m_dir.filePath(u"outbox/%1"_s.arg(m_collaborations.size())));
    m_collaborations.push_back(std::make_unique<Collaboration>(m_editors.back().get(), options));
    m_collaborations.back()->start();
    return m_collaborations.back().get();
}

void TestPeers::everyBindingShapeShowsOrIsListed()
{
    Collaboration *app = newCollaboration();
    m_editors.front()->setPlainText(u"hello wide world"_s);
    QTRY_VERIFY_WITH_TIMEOUT(synced(app), Timeout);
    const QString outbox = m_dir.filePath(u"raw"_s);
    RawPeer codemirror(m_url, outbox, 501), monaco(m_url, outbox, 502), cm5(m_url, outbox, 503),
        prosemirror(m_url, outbox, 504), broken(m_url, outbox, 505), bare(m_url, outbox, 506);
    for (RawPeer *p : { &codemirror, &monaco, &cm5, &prosemirror, &broken, &bare }) {
        QTRY_VERIFY_WITH_TIMEOUT(p->session.isSynced() && p->doc.text(u"content"_s).length() == 16,
                                 Timeout);
    }
    codemirror.session.setLocalState(
        { { u"user"_s, user("Ann", "#30bced") },
          { u"cursor"_s,
            AwarenessCursorCodec::writeCursor(codemirror.at(6), codemirror.at(10)) } });
    monaco.session.setLocalState(
        { { u"user"_s, user("Bo", "#ee6352") },
          { u"selection"_s, AwarenessCursorCodec::writeCursor(monaco.at(16), monaco.at(16)) } });
    // y-codemirror (CodeMirror 5) and older Chorus: relativePositionToJSON, empty fields left out.
    cm5.session.setLocalState({ { u"user"_s, user("Cy", "#59cd90") },
                                { u"cursor"_s,
                                  QJsonObject { { u"anchor"_s, cm5.at(2).toJson() },
                                                { u"head"_s, cm5.at(0).toJson() } } } });
    // y-prosemirror: positions in an Y.XmlText this text does not hold.
    Crdt::RelativePosition elsewhere;
    elsewhere.type = Crdt::ID { 77777, 1 };
    elsewhere.item = Crdt::ID { 77777, 4 };
    prosemirror.session.setLocalState(
        { { u"user"_s, user("Di", "#3fa7d6") },
          { u"cursor"_s, AwarenessCursorCodec::writeCursor(elsewhere, elsewhere) } });
    broken.session.setLocalState(
        { { u"user"_s, u"Eve"_s },
          { u"cursor"_s, QJsonObject { { u"anchor"_s, 5 }, { u"head"_s, u"x"_s } } } });
    bare.session.setLocalState({ { u"user"_s, QJsonObject { { u"name"_s, u"Flo"_s } } } });

    QTRY_COMPARE_WITH_TIMEOUT(app->participants().size(), 6, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_editors.front()->peerCarets().size(), 3, Timeout);
    QMap<QString, std::pair<int, int>> carets;
    for (const PeerCaret &caret : m_editors.front()->peerCarets()) {
        carets.insert(caret.name, { caret.anchor, caret.head });
    }
    QCOMPARE(carets.value(u"Ann"_s), std::pair(6, 10));
    QCOMPARE(carets.value(u"Bo"_s), std::pair(16, 16));
    QCOMPARE(carets.value(u"Cy"_s), std::pair(2, 0));
    QStringList withoutCaret;
    for (const Collaboration::Participant &p : app->participants()) {
        QVERIFY2(p.color.isValid(), qPrintable(p.name));
        if (!p.hasCursor) {
            withoutCaret << p.name;
        }
    }
    withoutCaret.sort();
    QCOMPARE(withoutCaret, (QStringList { u"Anonymous 505"_s, u"Di"_s, u"Flo"_s }));

    // What the app publishes, as a browser receives it: a caret at the end of the text has no
    // item, and every field of both positions is there, null where empty (issue 15).
    QTextCursor end = m_editors.front()->textCursor();
    end.movePosition(QTextCursor::End);
    m_editors.front()->setTextCursor(end);
    app->publishLocalState();
    const auto appState = [&] {
        const auto peers = codemirror.session.peers();
        const auto it = std::find_if(peers.begin(), peers.end(), [](const auto &p) {
            return p.state.value(u"cursor"_s)[u"head"_s][u"item"_s].isNull();
        });
        return it == peers.end() ? QJsonObject() : it->state;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!appState().isEmpty(), Timeout);
    const QJsonObject state = appState();
    for (const QString &side : { u"anchor"_s, u"head"_s }) {
        const QJsonObject position = state.value(u"cursor"_s)[side].toObject();
        QCOMPARE(position.keys(), (QStringList { u"assoc"_s, u"item"_s, u"tname"_s, u"type"_s }));
        QVERIFY(position.value(u"type"_s).isNull());
        QCOMPARE(position.value(u"tname"_s).toString(), u"content"_s);
        QCOMPARE(position.value(u"assoc"_s).toInteger(-1), 0);
    }
    const QJsonObject user = state.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"name"_s).toString(), app->userName());
    QCOMPARE(user.value(u"color"_s).toString(), app->userColor().name());
    QCOMPARE(user.value(u"colorLight"_s).toString(), app->userColor().name() + u"33"_s);
}

void TestPeers::defaultColoursNeverCollide()
{
    // One process, one instance tag: without a chosen colour all three start on the same one.
    Collaboration *a = newCollaboration();
    Collaboration *b = newCollaboration();
    Collaboration *c = newCollaboration();
    QCOMPARE(a->userColor(), b->userColor());
    QCOMPARE(b->userColor(), c->userColor());
    const auto settled = [&] {
        const QList<Collaboration *> all { a, b, c };
        for (Collaboration *x : all) {
            const auto others = x->participants();
            if (others.size() != 2) {
                return false;
            }
            for (const auto &o : others) {
                if (AppSettings::isSimilarColor(o.color, x->userColor())) {
                    return false;
                }
            }
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(settled(), Timeout);
    for (Collaboration *x : { a, b, c }) {
        QVERIFY(AppSettings::userPalette().contains(x->userColor()));
    }
}

void TestPeers::automaticColourMovesAwayFromAFixedOne()
{
    Collaboration *app = newCollaboration();
    const QColor first = app->userColor();
    QTRY_VERIFY_WITH_TIMEOUT(synced(app), Timeout);
    // A browser user whose page fixed this very colour, with any client id: the app moves.
    RawPeer browser(m_url, m_dir.filePath(u"raw"_s), 0xffffffffU);
    const QString fixed = first.name();
    browser.session.setLocalState(
        { { u"user"_s, AwarenessCursorCodec::writeUser({ u"Web"_s, fixed, fixed + u"33"_s }) } });
    QTRY_VERIFY_WITH_TIMEOUT(!AppSettings::isSimilarColor(app->userColor(), first), Timeout);
    // The peer sees the new colour in the app's published state.
    QTRY_VERIFY_WITH_TIMEOUT(
        AwarenessCursorCodec::readUser(browser.session.peers().value(0).state).color
            == app->userColor().name(),
        Timeout);
}

void TestPeers::chosenColourStays()
{
    AppSettings::setUserColor(QColor(u"#123456"_s));
    Collaboration *app = newCollaboration();
    QTRY_VERIFY_WITH_TIMEOUT(synced(app), Timeout);
    RawPeer browser(m_url, m_dir.filePath(u"raw"_s), 1);
    browser.session.setLocalState(
        { { u"user"_s, AwarenessCursorCodec::writeUser({ u"Web"_s, u"#123456"_s, {} }) } });
    QTRY_COMPARE_WITH_TIMEOUT(app->participants().size(), 1, Timeout);
    QTest::qWait(200);
    QCOMPARE(app->userColor().name(), u"#123456"_s);
}

QTEST_MAIN(TestPeers)
#include "tst_peers.moc"
