// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "updates.h"

#include "decodedupdate.h"
#include "statevector.h"
#include "structreader.h"
#include "updateencoder.h"

#include <algorithm>
#include <memory>
#include <optional>

namespace Chorus::Crdt {

namespace {

// yjs LazyStructReader: the structs of all sections in order, decoded one at a time from an
// update that scanUpdate() accepted, so only the current struct is in memory.
class LazyStructReader
{
public:
    LazyStructReader(QByteArrayView update, bool filterSkips)
        : m_dec(update)
        , m_reader(m_dec)
        , m_filterSkips(filterSkips)
    {
        next();
    }
    // The one section whose header is at `offset`.
    LazyStructReader(QByteArrayView update, qsizetype offset)
        : m_dec(update.sliced(offset))
        , m_reader(m_dec, 1)
        , m_filterSkips(false)
    {
        next();
    }
    const Struct *curr() const { return m_has ? &m_curr : nullptr; }
    const Struct *next()
    {
        do {
            advance();
        } while (m_filterSkips && m_has && m_curr.isSkip());
        return curr();
    }

private:
    void advance()
    {
        while (!(m_has = m_reader.nextStruct(&m_curr))) {
            if (!m_reader.nextSection()) {
                return;
            }
        }
    }

    UpdateDecoderV1 m_dec;
    StructReader m_reader;
    bool m_filterSkips;
    bool m_has = false;
    Struct m_curr;
};

// The delete set of an update that scanUpdate() accepted.
DeleteSet readDeleteSet(QByteArrayView update, const UpdateScan &scan)
{
    UpdateDecoderV1 dec(update.sliced(scan.deleteSetOffset));
    return DeleteSet::read(dec);
}

// yjs LazyStructWriter: structs are written client run by client run; the run headers
// (count, client, first clock) are known only when a run ends.
class LazyStructWriter
{
public:
    void write(const Struct &s, quint64 offset)
    {
        if (m_written > 0 && m_currClient != s.id.client) {
            flush();
        }
        if (m_written == 0) {
            m_currClient = s.id.client;
            m_rest.writeClient(s.id.client);
            m_rest.writeVarUint(s.id.clock + offset);
        }
        s.write(m_rest, offset);
        ++m_written;
    }
    // finishLazyStructWriting + the delete set.
    QByteArray finish(const DeleteSet &ds)
    {
        flush();
        UpdateEncoderV1 out;
        out.writeVarUint(quint64(m_runs.size()));
        for (const auto &[written, bytes] : m_runs) {
            out.writeVarUint(written);
            out.writeUint8Array(bytes);
        }
        ds.write(out);
        return out.take();
    }

private:
    void flush()
    {
        if (m_written > 0) {
            m_runs.push_back({ m_written, m_rest.take() });
            m_rest = UpdateEncoderV1();
            m_written = 0;
        }
    }

