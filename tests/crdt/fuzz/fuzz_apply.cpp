// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: decode + apply an update to a document that already has content, then
// use the result. Must never crash, hang or leave a broken document.
#include "crdt/doc.h"
#include "crdt/text.h"

#include <cstddef>
#include <cstdint>

using namespace Chorus::Crdt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    Doc doc(1);
    doc.text(QStringLiteral("content")).insert(0, QStringLiteral("seed"));
    const QByteArray before = doc.encodeStateAsUpdate();
    const ApplyResult r = doc.applyUpdate(bytes);
    if (!r.ok()) {
        Q_ASSERT(doc.encodeStateAsUpdate() == before);
        return 0;
    }
    Q_ASSERT(doc.checkInvariants());
    doc.text(QStringLiteral("content")).toString();
    Doc copy(2);
    copy.applyUpdate(doc.encodeStateAsUpdate());
    return 0;
}
