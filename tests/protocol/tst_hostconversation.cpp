// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The host side of the conversation without sockets (issue 16): each row feeds a
// HostConversation steps (bytes, ticks, leaving) against a small in-memory room and states what
// comes out as one trace string, so a row reads as the exchange it checks. Every close decision
// the conversation makes has a row, and so do the chorus.1 negotiation, tokens and scopes,
// read-only, the session index, acks and awareness ownership.
#include "crdt/doc.h"
#include "crdt/statevector.h"
#include "crdt/text.h"
#include "docroom.h"
#include "protocol/awareness.h"
#include "protocol/hostconversation.h"
#include "protocol/message.h"
#include "protocol/syncroom.h"

#include <QTest>

using namespace Chorus;
using namespace Chorus::Protocol;
using namespace Qt::StringLiterals;

namespace {

struct Setup
{
    bool chorus = true;
    QByteArray token;
    QByteArray readOnlyToken;
    int burst = 2000;
    double perSecond = 500;
    int maxAwarenessClients = 16;
    SyncRoom::Outcome outcome = SyncRoom::Outcome::Applied;
    QList<QByteArray> roomUpdates; // applied to the room before the connection opens
    bool roomAwareness = false; // another peer's awareness state is in the room

    Setup plain() const
    {
        return with([](Setup &s) { s.chorus = false; });
    }
    Setup withToken() const
    {
        return with([](Setup &s) { s.token = "rw-secret"; });
    }
    Setup withReadOnlyToken() const
    {
        return with([](Setup &s) {
            s.token = "rw-secret";
            s.readOnlyToken = "ro-secret";
        });
    }
    Setup rate(int burstSize, double sustained) const
    {
        return with([=](Setup &s) {
            s.burst = burstSize;
            s.perSecond = sustained;
        });
    }
    Setup awarenessLimit(int n) const
    {
        return with([=](Setup &s) { s.maxAwarenessClients = n; });
    }
    Setup room(SyncRoom::Outcome o) const
    {
        return with([=](Setup &s) { s.outcome = o; });
    }
    Setup holding(const QList<QByteArray> &updates) const
    {
        return with([=](Setup &s) { s.roomUpdates = updates; });
    }
    Setup withRoomAwareness() const
    {
        return with([](Setup &s) { s.roomAwareness = true; });
    }

private:
    template<typename F> Setup with(F change) const
    {
        Setup s = *this;
        change(s);
        return s;
    }
};

struct Step
{
    enum class Kind { Receive, Tick, Leave, ConfirmDurable };
    Kind kind = Kind::Receive;
    QByteArray bytes;
    qint64 atMs = 0;
};
using Steps = QList<Step>;

Step in(const QByteArray &bytes, qint64 atMs = 0)
{
    return { Step::Kind::Receive, bytes, atMs };
}
Step tick(qint64 atMs)
{
    return { Step::Kind::Tick, {}, atMs };
}
Step leave()
{
    return { Step::Kind::Leave, {}, 0 };
}
Step confirmDurable()
{
    return { Step::Kind::ConfirmDurable, {}, 0 };
}

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (int v : values) {
        out.append(char(v));
    }
    return out;
}

QByteArray awareness(quint64 client, quint64 clock, const QByteArray &json = "{}")
{
    return encodeAwarenessMessage(encodeAwarenessUpdate({ { client, clock, json } }));
}

// One message as a short token: "Step1", "Epoch(E1)", "Ack(2)", "Denied(bad token)", ...
QString token(const QByteArray &message)
{
    const DecodedMessage d = decodeMessage(message);
    const Message &m = d.message;
    if (!d.isOk()) {
        return QStringLiteral("undecodable");
    } else if (std::holds_alternative<SyncStep1>(m)) {
        return QStringLiteral("Step1");
    } else if (std::holds_alternative<SyncStep2>(m)) {
        return QStringLiteral("Step2");
    } else if (std::holds_alternative<SyncUpdate>(m)) {
        return QStringLiteral("Update");
    } else if (std::holds_alternative<AwarenessMessage>(m)) {
        return QStringLiteral("Awareness");
    } else if (const auto *p = std::get_if<PermissionDenied>(&m)) {
        return QStringLiteral("Denied(%1)").arg(p->reason);
    } else if (const auto *a = std::get_if<Authenticated>(&m)) {
        return QStringLiteral("Authenticated(%1)").arg(a->scope);
    } else if (const auto *e = std::get_if<Epoch>(&m)) {
        return QStringLiteral("Epoch(%1)").arg(e->epochId);
    } else if (const auto *k = std::get_if<Ack>(&m)) {
        return QStringLiteral("Ack(%1)").arg(k->count);
    } else if (std::holds_alternative<ReadOnlyNotice>(m)) {
        return QStringLiteral("ReadOnly");
    }
    return describeMessage(m);
}

