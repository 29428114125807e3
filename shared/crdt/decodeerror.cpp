// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "decodeerror.h"

namespace Chorus::Crdt {

QString DecodeError::codeName(Code code)
{
    switch (code) {
    case Code::None: return QStringLiteral("no error");
    case Code::UnexpectedEnd: return QStringLiteral("unexpected end of input");
    case Code::LengthTooLarge: return QStringLiteral("declared length exceeds the input");
    case Code::IntegerOverflow: return QStringLiteral("integer out of range");
    case Code::InvalidUtf8: return QStringLiteral("invalid UTF-8");
    case Code::UnknownType: return QStringLiteral("unknown type tag");
    case Code::TooDeep: return QStringLiteral("nesting too deep");
    case Code::Malformed: return QStringLiteral("malformed");
    case Code::TrailingBytes: return QStringLiteral("trailing bytes");
    case Code::OverLimit: return QStringLiteral("over a limit");
    }
    return QStringLiteral("unknown error");
}

QString DecodeError::toString() const
{
    QString s = codeName(code) + QStringLiteral(" at byte ") + QString::number(offset);
    if (!detail.isEmpty()) {
        s += QStringLiteral(": ") + detail;
    }
    return s;
}

} // namespace Chorus::Crdt
