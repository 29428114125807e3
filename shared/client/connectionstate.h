// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Chorus::Client {

// Where a session's connection stands; the status bar shows it.
enum class ConnectionState {
    Disconnected,
    Connecting,
    Syncing,
    Connected,
    Reconnecting,
};

QString connectionStateName(ConnectionState state);

} // namespace Chorus::Client
