#pragma once

#include <QString>

namespace Chorus::Protocol {

// The first varuint of every y-websocket message.
enum class MessageType : quint8 {
    Sync = 0,
    Awareness = 1,
    Auth = 2,
    QueryAwareness = 3,
};

// The second varuint of a Sync message.
enum class SyncMessageType : quint8 {
    Step1 = 0,
    Step2 = 1,
    Update = 2,
};

QString messageTypeName(MessageType type);

} // namespace Chorus::Protocol
