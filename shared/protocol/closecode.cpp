// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "closecode.h"

namespace Chorus::Protocol {

QString closeCodeName(CloseCode code)
{
    switch (code) {
    case CloseCode::Normal: return QStringLiteral("normal");
    case CloseCode::GoingAway: return QStringLiteral("going away");
    case CloseCode::ProtocolError: return QStringLiteral("protocol error");
    case CloseCode::UnsupportedData: return QStringLiteral("text frame");
    case CloseCode::InvalidPayload: return QStringLiteral("malformed message");
    case CloseCode::PolicyViolation: return QStringLiteral("not authorised");
    case CloseCode::TooBig: return QStringLiteral("message too large");
    case CloseCode::InternalError: return QStringLiteral("internal error");
    case CloseCode::TryAgainLater: return QStringLiteral("overloaded, try again later");
    }
    return QStringLiteral("close code %1").arg(int(code));
}

} // namespace Chorus::Protocol
