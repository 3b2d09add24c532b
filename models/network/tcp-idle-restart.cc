// ns-3.37 keeps TcpSocketBase's congestion state private and befriends one class, its TCP test
// harness ns3::TcpGeneralTest (defined only in ns-3's test library, never linked here). This
// file defines a class of that name whose only member resets the window: fragile across ns-3
// versions by design, and the one place that reaches into the socket.
#include "models/network/tcp-idle-restart.h"

#include <algorithm>

#include <ns3/tcp-socket-base.h>

namespace ns3 {

class TcpGeneralTest {
 public:
  static bool RestartAfterIdle(TcpSocketBase& socket, Time idle) {
    TcpSocketState& tcb = *socket.m_tcb;
    if (idle <= socket.m_rto.Get() || tcb.m_congState != TcpSocketState::CA_OPEN) return false;
    const uint32_t restart = tcb.m_initialCWnd * tcb.m_segmentSize;
    if (tcb.m_cWnd.Get() <= restart) return false;
    tcb.m_cWnd = restart;
    tcb.m_cWndInfl = restart;
    return true;
  }
};

}  // namespace ns3

namespace cdnmesh {

bool RestartAfterIdle(const ns3::Ptr<ns3::Socket>& socket, ns3::Time idle) {
  ns3::Ptr<ns3::TcpSocketBase> tcp = ns3::DynamicCast<ns3::TcpSocketBase>(socket);
  return tcp != nullptr && ns3::TcpGeneralTest::RestartAfterIdle(*tcp, idle);
}

}  // namespace cdnmesh
