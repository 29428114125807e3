// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Chorus::Bench {

// Bytes the C heap holds for the program right now, as glibc's allocator reports it
// (mallinfo2: uordblks, the bytes in use in chunks from the arenas, plus hblkhd, the bytes in
// chunks served by mmap). The delta of two readings is the heap a piece of code retained,
// allocator overhead per chunk included, free lists excluded. -1 where glibc is not the libc.
qint64 heapBytesInUse();

} // namespace Chorus::Bench
