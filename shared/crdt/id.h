// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHashFunctions>
#include <QtGlobal>

#include <compare>

namespace Chorus::Crdt {

using ClientId = quint64;
// A transaction's origin as the caller chose it (a pointer or a tag); 0 means "no origin".
using Origin = quintptr;

// The identity of one element of a shared type (yjs ID.js): the client that created it and
// that client's clock, counted in content units (UTF-16 code units for strings). Clocks of one
// client are dense: every clock from 0 to the state is used by exactly one struct.
struct ID
{
    ClientId client = 0;
    quint64 clock = 0;

    friend bool operator==(const ID &, const ID &) = default;
    friend auto operator<=>(const ID &, const ID &) = default;
};

inline size_t qHash(const ID &id, size_t seed = 0) noexcept
{
    return qHashMulti(seed, id.client, id.clock);
}

} // namespace Chorus::Crdt