// The reason up to its first ':' (what follows is the decoder's error and offset).
QString closeToken(const CloseDecision &close)
{
    QString out
        = QStringLiteral("close(%1 %2)").arg(int(close.code)).arg(close.reason.section(u':', 0, 0));
    if (!close.lastMessage.isEmpty()) {
        out += u'+' + token(close.lastMessage);
    }
    return out;
}

// Drives one conversation as an adapter would: joins when asked, takes the ack when one is due
// (as after a commit).
class Driver
{
public:
    explicit Driver(const Setup &setup)
    {
        m_config.token = setup.token;
        m_config.readOnlyToken = setup.readOnlyToken;
        m_config.maxMessageBurst = setup.burst;
        m_config.maxMessagesPerSecond = setup.perSecond;
        m_config.maxAwarenessClients = setup.maxAwarenessClients;
        m_room.outcome = SyncRoom::Outcome::Applied;
        for (const QByteArray &u : setup.roomUpdates) {
            m_room.applyUpdate(u);
        }
        m_room.outcome = setup.outcome;
        if (setup.roomAwareness) {
            m_room.awareness().applyUpdate(encodeAwarenessUpdate({ { 77, 1, "{}" } }), 0);
        }
        m_conversation.emplace(&m_config, setup.chorus, 0);
    }

    QString run(const Steps &steps)
    {
        QStringList trace { tokens(m_conversation->start()) };
        for (const Step &step : steps) {
            switch (step.kind) {
            case Step::Kind::Receive:
                trace.append(tokens(m_conversation->receive(step.bytes, step.atMs)));
                break;
            case Step::Kind::Tick: {
                const auto close = m_conversation->tick(step.atMs);
                trace.append(close ? closeToken(*close) : QStringLiteral("-"));
                break;
            }
            case Step::Kind::Leave: trace.append(tokens(m_conversation->leave(step.atMs))); break;
            case Step::Kind::ConfirmDurable: {
                m_conversation->confirmDurable();
                const QByteArray ack = m_conversation->takeAck();
                trace.append(ack.isEmpty() ? QStringLiteral("-") : token(ack));
                break;
            }
            }
        }
        return trace.join(QStringLiteral(" | "));
    }

private:
    QString tokens(const HostOutput &out)
    {
        QStringList t;
        for (const QByteArray &reply : out.replies) {
            t.append(token(reply));
        }
        if (out.close) {
            t.append(closeToken(*out.close));
        }
        if (out.join) {
            t.append(QStringLiteral("join"));
            t.append(tokens(m_conversation->join(&m_room)));
        }
        if (!out.relay.isEmpty()) {
            t.append(QStringLiteral("relay:") + token(out.relay));
        }
        if (!out.awarenessBroadcast.isEmpty()) {
            t.append(QStringLiteral("all:") + token(out.awarenessBroadcast));
        }
        if (out.ackDue) {
            t.append(token(m_conversation->takeAck()));
        }
        return t.isEmpty() ? QStringLiteral("-") : t.join(u' ');
    }

    HostConversation::Config m_config;
    DocRoom m_room;
    std::optional<HostConversation> m_conversation;
};

// Updates by one writer: "hi", then " there" after it, then a deletion of the "h".
struct Edits
{
    QByteArray hi, there, deleteH;
};

Edits makeEdits()
{
    Crdt::Doc doc(7);
    QList<QByteArray> updates;
    doc.onUpdate([&](const QByteArray &u, Crdt::Origin, bool) { updates.append(u); });
    doc.text(QStringLiteral("content")).insert(0, QStringLiteral("hi"));
    doc.text(QStringLiteral("content")).insert(2, QStringLiteral(" there"));
    doc.text(QStringLiteral("content")).remove(0, 1);
    Q_ASSERT(updates.size() == 3);
    return { updates[0], updates[1], updates[2] };
}

} // namespace

Q_DECLARE_METATYPE(Setup)
Q_DECLARE_METATYPE(Steps)

class TestHostConversation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exchange_data();
    void exchange();
    void updateRelaysTheIncomingMessage();
    void awarenessBelongsToItsConnection();
};

