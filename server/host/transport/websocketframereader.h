// SPDX-FileCopyrightText: 2026 The Chorus authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/messagelimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Chorus::Host {

// Reading RFC 6455 frames from a client, one at a time from the front of a byte buffer: checks
// everything a server must (masking, reserved bits, opcodes, control-frame rules, fragment
// order, lengths), joins fragments into whole binary messages, and refuses a message over the
// limit from its header, before any of it is buffered.
//
// Text messages are refused too (1003): the y-websocket protocol is binary only.
//
// Not thread-safe; one per connection. Keeps only the fragments of an unfinished message.
class WebSocketFrameReader
{
public:
    struct Frame
    {
        enum class Kind {
            NeedMore, // the frame at the front is not complete yet: nothing consumed
            Message, // a whole binary message (payload)
            Ping, // payload: to echo in a Pong
            Pong,
            Close, // code (1005 when none was given) and reason
            Fragment, // a part of a message was consumed; call again
            Error, // code and reason to close with; the stream cannot be read further
        };
        Kind kind = Kind::NeedMore;
        qsizetype consumed = 0;
        QByteArray payload;
        int code = 0;
        QString reason;
    };

    void setMaxMessageBytes(qint64 bytes) { m_maxMessageBytes = bytes; }
    qint64 maxMessageBytes() const { return m_maxMessageBytes; }

    // Reads the frame at the start of `data`.
    Frame next(QByteArrayView data);

private:
    qint64 m_maxMessageBytes = Protocol::MessageLimits::HostMaxMessageBytes;
    QByteArray m_fragments; // the unfinished message's parts so far
    bool m_inMessage = false;
};

} // namespace Chorus::Host
