// The protocol's messages as one sum type, and what can be asked of any message.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "core/protocol/peer_messages.h"
#include "core/protocol/service_messages.h"
#include "core/protocol/wire_types.h"

namespace cdnmesh {
namespace protocol {

/// Any message of the protocol; each alternative carries its wire code as `kType`.
using Message =
    std::variant<JoinRequest, ConfigResponse, ServiceError, JoinSwarm, SwarmJoined, Announce,
                 PeerList, Leave, SignalOffer, SignalAnswer, IceCandidate, Handshake, Have,
                 HaveRange, Bitfield, Request, Data, Cancel, Reject, Choke, Unchoke, Keepalive>;

/// Number of message types (alternatives of Message).
inline constexpr std::size_t kMessageTypeCount = std::variant_size_v<Message>;

/// The wire type code of the message held.
MessageType MessageTypeOf(const Message& message);
/// CamelCase name of a message type ("PeerList"); "Unknown" for codes of no message.
std::string_view MessageTypeName(MessageType type);
/// True when `code` is the type code of some message.
bool IsKnownMessageType(std::uint8_t code);
/// A default-constructed message of the given type; `type` must be known.
Message MakeMessage(MessageType type);

}  // namespace protocol
}  // namespace cdnmesh
