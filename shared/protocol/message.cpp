// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "message.h"

#include "crdt/lib0decoder.h"
#include "crdt/lib0encoder.h"

namespace Chorus::Protocol {

using Crdt::DecodeError;
using Crdt::Lib0Decoder;
using Crdt::Lib0Encoder;

namespace {

Message readSync(Lib0Decoder &dec)
{
    const qsizetype at = dec.offset();
    const quint64 kind = dec.readVarUint();
    if (!dec.ok()) {
        return {};
    }
    switch (kind) {
    case quint64(SyncMessageType::Step1):
        return SyncStep1 { dec.readVarUint8Array().toByteArray() };
    case quint64(SyncMessageType::Step2):
        return SyncStep2 { dec.readVarUint8Array().toByteArray() };
    case quint64(SyncMessageType::Update):
        return SyncUpdate { dec.readVarUint8Array().toByteArray() };
    }
    dec.failAt(at, DecodeError::Code::UnknownType,
               QStringLiteral("sync message type %1").arg(kind));
    return {};
}

Message readAuth(Lib0Decoder &dec)
{
    const qsizetype at = dec.offset();
    const quint64 kind = dec.readVarUint();
    if (!dec.ok()) {
        return {};
    }
    switch (kind) {
    case quint64(AuthMessageType::PermissionDenied):
        return PermissionDenied { dec.readVarString() };
    case quint64(AuthMessageType::Token): return AuthToken { dec.readVarString() };
    case quint64(AuthMessageType::Authenticated): return Authenticated { dec.readVarString() };
    case quint64(AuthMessageType::ReadOnly): return ReadOnlyNotice { dec.readVarString() };
    }
    dec.failAt(at, DecodeError::Code::UnknownType,
               QStringLiteral("auth message type %1").arg(kind));
    return {};
}

Message readMessage(Lib0Decoder &dec)
{
    const qsizetype at = dec.offset();
    const quint64 type = dec.readVarUint();
    if (!dec.ok()) {
        return {};
    }
    switch (type) {
    case quint64(MessageType::Sync): return readSync(dec);
    case quint64(MessageType::Awareness):
        return AwarenessMessage { dec.readVarUint8Array().toByteArray() };
    case quint64(MessageType::Auth): return readAuth(dec);
    case quint64(MessageType::QueryAwareness): return QueryAwareness {};
    case quint64(MessageType::Epoch): return Epoch { dec.readVarString() };
    case quint64(MessageType::Ack): return Ack { dec.readVarUint() };
    }
    dec.failAt(at, DecodeError::Code::UnknownType, QStringLiteral("message type %1").arg(type));
    return {};
}

QByteArray header(MessageType type, quint8 sub)
{
    QByteArray out;
    out.append(char(type));
    out.append(char(sub));
    return out;
}

QByteArray withVarUint8Array(QByteArray head, const QByteArray &payload)
{
    Lib0Encoder enc;
    enc.reserve(head.size() + payload.size() + 5);
    enc.writeUint8Array(head);
    enc.writeVarUint8Array(payload);
    return enc.take();
}

QByteArray withVarString(QByteArray head, const QString &text)
{
    Lib0Encoder enc;
    enc.writeUint8Array(head);
    enc.writeVarString(text);
    return enc.take();
}

} // namespace

DecodedMessage decodeMessage(QByteArrayView bytes)
{
    Lib0Decoder dec(bytes);
    DecodedMessage out;
    Message message = readMessage(dec);
    if (dec.ok() && !dec.atEnd()) {
        dec.fail(DecodeError::Code::TrailingBytes,
                 QStringLiteral("%1 bytes after the message").arg(dec.remaining()));
    }
    if (!dec.ok()) {
        out.error = dec.error();
        return out;
    }
    out.message = std::move(message);
    return out;
}

bool isChorusExtension(const Message &message)
{
    return std::holds_alternative<AuthToken>(message)
        || std::holds_alternative<Authenticated>(message) || std::holds_alternative<Epoch>(message)
        || std::holds_alternative<Ack>(message) || std::holds_alternative<ReadOnlyNotice>(message);
}

QString describeMessage(const Message &message)
{
    struct Describe
    {
        QString operator()(std::monostate) const { return QStringLiteral("invalid"); }
        QString operator()(const SyncStep1 &m) const
        {
            return QStringLiteral("sync step 1 (%1 bytes)").arg(m.stateVector.size());
        }
        QString operator()(const SyncStep2 &m) const
        {
            return QStringLiteral("sync step 2 (%1 bytes)").arg(m.update.size());
        }
        QString operator()(const SyncUpdate &m) const
        {
            return QStringLiteral("sync update (%1 bytes)").arg(m.update.size());
        }
        QString operator()(const AwarenessMessage &m) const
        {
            return QStringLiteral("awareness (%1 bytes)").arg(m.update.size());
        }
        QString operator()(const QueryAwareness &) const
        {
            return QStringLiteral("query awareness");
        }
        QString operator()(const PermissionDenied &m) const
        {
            return QStringLiteral("permission denied: %1").arg(m.reason);
        }
        QString operator()(const AuthToken &) const { return QStringLiteral("auth token"); }
        QString operator()(const Authenticated &m) const
        {
            return QStringLiteral("authenticated (%1)").arg(m.scope);
        }
        QString operator()(const Epoch &m) const
        {
            return QStringLiteral("epoch %1").arg(m.epochId);
        }
        QString operator()(const Ack &m) const { return QStringLiteral("ack %1").arg(m.count); }
        QString operator()(const ReadOnlyNotice &m) const
        {
            return QStringLiteral("read-only: %1").arg(m.reason);
        }
    };
    return std::visit(Describe {}, message);
}

QByteArray encodeSyncStep1(const QByteArray &stateVector)
{
    return withVarUint8Array(header(MessageType::Sync, quint8(SyncMessageType::Step1)),
                             stateVector);
}

QByteArray encodeSyncStep2(const QByteArray &update)
{
    return withVarUint8Array(header(MessageType::Sync, quint8(SyncMessageType::Step2)), update);
}

QByteArray encodeSyncUpdate(const QByteArray &update)
{
    return withVarUint8Array(header(MessageType::Sync, quint8(SyncMessageType::Update)), update);
}

QByteArray encodeAwarenessMessage(const QByteArray &awarenessUpdate)
{
    return withVarUint8Array(QByteArray(1, char(MessageType::Awareness)), awarenessUpdate);
}

QByteArray encodeQueryAwareness()
{
    return QByteArray(1, char(MessageType::QueryAwareness));
}

QByteArray encodePermissionDenied(const QString &reason)
{
    return withVarString(header(MessageType::Auth, quint8(AuthMessageType::PermissionDenied)),
                         reason);
}

QByteArray encodeAuthToken(const QString &token)
{
    return withVarString(header(MessageType::Auth, quint8(AuthMessageType::Token)), token);
}

QByteArray encodeAuthenticated(const QString &scope)
{
    return withVarString(header(MessageType::Auth, quint8(AuthMessageType::Authenticated)), scope);
}

QByteArray encodeReadOnlyNotice(const QString &reason)
{
    return withVarString(header(MessageType::Auth, quint8(AuthMessageType::ReadOnly)), reason);
}

QByteArray encodeEpoch(const QString &epochId)
{
    // 100 and 101 are below 128, so the type is one varuint byte.
    return withVarString(QByteArray(1, char(MessageType::Epoch)), epochId);
}

QByteArray encodeAck(quint64 count)
{
    Lib0Encoder enc;
    enc.writeVarUint(quint64(MessageType::Ack));
    enc.writeVarUint(count);
    return enc.take();
}

QByteArray encodeMessage(const Message &message)
{
    struct Encode
    {
        QByteArray operator()(std::monostate) const { return {}; }
        QByteArray operator()(const SyncStep1 &m) const { return encodeSyncStep1(m.stateVector); }
        QByteArray operator()(const SyncStep2 &m) const { return encodeSyncStep2(m.update); }
        QByteArray operator()(const SyncUpdate &m) const { return encodeSyncUpdate(m.update); }
        QByteArray operator()(const AwarenessMessage &m) const
        {
            return encodeAwarenessMessage(m.update);
        }
        QByteArray operator()(const QueryAwareness &) const { return encodeQueryAwareness(); }
        QByteArray operator()(const PermissionDenied &m) const
        {
            return encodePermissionDenied(m.reason);
        }
        QByteArray operator()(const AuthToken &m) const { return encodeAuthToken(m.token); }
        QByteArray operator()(const Authenticated &m) const { return encodeAuthenticated(m.scope); }
        QByteArray operator()(const Epoch &m) const { return encodeEpoch(m.epochId); }
        QByteArray operator()(const Ack &m) const { return encodeAck(m.count); }
        QByteArray operator()(const ReadOnlyNotice &m) const
        {
            return encodeReadOnlyNotice(m.reason);
        }
    };
    return std::visit(Encode {}, message);
}

} // namespace Chorus::Protocol
