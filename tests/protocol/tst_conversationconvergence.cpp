// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The two sides of the conversation wired back to back, without sockets (issue 16): a few
// client machines (SimClient: ClientConversation over its own document, as DocumentConnection
// drives it) and one host room (SimHost: a HostConversation per connection over one DocRoom,
// as the host's adapters drive them) talk through a simulated network of FIFO queues, one per
// connection and direction. A seeded schedule interleaves local edits and awareness changes,
// delivery on a random connection (reordered across connections, in order within one),
// connection loss (everything in flight is lost both ways, mid-handshake too) and reconnects,
// the host's durability step at random times, and ticks with time moving on. Then everyone
// reconnects and the traffic runs dry, and every client must hold the room's text with nothing
// unconfirmed, every peer's awareness state, and no close decision may have been made.
//
// Latency is bounded: before time moves past a message's send time + MaxLatencyMs, it is
// delivered (or lost with its connection), so the timeouts measure silence, not a stalled
// network. Replay a failure: CHORUS_SEED=<printed seed> ctest -R tst_conversationconvergence;
// more sessions: CHORUS_SESSIONS=N.
#include "crdt/statevector.h"
#include "crdt/text.h"
#include "crdt/updates.h"
#include "protocol/awarenessupdate.h"
#include "protocol/message.h"
#include "simclient.h"
#include "simhost.h"
#include "simlink.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <memory>
#include <vector>

using namespace Chorus;
using namespace Chorus::Protocol;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxLatencyMs = 1000;
constexpr int StepsPerSession = 400;
constexpr int DefaultSessions = 500;
constexpr int MaxSettleDeliveries = 20000;
const QString Content = QStringLiteral("content");
const QStringList Pieces
    = { QStringLiteral("a"),   QStringLiteral("bc"), QStringLiteral("é"),
        QStringLiteral("xyz"), QStringLiteral("\n"), QStringLiteral("hello ") };

// One line for the trace; awareness as "client@clock" entries ("-": a removal).
QString describeBytes(const QByteArray &bytes)
{
    const DecodedMessage decoded = decodeMessage(bytes);
    if (!decoded.isOk()) {
        return QStringLiteral("undecodable %1").arg(QString::fromLatin1(bytes.toHex()));
    }
    const auto *awareness = std::get_if<AwarenessMessage>(&decoded.message);
    if (!awareness) {
        return describeMessage(decoded.message);
    }
    QStringList entries;
    for (const AwarenessEntry &e : decodeAwarenessUpdate(awareness->update).entries) {
        entries.append(
            QStringLiteral("%1@%2%3").arg(e.clientId).arg(e.clock).arg(e.isRemoval() ? u"-" : u""));
    }
    return QStringLiteral("awareness ") + entries.join(u' ');
}

// Does `stateVector` cover every struct of `update`?
bool covers(const QByteArray &stateVector, const QByteArray &update)
{
    Crdt::DecodeError error;
    const Crdt::StateVector have = Crdt::StateVector::decode(stateVector, &error);
    const Crdt::UpdateResult sv = Crdt::encodeStateVectorFromUpdate(update);
    if (error.isError() || !sv.ok()) {
        return false;
    }
    const Crdt::StateVector need = Crdt::StateVector::decode(sv.update, &error);
    for (const auto &[client, clock] : need.clocks()) {
        if (have.get(client) < clock) {
            return false;
        }
    }
    return !error.isError();
}

// What the sessions did, summed up: shows that a run exercised what it claims to.
struct Stats
{
    int edits = 0;
    int delivered = 0;
    int drops = 0;
    int connects = 0;
    int commits = 0;
    int silences = 0;
    qsizetype confirmed = 0;
    qsizetype textLength = 0;

    QString toString() const
    {
        return QStringLiteral("%1 edits, %2 messages delivered, %3 connections, %4 lost, %5 "
                              "commits, %6 long silences, %7 outbox entries confirmed, %8 "
                              "characters of text in the end")
            .arg(edits)
            .arg(delivered)
            .arg(connects)
            .arg(drops)
            .arg(commits)
            .arg(silences)
            .arg(confirmed)
            .arg(textLength);
    }
};

