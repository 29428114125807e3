// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Chorus::Crdt {

// Limits on untrusted updates, in one place (docs/internals.md "Limits"). They bound what one
// message may cost: the stack (nesting) and the memory that does not grow with its bytes (one
// map entry per client). The bytes themselves are capped above the CRDT, by the connection
// (Protocol::MessageLimits in shared/protocol/messagelimits.h, which the CRDT does not include):
// these are what stays bounded whatever that cap is set to.
namespace Limits {

// Deepest nested shared type: a root type has depth 0, a Y.Map set in it depth 1, and so on.
// Integration, deletion and garbage collection walk nested types recursively, so this bounds
// their stack. Yjs itself has no limit; real documents nest a handful of levels.
constexpr int MaxNesting = 64;

// Most distinct clients one update, delete set or state vector may name. A document gets a
// client per editing session; 100,000 is decades of sessions, and it caps the per-client
// bookkeeping (a map node, a vector) that a 3-byte client entry on the wire would otherwise
// cost 30 times over.
constexpr quint64 MaxClients = 100'000;

// Most structs one update may hold when a document applies it (Doc::applyUpdate): integration
// needs them all decoded at once, ~170 bytes each, however few bytes they took on the wire (a
// GC run takes 2). 4 million is a document far larger than any editing session makes (the
// longest editing trace we replay has ~260,000 edits) and ~700 MB decoded. The host never
// decodes updates whole (StructReader) and has no such limit.
constexpr quint64 MaxStructs = 4'000'000;

} // namespace Limits

} // namespace Chorus::Crdt
