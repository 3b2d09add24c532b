// Transfers over the packet-level network (PacketNetwork): every transfer runs over real ns-3
// TCP sockets with real contention, slow start, loss and queueing.
//
// - CDN fetches: HTTP/1.1-like request/response on persistent connections between a viewer and
//   its PoP. A fetch takes an idle connection of that pair (or opens one: a handshake round trip
//   more), sends `request_bytes` upstream, and the PoP writes the response once the request has
//   arrived. One response at a time per connection; concurrent fetches use several.
// - Peer transfers: the uploader writes the segment on a persistent connection to the
//   downloader (ns-3 has no SCTP: TCP NewReno with the data channel's segment size, initial
//   window and buffer is the stand-in for WebRTC's SCTP over DTLS). Same pooling per direction.
// - Cancel: the sender stops writing; bytes already in its socket still arrive and are thrown
//   away by the receiver before the next transfer's (the connection stays warm).
// - A connection that fails or is reset fails its transfer (TransferSink::OnTransferFailed).
// Progress is the bytes the receiving socket handed up; link byte counters add a transfer's
// received bytes to every link of its flow-model path (PoP egress, transit), as the flow model
// does. Control messages (tracker, signaling, peer requests) keep the mesh's modelled latency.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include <ns3/event-id.h>
#include <ns3/socket.h>
#include <ns3/tcp-socket-state.h>

#include "models/network/flow-network.h"
#include "models/network/packet-network.h"
#include "models/network/transport.h"

namespace cdnmesh {

/// The packet-level Transport.
class PacketTransport : public Transport {
 public:
  /// `topology` must pass the scenario's network validation; builds the core network at once.
  PacketTransport(const TopologyConfig& topology, const PacketConfig& packet);
  ~PacketTransport() override;
  PacketTransport(const PacketTransport&) = delete;
  PacketTransport& operator=(const PacketTransport&) = delete;

  // Transport
  FlowNetwork& network() override { return m_links; }
  const FlowNetwork& network() const override { return m_links; }
  void AttachViewer(const ViewerAttachment& viewer) override;
  void DetachViewer(const ViewerAttachment& viewer) override;
  void SetUplinkRate(const ViewerAttachment& viewer, BitsPerSecond rate_bps) override;
  TransferHandle Start(const TransferSpec& spec, TransferSink* sink,
                       std::uint64_t cookie) override;
  double Cancel(TransferHandle transfer) override;
  double BytesDelivered(TransferHandle transfer) const override;
  double LinkBytes(LinkId link, TimeUs now_us) const override;
  std::size_t active_transfers() const override { return m_active; }

  /// The ns-3 network (nodes, addresses).
  const PacketNetwork& packet_network() const { return *m_net; }
  /// TCP connections opened so far.
  std::uint64_t connections_opened() const { return m_connections_opened; }
  /// Slow-start restarts after idle so far (tcp-idle-restart.h).
  std::uint64_t idle_restarts() const { return m_idle_restarts; }
  /// Retransmission timeouts so far on connections carrying a transfer.
  std::uint64_t retransmission_timeouts() const { return m_timeouts; }

 private:
  using ConnId = std::uint32_t;
  static constexpr ConnId kNoConn = 0xFFFFFFFFu;
  /// Node endpoint: a viewer index, or a PoP (kPopBit | pop).
  using Endpoint = std::uint32_t;
  static constexpr Endpoint kPopBit = 0x80000000u;

