// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// InviteLink: chorus://HOST:PORT/[ROOM]?fp=… <-> ws[s] URL + pinned fingerprint, and the
// errors a bad link gives.
#include "protocol/invitelink.h"

#include <QRegularExpression>
#include <QTest>

using Chorus::Protocol::InviteLink;
using namespace Qt::StringLiterals;

namespace {
const QString Fp
    = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

class tst_InviteLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("webSocketUrl");
        QTest::addColumn<QString>("room");
        QTest::addColumn<QString>("sha256");
        QTest::addColumn<QString>("formatted"); // toString() of the parsed link

        const QString tlsLink = QStringLiteral("chorus://192.168.1.5:1234/?fp=") + Fp;
        QTest::newRow("session with pin")
            << tlsLink << QStringLiteral("wss://192.168.1.5:1234/") << QString() << Fp << tlsLink;
        QTest::newRow("no pin is plain ws")
            << QStringLiteral("chorus://127.0.0.1:4321/") << QStringLiteral("ws://127.0.0.1:4321/")
            << QString() << QString() << QStringLiteral("chorus://127.0.0.1:4321/");
        QTest::newRow("no slash") << QStringLiteral("chorus://127.0.0.1:4321")
                                  << QStringLiteral("ws://127.0.0.1:4321/") << QString()
                                  << QString() << QStringLiteral("chorus://127.0.0.1:4321/");
        QTest::newRow("room") << QStringLiteral("chorus://host.lan:1234/notes.md?fp=") + Fp
                              << QStringLiteral("wss://host.lan:1234/notes.md")
                              << QStringLiteral("notes.md") << Fp
                              << QStringLiteral("chorus://host.lan:1234/notes.md?fp=") + Fp;
        QTest::newRow("room with space and slash")
            << QStringLiteral("chorus://h:1/dir/my%20notes.md")
            << QStringLiteral("ws://h:1/dir/my%20notes.md") << QStringLiteral("dir/my notes.md")
            << QString() << QStringLiteral("chorus://h:1/dir/my%20notes.md");
        QTest::newRow("fingerprint with colons, upper case")
            << QStringLiteral("chorus://h:1/?fp=")
                + Fp.toUpper().replace(QRegularExpression(QStringLiteral("(..)(?!$)")),
                                       QStringLiteral("\\1:"))
            << QStringLiteral("wss://h:1/") << QString() << Fp
            << QStringLiteral("chorus://h:1/?fp=") + Fp;
        QTest::newRow("sha256: prefix")
            << QStringLiteral("chorus://h:1/?fp=sha256:") + Fp << QStringLiteral("wss://h:1/")
            << QString() << Fp << QStringLiteral("chorus://h:1/?fp=") + Fp;
        QTest::newRow("ipv6") << QStringLiteral("chorus://[::1]:1234/?fp=") + Fp
                              << QStringLiteral("wss://[::1]:1234/") << QString() << Fp
                              << QStringLiteral("chorus://[::1]:1234/?fp=") + Fp;
        QTest::newRow("surrounding spaces, unknown keys ignored")
            << QStringLiteral("  chorus://h:1/?v=2&fp=") + Fp + QStringLiteral("  ")
            << QStringLiteral("wss://h:1/") << QString() << Fp
            << QStringLiteral("chorus://h:1/?fp=") + Fp;
        QTest::newRow("scheme case")
            << QStringLiteral("CHORUS://h:1/") << QStringLiteral("ws://h:1/") << QString()
            << QString() << QStringLiteral("chorus://h:1/");
        QTest::newRow("ws url") << QStringLiteral("ws://h:1234/doc")
                                << QStringLiteral("ws://h:1234/doc") << QStringLiteral("doc")
                                << QString() << QStringLiteral("chorus://h:1234/doc");
        QTest::newRow("wss url default port")
            << QStringLiteral("wss://example.org/doc")
            << QStringLiteral("wss://example.org:443/doc") << QStringLiteral("doc") << QString()
            << QStringLiteral("wss://example.org:443/doc");
        QTest::newRow("wss url with pin")
            << QStringLiteral("wss://h:9/?fp=") + Fp << QStringLiteral("wss://h:9/") << QString()
            << Fp << QStringLiteral("chorus://h:9/?fp=") + Fp;
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, webSocketUrl);
        QFETCH(QString, room);
        QFETCH(QString, sha256);
        QFETCH(QString, formatted);
        const InviteLink::Parsed parsed = InviteLink::parse(text);
        QVERIFY2(parsed.isOk(), qPrintable(parsed.error));
        QVERIFY(parsed.link.isValid());
        QCOMPARE(parsed.link.webSocketUrl().toString(QUrl::FullyEncoded), webSocketUrl);
        QCOMPARE(parsed.link.room(), room);
        QCOMPARE(parsed.link.sha256(), sha256);
        QCOMPARE(parsed.link.isTls(), webSocketUrl.startsWith(u"wss:"));
        QCOMPARE(parsed.link.toString(), formatted);
        // Formatting and parsing again gives the same link.
        const InviteLink::Parsed again = InviteLink::parse(parsed.link.toString());
        QVERIFY2(again.isOk(), qPrintable(again.error));
        QCOMPARE(again.link, parsed.link);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty");
        QTest::newRow("http") << QStringLiteral("http://h:1/") << QStringLiteral("not http://");
        QTest::newRow("no scheme") << QStringLiteral("h:1/x") << QStringLiteral("chorus://");
        QTest::newRow("no host") << QStringLiteral("chorus:///?fp=") + Fp
                                 << QStringLiteral("no host");
        QTest::newRow("no port") << QStringLiteral("chorus://h/") << QStringLiteral("no port");
        QTest::newRow("port 0") << QStringLiteral("chorus://h:0/") << QStringLiteral("port 0");
        QTest::newRow("port too big")
            << QStringLiteral("chorus://h:70000/") << QStringLiteral("not a valid link");
        QTest::newRow("short fingerprint")
            << QStringLiteral("chorus://h:1/?fp=abcd") << QStringLiteral("64 hexadecimal");
        QTest::newRow("empty fingerprint")
            << QStringLiteral("chorus://h:1/?fp=") << QStringLiteral("64 hexadecimal");
        QTest::newRow("non-hex fingerprint") << QStringLiteral("chorus://h:1/?fp=")
                + QString(64, u'g') << QStringLiteral("64 hexadecimal");
        QTest::newRow("password in link")
            << QStringLiteral("chorus://me:secret@h:1/") << QStringLiteral("password");
        QTest::newRow("ws with pin")
            << QStringLiteral("ws://h:1/?fp=") + Fp << QStringLiteral("not encrypted");
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, errorPart);
        const InviteLink::Parsed parsed = InviteLink::parse(text);
        QVERIFY(!parsed.isOk());
        QVERIFY2(parsed.error.contains(errorPart), qPrintable(parsed.error));
        QVERIFY(!parsed.link.isValid());
        QVERIFY(parsed.link.toString().isEmpty());
    }

    void fromServerUrl()
    {
        const InviteLink link(QUrl(QStringLiteral("wss://10.0.0.2:5000")), Fp.toUpper());
        QCOMPARE(link.toString(), QStringLiteral("chorus://10.0.0.2:5000/?fp=") + Fp);
        QCOMPARE(link.webSocketUrl(QStringLiteral(".chorus/index")),
                 QUrl(QStringLiteral("wss://10.0.0.2:5000/.chorus/index")));
        QCOMPARE(link.withRoom(QStringLiteral("a.txt")).webSocketUrl(),
                 QUrl(QStringLiteral("wss://10.0.0.2:5000/a.txt")));
        const InviteLink plain(QUrl(QStringLiteral("ws://127.0.0.1:1234")), QString());
        QVERIFY(!plain.isTls());
        QCOMPARE(plain.toString(), QStringLiteral("chorus://127.0.0.1:1234/"));
        QVERIFY(!InviteLink().isValid());
    }

    // The link for people without the app: the host's web editor, same host and port.
    void webEditorUrl_data()
    {
        QTest::addColumn<QString>("invite");
        QTest::addColumn<QString>("web");
        QTest::newRow("session") << u"chorus://127.0.0.1:1234/"_s << u"http://127.0.0.1:1234/"_s;
        QTest::newRow("document") << u"chorus://192.168.1.5:1234/notes.md"_s
                                  << u"http://192.168.1.5:1234/?doc=notes.md"_s;
        QTest::newRow("tls") << u"chorus://10.0.0.2:5000/a.txt?fp="_s + Fp
                             << u"https://10.0.0.2:5000/?doc=a.txt"_s;
        QTest::newRow("space in the name") << u"chorus://h.local:80/my%20notes.txt"_s
                                           << u"http://h.local:80/?doc=my%20notes.txt"_s;
        QTest::newRow("ipv6") << u"ws://[::1]:1234/r"_s << u"http://[::1]:1234/?doc=r"_s;
    }

    void webEditorUrl()
    {
        QFETCH(QString, invite);
        QFETCH(QString, web);
        const InviteLink::Parsed parsed = InviteLink::parse(invite);
        QVERIFY2(parsed.isOk(), qPrintable(parsed.error));
        QCOMPARE(parsed.link.webEditorUrl().toString(QUrl::FullyEncoded), web);
    }
};

QTEST_GUILESS_MAIN(tst_InviteLink)
#include "tst_invitelink.moc"
