// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The client side of the conversation without sockets: each row is a script of events (what
// the host sends, local edits, ticks, the person's choices) and the transcript it must give
// (replies, close decisions, confirmed outbox entries, events, and checked state), in order.
//
// Script words (one event each):
//   open [plain] [token]    the handshake completed; chorus.1 selected unless "plain"; token
//   "secret" epoch E | step1 | step2 | update N | ack N | denied WHY | authenticated SCOPE |
//   readonly WHY query | peer ID NAME | peergone ID | removeme | orphan | bytes HEX
//                           what the host sends (step1: the host's state vector; step2: what we
//                           lack; update N: the host's N-th own edit; orphan: an update whose
//                           dependency nobody has; removeme: a peer removing our awareness state)
//   text                    a text frame
//   host TEXT               the host's own edit (appended; not sent)
//   edit TEXT               a local edit (appended to our text; goes to the outbox first)
//   known E | restore TEXT  between connections: the epoch last synced, an outbox entry from
//                           an earlier run
//   at MS | tick MS         the time; tick also runs tick()
//   state NAME | reshare | adopt | leave | lost [CODE [WHY]]
//   ?count ?text ?peers ?state ?synced ?epoch   state, written into the transcript
// Transcript lines: "> step1", "> step2", "> update", "> token secret", "> awareness 1=Ann",
// "close 1007 …", "confirm 1 2", an event (describeEvent), or a state line.
#include "crdt/doc.h"
#include "crdt/text.h"
#include "protocol/awarenessupdate.h"
#include "protocol/clientconversation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace Chorus;
using namespace Chorus::Protocol;

namespace {

QStringList L(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items) {
        list.append(QString::fromUtf8(item));
    }
    return list;
}

constexpr Crdt::Origin RemoteOrigin = 0xC0DE;
const QString Content = QStringLiteral("content");

QString textOf(Crdt::Doc &doc)
{
    return doc.text(Content).toString();
}

void append(Crdt::Doc &doc, const QString &text)
{
    Crdt::Text t = doc.text(Content);
    t.insert(t.length(), text);
}

QByteArray awarenessState(const QString &name)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("name"), name } })
        .toJson(QJsonDocument::Compact);
}

QString describeAwareness(const QByteArray &update)
{
    const DecodedAwarenessUpdate decoded = decodeAwarenessUpdate(update);
    QStringList parts;
    for (const AwarenessEntry &e : decoded.entries) {
        const QJsonValue value = QJsonDocument::fromJson("[" + e.json + "]").array().first();
        parts.append(QStringLiteral("%1=%2")
                         .arg(e.clientId)
                         .arg(value.isNull() ? QStringLiteral("null")
                                             : value[QStringLiteral("name")].toString()));
    }
    return parts.join(u' ');
}

// A client conversation on a document (client 1), with a host document (client 50) that
// receives whatever the client sends, as a host would.
class Harness
{
public:
    Harness()
    {
        watch(m_doc.get());
        m_host.onUpdate([this](const QByteArray &update, Crdt::Origin origin, bool) {
            if (origin == 0) {
                m_hostEdits.append(update); // the host's own edits
            }
        });
    }

    QStringList run(const QStringList &script)
    {
        for (const QString &step : script) {
            runStep(step);
        }
        return m_transcript;
    }

    ClientConversation &conversation() { return m_conversation; }
    Crdt::Doc &doc() { return *m_doc; }
    QStringList &transcript() { return m_transcript; }

    void record(const ClientOutput &out)
    {
        for (const QByteArray &reply : out.replies) {
            m_transcript.append(describeReply(reply));
        }
        if (out.close) {
            m_transcript.append(
                QStringLiteral("close %1 %2").arg(int(out.close->code)).arg(out.close->reason));
        }
        if (!out.confirmed.isEmpty()) {
            QStringList ids;
            for (quint64 id : out.confirmed) {
                ids.append(QString::number(id));
            }
            m_transcript.append(QStringLiteral("confirm ") + ids.join(u' '));
        }
        for (const ClientEvent &event : out.events) {
            m_transcript.append(describeEvent(event));
        }
    }

private:
    void watch(Crdt::Doc *doc)
    {
        // As the owner does: local updates go to the outbox (an id), then to the conversation.
        doc->onUpdate([this](const QByteArray &update, Crdt::Origin origin, bool) {
            if (origin != RemoteOrigin) {
                record(m_conversation.localUpdate(update, m_nextEdit++));
            }
        });
    }

