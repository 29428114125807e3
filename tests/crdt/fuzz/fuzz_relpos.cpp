// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: relative-position decoding and resolution.
#include "crdt/doc.h"
#include "crdt/relativeposition.h"
#include "crdt/text.h"

#include <cstddef>
#include <cstdint>

using namespace Chorus::Crdt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto rpos = RelativePosition::decode(bytes);
    if (!rpos) {
        return 0;
    }
    Doc doc(7);
    doc.text(QStringLiteral("content")).insert(0, QStringLiteral("hello"));
    createAbsolutePositionFromRelativePosition(*rpos, doc);
    RelativePosition::fromJson(rpos->toJson());
    return 0;
}
