// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Chorus::Protocol {

// The limits both ends of a connection share, in one place: the host's defaults
// (Host::ServerOptions) and the client's (Client::DocumentConnection::Options) are taken from
// here, so the two sides agree on what a normal peer sends. They bound what one message costs in
// bytes on the wire and in per-connection state; a peer over one is closed (CloseDecision says
// with which code and reason), never the room or the host. The host's are defaults that
// `chorus-server` options may change; docs/host.md "Security and limits" lists them.
//
// How they relate to Crdt::Limits (shared/crdt/limits.h, which stays there because the CRDT
// never includes the protocol): these cap the BYTES of a message; those cap what the bytes
// decode to whatever their size (nesting depth: the stack; clients named: per-client
// bookkeeping; structs: decoded memory, since a 2-byte GC run decodes to ~170 bytes). The two
// work together: an update within ClientMaxMessageBytes that the app applies can still be
// refused by Crdt::Limits::MaxStructs, which keeps 256 MiB of GC runs from decoding to ~21 GB;
// the host never decodes updates whole and checks their nesting and clients only.
namespace MessageLimits {

// Largest message a host accepts by default (`--max-message-bytes`). An update, and a
// SyncStep2 a client sends when it joins with offline edits, is one message, validated and
// stored whole, so this is the most one peer can make the host buffer and scan at once. 16 MiB
// holds the whole history of any text a person edits many times over (the longest editing
// trace we replay, 260,000 edits, encodes to 223 KB) with room for pasted files.
inline constexpr qint64 HostMaxMessageBytes = 16 * 1024 * 1024;

// Largest message a client accepts. Larger than the host's default on purpose: a host may be
// configured above 16 MiB (up to 2 GiB), and what a client receives on joining is one SyncStep2
// with the room's whole merged state, which grows past any single update the host let in.
// Still bounded, because a client joins hosts it does not control; 256 MiB is well past any
// document the app can show, and Crdt::Limits bound what those bytes decode to.
inline constexpr qint64 ClientMaxMessageBytes = 256 * 1024 * 1024;

// Largest message a host accepts before the connection has authenticated (a host with a
// token). The only thing that may come first is the auth message `[2][1][token]`, a few dozen
// bytes; 4 KiB leaves room for long tokens while a stranger who knows no token can make the
// host read and parse no more than that.
inline constexpr qint64 PreAuthMaxMessageBytes = 4096;

// Awareness client ids one connection may control. A client normally controls one, its
// document's client id; 16 leaves room for one that changes its id without reconnecting, and
// bounds the states one connection can make the room hold, time out and broadcast to everyone.
inline constexpr int MaxAwarenessClientsPerConnection = 16;

// Longest room name, in UTF-8 bytes. The room name is the URL path (y-websocket's
// convention), and it becomes a database key, an entry of the session index every peer
// receives, and part of log lines; 512 bytes is any real file path while keeping those small.
inline constexpr int MaxRoomNameBytes = 512;

} // namespace MessageLimits

} // namespace Chorus::Protocol