    QString describeReply(const QByteArray &reply)
    {
        const DecodedMessage decoded = decodeMessage(reply);
        const Message &m = decoded.message;
        // The host takes in what it is sent, so later rows can ask what it has.
        if (const auto *step2 = std::get_if<SyncStep2>(&m)) {
            m_host.applyUpdate(step2->update, 1);
            return QStringLiteral("> step2");
        }
        if (const auto *update = std::get_if<SyncUpdate>(&m)) {
            m_host.applyUpdate(update->update, 1);
            return QStringLiteral("> update");
        }
        if (std::holds_alternative<SyncStep1>(m)) {
            return QStringLiteral("> step1");
        }
        if (const auto *token = std::get_if<AuthToken>(&m)) {
            return QStringLiteral("> token ") + token->token;
        }
        if (const auto *aw = std::get_if<AwarenessMessage>(&m)) {
            return QStringLiteral("> awareness ") + describeAwareness(aw->update);
        }
        return QStringLiteral("> ") + describeMessage(m);
    }

    void receive(const QByteArray &bytes) { record(m_conversation.receive(bytes, m_now)); }

    QByteArray peerUpdate(quint64 id, const QByteArray &json)
    {
        return encodeAwarenessMessage(encodeAwarenessUpdate({ { id, ++m_peerClocks[id], json } }));
    }

    void runStep(const QString &step)
    {
        const QString verb = step.section(u' ', 0, 0);
        const QString rest = step.section(u' ', 1);
        if (verb == u"open") {
            const QStringList words = rest.split(u' ', Qt::SkipEmptyParts);
            record(m_conversation.opened(
                !words.contains(u"plain"),
                words.contains(u"token") ? QStringLiteral("secret") : QString(), m_now));
        } else if (verb == u"epoch") {
            receive(encodeEpoch(rest));
        } else if (verb == u"step1") {
            receive(encodeSyncStep1(m_host.encodeStateVector()));
        } else if (verb == u"step2") {
            receive(encodeSyncStep2(m_host.encodeStateAsUpdate(m_doc->encodeStateVector())));
        } else if (verb == u"update") {
            receive(encodeSyncUpdate(m_hostEdits.at(rest.toInt() - 1)));
        } else if (verb == u"ack") {
            receive(encodeAck(rest.toULongLong()));
        } else if (verb == u"denied") {
            receive(encodePermissionDenied(rest));
        } else if (verb == u"authenticated") {
            receive(encodeAuthenticated(rest));
        } else if (verb == u"readonly") {
            receive(encodeReadOnlyNotice(rest));
        } else if (verb == u"query") {
            receive(encodeQueryAwareness());
        } else if (verb == u"peer") {
            receive(peerUpdate(rest.section(u' ', 0, 0).toULongLong(),
                               awarenessState(rest.section(u' ', 1))));
        } else if (verb == u"peergone") {
            receive(peerUpdate(rest.toULongLong(), "null"));
        } else if (verb == u"removeme") {
            const quint64 clock = m_conversation.awareness().meta(1)->clock;
            receive(encodeAwarenessMessage(encodeAwarenessUpdate({ { 1, clock, "null" } })));
        } else if (verb == u"orphan") {
            Crdt::Doc other(60);
            QList<QByteArray> updates;
            other.onUpdate([&](const QByteArray &u, Crdt::Origin, bool) { updates.append(u); });
            append(other, QStringLiteral("lost "));
            append(other, QStringLiteral("orphan"));
            receive(encodeSyncUpdate(updates.at(1)));
        } else if (verb == u"bytes") {
            receive(QByteArray::fromHex(rest.toLatin1()));
        } else if (verb == u"text") {
            record(m_conversation.textReceived());
        } else if (verb == u"host") {
            append(m_host, rest);
        } else if (verb == u"edit") {
            append(*m_doc, rest);
        } else if (verb == u"known") {
            m_conversation.setKnownEpoch(rest);
        } else if (verb == u"restore") {
            // An outbox entry from an earlier run, back in the document with the remote origin.
            Crdt::Doc scratch(1);
            QByteArray update;
            scratch.applyUpdate(m_doc->encodeStateAsUpdate());
            scratch.onUpdate([&](const QByteArray &u, Crdt::Origin, bool) { update = u; });
            append(scratch, rest);
            m_doc->applyUpdate(update, RemoteOrigin);
            QList<ClientConversation::Edit> edits = m_conversation.unconfirmed();
            edits.append({ m_nextEdit++, update });
            m_conversation.setUnconfirmed(edits);
        } else if (verb == u"at") {
            m_now = rest.toLongLong();
        } else if (verb == u"tick") {
            m_now = rest.toLongLong();
            record(m_conversation.tick(m_now));
        } else if (verb == u"state") {
            record(m_conversation.setLocalState(
                QJsonDocument::fromJson(awarenessState(rest)).object(), m_now));
        } else if (verb == u"reshare") {
            record(m_conversation.reshareLocalCopy(m_now));
        } else if (verb == u"adopt") {
            auto fresh = std::make_unique<Crdt::Doc>(2);
            watch(fresh.get());
            record(m_conversation.adoptHostCopy(fresh.get(), m_now));
            m_old = std::exchange(m_doc, std::move(fresh));
        } else if (verb == u"leave") {
            record(m_conversation.leave(m_now));
        } else if (verb == u"lost") {
            record(m_conversation.connectionLost(rest.section(u' ', 0, 0).toInt(),
                                                 rest.section(u' ', 1), m_now));
        } else if (verb.startsWith(u'?')) {
            m_transcript.append(query(verb.mid(1)));
        } else {
            QTest::qFail(qPrintable(QStringLiteral("unknown step: ") + step), __FILE__, __LINE__);
        }
    }

