// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionstate.h"

namespace Chorus::Client {

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected: return QStringLiteral("disconnected");
    case ConnectionState::Connecting: return QStringLiteral("connecting");
    case ConnectionState::Syncing: return QStringLiteral("syncing");
    case ConnectionState::Connected: return QStringLiteral("connected");
    case ConnectionState::Reconnecting: return QStringLiteral("reconnecting");
    }
    return QStringLiteral("unknown");
}

} // namespace Chorus::Client
