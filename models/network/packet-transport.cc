// Transfers on ns-3 TCP sockets: connection pools, CDN request/response, peer streams, cancel.
#include "models/network/packet-transport.h"

#include <algorithm>

#include <ns3/inet-socket-address.h>
#include <ns3/nstime.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/tcp-bbr.h>
#include <ns3/tcp-cubic.h>
#include <ns3/tcp-l4-protocol.h>
#include <ns3/tcp-linux-reno.h>
#include <ns3/uinteger.h>

#include "models/network/tcp-idle-restart.h"

namespace cdnmesh {
namespace {

constexpr std::uint16_t kCdnPort = 80;
constexpr std::uint16_t kPeerPort = 7000;
constexpr std::uint32_t kMaxWriteBytes = 64 * 1024;  ///< per Send call

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

ns3::TypeId CongestionTypeId(TcpVariant variant) {
  switch (variant) {
    case TcpVariant::kNewReno: return ns3::TcpNewReno::GetTypeId();
    case TcpVariant::kCubic: return ns3::TcpCubic::GetTypeId();
    case TcpVariant::kLinuxReno: return ns3::TcpLinuxReno::GetTypeId();
    case TcpVariant::kBbr: return ns3::TcpBbr::GetTypeId();
  }
  return ns3::TcpNewReno::GetTypeId();
}

std::uint64_t AddressKey(const ns3::InetSocketAddress& address) {
  return (static_cast<std::uint64_t>(address.GetIpv4().Get()) << 16) | address.GetPort();
}

}  // namespace

PacketTransport::PacketTransport(const TopologyConfig& topology, const PacketConfig& packet)
    : m_topology(topology), m_packet(packet),
      m_net(std::make_unique<PacketNetwork>(topology, packet)) {
  for (std::size_t pop = 0; pop < topology.pops.size(); ++pop) {
    Listen(m_net->pop_node(static_cast<PopIndex>(pop)), TransferKind::kCdn);
  }
}

PacketTransport::~PacketTransport() {
  for (Connection& c : m_conns) {
    if (c.sender != nullptr) Unwatch(c.sender);
    if (c.receiver != nullptr) Unwatch(c.receiver);
  }
}

ns3::Ptr<ns3::Socket> PacketTransport::MakeSocket(ns3::Ptr<ns3::Node> node,
                                                  TransferKind kind) const {
  const bool cdn = kind == TransferKind::kCdn;
  ns3::Ptr<ns3::TcpL4Protocol> tcp = node->GetObject<ns3::TcpL4Protocol>();
  ns3::Ptr<ns3::Socket> socket =
      tcp->CreateSocket(cdn ? CongestionTypeId(m_packet.cdn_tcp) : ns3::TcpNewReno::GetTypeId());
  const std::int64_t window = cdn ? m_topology.transport.cdn_window_bytes
                                  : m_topology.transport.p2p_window_bytes;
  socket->SetAttribute("SegmentSize",
                       ns3::UintegerValue(cdn ? m_packet.cdn_mss_bytes : m_packet.p2p_mss_bytes));
  socket->SetAttribute("InitialCwnd", ns3::UintegerValue(cdn ? m_packet.cdn_initial_cwnd_segments
                                                             : m_packet.p2p_initial_cwnd_segments));
  socket->SetAttribute("SndBufSize", ns3::UintegerValue(static_cast<std::uint64_t>(window)));
  socket->SetAttribute("RcvBufSize", ns3::UintegerValue(static_cast<std::uint64_t>(window)));
  socket->SetAttribute("MinRto", ns3::TimeValue(ns3::MicroSeconds(m_packet.min_rto_us)));
  return socket;
}

void PacketTransport::Listen(ns3::Ptr<ns3::Node> node, TransferKind kind) {
  ns3::Ptr<ns3::Socket> socket = MakeSocket(node, kind);
  const std::uint16_t port = kind == TransferKind::kCdn ? kCdnPort : kPeerPort;
  socket->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), port));
  socket->Listen();
  socket->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                            ns3::MakeCallback(&PacketTransport::OnAccept, this));
}

void PacketTransport::AttachViewer(const ViewerAttachment& viewer) {
  const std::uint32_t index = m_net->AddViewer(viewer);
  m_viewer_of_down_link[viewer.down_link] = index;
  Listen(m_net->viewer_node(index), TransferKind::kPeer);
}

