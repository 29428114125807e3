// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the update-level functions the host runs on untrusted bytes. The input is
// split in two at its first byte's position to get two updates.
#include "crdt/updates.h"

#include <cstddef>
#include <cstdint>

using namespace Chorus::Crdt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    const size_t cut = 1 + (data[0] % size);
    const QByteArray a(reinterpret_cast<const char *>(data + 1), qsizetype(cut - 1));
    const QByteArray b(reinterpret_cast<const char *>(data + cut), qsizetype(size - cut));
    validateUpdate(a);
    encodeStateVectorFromUpdate(a);
    const UpdateResult sv = encodeStateVectorFromUpdate(b);
    if (sv.ok()) {
        diffUpdate(a, sv.update);
    }
    diffUpdate(a, b);
    const UpdateResult m = mergeUpdates({ a, b });
    if (m.ok()) {
        mergeUpdates({ m.update, a });
    }
    return 0;
}
