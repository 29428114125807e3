// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRect>
#include <QSize>

namespace Chorus::App {

// One name flag to place: the rectangle of its peer's caret and the flag's size. An invalid
// size means the peer shows no flag (no name, or faded out).
struct PeerFlagRequest
{
    QRect caret;
    QSize size;
};

// Places peers' name flags so that no two overlap. Each flag sits just above its caret's line
// (below it when that would leave the top of the viewport), its left edge one pixel left of the
// caret. Flags are placed in the order given; one that would intersect a flag already placed
// moves a flag height further from its line (up; down for flags below the line) until it is
// free, and an upward stack that would leave the viewport continues below the line instead.
// Returns one rectangle per request, in viewport coordinates, null for requests without a flag.
// Pure geometry: CodeEditor paints and repaints from the same result.
QList<QRect> layoutPeerFlags(const QList<PeerFlagRequest> &requests);

} // namespace Chorus::App
