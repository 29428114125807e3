// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagetype.h"

namespace Chorus::Protocol {

QString messageTypeName(MessageType type)
{
    switch (type) {
    case MessageType::Sync: return QStringLiteral("sync");
    case MessageType::Awareness: return QStringLiteral("awareness");
    case MessageType::Auth: return QStringLiteral("auth");
    case MessageType::QueryAwareness: return QStringLiteral("query-awareness");
    case MessageType::Epoch: return QStringLiteral("epoch");
    case MessageType::Ack: return QStringLiteral("ack");
    }
    return QStringLiteral("unknown(%1)").arg(int(type));
}

} // namespace Chorus::Protocol