    ClientId m_currClient = 0;
    quint64 m_written = 0;
    UpdateEncoderV1 m_rest;
    std::vector<std::pair<quint64, QByteArray>> m_runs;
};

// GC.mergeWith / Skip.mergeWith; an Item never merges here because a lazily read item has no
// right neighbour (Item.mergeWith checks this.right === right).
bool mergeLazy(Struct &left, const Struct &right)
{
    if (left.isItem() || left.content.kind != right.content.kind) {
        return false;
    }
    left.length += right.length;
    return true;
}

Struct makeSkip(ClientId client, quint64 clock, quint64 len)
{
    Struct s;
    s.id = ID { client, clock };
    s.length = len;
    s.content.kind = ContentKind::Skip;
    return s;
}

} // namespace

// Port of yjs mergeUpdatesV2 with the v1 coders.
UpdateResult mergeUpdates(const QList<QByteArray> &updates)
{
    UpdateResult result;
    std::vector<UpdateScan> scans;
    scans.reserve(size_t(updates.size()));
    for (const QByteArray &u : updates) {
        scans.push_back(scanUpdate(u));
        if (scans.back().error.isError()) {
            result.error = scans.back().error;
            return result;
        }
    }
    if (updates.size() == 1) {
        result.update = updates.first();
        return result;
    }
    // pointers: the readers are sorted once per struct written
    std::vector<std::unique_ptr<LazyStructReader>> readers;
    for (const QByteArray &u : updates) {
        readers.push_back(std::make_unique<LazyStructReader>(u, true));
    }
    std::optional<Struct> currWrite;
    LazyStructWriter writer;
    while (true) {
        std::erase_if(readers, [](const auto &r) { return r->curr() == nullptr; });
        std::stable_sort(readers.begin(), readers.end(), [](const auto &a, const auto &b) {
            const Struct &x = *a->curr();
            const Struct &y = *b->curr();
            if (x.id.client == y.id.client) {
                if (x.id.clock == y.id.clock) {
                    return x.isSkip() != y.isSkip() && !x.isSkip();
                }
                return x.id.clock < y.id.clock;
            }
            return x.id.client > y.id.client;
        });
        if (readers.empty()) {
            break;
        }
        LazyStructReader &currDecoder = *readers.front();
        const ClientId firstClient = currDecoder.curr()->id.client;
        if (currWrite) {
            const Struct *curr = currDecoder.curr();
            bool iterated = false;
            // skip what was written already (higher clients come first)
            while (curr && curr->endClock() <= currWrite->endClock()
                   && curr->id.client >= currWrite->id.client) {
                curr = currDecoder.next();
                iterated = true;
            }
            if (!curr || curr->id.client != firstClient
                || (iterated && curr->id.clock > currWrite->endClock())) {
                continue;
            }
            if (firstClient != currWrite->id.client) {
                writer.write(*currWrite, 0);
                currWrite = curr->clone();
                currDecoder.next();
            } else if (currWrite->endClock() < curr->id.clock) {
                if (currWrite->isSkip()) {
                    currWrite->length = curr->endClock() - currWrite->id.clock;
                } else {
                    writer.write(*currWrite, 0);
                    const quint64 diff = curr->id.clock - currWrite->endClock();
                    currWrite = makeSkip(firstClient, currWrite->endClock(), diff);
                }
            } else {
                const quint64 diff = currWrite->endClock() - curr->id.clock;
                std::optional<Struct> slice;
                if (diff > 0) {
                    if (currWrite->isSkip()) {
                        currWrite->length -= diff;
                    } else {
                        slice = curr->sliced(diff);
                    }
                }
                const Struct &c = slice ? *slice : *curr;
                if (!mergeLazy(*currWrite, c)) {
                    writer.write(*currWrite, 0);
                    currWrite = c.clone();
                    currDecoder.next();
                }
            }
        } else {
            currWrite = currDecoder.curr()->clone();
            currDecoder.next();
        }
        for (const Struct *next = currDecoder.curr(); next && next->id.client == firstClient
             && next->id.clock == currWrite->endClock() && !next->isSkip();
             next = currDecoder.next()) {
            writer.write(*currWrite, 0);
            currWrite = next->clone();
        }
    }
    if (currWrite) {
        writer.write(*currWrite, 0);
    }
    readers.clear();
    // yjs mergeDeleteSets, one set read at a time: only the merged set and one more are in memory
    DeleteSet merged;
    for (qsizetype i = 0; i < updates.size(); ++i) {
        merged.append(readDeleteSet(updates[i], scans[size_t(i)]));
    }
    merged.sortAndMerge();
    result.update = writer.finish(merged);
    return result;
}

namespace {
// The struct loop of yjs diffUpdateV2.
void diffStructs(LazyStructReader &reader, const StateVector &state, LazyStructWriter &writer)
{
    while (const Struct *curr = reader.curr()) {
        const ClientId currClient = curr->id.client;
        const quint64 svClock = state.get(currClient);
        if (curr->isSkip()) {
            reader.next(); // the first written struct must not be a skip
            continue;
        }
        if (curr->endClock() > svClock) {
            writer.write(*curr, svClock > curr->id.clock ? svClock - curr->id.clock : 0);
            reader.next();
            while (reader.curr() && reader.curr()->id.client == currClient) {
                writer.write(*reader.curr(), 0);
                reader.next();
            }
        } else {
            while (reader.curr() && reader.curr()->id.client == currClient
                   && reader.curr()->endClock() <= svClock) {
                reader.next();
            }
        }
    }
}
} // namespace

// Port of yjs diffUpdateV2 with the v1 coders.
UpdateResult diffUpdate(QByteArrayView update, QByteArrayView encodedStateVector)
{
    UpdateResult result;
    const StateVector state = StateVector::decode(encodedStateVector, &result.error);
    if (result.error.isError()) {
        return result;
    }
    const UpdateScan scan = scanUpdate(update);
    if (scan.error.isError()) {
        result.error = scan.error;
        return result;
    }
    LazyStructWriter writer;
    LazyStructReader reader(update, false);
    diffStructs(reader, state, writer);
    result.update = writer.finish(readDeleteSet(update, scan));
    return result;
}

SectionIndex indexSections(QByteArrayView update)
{
    SectionIndex index;
    UpdateDecoderV1 dec(update);
    StructReader reader(dec);
    Struct s;
    std::vector<ClientId> clients;
    qsizetype at = dec.offset();
    while (reader.nextSection()) {
        quint64 end = reader.sectionClock();
        while (reader.nextStruct(&s)) {
            end = s.endClock();
        }
        index.sections.push_back({ reader.client(), end, at });
        clients.push_back(reader.client());
        at = dec.offset();
    }
    index.deleteSetOffset = at;
    std::sort(clients.begin(), clients.end());
    index.usable = dec.ok() && std::adjacent_find(clients.begin(), clients.end()) == clients.end();
    return index;
}

UpdateResult diffUpdate(QByteArrayView update, const SectionIndex &index,
                        QByteArrayView encodedStateVector)
{
    if (!index.usable) {
        return diffUpdate(update, encodedStateVector);
    }
    UpdateResult result;
    const StateVector state = StateVector::decode(encodedStateVector, &result.error);
    if (result.error.isError()) {
        return result;
    }
    LazyStructWriter writer;
    for (const SectionIndex::Section &sec : index.sections) {
        if (sec.endClock > state.get(sec.client)) {
            LazyStructReader reader(update, sec.offset);
            diffStructs(reader, state, writer);
        }
    }
    UpdateDecoderV1 dec(update.sliced(index.deleteSetOffset));
    result.update = writer.finish(DeleteSet::read(dec));
    return result;
}

// Port of yjs encodeStateVectorFromUpdateV2 with the v1 coders.
UpdateResult encodeStateVectorFromUpdate(QByteArrayView update)
{
    UpdateResult result;
    const UpdateScan scan = scanUpdate(update);
    if (scan.error.isError()) {
        result.error = scan.error;
        return result;
    }
    LazyStructReader reader(update, false);
    UpdateEncoderV1 entries;
    quint64 size = 0;
    if (const Struct *curr = reader.curr()) {
        ClientId currClient = curr->id.client;
        bool stopCounting = curr->id.clock != 0; // must start at 0
        quint64 currClock = stopCounting ? 0 : curr->endClock();
        for (; curr; curr = reader.next()) {
            if (currClient != curr->id.client) {
                if (currClock != 0) {
                    ++size;
                    entries.writeVarUint(currClient);
                    entries.writeVarUint(currClock);
                }
                currClient = curr->id.client;
                currClock = 0;
                stopCounting = curr->id.clock != 0;
            }
            if (curr->isSkip()) {
                stopCounting = true;
            }
            if (!stopCounting) {
                currClock = curr->endClock();
            }
        }
        if (currClock != 0) {
            ++size;
            entries.writeVarUint(currClient);
            entries.writeVarUint(currClock);
        }
    }
    UpdateEncoderV1 out;
    out.writeVarUint(size);
    out.writeUint8Array(entries.data());
    result.update = out.take();
    return result;
}

DecodeError validateUpdate(QByteArrayView update)
{
    return scanUpdate(update).error;
}

} // namespace Chorus::Crdt
