// Retransmission timeouts at packet level: every socket of a connection reports its congestion
// state; entering the loss state (an RTO fired) marks the transfer the connection carries, so the
// cross-check can tell the transfers that waited out a timeout from the rest.
#include <ns3/callback.h>
#include <ns3/tcp-socket-state.h>

#include "models/network/packet-transport.h"

namespace cdnmesh {

void PacketTransport::WatchTimeouts(ns3::Ptr<ns3::Socket> socket) {
  socket->TraceConnectWithoutContext(
      "CongState",
      ns3::MakeBoundCallback(&PacketTransport::OnCongStateTrace, this, ns3::PeekPointer(socket)));
}

void PacketTransport::OnCongStateTrace(PacketTransport* self, const ns3::Socket* socket,
                                       ns3::TcpSocketState::TcpCongState_t /*old_state*/,
                                       ns3::TcpSocketState::TcpCongState_t new_state) {
  if (new_state != ns3::TcpSocketState::CA_LOSS) return;
  const auto it = self->m_conn_of_socket.find(socket);
  if (it == self->m_conn_of_socket.end()) return;  // no longer watched: its transfer is gone
  const TransferHandle current = self->m_conns[it->second].current;
  if (current == kInvalidTransfer) return;
  ++self->m_timeouts;
  self->m_transfers[current].timed_out = true;
}

}  // namespace cdnmesh