class Session
{
public:
    explicit Session(quint32 seed)
        : m_rng(seed)
    {
        SimHost::Options host;
        host.offersChorus = m_rng.bounded(4) != 0;
        host.token
            = host.offersChorus && m_rng.bounded(3) == 0 ? QByteArray("secret") : QByteArray();
        host.batched = m_rng.bounded(2) == 0;
        host.durableLater = m_rng.bounded(3) == 0;
        m_host = std::make_unique<SimHost>(host, &m_now);
        m_setup = QStringLiteral("host: chorus.1 %1, token %2, %3, %4")
                      .arg(host.offersChorus)
                      .arg(!host.token.isEmpty())
                      .arg(host.batched ? u"batched (Server)" : u"immediate (mini host)")
                      .arg(host.durableLater ? u"durable later (Redis)" : u"durable at once");
        const int n = m_rng.bounded(2, 5);
        for (int i = 0; i < n; ++i) {
            SimClient::Options c;
            // Close client ids, so that concurrent inserts tie-break both ways.
            c.clientId = Crdt::ClientId(100 + 7 * i + m_rng.bounded(5));
            // A token host serves chorus.1 clients with the token only.
            c.offersChorus = !host.token.isEmpty() || m_rng.bounded(3) != 0;
            c.token = !host.token.isEmpty() || (c.offersChorus && m_rng.bounded(2) == 0)
                ? QStringLiteral("secret")
                : QString();
            m_clients.push_back(std::make_unique<SimClient>(c, &m_now));
            changeAwareness(i);
            m_setup += QStringLiteral("; client %1: %2%3")
                           .arg(c.clientId)
                           .arg(c.offersChorus ? u"offers chorus.1" : u"plain")
                           .arg(c.token.isEmpty() ? u"" : u" with a token");
        }
        for (int i = 0; i < n; ++i) {
            if (m_rng.bounded(4) != 0) {
                connect(i);
            }
        }
    }

    QString setup() const { return m_setup; }
    Stats stats() const
    {
        Stats s = m_stats;
        for (const auto &client : m_clients) {
            s.confirmed += client->confirmedCount();
        }
        s.textLength = m_host->room().text().size();
        return s;
    }

    QString run(int steps)
    {
        for (int s = 0; s < steps && problem().isEmpty(); ++s) {
            step();
        }
        return problem();
    }

    // Everyone reconnects and the traffic runs dry; then every check must hold at once, with
    // no time for awareness renewals: a client that reconnects announces its state with a new
    // clock, and forgets the others' clocks when its connection drops, so the host's welcome
    // brings their states back at once (without either, a peer's cursor is missing until its
    // next renewal, up to Awareness::RenewIntervalMs later).
    QString finish()
    {
        for (int c = 0; c < int(m_clients.size()); ++c) {
            if (!m_clients[size_t(c)]->link()) {
                connect(c);
            }
        }
        log(QStringLiteral("-- settle"));
        if (!settle()) {
            return QStringLiteral("the traffic does not run dry");
        }
        return problem();
    }

