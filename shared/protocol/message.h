// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crdt/decodeerror.h"
#include "messagetype.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <variant>

namespace Chorus::Protocol {

// One decoded y-websocket message (one binary WebSocket frame). Payloads are copied out of the
// input, so a Message owns its bytes. Updates and state vectors are carried opaquely: checking
// them is the document's job (Crdt::Doc::applyUpdate), not the protocol's.

// [0][0][varUint8Array stateVector]
struct SyncStep1
{
    QByteArray stateVector;
    bool operator==(const SyncStep1 &) const = default;
};
// [0][1][varUint8Array update]: the reply to a SyncStep1, the sender's missing part.
struct SyncStep2
{
    QByteArray update;
    bool operator==(const SyncStep2 &) const = default;
};
// [0][2][varUint8Array update]: an incremental update.
struct SyncUpdate
{
    QByteArray update;
    bool operator==(const SyncUpdate &) const = default;
};
// [1][varUint8Array awarenessUpdate]: see Awareness::encodeUpdate/applyUpdate.
struct AwarenessMessage
{
    QByteArray update;
    bool operator==(const AwarenessMessage &) const = default;
};
// [3]: asks the peer to send all its awareness states.
struct QueryAwareness
{
    bool operator==(const QueryAwareness &) const = default;
};
// [2][0][varString reason]: y-protocols permission denied; the host closes with 1008 after it.
struct PermissionDenied
{
    QString reason;
    bool operator==(const PermissionDenied &) const = default;
};
// [2][1][varString token]: client -> host, the first message when the host needs a token.
struct AuthToken
{
    QString token;
    bool operator==(const AuthToken &) const = default;
};
// [2][2][varString scope]: host -> client (chorus.1 only): the token was accepted; scope is
// "rw" or "ro".
struct Authenticated
{
    QString scope;
    bool operator==(const Authenticated &) const = default;
};
// [2][3][varString reason]: host -> client (chorus.1 only): the connection is read-only (its
// token gave scope "ro") and the sync updates it sent were dropped; the connection stays open.
// Sent once per connection, at the first dropped update.
struct ReadOnlyNotice
{
    QString reason;
    bool operator==(const ReadOnlyNotice &) const = default;
};
// [100][varString epochId]: host -> client (chorus.1 only), the first message on a connection.
struct Epoch
{
    QString epochId;
    bool operator==(const Epoch &) const = default;
};
// [101][varuint count]: host -> client (chorus.1 only). The first `count` sync Update and Step2
// messages this connection sent to the host are durable (cumulative, never decreasing).
struct Ack
{
    quint64 count = 0;
    bool operator==(const Ack &) const = default;
};

// monostate only ever appears in a failed DecodedMessage.
using Message = std::variant<std::monostate, SyncStep1, SyncStep2, SyncUpdate, AwarenessMessage,
                             QueryAwareness, PermissionDenied, AuthToken, Authenticated, Epoch, Ack,
                             ReadOnlyNotice>;

struct DecodedMessage
{
    Message message; // std::monostate when error is set: never a partial message
    Crdt::DecodeError error;

    bool isOk() const { return !error.isError(); }
};

// Decodes one whole message. Unknown types, truncation, lengths past the input, invalid UTF-8
// and trailing bytes are errors with the byte offset where they were found.
DecodedMessage decodeMessage(QByteArrayView bytes);

// True for the messages only a chorus.1 connection may carry (Epoch, Ack, AuthToken,
// Authenticated, ReadOnlyNotice); a host or client on a plain connection treats them as malformed.
bool isChorusExtension(const Message &message);

// A short description for logs and test failures, without payload contents (never a token).
QString describeMessage(const Message &message);

// Encoders: each returns one complete message, byte-identical to y-protocols for types 0-3.
QByteArray encodeSyncStep1(const QByteArray &stateVector);
QByteArray encodeSyncStep2(const QByteArray &update);
QByteArray encodeSyncUpdate(const QByteArray &update);
QByteArray encodeAwarenessMessage(const QByteArray &awarenessUpdate);
QByteArray encodeQueryAwareness();
QByteArray encodePermissionDenied(const QString &reason);
QByteArray encodeAuthToken(const QString &token);
QByteArray encodeAuthenticated(const QString &scope);
QByteArray encodeReadOnlyNotice(const QString &reason);
QByteArray encodeEpoch(const QString &epochId);
QByteArray encodeAck(quint64 count);
QByteArray encodeMessage(const Message &message); // monostate encodes to empty

} // namespace Chorus::Protocol