  /// A CDN request on its way to the server: due once this many request bytes have arrived.
  struct Request {
    std::uint64_t cumulative_bytes;
    TransferHandle transfer;
    std::uint32_t generation;  ///< the transfer's, so a reused handle is not served
  };
  struct Connection {
    ns3::Ptr<ns3::Socket> sender;    ///< writes the data (PoP server or uploader)
    ns3::Ptr<ns3::Socket> receiver;  ///< reads it (the viewer that downloads)
    Endpoint from = 0;
    Endpoint to = 0;
    TransferKind kind = TransferKind::kCdn;
    TransferHandle current = kInvalidTransfer;
    double discard_bytes = 0;            ///< of cancelled transfers, still to arrive
    std::uint64_t request_rx_bytes = 0;  ///< CDN: request bytes the server read
    std::uint64_t request_tx_bytes = 0;  ///< CDN: request bytes the viewer wrote
    std::vector<Request> requests;  ///< CDN: requests awaiting the server, in order
    TimeUs idle_since_us = 0;       ///< when its last transfer ended (slow-start restart)
    bool alive = false;
  };
  struct Transfer {
    TransferKind kind = TransferKind::kCdn;
    std::vector<LinkId> path;
    std::int64_t size_bytes = 0;
    TransferSink* sink = nullptr;
    std::uint64_t cookie = 0;
    ConnId conn = kNoConn;
    std::int64_t written_bytes = 0;
    double received_bytes = 0;
    TimeUs start_us = 0;
    ns3::EventId wait;
    std::uint32_t generation = 0;  ///< bumped at each Start reusing the handle
    bool timed_out = false;        ///< an RTO fired on its connection while it ran
    bool sending = false;
    bool alive = false;
  };

  ConnId Acquire(Endpoint from, Endpoint to, TransferKind kind);
  ConnId OpenConnection(Endpoint from, Endpoint to, TransferKind kind);
  ns3::Ptr<ns3::Socket> MakeSocket(ns3::Ptr<ns3::Node> node, TransferKind kind) const;
  void Listen(ns3::Ptr<ns3::Node> node, TransferKind kind);
  void Watch(ns3::Ptr<ns3::Socket> socket, ConnId conn);
  void Unwatch(ns3::Ptr<ns3::Socket> socket);
  void ReleaseConnection(ConnId conn);
  void CloseConnection(ConnId conn);
  void Begin(TransferHandle transfer);
  void Pump(ConnId conn);
  void ServeRequests(ConnId conn);
  void StartSending(TransferHandle transfer);
  void Deliver(ConnId conn, double bytes);
  void Finish(TransferHandle transfer, bool complete);
  void FreeTransfer(TransferHandle transfer);

  // Socket callbacks.
  void OnAccept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
  void OnReceive(ns3::Ptr<ns3::Socket> socket);
  void OnSendSpace(ns3::Ptr<ns3::Socket> socket, std::uint32_t available);
  void OnConnected(ns3::Ptr<ns3::Socket> socket);
  void OnBroken(ns3::Ptr<ns3::Socket> socket);
  void OnClosed(ns3::Ptr<ns3::Socket> socket);
  // Retransmission timeouts (packet-transport-timeouts.cc).
  void WatchTimeouts(ns3::Ptr<ns3::Socket> socket);
  static void OnCongStateTrace(PacketTransport* self, const ns3::Socket* socket,
                               ns3::TcpSocketState::TcpCongState_t old_state,
                               ns3::TcpSocketState::TcpCongState_t new_state);

  ns3::Ptr<ns3::Node> NodeOf(Endpoint endpoint) const;
  ConnId ConnOf(const ns3::Ptr<ns3::Socket>& socket) const;
  static std::uint64_t PoolKey(Endpoint from, Endpoint to) {
    return (static_cast<std::uint64_t>(from) << 32) | to;
  }

  TopologyConfig m_topology;
  PacketConfig m_packet;
  FlowNetwork m_links;  ///< the topology's link registry: ids, capacities, latencies; no flows
  std::unique_ptr<PacketNetwork> m_net;
  std::vector<Connection> m_conns;
  std::unordered_map<std::uint64_t, std::vector<ConnId>> m_idle;  ///< by PoolKey
  std::unordered_map<const ns3::Socket*, ConnId> m_conn_of_socket;
  /// Initiator's (address, port) -> connection, until the acceptor's side is accepted.
  std::unordered_map<std::uint64_t, ConnId> m_pending_accept;
  std::unordered_map<LinkId, std::uint32_t> m_viewer_of_down_link;
  std::vector<Transfer> m_transfers;
  std::vector<TransferHandle> m_free_transfers;
  std::vector<double> m_link_bytes;  ///< by LinkId
  std::size_t m_active = 0;
  std::uint64_t m_connections_opened = 0;
  std::uint64_t m_idle_restarts = 0;
  std::uint64_t m_timeouts = 0;
};

}  // namespace cdnmesh