    QString check()
    {
        DocRoom &room = m_host->room();
        const QString text = room.text();
        const QByteArray sv = room.encodeStateVector();
        if (room.document().hasPending()) {
            return QStringLiteral("the room has pending updates");
        }
        for (const auto &client : m_clients) {
            const QString who = QStringLiteral("client %1").arg(client->options().clientId);
            if (client->text() != text) {
                return QStringLiteral("%1 has %2, the room %3")
                    .arg(who, quoted(client->text()), quoted(text));
            }
            if (client->doc().encodeStateVector() != sv || client->doc().hasPending()) {
                return who + QStringLiteral(": state vector or pending updates differ");
            }
            if (!client->doc().checkInvariants()) {
                return who + u": " + client->doc().invariantViolation();
            }
            if (client->link()->chorus) {
                if (!client->outbox().isEmpty()
                    || !client->conversation().unconfirmed().isEmpty()) {
                    return QStringLiteral("%1: %2 outbox entries not acknowledged")
                        .arg(who)
                        .arg(client->outbox().size());
                }
                if (client->epoch() != room.epoch()) {
                    return QStringLiteral("%1 recorded epoch %2").arg(who, client->epoch());
                }
            }
            for (const ClientConversation::Edit &e : client->outbox()) {
                if (!covers(sv, e.update)) {
                    return QStringLiteral("%1: outbox entry %2 is not in the room")
                        .arg(who)
                        .arg(e.id);
                }
            }
            const Awareness &mine = client->conversation().awareness();
            for (const auto &other : m_clients) {
                const Awareness &theirs = other->conversation().awareness();
                if (mine.stateValue(theirs.clientId()) != theirs.stateValue(theirs.clientId())) {
                    return QStringLiteral("%1 sees %2 for client %3, which has %4")
                        .arg(who, QString::fromUtf8(mine.state(theirs.clientId())))
                        .arg(theirs.clientId())
                        .arg(QString::fromUtf8(theirs.localState()));
                }
            }
        }
        return QString();
    }

    QString trace(int last) const
    {
        return m_trace.mid(qMax(0, m_trace.size() - last)).join(u'\n');
    }

private:
    enum class Direction { ToHost, ToClient };

    static QString quoted(QString s) { return u'"' + s.replace(u"\n"_s, u"\\n"_s) + u'"'; }

    void step()
    {
        const int r = m_rng.bounded(100);
        if (r < 25) {
            edit(m_rng.bounded(int(m_clients.size())));
        } else if (r < 30) {
            changeAwareness(m_rng.bounded(int(m_clients.size())));
        } else if (r < 64) {
            deliverAny();
        } else if (r < 68) {
            if (!m_links.empty()) {
                drop(m_links[size_t(m_rng.bounded(int(m_links.size())))].get());
            }
        } else if (r < 71) {
            dropInHandshake(m_rng.bounded(int(m_clients.size())));
        } else if (r < 79) {
            const int c = m_rng.bounded(int(m_clients.size()));
            if (!m_clients[size_t(c)]->link()) {
                connect(c);
            }
        } else if (r < 87) {
            log(QStringLiteral("commit"));
            ++m_stats.commits;
            m_host->commit();
        } else if (r < 98) {
            advance(m_rng.bounded(int(MaxLatencyMs) + 1));
        } else {
            // A long silence (a suspended laptop, a stalled host): awareness states time out.
            ++m_stats.silences;
            advance(m_rng.bounded(10000, 40000));
        }
    }

    void edit(int c)
    {
        ++m_stats.edits;
        SimClient &client = *m_clients[size_t(c)];
        Crdt::Text text = client.doc().text(Content);
        const auto len = int(text.length());
        const int r = m_rng.bounded(10);
        if (len > 0 && r < 3) {
            const int at = m_rng.bounded(len);
            const int n = 1 + m_rng.bounded(qMin(len - at, 5));
            log(QStringLiteral("client %1 removes %2 at %3").arg(c).arg(n).arg(at));
            text.remove(at, n);
        } else if (len > 0 && r < 4) {
            const int at = m_rng.bounded(len);
            const QString piece = Pieces[m_rng.bounded(int(Pieces.size()))];
            log(QStringLiteral("client %1 replaces 1 at %2 with %3")
                    .arg(c)
                    .arg(at)
                    .arg(quoted(piece)));
            client.doc().transact([&] {
                text.remove(at, 1);
                text.insert(at, piece);
            });
        } else {
            const int at = m_rng.bounded(len + 1);
            const QString piece = Pieces[m_rng.bounded(int(Pieces.size()))];
            log(QStringLiteral("client %1 inserts %2 at %3").arg(c).arg(quoted(piece)).arg(at));
            text.insert(at, piece);
        }
    }