    QString query(const QString &what) const
    {
        const ClientConversation &c = m_conversation;
        if (what == u"count") {
            return QStringLiteral("count %1").arg(c.unconfirmedCount());
        }
        if (what == u"text") {
            return QStringLiteral("text \"%1\"").arg(textOf(*m_doc));
        }
        if (what == u"peers") {
            QStringList ids;
            for (quint64 id : c.awareness().clients()) {
                if (id != c.awareness().clientId()) {
                    ids.append(QString::number(id));
                }
            }
            return QString(QStringLiteral("peers ") + ids.join(u' ')).trimmed();
        }
        if (what == u"state") {
            return QStringLiteral("state ")
                + describeAwareness(c.awareness().encodeUpdate({ c.awareness().clientId() }));
        }
        if (what == u"synced") {
            return QStringLiteral("synced %1").arg(c.isSynced() ? u"true" : u"false");
        }
        if (what == u"epoch") {
            return QStringLiteral("epoch %1 host %2").arg(c.knownEpoch(), c.hostEpoch());
        }
        return QStringLiteral("unknown query ") + what;
    }

    std::unique_ptr<Crdt::Doc> m_doc = std::make_unique<Crdt::Doc>(1);
    std::unique_ptr<Crdt::Doc> m_old; // the document before adopt
    Crdt::Doc m_host { 50 };
    QList<QByteArray> m_hostEdits;
    ClientConversation m_conversation { m_doc.get(), RemoteOrigin };
    QMap<quint64, quint64> m_peerClocks;
    quint64 m_nextEdit = 1;
    qint64 m_now = 0;
    QStringList m_transcript;
};

} // namespace

class TestClientConversation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void script_data();
    void script();
    void reentrantEditKeepsTheCount();
    void adoptFollowsTheNewDocument();
};