void TestHostConversation::exchange_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<QString>("trace");

    const Edits e = makeEdits();
    const Setup open;
    const QString welcome = QStringLiteral("join Epoch(E1) Step1");
    const auto row = [](const char *name, const Setup &s, const Steps &steps, const QString &t) {
        QTest::newRow(name) << s << steps << t;
    };
    const QByteArray emptySv = encodeSyncStep1(QByteArray(1, '\0'));

    // The welcome and the chorus.1 negotiation: plain connections never see an extension.
    row("chorus.1 welcome", open, {}, welcome);
    row("plain welcome", open.plain(), {}, u"join Step1"_s);
    row("welcome with the room's awareness", open.withRoomAwareness(), {},
        u"join Epoch(E1) Step1 Awareness"_s);
    row("plain: updates relayed, never acked", open.plain(),
        { in(encodeSyncUpdate(e.hi)), in(encodeSyncStep2(e.there)) },
        u"join Step1 | relay:Update | relay:Update"_s);

    // Sync and acks: Update and Step2 count, Step1 does not.
    row("step1 answered with step2", open, { in(emptySv) }, welcome + u" | Step2"_s);
    row("update relayed and acked", open, { in(encodeSyncUpdate(e.hi)) },
        welcome + u" | relay:Update Ack(1)"_s);
    row("acks count update and step2, not step1", open,
        { in(encodeSyncStep2(e.hi)), in(emptySv), in(encodeSyncUpdate(e.there)) },
        welcome + u" | relay:Update Ack(1) | Step2 | relay:Update Ack(2)"_s);
    row("session index: ignored but acked", open.room(SyncRoom::Outcome::Ignored),
        { in(encodeSyncUpdate(e.hi)), in(encodeSyncStep2(e.there)) },
        welcome + u" | Ack(1) | Ack(2)"_s);
    row("durable later: acked once confirmed", open.room(SyncRoom::Outcome::AppliedUnconfirmed),
        { in(encodeSyncUpdate(e.hi)), confirmDurable(), confirmDurable() },
        welcome + u" | relay:Update | Ack(1) | Ack(2)"_s);
    row("query awareness: nothing to tell", open, { in(encodeQueryAwareness()) },
        welcome + u" | -"_s);
    row("query awareness", open.withRoomAwareness(), { in(encodeQueryAwareness()) },
        u"join Epoch(E1) Step1 Awareness | Awareness"_s);
    row("a token after authentication is ignored", open,
        { in(encodeAuthToken(QStringLiteral("x"))) }, welcome + u" | -"_s);
    row("a permission denied from a client is ignored", open,
        { in(encodePermissionDenied(QStringLiteral("x"))) }, welcome + u" | -"_s);

    // Authentication.
    row("token accepted: rw", open.withToken(),
        { in(encodeAuthToken(QStringLiteral("rw-secret"))) },
        u"- | Authenticated(rw) join Epoch(E1) Step1"_s);
    row("read-only token accepted: ro", open.withReadOnlyToken(),
        { in(encodeAuthToken(QStringLiteral("ro-secret"))) },
        u"- | Authenticated(ro) join Epoch(E1) Step1"_s);
    row("read-write token with a read-only one too", open.withReadOnlyToken(),
        { in(encodeAuthToken(QStringLiteral("rw-secret"))) },
        u"- | Authenticated(rw) join Epoch(E1) Step1"_s);
    row("authentication required", open.withToken(), { in(emptySv) },
        u"- | close(1008 authentication required)+Denied(authentication required)"_s);
    row("garbage before the token", open.withToken(), { in(bytes({ 4 })) },
        u"- | close(1008 authentication required)+Denied(authentication required)"_s);
    row("bad token", open.withToken(), { in(encodeAuthToken(QStringLiteral("rw-secreT"))) },
        u"- | close(1008 bad token)+Denied(bad token)"_s);
    row("empty token", open.withReadOnlyToken(), { in(encodeAuthToken(QString())) },
        u"- | close(1008 bad token)+Denied(bad token)"_s);
    row("auth timeout", open.withToken(), { tick(5000), tick(5001) },
        u"- | - | close(1008 authentication timed out)"_s);
    row("no timeout once authenticated", open.withToken(),
        { in(encodeAuthToken(QStringLiteral("rw-secret"))), tick(60000) },
        u"- | Authenticated(rw) join Epoch(E1) Step1 | -"_s);
    row("no timeout without a token", open, { tick(60000) }, welcome + u" | -"_s);

    // Read-only: dropped, told once; a Step2 only when it holds inserts the room lacks.
    const Setup guest = open.withReadOnlyToken().holding({ e.hi });
    const Step roToken = in(encodeAuthToken(QStringLiteral("ro-secret")));
    const QString roWelcome = QStringLiteral("- | Authenticated(ro) join Epoch(E1) Step1");
    row("read-only: update dropped, told once", guest,
        { roToken, in(encodeSyncUpdate(e.there)), in(encodeSyncUpdate(e.deleteH)) },
        roWelcome + u" | ReadOnly | -"_s);
    row("read-only: step2 without new inserts not told", guest,
        { roToken, in(encodeSyncStep2(e.hi)) }, roWelcome + u" | -"_s);
    row("read-only: step2 of deletions only not told", guest,
        { roToken, in(encodeSyncStep2(e.deleteH)) }, roWelcome + u" | -"_s);
    row("read-only: step2 with new inserts told", guest,
        { roToken, in(encodeSyncStep2(e.there)), in(encodeSyncUpdate(e.there)) },
        roWelcome + u" | ReadOnly | -"_s);
    row("read-only: step1 and awareness as usual", guest,
        { roToken, in(emptySv), in(awareness(5, 1)) }, roWelcome + u" | Step2 | all:Awareness"_s);

    // Every close decision the conversation makes.
    const QString malformed = welcome + u" | close(1007 malformed message)"_s;
    row("empty message", open, { in(QByteArray()) }, malformed);
    row("unknown type", open, { in(bytes({ 4 })) }, malformed);
    row("unknown auth subtype", open, { in(bytes({ 2, 9, 0 })) }, malformed);
    row("query awareness with trailing bytes", open, { in(bytes({ 3, 0 })) }, malformed);
    const QString malformedSync = welcome + u" | close(1007 malformed sync message)"_s;
    row("sync without subtype", open, { in(bytes({ 0 })) }, malformedSync);
    row("sync unknown subtype", open, { in(bytes({ 0, 3, 0 })) }, malformedSync);
    row("sync truncated length", open, { in(bytes({ 0, 0, 0x85 })) }, malformedSync);
    row("sync trailing bytes", open, { in(encodeSyncUpdate(e.hi) + char(0)) }, malformedSync);
    row("malformed state vector", open, { in(bytes({ 0, 0, 3, 0xff, 0xff, 0xff })) },
        welcome + u" | close(1007 malformed state vector)"_s);
    row("malformed update", open, { in(bytes({ 0, 2, 5, 1, 2, 3, 4, 5 })) },
        welcome + u" | close(1007 malformed update)"_s);
    row("malformed step2", open, { in(bytes({ 0, 1, 3, 9, 9, 9 })) },
        welcome + u" | close(1007 malformed update)"_s);
    row("malformed awareness", open, { in(awareness(5, 1, "{nope")) },
        welcome + u" | close(1007 malformed awareness)"_s);
    const QString unexpected = welcome + u" | close(1007 unexpected message)"_s;
    row("epoch from a client", open, { in(encodeEpoch(QStringLiteral("x"))) }, unexpected);
    row("ack from a client", open, { in(encodeAck(3)) }, unexpected);
    row("authenticated from a client", open, { in(encodeAuthenticated(QStringLiteral("rw"))) },
        unexpected);
    row("read-only notice from a client", open, { in(encodeReadOnlyNotice(QStringLiteral("x"))) },
        unexpected);
    const QString extension
        = QStringLiteral(" | close(1007 a Chorus extension on a plain connection)");
    row("plain: an extension message", open.plain(), { in(encodeAck(1)) },
        u"join Step1"_s + extension);
    row("plain: a token", open.plain(), { in(encodeAuthToken(QStringLiteral("x"))) },
        u"join Step1"_s + extension);
    row("plain: a token to a host that needs one", open.withToken().plain(),
        { in(encodeAuthToken(QStringLiteral("rw-secret"))) }, u"-"_s + extension);
    row("rate limit", open.rate(3, 1),
        { in(encodeQueryAwareness()), in(encodeQueryAwareness()), in(encodeQueryAwareness()),
          in(encodeQueryAwareness()) },
        welcome + u" | - | - | - | close(1008 message rate limit exceeded)"_s);
    row("rate refills", open.rate(2, 1),
        { in(encodeQueryAwareness()), in(encodeQueryAwareness()), in(encodeQueryAwareness(), 1000),
          in(encodeQueryAwareness(), 1000) },
        welcome + u" | - | - | - | close(1008 message rate limit exceeded)"_s);
    row("the bucket counts messages before authentication", open.withToken().rate(1, 1),
        { in(encodeAuthToken(QStringLiteral("rw-secret"))), in(emptySv) },
        u"- | Authenticated(rw) join Epoch(E1) Step1 | close(1008 message rate limit exceeded)"_s);
    row("too many awareness clients", open.awarenessLimit(2),
        { in(awareness(5, 1)), in(awareness(6, 1)), in(awareness(7, 1)) },
        welcome + u" | all:Awareness | all:Awareness | close(1008 too many awareness clients)"_s);
    row("after a close nothing is read", open, { in(bytes({ 4 })), in(encodeSyncUpdate(e.hi)) },
        malformed + u" | -"_s);

    // Awareness: broadcast to all on a change; this connection's clients leave with it.
    row("awareness broadcast", open, { in(awareness(5, 1)), in(awareness(5, 1)) },
        welcome + u" | all:Awareness | -"_s);
    row("leaving removes its awareness", open, { in(awareness(5, 1)), leave() },
        welcome + u" | all:Awareness | all:Awareness"_s);
    row("leaving without awareness", open, { leave() }, welcome + u" | -"_s);
    row("a removed state is not removed again", open,
        { in(awareness(5, 1)), in(awareness(5, 2, "null")), leave() },
        welcome + u" | all:Awareness | all:Awareness | -"_s);
}