void PacketTransport::DetachViewer(const ViewerAttachment& viewer) {
  const auto it = m_viewer_of_down_link.find(viewer.down_link);
  if (it == m_viewer_of_down_link.end()) return;
  const Endpoint index = it->second;
  m_viewer_of_down_link.erase(it);
  for (ConnId conn = 0; conn < m_conns.size(); ++conn) {
    Connection& c = m_conns[conn];
    if (!c.alive || (c.from != index && c.to != index)) continue;
    const TransferHandle current = c.current;
    CloseConnection(conn);
    if (current != kInvalidTransfer) Finish(current, /*complete=*/false);
  }
  m_net->RemoveViewer(index);
}

void PacketTransport::SetUplinkRate(const ViewerAttachment& viewer, BitsPerSecond rate_bps) {
  if (viewer.up_link == kInvalidLink) return;
  const auto it = m_viewer_of_down_link.find(viewer.down_link);
  if (it != m_viewer_of_down_link.end()) m_net->SetViewerUplinkBps(it->second, rate_bps);
}

ns3::Ptr<ns3::Node> PacketTransport::NodeOf(Endpoint endpoint) const {
  if ((endpoint & kPopBit) != 0) return m_net->pop_node(static_cast<PopIndex>(endpoint & ~kPopBit));
  return m_net->viewer_node(endpoint);
}

TransferHandle PacketTransport::Start(const TransferSpec& spec, TransferSink* sink,
                                      std::uint64_t cookie) {
  const Endpoint to = m_viewer_of_down_link.at(spec.receiver->down_link);
  const Endpoint from = spec.kind == TransferKind::kCdn
                            ? (kPopBit | spec.receiver->pop)
                            : m_viewer_of_down_link.at(spec.sender->down_link);
  TransferHandle handle;
  if (!m_free_transfers.empty()) {
    handle = m_free_transfers.back();
    m_free_transfers.pop_back();
  } else {
    handle = static_cast<TransferHandle>(m_transfers.size());
    m_transfers.emplace_back();
  }
  Transfer& t = m_transfers[handle];
  const std::uint32_t generation = t.generation;
  t = Transfer{};
  t.generation = generation + 1;
  t.kind = spec.kind;
  t.path = *spec.path;
  t.size_bytes = spec.size_bytes;
  t.sink = sink;
  t.cookie = cookie;
  t.start_us = NowUs();
  t.alive = true;
  ++m_active;
  t.conn = Acquire(from, to, spec.kind);
  m_conns[t.conn].current = handle;
  // Round trips the flow model adds beyond the path's own propagation (request_round_trips).
  const DurationUs extra_us = std::max<DurationUs>(0, spec.request_latency_us - spec.path_latency_us);
  if (t.size_bytes <= 0) {
    t.wait = ns3::Simulator::Schedule(ns3::MicroSeconds(spec.request_latency_us),
                                      &PacketTransport::Finish, this, handle, true);
  } else if (extra_us > 0) {
    t.wait = ns3::Simulator::Schedule(ns3::MicroSeconds(extra_us), &PacketTransport::Begin, this,
                                      handle);
  } else {
    Begin(handle);
  }
  return handle;
}

void PacketTransport::Begin(TransferHandle handle) {
  Transfer& t = m_transfers[handle];
  Connection& c = m_conns[t.conn];
  if (t.kind == TransferKind::kPeer) {
    StartSending(handle);
    Pump(t.conn);
    return;
  }
  const auto request = static_cast<std::uint32_t>(m_packet.request_bytes);
  c.request_tx_bytes += request;
  c.requests.push_back(Request{c.request_tx_bytes, handle, t.generation});
  c.receiver->Send(ns3::Create<ns3::Packet>(request));
}

// The sender starts a response or stream; after an idle spell its window restarts.
void PacketTransport::StartSending(TransferHandle handle) {
  Transfer& t = m_transfers[handle];
  const Connection& c = m_conns[t.conn];
  t.sending = true;
  if (c.sender != nullptr &&
      RestartAfterIdle(c.sender, ns3::MicroSeconds(NowUs() - c.idle_since_us))) {
    ++m_idle_restarts;
  }
}

double PacketTransport::Cancel(TransferHandle handle) {
  Transfer& t = m_transfers[handle];
  if (!t.alive) return 0;
  const double bytes = t.received_bytes;
  Connection& c = m_conns[t.conn];
  c.discard_bytes += static_cast<double>(t.written_bytes) - t.received_bytes;
  if (c.alive && c.current == handle) ReleaseConnection(t.conn);
  FreeTransfer(handle);
  return bytes;
}

double PacketTransport::BytesDelivered(TransferHandle handle) const {
  const Transfer& t = m_transfers[handle];
  return t.alive ? t.received_bytes : 0.0;
}

