// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

namespace Chorus::Crdt {

// Why a buffer of untrusted bytes could not be read, and where. Decoders never throw or assert
// on input: they stop at the first error and report it with the byte offset it was found at.
struct DecodeError
{
    enum class Code {
        None,
        UnexpectedEnd, // a read ran past the end of the input
        LengthTooLarge, // a declared length is larger than the bytes that remain
        IntegerOverflow, // a varint does not fit in 53 bits (JavaScript's safe integers)
        InvalidUtf8, // a string's bytes are not UTF-8
        UnknownType, // an unknown tag (content ref, any type, message type)
        TooDeep, // nesting past the limit
        Malformed, // structurally wrong (e.g. a zero-length struct, a bad info byte)
        TrailingBytes, // bytes left over after a complete message
        OverLimit, // well formed, but more of something than Limits allows (clients)
    };

    Code code = Code::None;
    qsizetype offset = 0;
    QString detail;

    bool isError() const { return code != Code::None; }
    QString toString() const;
    static QString codeName(Code code);
};

} // namespace Chorus::Crdt
