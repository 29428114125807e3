// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Our protocol code against a real @y/websocket-server (Node, from npm): two raw QWebSocket
// peers run the y-websocket handshake with Chorus::Protocol messages and a Crdt::Doc each,
// exchange updates and awareness through the reference server, and converge. No Session: this
// checks the protocol layer alone.
#include "../client/nodeserver.h"
#include "crdt/doc.h"
#include "crdt/text.h"
#include "protocol/awareness.h"
#include "protocol/message.h"

#include <QElapsedTimer>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Chorus;
using namespace Chorus::Protocol;

namespace {
constexpr int Wait = 15000;

// The smallest y-websocket client: answers SyncStep1, applies SyncStep2/Update, sends local
// updates, applies awareness.
class RawPeer : public QObject
{
public:
    RawPeer(Crdt::ClientId id, const QUrl &url)
        : doc(id)
        , awareness(id)
    {
        doc.onUpdate([this](const QByteArray &update, Crdt::Origin origin, bool) {
            if (origin != Crdt::Origin(this)) {
                socket.sendBinaryMessage(encodeSyncUpdate(update));
            }
        });
        connect(&socket, &QWebSocket::connected, this,
                [this] { socket.sendBinaryMessage(encodeSyncStep1(doc.encodeStateVector())); });
        connect(&socket, &QWebSocket::binaryMessageReceived, this,
                [this](const QByteArray &b) { onMessage(b); });
        socket.open(url);
    }

    void onMessage(const QByteArray &bytes)
    {
        const DecodedMessage d = decodeMessage(bytes);
        if (!d.isOk()) {
            errors.append(d.error.toString());
            return;
        }
        if (const auto *s1 = std::get_if<SyncStep1>(&d.message)) {
            socket.sendBinaryMessage(encodeSyncStep2(doc.encodeStateAsUpdate(s1->stateVector)));
        } else if (const auto *s2 = std::get_if<SyncStep2>(&d.message)) {
            apply(s2->update);
            synced = true;
        } else if (const auto *u = std::get_if<SyncUpdate>(&d.message)) {
            apply(u->update);
        } else if (const auto *a = std::get_if<AwarenessMessage>(&d.message)) {
            const AwarenessApplyResult r = awareness.applyUpdate(a->update, 0);
            if (!r.isOk()) {
                errors.append(r.error.toString());
            }
        }
    }

    void apply(const QByteArray &update)
    {
        const Crdt::ApplyResult r = doc.applyUpdate(update, Crdt::Origin(this));
        if (!r.ok()) {
            errors.append(r.error.toString());
        }
    }

    QString text() { return doc.text(QStringLiteral("content")).toString(); }

    Crdt::Doc doc;
    Awareness awareness;
    QWebSocket socket;
    bool synced = false;
    QStringList errors;
};
} // namespace

class TestYwsInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handshakeUpdatesAwareness();
};

void TestYwsInterop::handshakeUpdatesAwareness()
{
    NodeServer server;
    QString why;
    if (!server.start(0, &why)) {
        QSKIP(qPrintable(why));
    }
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/protocol-interop").arg(server.port()));
    RawPeer a(11, url);
    QTRY_VERIFY_WITH_TIMEOUT(a.synced, Wait);
    a.doc.text(QStringLiteral("content")).insert(0, QStringLiteral("before B joined; "));

    RawPeer b(22, url);
    QTRY_VERIFY_WITH_TIMEOUT(b.synced, Wait);
    QTRY_COMPARE_WITH_TIMEOUT(b.text(), QStringLiteral("before B joined; "), Wait);

    b.doc.text(QStringLiteral("content")).insert(17, QStringLiteral("B \u00e9\U0001F600"));
    a.doc.text(QStringLiteral("content")).insert(0, QStringLiteral("A:"));
    QTRY_VERIFY_WITH_TIMEOUT(a.text() == b.text() && a.text().size() == 2 + 17 + 5, Wait);

    // Awareness through the server, then its removal when A leaves.
    a.awareness.setLocalState(QByteArray(R"({"user":{"name":"A","color":"#123456"}})"), 0);
    a.socket.sendBinaryMessage(encodeAwarenessMessage(a.awareness.encodeUpdate({ 11 })));
    QTRY_VERIFY_WITH_TIMEOUT(b.awareness.hasState(11), Wait);
    QCOMPARE(b.awareness.stateValue(11)[QStringLiteral("user")][QStringLiteral("name")].toString(),
             QStringLiteral("A"));
    a.socket.close();
    QTRY_VERIFY_WITH_TIMEOUT(!b.awareness.hasState(11), Wait);

    // A late joiner gets the merged document from the server's SyncStep2.
    RawPeer c(33, url);
    QTRY_VERIFY_WITH_TIMEOUT(c.synced, Wait);
    QCOMPARE(c.text(), b.text());
    QVERIFY2(a.errors.isEmpty() && b.errors.isEmpty() && c.errors.isEmpty(),
             qPrintable((a.errors + b.errors + c.errors).join(u'\n')));
}

QTEST_GUILESS_MAIN(TestYwsInterop)
#include "tst_ywsinterop.moc"
