// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Seeded randomized convergence among Chorus documents: 3-5 peers edit text, a map and an
// array concurrently while a simulated network drops, duplicates, reorders and batches their
// updates (sometimes merged with mergeUpdates); a final state-vector resync must bring every
// peer to the same content and state vector with nothing pending.
// Replay a failure: CHORUS_SEED=<printed seed> ctest -R tst_convergence. More sessions:
// CHORUS_SESSIONS=N, or CHORUS_LONG=1 for 20,000.
#include "crdt/array.h"
#include "crdt/doc.h"
#include "crdt/map.h"
#include "crdt/text.h"
#include "crdt/updates.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Chorus::Crdt;

namespace {
const QStringList Pieces = { QStringLiteral("a"),  QStringLiteral("bc"),
                             QStringLiteral("😀"), QStringLiteral("xyz"),
                             QStringLiteral("é"),  QStringLiteral("𝄞!"),
                             QStringLiteral("\n"), QStringLiteral("long piece of text") };

struct Message
{
    int to;
    QByteArray update;
};

class Session
{
public:
    explicit Session(quint32 seed)
        : m_rng(seed)
    {
        const int n = m_rng.bounded(3, 6);
        const bool gc = m_rng.bounded(4) != 0;
        for (int i = 0; i < n; ++i) {
            // client ids in a small range so concurrent inserts tie-break both ways
            auto doc = std::make_unique<Doc>(ClientId(100 + i * 7 + m_rng.bounded(5)));
            doc->setGcEnabled(gc);
            doc->onUpdate([this, i](const QByteArray &u, Origin, bool local) {
                if (local) {
                    for (int to = 0; to < int(m_docs.size()); ++to) {
                        if (to != i) {
                            m_net.push_back({ to, u });
                        }
                    }
                }
            });
            m_docs.push_back(std::move(doc));
        }
    }

    void run(int steps)
    {
        for (int s = 0; s < steps; ++s) {
            const int r = m_rng.bounded(100);
            if (r < 55) {
                edit(m_rng.bounded(int(m_docs.size())));
            } else if (r < 90) {
                deliver();
            } else {
                syncPair(m_rng.bounded(int(m_docs.size())), m_rng.bounded(int(m_docs.size())));
            }
        }
    }

    // Full state-vector sync between all pairs until nothing changes.
    void resync()
    {
        for (int round = 0; round < 3; ++round) {
            for (size_t a = 0; a < m_docs.size(); ++a) {
                for (size_t b = 0; b < m_docs.size(); ++b) {
                    if (a != b) {
                        syncPair(int(a), int(b));
                    }
                }
            }
        }
    }

    QString check() const
    {
        Doc &first = *m_docs.front();
        for (const auto &d : m_docs) {
            if (!d->checkInvariants()) {
                return d->invariantViolation();
            }
            if (d->hasPending()) {
                return QStringLiteral("pending structs left");
            }
            if (d->text(QStringLiteral("t")).toString()
                != first.text(QStringLiteral("t")).toString()) {
                return QStringLiteral("texts differ: '%1' vs '%2'")
                    .arg(d->text(QStringLiteral("t")).toString(),
                         first.text(QStringLiteral("t")).toString());
            }
            if (d->map(QStringLiteral("m")).toJson() != first.map(QStringLiteral("m")).toJson()) {
                return QStringLiteral("maps differ");
            }
            if (d->array(QStringLiteral("a")).toJson()
                != first.array(QStringLiteral("a")).toJson()) {
                return QStringLiteral("arrays differ");
            }
            if (d->encodeStateVector() != first.encodeStateVector()) {
                return QStringLiteral("state vectors differ");
            }
            // the encoded state loads elsewhere to the same content
            Doc copy(1);
            if (!copy.applyUpdate(d->encodeStateAsUpdate()).ok()
                || copy.text(QStringLiteral("t")).toString()
                    != d->text(QStringLiteral("t")).toString()
                || copy.encodeStateVector() != d->encodeStateVector()) {
                return QStringLiteral("encoded state does not round-trip");
            }
        }
        return {};
    }

private:
    void edit(int p)
    {
        Doc &d = *m_docs[size_t(p)];
        const int ops = m_rng.bounded(1, 4);
        d.transact([&] {
            for (int k = 0; k < ops; ++k) {
                editOnce(d);
            }
        });
    }