    void changeAwareness(int c)
    {
        static const QStringList Colors
            = { QStringLiteral("#cc3333"), QStringLiteral("#33cc33"), QStringLiteral("#3333cc") };
        const QJsonObject user { { QStringLiteral("name"), QStringLiteral("peer %1").arg(c) },
                                 { QStringLiteral("color"),
                                   Colors[m_rng.bounded(int(Colors.size()))] } };
        const QJsonObject state { { QStringLiteral("user"), user },
                                  { QStringLiteral("mark"), m_rng.bounded(1000) } };
        log(QStringLiteral("client %1 awareness %2").arg(c).arg(state.value(u"mark").toInt()));
        m_clients[size_t(c)]->setLocalState(state);
    }

    void connect(int c)
    {
        SimClient &client = *m_clients[size_t(c)];
        const bool chorus = client.options().offersChorus && m_host->options().offersChorus;
        m_links.push_back(
            std::make_unique<SimLink>(m_nextLinkId++, c, chorus, m_host->config(), m_now));
        SimLink *link = m_links.back().get();
        ++m_stats.connects;
        log(QStringLiteral("client %1 connects: link %2%3")
                .arg(c)
                .arg(link->id)
                .arg(chorus ? u" chorus.1" : u""));
        // The host accepted the upgrade before the client learnt it did.
        m_host->connect(link);
        client.opened(link);
    }

    void drop(SimLink *link)
    {
        log(QStringLiteral("link %1 drops (%2 to the host, %3 to client %4 lost)")
                .arg(link->id)
                .arg(link->toHost.size())
                .arg(link->toClient.size() + link->held.size())
                .arg(link->client));
        ++m_stats.drops;
        m_host->drop(link);
        m_clients[size_t(link->client)]->connectionLost();
        std::erase_if(m_links, [link](const auto &l) { return l.get() == link; });
    }

    // A connection that goes before the conversation settled: a few messages, then nothing.
    void dropInHandshake(int c)
    {
        if (m_clients[size_t(c)]->link()) {
            return;
        }
        connect(c);
        SimLink *link = m_clients[size_t(c)]->link();
        for (int n = m_rng.bounded(5); n > 0 && link->hasTraffic(); --n) {
            const bool toHost
                = link->toClient.isEmpty() || (!link->toHost.isEmpty() && m_rng.bounded(2) == 0);
            deliver(link, toHost ? Direction::ToHost : Direction::ToClient);
        }
        drop(link);
    }

    void deliverAny()
    {
        QList<std::pair<SimLink *, Direction>> ready;
        for (const auto &link : m_links) {
            if (!link->toHost.isEmpty()) {
                ready.append({ link.get(), Direction::ToHost });
            }
            if (!link->toClient.isEmpty()) {
                ready.append({ link.get(), Direction::ToClient });
            }
        }
        if (!ready.isEmpty()) {
            const auto [link, direction] = ready[m_rng.bounded(int(ready.size()))];
            deliver(link, direction);
        }
    }

    void deliver(SimLink *link, Direction direction)
    {
        ++m_stats.delivered;
        if (direction == Direction::ToHost) {
            const SimMessage m = link->toHost.takeFirst();
            log(QStringLiteral("link %1 -> host: %2").arg(link->id).arg(describeBytes(m.bytes)));
            m_host->receive(link, m.bytes);
        } else {
            const SimMessage m = link->toClient.takeFirst();
            log(QStringLiteral("link %1 -> client %2: %3")
                    .arg(link->id)
                    .arg(link->client)
                    .arg(describeBytes(m.bytes)));
            m_clients[size_t(link->client)]->receive(m.bytes);
        }
    }

