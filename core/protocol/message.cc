#include "core/protocol/message.h"

#include <array>
#include <cassert>
#include <cmath>
#include <utility>

namespace cdnmesh {
namespace protocol {
namespace {

struct TypeInfo {
  MessageType type;
  std::string_view name;
};

// In the order of the alternatives of Message (checked below).
constexpr TypeInfo kTypeInfo[] = {
    {MessageType::kJoinRequest, "JoinRequest"},
    {MessageType::kConfigResponse, "ConfigResponse"},
    {MessageType::kServiceError, "ServiceError"},
    {MessageType::kJoinSwarm, "JoinSwarm"},
    {MessageType::kSwarmJoined, "SwarmJoined"},
    {MessageType::kAnnounce, "Announce"},
    {MessageType::kPeerList, "PeerList"},
    {MessageType::kLeave, "Leave"},
    {MessageType::kSignalOffer, "SignalOffer"},
    {MessageType::kSignalAnswer, "SignalAnswer"},
    {MessageType::kIceCandidate, "IceCandidate"},
    {MessageType::kHandshake, "Handshake"},
    {MessageType::kHave, "Have"},
    {MessageType::kHaveRange, "HaveRange"},
    {MessageType::kBitfield, "Bitfield"},
    {MessageType::kRequest, "Request"},
    {MessageType::kData, "Data"},
    {MessageType::kCancel, "Cancel"},
    {MessageType::kReject, "Reject"},
    {MessageType::kChoke, "Choke"},
    {MessageType::kUnchoke, "Unchoke"},
    {MessageType::kKeepalive, "Keepalive"},
};
static_assert(std::size(kTypeInfo) == kMessageTypeCount, "one entry per message");

template <std::size_t... I>
constexpr bool TableMatchesVariant(std::index_sequence<I...>) {
  return ((std::variant_alternative_t<I, Message>::kType == kTypeInfo[I].type) && ...);
}
static_assert(TableMatchesVariant(std::make_index_sequence<kMessageTypeCount>()),
              "kTypeInfo must follow the order of Message");

// kTypeIndex[code] is the index of `code` in kTypeInfo (= the variant index), or
// kMessageTypeCount when no message has that code.
constexpr std::array<std::uint8_t, 256> BuildTypeIndex() {
  std::array<std::uint8_t, 256> index{};
  for (std::uint8_t& entry : index) entry = static_cast<std::uint8_t>(kMessageTypeCount);
  for (std::size_t i = 0; i < kMessageTypeCount; ++i) {
    index[static_cast<std::uint8_t>(kTypeInfo[i].type)] = static_cast<std::uint8_t>(i);
  }
  return index;
}
constexpr std::array<std::uint8_t, 256> kTypeIndex = BuildTypeIndex();

std::size_t IndexOf(std::uint8_t code) { return kTypeIndex[code]; }

template <std::size_t I>
Message MakeAlternative() {
  return Message(std::in_place_index<I>);
}

template <std::size_t... I>
constexpr std::array<Message (*)(), sizeof...(I)> Factories(std::index_sequence<I...>) {
  return {&MakeAlternative<I>...};
}

}  // namespace

MessageType MessageTypeOf(const Message& message) { return kTypeInfo[message.index()].type; }

std::string_view MessageTypeName(MessageType type) {
  const std::size_t index = IndexOf(static_cast<std::uint8_t>(type));
  return index < kMessageTypeCount ? kTypeInfo[index].name : "Unknown";
}

bool IsKnownMessageType(std::uint8_t code) { return IndexOf(code) < kMessageTypeCount; }

Message MakeMessage(MessageType type) {
  static constexpr auto kFactories = Factories(std::make_index_sequence<kMessageTypeCount>());
  const std::size_t index = IndexOf(static_cast<std::uint8_t>(type));
  assert(index < kMessageTypeCount);
  return kFactories[index]();
}

GeoE7 ToGeoE7(GeoPoint point) {
  auto convert = [](double degrees, std::int32_t limit) {
    if (!std::isfinite(degrees)) return std::int32_t{0};
    const double e7 = std::round(degrees * 1e7);
    if (e7 >= limit) return limit;
    if (e7 <= -limit) return static_cast<std::int32_t>(-limit);
    return static_cast<std::int32_t>(e7);
  };
  GeoE7 out;
  out.latitude_e7 = convert(point.latitude_deg, kMaxLatitudeE7);
  out.longitude_e7 = convert(point.longitude_deg, kMaxLongitudeE7);
  return out;
}

GeoPoint FromGeoE7(GeoE7 point) {
  return GeoPoint{point.latitude_e7 / 1e7, point.longitude_e7 / 1e7};
}

}  // namespace protocol
}  // namespace cdnmesh
