// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Chorus::Crdt::Traces {

// One editing trace from josephg/editing-traces (gzip JSON; format in
// ../shared/data/editing-traces/SOURCE.md), flattened for replay: every transaction is a run
// of patches [pos, delCount, insText] to apply in order. Positions count Unicode code points
// in the file; the four traces we use hold no character outside the BMP, so they are used as
// UTF-16 code units unchanged (load() refuses a trace where that is not true).
// Test and benchmark support only: not part of the engine. A value type.
class EditingTrace
{
public:
    struct Patch
    {
        int pos = 0;
        int del = 0;
        QString ins;
    };
    struct Txn
    {
        qsizetype first = 0; // index of its first patch in patches
        qsizetype count = 0;
    };

    // Reads FILE (.json.gz or plain .json). On failure returns false and sets *error.
    bool load(const QString &file, QString *error);

    QString name; // file name without .json.gz
    QString endContent;
    QList<Txn> txns;
    QList<Patch> patches;
};

// The bytes of FILE, gunzipped when it ends in .gz: through zlib when the build found it
// (CHORUS_HAVE_ZLIB), otherwise through the system's `gzip -dc`. Empty + *error on failure.
QByteArray readMaybeGzip(const QString &file, QString *error);

} // namespace Chorus::Crdt::Traces
