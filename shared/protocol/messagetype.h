// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Chorus::Protocol {

// The first varuint of every y-websocket message. 0-3 are y-protocols; 100 and up are the Chorus
// extensions, sent only on connections that selected the `chorus.1` subprotocol (see
// docs/protocol.md). A plain Yjs peer never sees them.
enum class MessageType : quint8 {
    Sync = 0,
    Awareness = 1,
    Auth = 2,
    QueryAwareness = 3,
    Epoch = 100, // host -> client, first message: the document's epoch id
    Ack = 101, // host -> client: cumulative count of durable sync Update/Step2 messages
};

// The second varuint of a Sync message.
enum class SyncMessageType : quint8 {
    Step1 = 0,
    Step2 = 1,
    Update = 2,
};

// The second varuint of an Auth message. PermissionDenied is y-protocols; Token,
// Authenticated and ReadOnly are Chorus extensions (chorus.1 only).
enum class AuthMessageType : quint8 {
    PermissionDenied = 0,
    Token = 1,
    Authenticated = 2,
    ReadOnly = 3, // host -> client: this read-only connection's updates were dropped
};

QString messageTypeName(MessageType type);

} // namespace Chorus::Protocol
