// Configuration of the network's fidelity and of the packet-level transport (ns-3 nodes,
// point-to-point links and TCP on the same topology as the flow model).
#pragma once

#include <cstdint>

#include "core/common/time.h"

namespace cdnmesh {

/// How transfers are carried.
enum class NetworkFidelity : std::uint8_t {
  kFlow,    ///< max-min fluid flows (default; scales to 100 000 viewers)
  kPacket,  ///< ns-3 packets over point-to-point links and TCP sockets (validation, <= ~1 000)
};

/// TCP congestion control of CDN connections (peer connections always use NewReno: the
/// stand-in for SCTP, which ns-3.37 lacks).
enum class TcpVariant : std::uint8_t { kNewReno, kCubic, kLinuxReno, kBbr };

/// Queue management on every device.
enum class QueueDiscipline : std::uint8_t {
  kDropTail,  ///< the device's own drop-tail queue only
  kFqCoDel,   ///< ns-3's FqCoDel queue discipline in front of the device queue
};

/// Packet-level knobs; the TCP windows (socket buffers) are transport.*_window_bytes.
struct PacketConfig {
  /// Drop-tail queue of every point-to-point device, in packets.
  std::int32_t queue_packets = 100;
  QueueDiscipline queue_discipline = QueueDiscipline::kDropTail;
  TcpVariant cdn_tcp = TcpVariant::kCubic;
  /// TCP maximum segment size of CDN connections (Ethernet MTU 1500 minus 52 bytes of headers).
  std::int32_t cdn_mss_bytes = 1448;
  /// Maximum segment size of peer connections (SCTP user payload over DTLS/UDP, ~1172 bytes).
  std::int32_t p2p_mss_bytes = 1172;
  /// Initial congestion windows in segments (Linux IW10 for the CDN; usrsctp IW4 for peers).
  std::int32_t cdn_initial_cwnd_segments = 10;
  std::int32_t p2p_initial_cwnd_segments = 4;
  /// Minimum retransmission timeout (ns-3 default; Linux uses 200 ms).
  DurationUs min_rto_us = 1'000'000;
  /// Size of a CDN request (HTTP GET with headers) sent on the connection before the response.
  std::int32_t request_bytes = 400;
  /// Upload rate given to a viewer that uploads nothing (its ACKs and requests still go up).
  std::int64_t ack_only_uplink_bps = 1'000'000;
};

/// The network section of a scenario.
struct NetworkConfig {
  NetworkFidelity fidelity = NetworkFidelity::kFlow;
  PacketConfig packet;
};

}  // namespace cdnmesh