    void editOnce(Doc &d)
    {
        Text t = d.text(QStringLiteral("t"));
        const int r = m_rng.bounded(100);
        if (r < 45) {
            t.insert(m_rng.bounded(int(t.length()) + 1), Pieces[m_rng.bounded(Pieces.size())]);
        } else if (r < 65) {
            if (t.length() > 0) {
                const int i = m_rng.bounded(int(t.length()));
                t.remove(i, m_rng.bounded(1, 6));
            }
        } else if (r < 80) {
            const QString key = QStringLiteral("k%1").arg(m_rng.bounded(5));
            if (m_rng.bounded(4) == 0) {
                d.map(QStringLiteral("m")).remove(key);
            } else {
                d.map(QStringLiteral("m")).set(key, randomAny());
            }
        } else {
            Array a = d.array(QStringLiteral("a"));
            if (m_rng.bounded(3) == 0 && a.length() > 0) {
                a.remove(m_rng.bounded(int(a.length())), m_rng.bounded(1, 3));
            } else {
                QList<Any> values;
                for (int i = m_rng.bounded(1, 4); i > 0; --i) {
                    values.append(randomAny());
                }
                a.insert(m_rng.bounded(int(a.length()) + 1), values);
            }
        }
    }

    Any randomAny()
    {
        switch (m_rng.bounded(6)) {
        case 0: return Any::number(m_rng.bounded(1000));
        case 1: return Any::number(m_rng.generateDouble());
        case 2: return Any::string(Pieces[m_rng.bounded(Pieces.size())]);
        case 3: return Any::boolean(m_rng.bounded(2));
        case 4: return Any::binary(QByteArray(m_rng.bounded(4), 'b'));
        default: return Any::null();
        }
    }

    void deliver()
    {
        if (m_net.empty()) {
            return;
        }
        const size_t i = size_t(m_rng.bounded(int(m_net.size())));
        Message m = m_net[i];
        const int fate = m_rng.bounded(100);
        if (fate < 10) {
            m_net.erase(m_net.begin() + qptrdiff(i)); // dropped; a later sync repairs it
            return;
        }
        if (fate < 20) {
            // batch: merge it with other messages for the same peer
            QList<QByteArray> batch { m.update };
            for (size_t k = 0; k < m_net.size() && batch.size() < 4; ++k) {
                if (k != i && m_net[k].to == m.to) {
                    batch.append(m_net[k].update);
                }
            }
            const UpdateResult merged = mergeUpdates(batch);
            QVERIFY(merged.ok());
            m.update = merged.update;
        }
        if (fate >= 30) { // else duplicated: stays queued
            m_net.erase(m_net.begin() + qptrdiff(i));
        }
        QVERIFY(m_docs[size_t(m.to)]->applyUpdate(m.update).ok());
    }

    void syncPair(int from, int to)
    {
        if (from == to) {
            return;
        }
        Doc &a = *m_docs[size_t(from)];
        Doc &b = *m_docs[size_t(to)];
        QVERIFY(b.applyUpdate(a.encodeStateAsUpdate(b.encodeStateVector())).ok());
    }

    QRandomGenerator m_rng;
    std::vector<std::unique_ptr<Doc>> m_docs;
    std::vector<Message> m_net;
};
} // namespace

class TestConvergence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void converges()
    {
        const bool replay = qEnvironmentVariableIsSet("CHORUS_SEED");
        const quint32 base = replay ? qEnvironmentVariable("CHORUS_SEED").toUInt()
                                    : QRandomGenerator::global()->generate();
        int sessions = qEnvironmentVariableIsSet("CHORUS_LONG") ? 20000 : 300;
        if (qEnvironmentVariableIsSet("CHORUS_SESSIONS")) {
            sessions = qEnvironmentVariableIntValue("CHORUS_SESSIONS");
        }
        if (replay) {
            sessions = 1;
        }
        qInfo("base seed %u, %d sessions (replay one: CHORUS_SEED=<seed>)", base, sessions);
        for (int s = 0; s < sessions; ++s) {
            const quint32 seed = base + quint32(s);
            Session session(seed);
            session.run(150);
            session.resync();
            const QString problem = session.check();
            QVERIFY2(problem.isEmpty(),
                     qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(problem)));
            if (QTest::currentTestFailed()) {
                qWarning("failing seed: %u", seed);
                return;
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
