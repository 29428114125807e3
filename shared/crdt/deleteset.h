// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "id.h"

#include <map>
#include <vector>

namespace Chorus::Crdt {

class UpdateEncoderV1;
class UpdateDecoderV1;

struct DeleteItem
{
    quint64 clock = 0;
    quint64 len = 0;
    friend bool operator==(const DeleteItem &, const DeleteItem &) = default;
};

// Sets of ID ranges per client (yjs DeleteSet.js). Used for the deletions of an update or
// transaction and, as IdSet, for the ranges a transaction inserted. Ranges of a client are in
// the order they were added until sortAndMerge() sorts and joins them, exactly as in Yjs
// (the encoded order of an unsorted set is part of byte-exactness). A value type.
class DeleteSet
{
public:
    using Clients = std::map<ClientId, std::vector<DeleteItem>>;

    void add(ClientId client, quint64 clock, quint64 len);
    void sortAndMerge();
    bool isDeleted(ID id) const;
    bool isEmpty() const { return m_clients.empty(); }
    const Clients &clients() const { return m_clients; }
    Clients &clients() { return m_clients; }
    static DeleteSet merge(const std::vector<const DeleteSet *> &sets); // yjs mergeDeleteSets
    // The ranges of `other` after this set's, client by client (merge without the sort).
    void append(DeleteSet &&other);

    // Written in descending client order (yjs writeDeleteSet).
    void write(UpdateEncoderV1 &enc) const;
    // yjs readDeleteSet: clients with no ranges are dropped. Errors go to dec.
    static DeleteSet read(UpdateDecoderV1 &dec);
    // Reads past a delete set, checking it as read() does but keeping nothing.
    static void skip(UpdateDecoderV1 &dec);

    friend bool operator==(const DeleteSet &, const DeleteSet &) = default;

private:
    template<typename Add> static void readRanges(UpdateDecoderV1 &dec, Add &&add);

    Clients m_clients;
};

using IdSet = DeleteSet;

} // namespace Chorus::Crdt