void TestClientConversation::script_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("transcript");

    // chorus.1 negotiation
    QTest::newRow("chorus: token first, sync after the epoch")
        << L({ "open token", "epoch e1", "step1", "step2", "?synced" })
        << L({ "> token secret", "chorus true", "> step1", "> step2", "epochRecorded e1", "synced",
               "synced true" });
    QTest::newRow("chorus: no token, nothing before the epoch")
        << L({ "open", "?synced", "epoch e1" }) << L({ "chorus true", "synced false", "> step1" });
    QTest::newRow("chorus: auth messages may come before the epoch")
        << L({ "open token", "authenticated rw", "epoch e1" })
        << L({ "> token secret", "chorus true", "authenticated rw", "> step1" });
    QTest::newRow("chorus selected but no epoch first: plain fallback")
        << L({ "open", "step1", "?count", "edit a", "?count" })
        << L({ "chorus true", "> step1", "> step2", "chorus false", "count 0", "> update",
               "count 1" });
    QTest::newRow("fallback: an extension afterwards closes")
        << L({ "open", "step1", "ack 1" })
        << L({ "chorus true", "> step1", "> step2", "chorus false",
               "close 1007 a Chorus extension on a plain connection" });
    QTest::newRow("plain: sync at once, no token")
        << L({ "open plain token", "step1" }) << L({ "> step1", "> step2" });
    QTest::newRow("plain: an epoch closes")
        << L({ "open plain", "epoch e1" })
        << L({ "> step1", "close 1007 a Chorus extension on a plain connection" });
    QTest::newRow("plain: every extension closes")
        << L({ "open plain", "authenticated rw", "step1" })
        << L({ "> step1", "close 1007 a Chorus extension on a plain connection" });
    QTest::newRow("plain then chorus: support known again")
        << L({ "open plain", "lost 1000", "open", "epoch e1" })
        << L({ "> step1", "chorus true", "> step1" });

    // authentication and read-only
    QTest::newRow("denied: auth failed once")
        << L({ "open token", "denied bad token", "lost 1008 bad token" })
        << L({ "> token secret", "chorus true", "authFailed bad token" });
    QTest::newRow("1008 without a denial: auth failed")
        << L({ "open token", "lost 1008 go away" })
        << L({ "> token secret", "chorus true", "authFailed go away" });
    QTest::newRow("1008 without a reason")
        << L({ "open", "lost 1008" }) << L({ "chorus true", "authFailed" });
    QTest::newRow("other close codes are no auth failure")
        << L({ "open", "lost 1013 too many connections" }) << L({ "chorus true" });
    QTest::newRow("scope ro: read-only until a host grants rw")
        << L({ "open token", "authenticated ro", "lost 1000", "open token", "?synced",
               "authenticated rw" })
        << L({ "> token secret", "chorus true", "authenticated ro", "readOnly true",
               "> token secret", "synced false", "authenticated rw", "readOnly false" });
    QTest::newRow("read-only notice: edits rejected")
        << L({ "open", "epoch e1", "step2", "edit a", "readonly read-only token",
               "readonly again" })
        << L({ "chorus true", "> step1", "epochRecorded e1", "synced", "> update",
               "readOnly true read-only token", "editsRejected read-only token",
               "editsRejected again" });

    // epochs
    QTest::newRow("epoch: the same as last time")
        << L({ "known e1", "open", "epoch e1", "step2", "?epoch" })
        << L({ "chorus true", "> step1", "synced", "epoch e1 host e1" });
    QTest::newRow("epoch: told once per connection")
        << L({ "open", "epoch e1", "epoch e2", "?epoch" })
        << L({ "chorus true", "> step1", "epoch  host e1" });
    QTest::newRow("epoch: re-created, nothing local: taken without asking")
        << L({ "known e1", "open", "epoch e2" })
        << L({ "chorus true", "> step1", "epochRecorded e2" });
    QTest::newRow("epoch mismatch: blocks and defers sync, reshare merges")
        << L({ "known e1", "edit mine", "host theirs", "open", "epoch e2", "step1", "step2",
               "?text", "reshare", "?text", "?epoch" })
        << L({ "chorus true", "epochMismatch e1 e2", "text \"mine\"", "> step1", "> step2",
               "epochRecorded e2", "synced", "text \"minetheirs\"", "epoch e2 host e2" });
    QTest::newRow("epoch mismatch: restored outbox entries block")
        << L({ "known e1", "restore mine", "open", "epoch e2" })
        << L({ "chorus true", "epochMismatch e1 e2" });
    QTest::newRow("epoch mismatch: adopt takes the host's copy")
        << L({ "known e1", "edit mine", "host theirs", "open", "epoch e2", "step2", "adopt",
               "?text", "?count" })
        << L({ "chorus true", "epochMismatch e1 e2", "> step1", "epochRecorded e2", "synced",
               "text \"theirs\"", "count 0" });
    QTest::newRow("epoch mismatch: a new connection asks again")
        << L({ "known e1", "edit mine", "open", "epoch e2", "lost", "open", "epoch e2" })
        << L({ "chorus true", "epochMismatch e1 e2", "epochMismatch e1 e2" });
    QTest::newRow("reshare and adopt without a mismatch do nothing")
        << L({ "open", "epoch e1", "reshare", "adopt" }) << L({ "chorus true", "> step1" });

    // acks
    QTest::newRow("acks confirm entries by message count")
        << L({ "open", "epoch e1", "step1", "step2", "edit a", "edit b", "?count", "ack 2", "ack 2",
               "?count", "ack 3", "?count" })
        << L({ "chorus true", "> step1", "> step2", "epochRecorded e1", "synced", "> update",
               "> update", "count 2", "confirm 1", "count 1", "confirm 2", "count 0" });
    QTest::newRow("offline entries ride in the step 2")
        << L({ "edit a", "edit b", "open", "epoch e1", "step1", "?count", "ack 1", "?count" })
        << L({ "chorus true", "> step1", "> step2", "count 2", "confirm 1 2", "count 0" });
    QTest::newRow("acks count per connection")
        << L({ "open", "epoch e1", "edit a", "lost", "open", "epoch e1", "step1", "ack 1" })
        << L({ "chorus true", "> step1", "> update", "> step1", "> step2", "confirm 1" });

    // plain servers: the outbox is a journal
    QTest::newRow("plain: entries leave when the server's state vector covers them")
        << L({ "open plain", "edit a", "?count", "step2", "?count", "lost", "?count", "open plain",
               "step1", "?count" })
        << L({ "> step1", "> update", "count 1", "synced", "count 0", "count 1", "> step1",
               "> step2", "confirm 1", "count 0" });
    QTest::newRow("plain: an entry the server lacks stays")
        << L({ "edit a", "open plain", "step1", "?count", "lost", "open plain", "step1" })
        << L({ "> step1", "> step2", "count 1", "> step1", "> step2", "confirm 1" });

    // resync while updates wait, rate-limited
    QTest::newRow("resync: a missing dependency is asked for")
        << L({ "open", "epoch e1", "step2", "host first ", "host second", "update 2", "?text",
               "at 100", "step2", "?text" })
        << L({ "chorus true", "> step1", "epochRecorded e1", "synced", "> step1", "text \"\"",
               "text \"first second\"" });
    QTest::newRow("resync: one question in flight, one per 2 s")
        << L({ "open", "epoch e1", "step2", "orphan", "at 100", "step2", "tick 1000", "tick 2000",
               "tick 3000", "tick 7000", "tick 7100" })
        << L({ "chorus true", "> step1", "epochRecorded e1", "synced", "> step1", "> step1",
               "> step1" });

    // awareness
    QTest::newRow("awareness: our state goes out with the sync")
        << L({ "state Ann", "open", "epoch e1" })
        << L({ "chorus true", "> step1", "> awareness 1=Ann" });
    QTest::newRow("awareness: set while synced goes out at once")
        << L({ "open plain", "state Ann" }) << L({ "> step1", "> awareness 1=Ann" });
    QTest::newRow("awareness: peers come and go")
        << L({ "open plain", "peer 7 Bo", "peer 7 Bo", "peer 9 Cy", "?peers", "peergone 7",
               "?peers" })
        << L({ "> step1", "peersChanged", "peersChanged", "peers 7 9", "peersChanged", "peers 9" });
    QTest::newRow("awareness: a peer removing our state is outbid")
        << L({ "state Ann", "open plain", "removeme", "?state" })
        << L({ "> step1", "> awareness 1=Ann", "> awareness 1=Ann", "state 1=Ann" });
    QTest::newRow("awareness: renewed every 15 s, peers dropped after 30 s")
        << L({ "state Ann", "open plain", "peer 7 Bo", "tick 14999", "tick 15000", "tick 29999",
               "tick 30000", "?peers" })
        << L({ "> step1", "> awareness 1=Ann", "peersChanged", "> awareness 1=Ann",
               "> awareness 1=Ann", "peersChanged", "peers" });
    QTest::newRow("awareness: query answered once syncing")
        << L({ "state Ann", "open plain", "peer 7 Bo", "query" })
        << L({ "> step1", "> awareness 1=Ann", "peersChanged", "> awareness 1=Ann 7=Bo" });
    QTest::newRow("awareness: peers forgotten with the connection, our state kept")
        << L({ "state Ann", "open plain", "peer 7 Bo", "lost 1001", "?peers", "?state" })
        << L({ "> step1", "> awareness 1=Ann", "peersChanged", "peersChanged", "peers",
               "state 1=Ann" });

    // close decisions
    QTest::newRow("close: leaving tells peers first")
        << L({ "state Ann", "open plain", "leave", "?state" })
        << L({ "> step1", "> awareness 1=Ann", "> awareness 1=null", "close 1000 leaving",
               "state 1=Ann" });
    QTest::newRow("close: leaving before syncing")
        << L({ "open", "leave" }) << L({ "chorus true", "close 1000 leaving" });
    QTest::newRow("close: malformed message") << L({ "open plain", "bytes 0002" })
                                              << L({ "> step1",
                                                     "close 1007 malformed message: unexpected end "
                                                     "of input at byte 2: truncated varuint" });
    QTest::newRow("close: unknown message type")
        << L({ "open plain", "bytes 09" })
        << L({ "> step1",
               "close 1007 malformed message: unknown type tag at byte 0: message type 9" });
    QTest::newRow("close: malformed update") << L({ "open plain", "bytes 000203ffffff" })
                                             << L({ "> step1",
                                                    "close 1007 malformed update: unexpected end "
                                                    "of input at byte 0: truncated varuint" });
    QTest::newRow("close: malformed awareness")
        << L({ "open plain", "bytes 010101" })
        << L({ "> step1",
               "close 1007 malformed awareness: declared length exceeds the input at byte 0: 1 "
               "awareness entries declared" });
    QTest::newRow("close: text frame")
        << L({ "open plain", "text" })
        << L({ "> step1", "close 1003 text frames are not supported" });
    QTest::newRow("close: nothing more is read or sent")
        << L({ "open plain", "text", "peer 7 Bo", "edit a", "bytes 09", "?count" })
        << L({ "> step1", "close 1003 text frames are not supported", "count 1" });
    QTest::newRow("close: a deferred message after a bad one is not read")
        << L({ "known e1", "edit mine", "open", "epoch e2", "bytes 000203ffffff", "step1",
               "reshare" })
        << L({ "chorus true", "epochMismatch e1 e2", "> step1",
               "close 1007 malformed update: unexpected end of input at byte 0: truncated varuint",
               "epochRecorded e2" });
}

