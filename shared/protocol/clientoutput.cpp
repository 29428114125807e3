// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientoutput.h"

namespace Chorus::Protocol {

QString describeEvent(const ClientEvent &event)
{
    using Kind = ClientEvent::Kind;
    const QString on = event.on ? QStringLiteral("true") : QStringLiteral("false");
    switch (event.kind) {
    case Kind::Synced: return QStringLiteral("synced");
    case Kind::ChorusChanged: return QStringLiteral("chorus %1").arg(on);
    case Kind::Authenticated: return QStringLiteral("authenticated %1").arg(event.text);
    case Kind::AuthFailed: return QStringLiteral("authFailed %1").arg(event.text).trimmed();
    case Kind::ReadOnlyChanged:
        return QStringLiteral("readOnly %1 %2").arg(on, event.text).trimmed();
    case Kind::EditsRejected: return QStringLiteral("editsRejected %1").arg(event.text);
    case Kind::EpochMismatch:
        return QStringLiteral("epochMismatch %1 %2").arg(event.text, event.other);
    case Kind::EpochRecorded: return QStringLiteral("epochRecorded %1").arg(event.text);
    case Kind::PeersChanged: return QStringLiteral("peersChanged");
    }
    return QString();
}

} // namespace Chorus::Protocol
