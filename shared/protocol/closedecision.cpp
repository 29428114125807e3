// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "closedecision.h"

#include "message.h"

namespace Chorus::Protocol {

namespace {
CloseDecision make(CloseCode code, const QString &reason)
{
    return CloseDecision { code, reason, {} };
}
// y-protocols clients learn why from the PermissionDenied message, not the close frame.
CloseDecision denied(const QString &reason)
{
    return CloseDecision { CloseCode::PolicyViolation, reason, encodePermissionDenied(reason) };
}
} // namespace

CloseDecision CloseDecision::leaving()
{
    return make(CloseCode::Normal, QStringLiteral("leaving"));
}
CloseDecision CloseDecision::shuttingDown()
{
    return make(CloseCode::GoingAway, QStringLiteral("host shutting down"));
}

CloseDecision CloseDecision::textFrame()
{
    return make(CloseCode::UnsupportedData, QStringLiteral("text frames are not supported"));
}

CloseDecision CloseDecision::malformed(const QString &what)
{
    return make(CloseCode::InvalidPayload, what);
}
CloseDecision CloseDecision::malformedMessage(const QString &error)
{
    return malformed(QStringLiteral("malformed message: %1").arg(error));
}
CloseDecision CloseDecision::malformedSync(const QString &error)
{
    return malformed(QStringLiteral("malformed sync message: %1").arg(error));
}
CloseDecision CloseDecision::malformedStateVector(const QString &error)
{
    return malformed(QStringLiteral("malformed state vector: %1").arg(error));
}
CloseDecision CloseDecision::malformedUpdate(const QString &error)
{
    return malformed(QStringLiteral("malformed update: %1").arg(error));
}
CloseDecision CloseDecision::malformedAwareness(const QString &error)
{
    return malformed(QStringLiteral("malformed awareness: %1").arg(error));
}
CloseDecision CloseDecision::unexpectedMessage()
{
    return malformed(QStringLiteral("unexpected message"));
}
CloseDecision CloseDecision::extensionOnPlainConnection()
{
    return malformed(QStringLiteral("a Chorus extension on a plain connection"));
}

CloseDecision CloseDecision::authenticationRequired()
{
    return denied(QStringLiteral("authentication required"));
}
CloseDecision CloseDecision::badToken()
{
    return denied(QStringLiteral("bad token"));
}
CloseDecision CloseDecision::authenticationTimedOut()
{
    return make(CloseCode::PolicyViolation, QStringLiteral("authentication timed out"));
}
CloseDecision CloseDecision::rateLimited()
{
    return make(CloseCode::PolicyViolation, QStringLiteral("message rate limit exceeded"));
}
CloseDecision CloseDecision::tooManyAwarenessClients()
{
    return make(CloseCode::PolicyViolation, QStringLiteral("too many awareness clients"));
}
CloseDecision CloseDecision::originNotAllowed()
{
    return make(CloseCode::PolicyViolation, QStringLiteral("origin not allowed"));
}
CloseDecision CloseDecision::roomNameTooLong()
{
    return make(CloseCode::PolicyViolation, QStringLiteral("room name too long"));
}

CloseDecision CloseDecision::tooBig(qint64 limitBytes)
{
    return make(CloseCode::TooBig, QStringLiteral("message larger than %1 bytes").arg(limitBytes));
}

CloseDecision CloseDecision::storageFailure()
{
    return make(CloseCode::InternalError, QStringLiteral("storage failure"));
}

CloseDecision CloseDecision::tooManyConnections()
{
    return make(CloseCode::TryAgainLater, QStringLiteral("too many connections"));
}
CloseDecision CloseDecision::tooManyConnectionsFromAddress()
{
    return make(CloseCode::TryAgainLater, QStringLiteral("too many connections from this address"));
}
CloseDecision CloseDecision::tooManyRooms()
{
    return make(CloseCode::TryAgainLater, QStringLiteral("too many rooms"));
}
CloseDecision CloseDecision::tooManyDocuments()
{
    return make(CloseCode::TryAgainLater, QStringLiteral("too many documents"));
}
CloseDecision CloseDecision::sharedStoreUnavailable()
{
    return make(CloseCode::TryAgainLater, QStringLiteral("Redis unavailable: try again later"));
}
CloseDecision CloseDecision::sharedStoreRefused()
{
    return make(CloseCode::TryAgainLater,
                QStringLiteral("Redis refused the update: try again later"));
}

} // namespace Chorus::Protocol