void TestHostConversation::exchange()
{
    QFETCH(Setup, setup);
    QFETCH(Steps, steps);
    QFETCH(QString, trace);
    Driver driver(setup);
    QCOMPARE(driver.run(steps), trace);
}

// The hot path: the incoming Update message itself is relayed (no re-encoding), an empty reply
// list allocates nothing; a Step2 is relayed as an Update.
void TestHostConversation::updateRelaysTheIncomingMessage()
{
    const Edits e = makeEdits();
    HostConversation::Config config;
    DocRoom room;
    HostConversation c(&config, true, 0);
    c.join(&room);
    const QByteArray update = encodeSyncUpdate(e.hi);
    const HostOutput out = c.receive(update, 0);
    QCOMPARE(out.relay.constData(), update.constData());
    QCOMPARE(out.update, e.hi);
    QCOMPARE(out.replies.capacity(), 0);
    QVERIFY(out.ackDue);
    const HostOutput step2 = c.receive(encodeSyncStep2(e.there), 0);
    QCOMPARE(step2.relay, encodeSyncUpdate(e.there));
    QCOMPARE(c.takeAck(), encodeAck(2));
    QVERIFY(c.takeAck().isEmpty());
}

// Two connections in one room: each removes only its own awareness clients when it leaves.
void TestHostConversation::awarenessBelongsToItsConnection()
{
    HostConversation::Config config;
    DocRoom room;
    HostConversation a(&config, true, 0);
    HostConversation b(&config, false, 0);
    a.join(&room);
    b.join(&room);
    a.receive(
        encodeAwarenessMessage(encodeAwarenessUpdate({ { 10, 1, "{}" }, { 11, 1, R"({"x":1})" } })),
        0);
    b.receive(awareness(20, 1), 0);
    QCOMPARE(a.awarenessClients(), (QList<quint64> { 10, 11 }));
    QCOMPARE(b.awarenessClients(), (QList<quint64> { 20 }));
    QCOMPARE(room.awareness().clients(), (QList<quint64> { 10, 11, 20 }));

    const HostOutput left = a.leave(100);
    QCOMPARE(room.awareness().clients(), (QList<quint64> { 20 }));
    const DecodedAwarenessUpdate removal = decodeAwarenessUpdate(left.awarenessUpdate);
    QCOMPARE(removal.entries.size(), 2);
    for (const AwarenessEntry &entry : removal.entries) {
        QVERIFY(entry.isRemoval());
    }
    QCOMPARE(left.awarenessBroadcast, encodeAwarenessMessage(left.awarenessUpdate));
    QVERIFY(a.isClosed());
    QVERIFY(a.receive(awareness(12, 1), 100).awarenessBroadcast.isEmpty()); // gone: not read
    QCOMPARE(room.awareness().clients(), (QList<quint64> { 20 }));
}

QTEST_GUILESS_MAIN(TestHostConversation)
#include "tst_hostconversation.moc"
