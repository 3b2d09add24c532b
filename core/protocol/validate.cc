// Semantic checks shared by the encoder (refuse to send) and the decoder (refuse to accept):
// sizes and counts against limits.h, enum values, coordinate ranges and byte-range arithmetic.
#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include "core/protocol/codec.h"
#include "core/protocol/limits.h"

namespace cdnmesh {
namespace protocol {
namespace {

// Each check returns "" when fine, else "<field>: <reason>".
using Problem = std::string;

Problem CheckSize(const char* field, std::size_t size, std::size_t max_bytes) {
  if (size <= max_bytes) return {};
  return std::string(field) + ": limit exceeded: " + std::to_string(size) + " bytes (max " +
         std::to_string(max_bytes) + ")";
}

Problem CheckEnum(const char* field, std::uint8_t raw, int count) {
  if (raw < count) return {};
  return std::string(field) + ": invalid enum value " + std::to_string(raw);
}

Problem CheckProfile(const PeerProfile& p) {
  const std::int32_t lat = p.location.latitude_e7;
  const std::int32_t lon = p.location.longitude_e7;
  if (lat < -kMaxLatitudeE7 || lat > kMaxLatitudeE7) {
    return "profile.location.latitude_e7: out of range: " + std::to_string(lat);
  }
  if (lon < -kMaxLongitudeE7 || lon > kMaxLongitudeE7) {
    return "profile.location.longitude_e7: out of range: " + std::to_string(lon);
  }
  Problem problem =
      CheckEnum("profile.device", static_cast<std::uint8_t>(p.device), kDeviceClassCount);
  if (!problem.empty()) return problem;
  return CheckEnum("profile.nat", static_cast<std::uint8_t>(p.nat), kNatTypeCount);
}

// True when first + span stays representable (the run's end is a valid SegmentSeq).
bool RunFits(SegmentSeq first, std::uint64_t span) {
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<SegmentSeq>::max());
  if (first < 0) return span <= kMax;  // first + span <= kMax as |first| >= 1
  return span <= kMax - static_cast<std::uint64_t>(first);
}

// Checks [offset, offset + length) as requested of a segment.
Problem CheckRange(std::uint32_t offset_bytes, std::uint32_t length_bytes) {
  if (length_bytes == 0 || length_bytes > kMaxSegmentBytes) {
    return "length_bytes: out of range: " + std::to_string(length_bytes) + " (1.." +
           std::to_string(kMaxDataPayloadBytes) + ")";
  }
  if (std::uint64_t{offset_bytes} + length_bytes > kMaxSegmentBytes) {
    return "offset_bytes: range ends past the largest segment (" +
           std::to_string(kMaxSegmentBytes) + " bytes)";
  }
  return {};
}

Problem Check(const JoinRequest& m) {
  Problem problem = CheckProfile(m.profile);
  if (problem.empty()) {
    problem = CheckSize("client_version", m.client_version.size(), kMaxClientVersionBytes);
  }
  if (problem.empty()) problem = CheckSize("auth_token", m.auth_token.size(), kMaxAuthTokenBytes);
  return problem;
}

Problem Check(const ConfigResponse& m) {
  Problem problem = CheckSize("tracker_url", m.tracker_url.size(), kMaxUrlBytes);
  if (problem.empty()) problem = CheckSize("signaling_url", m.signaling_url.size(), kMaxUrlBytes);
  if (problem.empty()) {
    problem = CheckSize("session_token", m.session_token.size(), kMaxSessionTokenBytes);
  }
  if (problem.empty()) {
    const Status status = ValidateClientConfig(*m.config);
    if (!status.ok()) problem = "config." + status.message();
  }
  return problem;
}

Problem Check(const ServiceError& m) {
  Problem problem = CheckEnum("code", static_cast<std::uint8_t>(m.code), kServiceErrorCodeCount);
  if (problem.empty()) problem = CheckSize("text", m.text.size(), kMaxErrorTextBytes);
  return problem;
}

Problem Check(const JoinSwarm& m) {
  Problem problem = CheckProfile(m.profile);
  if (problem.empty()) {
    problem = CheckSize("session_token", m.session_token.size(), kMaxSessionTokenBytes);
  }
  return problem;
}

Problem Check(const Announce& m) {
  if (m.wanted_peers <= kMaxPeersPerList) return {};
  return "wanted_peers: limit exceeded: " + std::to_string(m.wanted_peers) + " (max " +
         std::to_string(kMaxPeersPerList) + ")";
}

Problem Check(const PeerList& m) {
  if (m.peers.size() > kMaxPeersPerList) {
    return "peers: limit exceeded: " + std::to_string(m.peers.size()) + " elements (max " +
           std::to_string(kMaxPeersPerList) + ")";
  }
  for (std::size_t i = 0; i < m.peers.size(); ++i) {
    Problem problem = CheckProfile(m.peers[i].profile);
    if (!problem.empty()) return "peers[" + std::to_string(i) + "]." + problem;
  }
  return {};
}

Problem Check(const SignalOffer& m) { return CheckSize("sdp", m.sdp.size(), kMaxSdpBytes); }
Problem Check(const SignalAnswer& m) {
  if (!m.accepted && !m.sdp.empty()) return "sdp: must be empty when the offer is refused";
  return CheckSize("sdp", m.sdp.size(), kMaxSdpBytes);
}
Problem Check(const IceCandidate& m) {
  return CheckSize("candidate", m.candidate.size(), kMaxIceCandidateBytes);
}

Problem Check(const HaveRange& m) {
  if (m.count == 0 || m.count > kMaxHaveRangeCount) {
    return "count: out of range: " + std::to_string(m.count) + " (1.." +
           std::to_string(kMaxHaveRangeCount) + ")";
  }
  if (!RunFits(m.first_seq, m.count)) return "first_seq: run overflows the sequence space";
  return {};
}

Problem Check(const Bitfield& m) {
  Problem problem = CheckSize("bits", m.bits.size(), kMaxBitfieldBytes);
  if (problem.empty() && !RunFits(m.first_seq, 8 * std::uint64_t{m.bits.size()})) {
    problem = "first_seq: bitfield overflows the sequence space";
  }
  return problem;
}

Problem Check(const Request& m) { return CheckRange(m.offset_bytes, m.length_bytes); }
Problem Check(const Cancel& m) { return CheckRange(m.offset_bytes, m.length_bytes); }

Problem Check(const Reject& m) {
  Problem problem = CheckRange(m.offset_bytes, m.length_bytes);
  if (problem.empty()) {
    problem = CheckEnum("reason", static_cast<std::uint8_t>(m.reason), kReasonCount);
  }
  return problem;
}

Problem Check(const Data& m) {
  Problem problem = CheckSize("payload", m.payload.size(), kMaxDataPayloadBytes);
  if (!problem.empty()) return problem;
  if (m.segment_size_bytes > kMaxSegmentBytes) {
    return "segment_size_bytes: limit exceeded: " + std::to_string(m.segment_size_bytes) +
           " (max " + std::to_string(kMaxSegmentBytes) + ")";
  }
  if (std::uint64_t{m.offset_bytes} + m.payload.size() > m.segment_size_bytes) {
    return "payload: ends past segment_size_bytes";
  }
  return {};
}

// Messages with nothing to check beyond what their types guarantee.
Problem Check(const SwarmJoined&) { return {}; }
Problem Check(const Leave&) { return {}; }
Problem Check(const Handshake&) { return {}; }
Problem Check(const Have&) { return {}; }
Problem Check(const Choke&) { return {}; }
Problem Check(const Unchoke&) { return {}; }
Problem Check(const Keepalive&) { return {}; }

}  // namespace

Status ValidateMessage(const Message& message) {
  Problem problem = std::visit([](const auto& m) { return Check(m); }, message);
  if (problem.empty()) return {};
  return Error{std::string(MessageTypeName(MessageTypeOf(message))) + "." + problem};
}

}  // namespace protocol
}  // namespace cdnmesh
