// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "closecode.h"

#include <QByteArray>
#include <QString>

namespace Chorus::Protocol {

// A decision to end a connection: the close code, the reason for the close frame (and the
// logs), and a last message to send before the close frame (a PermissionDenied, so a y-protocols
// client learns why). The conversations (HostConversation, ClientConversation) and the host's
// admission checks decide; the transports only carry the decision out. Every reason Chorus
// closes with is named here, so the host, the client and the tests' mini host say the same
// words for the same thing. Reasons stay under the 123 bytes a close frame can carry.
struct CloseDecision
{
    CloseCode code = CloseCode::Normal;
    QString reason;
    QByteArray lastMessage; // empty: none

    bool operator==(const CloseDecision &) const = default;

    // 1000
    static CloseDecision leaving();
    // 1001
    static CloseDecision shuttingDown();
    // 1003
    static CloseDecision textFrame();
    // 1007: `what` says what was wrong ("malformed message: truncated at byte 3").
    static CloseDecision malformed(const QString &what);
    static CloseDecision malformedMessage(const QString &error);
    static CloseDecision malformedSync(const QString &error);
    static CloseDecision malformedStateVector(const QString &error);
    static CloseDecision malformedUpdate(const QString &error);
    static CloseDecision malformedAwareness(const QString &error);
    static CloseDecision unexpectedMessage();
    static CloseDecision extensionOnPlainConnection();
    // 1008 (the auth ones carry a PermissionDenied with the same reason)
    static CloseDecision authenticationRequired();
    static CloseDecision badToken();
    static CloseDecision authenticationTimedOut();
    static CloseDecision rateLimited();
    static CloseDecision tooManyAwarenessClients();
    static CloseDecision originNotAllowed();
    static CloseDecision roomNameTooLong();
    // 1009
    static CloseDecision tooBig(qint64 limitBytes);
    // 1011
    static CloseDecision storageFailure();
    // 1013
    static CloseDecision tooManyConnections();
    static CloseDecision tooManyConnectionsFromAddress();
    static CloseDecision tooManyRooms();
    static CloseDecision tooManyDocuments();
    static CloseDecision sharedStoreUnavailable();
    static CloseDecision sharedStoreRefused();
};

} // namespace Chorus::Protocol