void TestClientConversation::script()
{
    QFETCH(QStringList, steps);
    QFETCH(QStringList, transcript);
    Harness harness;
    const QStringList actual = harness.run(steps);
    if (actual != transcript) {
        qWarning().noquote() << "steps:     " << steps.join(QStringLiteral(" | "))
                             << "\nexpected:  " << transcript.join(QStringLiteral(" | "))
                             << "\nactual:    " << actual.join(QStringLiteral(" | "));
    }
    QCOMPARE(actual, transcript);
}

// An observer that edits while a remote update is applied: its update is counted after the
// replies the outer call already decided, and leaves after them, so acks confirm the right
// entries.
void TestClientConversation::reentrantEditKeepsTheCount()
{
    Harness harness;
    harness.run(L({ "known e1", "edit a", "open", "epoch e2", "host x", "step1", "step2" }));
    harness.transcript().clear();
    bool once = true;
    harness.doc().onUpdate([&](const QByteArray &, Crdt::Origin origin, bool) {
        if (origin == RemoteOrigin && once) {
            once = false;
            append(harness.doc(), QStringLiteral("b")); // from inside the host's step 2
        }
    });
    // reshare: our step 1, the deferred step 1 answered (step 2 #1: entry 1), the deferred
    // step 2 applied (the observer's edit: update #2, entry 2).
    QCOMPARE(harness.run(L({ "reshare", "ack 1", "ack 2" })),
             L({ "> step1", "> step2", "> update", "epochRecorded e2", "synced", "confirm 1",
                 "confirm 2" }));
}

void TestClientConversation::adoptFollowsTheNewDocument()
{
    Harness harness;
    harness.run(L({ "known e1", "state Ann", "edit mine", "host theirs", "open", "epoch e2" }));
    QCOMPARE(harness.conversation().awareness().clientId(), quint64(1));
    harness.transcript().clear();
    QCOMPARE(harness.run(L({ "adopt", "step2", "edit !", "?text", "ack 1", "?count" })),
             L({ "> step1", "> awareness 2=Ann", "epochRecorded e2", "synced", "> update",
                 "text \"theirs!\"", "confirm 2", "count 0" }));
    QCOMPARE(harness.conversation().awareness().clientId(), quint64(2));
    QCOMPARE(harness.conversation().document(), &harness.doc());
}

QTEST_GUILESS_MAIN(TestClientConversation)
#include "tst_clientconversation.moc"
