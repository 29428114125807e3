// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/editor/peerflaglayout.h"

#include <algorithm>

namespace Chorus::App {

QList<QRect> layoutPeerFlags(const QList<PeerFlagRequest> &requests)
{
    QList<QRect> flags(requests.size());
    QList<QRect> placed;
    placed.reserve(requests.size());
    const auto taken = [&](const QRect &rect) {
        return std::any_of(placed.cbegin(), placed.cend(),
                           [&](const QRect &other) { return other.intersects(rect); });
    };
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const PeerFlagRequest &request = requests.at(i);
        if (!request.size.isValid() || request.size.isEmpty()) {
            continue;
        }
        const int height = request.size.height();
        const int below = request.caret.bottom() + 1;
        QRect flag(QPoint(request.caret.left() - 1, request.caret.top() - height), request.size);
        bool goingDown = flag.top() < 0;
        if (goingDown) {
            flag.moveTop(below);
        }
        // Terminates: going down is unbounded and only finitely many flags are placed.
        while (taken(flag)) {
            if (goingDown) {
                flag.translate(0, height);
            } else if (flag.top() - height >= 0) {
                flag.translate(0, -height);
            } else {
                goingDown = true;
                flag.moveTop(below);
            }
        }
        placed.append(flag);
        flags[i] = flag;
    }
    return flags;
}

} // namespace Chorus::App