    // Time moves on by `ms`. First what would be later than MaxLatencyMs then arrives, oldest
    // first (the host commits what it holds); then every client ticks and the host sweeps.
    void advance(qint64 ms)
    {
        const qint64 deadline = m_now + ms - MaxLatencyMs;
        for (;;) {
            SimLink *oldest = nullptr;
            Direction direction = Direction::ToHost;
            qint64 oldestMs = m_host->oldestWorkMs();
            const bool hostFirst = oldestMs >= 0;
            for (const auto &link : m_links) {
                for (Direction d : { Direction::ToHost, Direction::ToClient }) {
                    const QList<SimMessage> &q
                        = d == Direction::ToHost ? link->toHost : link->toClient;
                    if (!q.isEmpty() && (oldestMs < 0 || q.first().sentMs < oldestMs)) {
                        oldestMs = q.first().sentMs;
                        oldest = link.get();
                        direction = d;
                    }
                }
            }
            if (oldestMs < 0 || oldestMs >= deadline) {
                break;
            }
            if (!oldest && hostFirst) {
                log(QStringLiteral("commit (overdue)"));
                m_host->commit();
            } else {
                deliver(oldest, direction);
            }
        }
        m_now += ms;
        log(QStringLiteral("time %1 ms (+%2)").arg(m_now).arg(ms));
        for (const auto &client : m_clients) {
            client->tick();
        }
        m_host->sweep();
    }

    // Delivers everything in flight (random connection, in order within one) and commits until
    // nothing is left; false when it does not end.
    bool settle()
    {
        for (int n = 0; n < MaxSettleDeliveries; ++n) {
            if (!problem().isEmpty()) {
                return true;
            }
            const bool traffic = std::any_of(m_links.cbegin(), m_links.cend(),
                                             [](const auto &l) { return l->hasTraffic(); });
            if (traffic) {
                deliverAny();
            } else if (m_host->hasWork()) {
                log(QStringLiteral("commit"));
                m_host->commit();
            } else {
                return true;
            }
        }
        return false;
    }

    QString problem() const
    {
        if (!m_host->problems().isEmpty()) {
            return m_host->problems().first();
        }
        for (const auto &client : m_clients) {
            if (!client->problems().isEmpty()) {
                return client->problems().first();
            }
        }
        return QString();
    }

    void log(const QString &line) { m_trace.append(QStringLiteral("%1  %2").arg(m_now).arg(line)); }

    QRandomGenerator m_rng;
    qint64 m_now = 1000;
    std::unique_ptr<SimHost> m_host;
    std::vector<std::unique_ptr<SimClient>> m_clients;
    std::vector<std::unique_ptr<SimLink>> m_links; // last: the host and clients point at them
    int m_nextLinkId = 1;
    QString m_setup;
    QStringList m_trace;
    Stats m_stats;
};

} // namespace

class TestConversationConvergence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void converges()
    {
        const bool replay = qEnvironmentVariableIsSet("CHORUS_SEED");
        const quint32 base = replay ? qEnvironmentVariable("CHORUS_SEED").toUInt()
                                    : QRandomGenerator::global()->generate();
        int sessions = replay ? 1 : DefaultSessions;
        if (!replay && qEnvironmentVariableIsSet("CHORUS_SESSIONS")) {
            sessions = qEnvironmentVariableIntValue("CHORUS_SESSIONS");
        }
        qInfo("base seed %u, %d sessions (replay one: CHORUS_SEED=<seed>)", base, sessions);
        Stats total;
        for (int s = 0; s < sessions; ++s) {
            const quint32 seed = base + quint32(s);
            Session session(seed);
            QString problem = session.run(StepsPerSession);
            if (problem.isEmpty()) {
                problem = session.finish();
            }
            if (problem.isEmpty()) {
                problem = session.check();
            }
            if (!problem.isEmpty()) {
                qWarning().noquote() << "failing seed" << seed << "\n"
                                     << session.setup() << "\nlast steps:\n"
                                     << session.trace(80);
                QFAIL(qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(problem)));
            }
            const Stats one = session.stats();
            total.edits += one.edits;
            total.delivered += one.delivered;
            total.drops += one.drops;
            total.connects += one.connects;
            total.commits += one.commits;
            total.silences += one.silences;
            total.confirmed += one.confirmed;
            total.textLength += one.textLength;
        }
        qInfo().noquote() << total.toString();
    }
};

QTEST_GUILESS_MAIN(TestConversationConvergence)
#include "tst_conversationconvergence.moc"