double PacketTransport::LinkBytes(LinkId link, TimeUs /*now_us*/) const {
  return link < m_link_bytes.size() ? m_link_bytes[link] : 0.0;
}

PacketTransport::ConnId PacketTransport::Acquire(Endpoint from, Endpoint to, TransferKind kind) {
  std::vector<ConnId>& idle = m_idle[PoolKey(from, to)];
  if (idle.empty()) return OpenConnection(from, to, kind);
  const ConnId conn = idle.back();  // the most recently used: the warmest window
  idle.pop_back();
  return conn;
}

// CDN: the viewer (receiver) dials its PoP; peers: the uploader (sender) dials the downloader.
PacketTransport::ConnId PacketTransport::OpenConnection(Endpoint from, Endpoint to,
                                                        TransferKind kind) {
  const auto conn = static_cast<ConnId>(m_conns.size());
  m_conns.emplace_back();
  Connection& c = m_conns[conn];
  c.from = from;
  c.to = to;
  c.kind = kind;
  c.alive = true;
  const bool cdn = kind == TransferKind::kCdn;
  const Endpoint dialer = cdn ? to : from;
  const Endpoint listener = cdn ? from : to;
  ns3::Ptr<ns3::Socket> socket = MakeSocket(NodeOf(dialer), kind);
  (cdn ? c.receiver : c.sender) = socket;
  socket->Bind();
  const ns3::Ipv4Address target = (listener & kPopBit) != 0
                                      ? m_net->pop_address(static_cast<PopIndex>(listener & ~kPopBit))
                                      : m_net->viewer_address(listener);
  socket->SetConnectCallback(ns3::MakeCallback(&PacketTransport::OnConnected, this),
                             ns3::MakeCallback(&PacketTransport::OnBroken, this));
  Watch(socket, conn);
  socket->Connect(ns3::InetSocketAddress(target, cdn ? kCdnPort : kPeerPort));
  ns3::Address local;
  socket->GetSockName(local);
  m_pending_accept[AddressKey(ns3::InetSocketAddress::ConvertFrom(local))] = conn;
  ++m_connections_opened;
  return conn;
}

void PacketTransport::Watch(ns3::Ptr<ns3::Socket> socket, ConnId conn) {
  m_conn_of_socket[ns3::PeekPointer(socket)] = conn;
  socket->SetRecvCallback(ns3::MakeCallback(&PacketTransport::OnReceive, this));
  socket->SetSendCallback(ns3::MakeCallback(&PacketTransport::OnSendSpace, this));
  socket->SetCloseCallbacks(ns3::MakeCallback(&PacketTransport::OnClosed, this),
                            ns3::MakeCallback(&PacketTransport::OnBroken, this));
  WatchTimeouts(socket);
}

void PacketTransport::Unwatch(ns3::Ptr<ns3::Socket> socket) {
  m_conn_of_socket.erase(ns3::PeekPointer(socket));
  socket->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  socket->SetSendCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>, std::uint32_t>());
  socket->SetCloseCallbacks(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                            ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
  socket->SetConnectCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                             ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
}

void PacketTransport::ReleaseConnection(ConnId conn) {
  Connection& c = m_conns[conn];
  c.current = kInvalidTransfer;
  c.idle_since_us = NowUs();
  m_idle[PoolKey(c.from, c.to)].push_back(conn);
}

void PacketTransport::CloseConnection(ConnId conn) {
  Connection& c = m_conns[conn];
  if (!c.alive) return;
  c.alive = false;
  std::vector<ConnId>& idle = m_idle[PoolKey(c.from, c.to)];
  idle.erase(std::remove(idle.begin(), idle.end(), conn), idle.end());
  for (ns3::Ptr<ns3::Socket>* socket : {&c.sender, &c.receiver}) {
    if (*socket == nullptr) continue;
    Unwatch(*socket);
    (*socket)->Close();
  }
}

void PacketTransport::OnAccept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from) {
  const auto it = m_pending_accept.find(AddressKey(ns3::InetSocketAddress::ConvertFrom(from)));
  if (it == m_pending_accept.end() || !m_conns[it->second].alive) {
    if (it != m_pending_accept.end()) m_pending_accept.erase(it);
    socket->Close();  // its dialler is gone
    return;
  }
  const ConnId conn = it->second;
  m_pending_accept.erase(it);
  Connection& c = m_conns[conn];
  (c.kind == TransferKind::kCdn ? c.sender : c.receiver) = socket;
  Watch(socket, conn);
  OnReceive(socket);  // anything that arrived with the handshake
  Pump(conn);
}

