// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QString>

namespace Chorus::Protocol {

// The WebSocket close codes Chorus hosts and clients use, and what each means (ARCHITECTURE.md).
// The protocol layer has no sockets, so this mirrors the RFC 6455 numbers without QtWebSockets.
enum class CloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001, // host shutting down
    ProtocolError = 1002, // a WebSocket framing error (RFC 6455)
    UnsupportedData = 1003, // a text frame was received
    InvalidPayload = 1007, // a malformed message
    PolicyViolation = 1008, // not authorised: bad token, foreign origin
    TooBig = 1009, // message larger than the limit
    InternalError = 1011,
    TryAgainLater = 1013, // over the connection or room limit
};

QString closeCodeName(CloseCode code);

// The WebSocket subprotocol a client offers to get the Chorus extensions (epoch, acks, token
// auth). A host that selects it speaks the extensions on that connection only.
inline constexpr QLatin1StringView ChorusSubprotocol { "chorus.1" };

} // namespace Chorus::Protocol
