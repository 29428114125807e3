// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "heapcounter.h"

#include <cstdlib> // defines __GLIBC__

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#include <malloc.h>
#define CHORUS_HAVE_MALLINFO2
#endif

namespace Chorus::Bench {

qint64 heapBytesInUse()
{
#ifdef CHORUS_HAVE_MALLINFO2
    const struct mallinfo2 mi = mallinfo2();
    return qint64(mi.uordblks + mi.hblkhd);
#else
    return -1;
#endif
}

} // namespace Chorus::Bench
