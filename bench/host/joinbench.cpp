// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// chorus-bench-join: what a burst of joins costs the host in a large room (issue 14). A room is
// built from random edits (one Y.Text, several clients, many small items); then `--joins` fresh
// peers join: each join needs the state vector (the host's SyncStep1) and the reply to the
// peer's empty state vector (SyncStep2). "recomputed" decodes the room for every join, as the
// host did before RoomDocument cached them; "cached" is RoomDocument now; "after each edit"
// puts an update between joins, so every join misses the cache. Prints CPU ms per join.
#include "crdt/doc.h"
#include "crdt/statevector.h"
#include "crdt/text.h"
#include "crdt/updates.h"
#include "host/rooms/roomdocument.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>
#include <ctime>

using namespace Chorus;

namespace {
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QList<QByteArray> randomEdits(int clients, int edits, quint32 seed)
{
    QRandomGenerator rng(seed);
    std::vector<std::unique_ptr<Crdt::Doc>> docs;
    QList<QByteArray> updates;
    std::vector<qsizetype> seen(size_t(clients), 0);
    for (int c = 0; c < clients; ++c) {
        docs.push_back(std::make_unique<Crdt::Doc>(Crdt::ClientId(100 + c)));
        docs.back()->onUpdate([&updates](const QByteArray &u, Crdt::Origin o, bool) {
            if (o == 0) {
                updates.append(u);
            }
        });
    }
    for (int i = 0; i < edits; ++i) {
        const size_t c = size_t(rng.bounded(clients));
        Crdt::Doc &doc = *docs[c];
        if (i % 16 == 0) { // catch up now and then, so the clients interleave
            doc.applyUpdate(Crdt::mergeUpdates(updates.mid(seen[c])).update, 1);
            seen[c] = updates.size();
        }
        Crdt::Text text = doc.text(QStringLiteral("content"));
        const qsizetype len = text.length();
        if (len > 20 && rng.bounded(4) == 0) {
            text.remove(qsizetype(rng.bounded(int(len - 5))), 1 + rng.bounded(4));
        } else {
            text.insert(len ? qsizetype(rng.bounded(int(len))) : 0,
                        QString(1 + rng.bounded(3), QChar(u'a' + rng.bounded(26))));
        }
    }
    return updates;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CPU per join in a large room"));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("joins"), QStringLiteral("Joins (200)."), QStringLiteral("n"),
                       QStringLiteral("200") });
    parser.addOption({ QStringLiteral("edits"),
                       QStringLiteral("Edits that build the room (100000)."), QStringLiteral("n"),
                       QStringLiteral("100000") });
    parser.process(app);
    const int joins = parser.value(QStringLiteral("joins")).toInt();
    const QList<QByteArray> edits
        = randomEdits(8, parser.value(QStringLiteral("edits")).toInt(), 14);
    Host::RoomDocument room;
    for (const QByteArray &u : edits) {
        room.appendTrusted(u);
    }
    const QByteArray state = room.encodeStateAsUpdate();
    std::printf("room: %lld updates folded into %.1f KiB\n", qlonglong(edits.size()),
                double(state.size()) / 1024.0);
    const QByteArray empty(1, '\0');
    Crdt::DecodeError error;

    double t = cpuMs();
    qsizetype sink = 0;
    for (int i = 0; i < joins; ++i) {
        sink += Crdt::encodeStateVectorFromUpdate(state).update.size();
        sink += Crdt::diffUpdate(state, empty).update.size();
    }
    std::printf("recomputed:        %8.3f ms CPU per join\n", (cpuMs() - t) / joins);

    t = cpuMs();
    for (int i = 0; i < joins; ++i) {
        sink += room.encodeStateVector().size();
        sink += room.encodeMissing(empty, &error).size();
    }
    std::printf("cached:            %8.3f ms CPU per join\n", (cpuMs() - t) / joins);

    // a peer that has all but the last edits of one client: recomputed vs the section index
    Crdt::StateVector behind = Crdt::StateVector::decode(room.encodeStateVector(), &error);
    const auto [lastClient, lastClock] = behind.clocks().back();
    behind.set(lastClient, lastClock / 2);
    const QByteArray behindSv = behind.encode();
    t = cpuMs();
    for (int i = 0; i < joins; ++i) {
        sink += Crdt::diffUpdate(state, behindSv).update.size();
    }
    std::printf("behind, streamed:  %8.3f ms CPU per SyncStep1\n", (cpuMs() - t) / joins);
    t = cpuMs();
    for (int i = 0; i < joins; ++i) {
        sink += room.encodeMissing(behindSv, &error).size();
    }
    std::printf("behind, indexed:   %8.3f ms CPU per SyncStep1\n", (cpuMs() - t) / joins);

    t = cpuMs();
    for (int i = 0; i < joins; ++i) {
        room.appendTrusted(edits[i % edits.size()]); // a repeat: changes nothing, clears the cache
        sink += room.encodeStateVector().size();
        sink += room.encodeMissing(empty, &error).size();
    }
    std::printf("after each edit:   %8.3f ms CPU per join (fold + diff)\n", (cpuMs() - t) / joins);
    return sink > 0 ? 0 : 1;
}