PacketTransport::ConnId PacketTransport::ConnOf(const ns3::Ptr<ns3::Socket>& socket) const {
  const auto it = m_conn_of_socket.find(ns3::PeekPointer(socket));
  return it == m_conn_of_socket.end() ? kNoConn : it->second;
}

void PacketTransport::OnReceive(ns3::Ptr<ns3::Socket> socket) {
  const ConnId conn = ConnOf(socket);
  if (conn == kNoConn) return;
  const bool is_receiver = m_conns[conn].receiver == socket;
  while (ns3::Ptr<ns3::Packet> packet = socket->Recv()) {
    if (!m_conns[conn].alive) continue;  // drained, thrown away
    if (is_receiver) {
      Deliver(conn, packet->GetSize());
    } else {
      m_conns[conn].request_rx_bytes += packet->GetSize();
    }
  }
  if (!is_receiver) ServeRequests(conn);
}

// The server answers the requests that have fully arrived, in order; a cancelled one is skipped.
void PacketTransport::ServeRequests(ConnId conn) {
  Connection& c = m_conns[conn];
  while (!c.requests.empty() && c.requests.front().cumulative_bytes <= c.request_rx_bytes) {
    const Request r = c.requests.front();
    c.requests.erase(c.requests.begin());
    Transfer& t = m_transfers[r.transfer];
    if (t.alive && t.generation == r.generation && t.conn == conn) StartSending(r.transfer);
  }
  Pump(conn);
}

void PacketTransport::OnSendSpace(ns3::Ptr<ns3::Socket> socket, std::uint32_t /*available*/) {
  const ConnId conn = ConnOf(socket);
  if (conn != kNoConn) Pump(conn);
}

void PacketTransport::OnConnected(ns3::Ptr<ns3::Socket> socket) { OnSendSpace(socket, 0); }

void PacketTransport::Pump(ConnId conn) {
  const Connection& c = m_conns[conn];
  if (!c.alive || c.current == kInvalidTransfer || c.sender == nullptr) return;
  Transfer& t = m_transfers[c.current];
  if (!t.sending) return;
  while (t.written_bytes < t.size_bytes) {
    const std::uint32_t available = c.sender->GetTxAvailable();
    if (available == 0) break;
    const auto n = static_cast<std::uint32_t>(std::min<std::int64_t>(
        {available, t.size_bytes - t.written_bytes, kMaxWriteBytes}));
    if (c.sender->Send(ns3::Create<ns3::Packet>(n)) < 0) break;
    t.written_bytes += n;
  }
}

void PacketTransport::Deliver(ConnId conn, double bytes) {
  Connection& c = m_conns[conn];
  const double dropped = std::min(c.discard_bytes, bytes);
  c.discard_bytes -= dropped;
  bytes -= dropped;
  if (bytes <= 0 || c.current == kInvalidTransfer) return;
  const TransferHandle handle = c.current;
  Transfer& t = m_transfers[handle];
  t.received_bytes += bytes;
  for (const LinkId link : t.path) {
    if (link >= m_link_bytes.size()) m_link_bytes.resize(link + 1, 0.0);
    m_link_bytes[link] += bytes;
  }
  if (t.received_bytes >= static_cast<double>(t.size_bytes)) Finish(handle, /*complete=*/true);
}

void PacketTransport::Finish(TransferHandle handle, bool complete) {
  Transfer& t = m_transfers[handle];
  if (!t.alive) return;
  if (m_conns[t.conn].alive && m_conns[t.conn].current == handle) ReleaseConnection(t.conn);
  TransferSink* sink = t.sink;
  const std::uint64_t cookie = t.cookie;
  const double bytes = t.received_bytes;
  if (complete) NoteCompletion(t.kind, t.size_bytes, t.start_us, NowUs(), t.timed_out);
  FreeTransfer(handle);
  if (complete) {
    sink->OnTransferComplete(handle, cookie);
  } else {
    sink->OnTransferFailed(handle, cookie, bytes);
  }
}

void PacketTransport::OnBroken(ns3::Ptr<ns3::Socket> socket) {
  const ConnId conn = ConnOf(socket);
  if (conn == kNoConn) return;
  const TransferHandle current = m_conns[conn].current;
  CloseConnection(conn);
  if (current != kInvalidTransfer) Finish(current, /*complete=*/false);
}

void PacketTransport::OnClosed(ns3::Ptr<ns3::Socket> socket) { OnBroken(socket); }

void PacketTransport::FreeTransfer(TransferHandle handle) {
  Transfer& t = m_transfers[handle];
  t.wait.Cancel();
  t.alive = false;
  t.sink = nullptr;
  t.path.clear();
  --m_active;
  m_free_transfers.push_back(handle);
}

}  // namespace cdnmesh
