// ClientNet: signaling connections and data channels (set-up, close, a host that vanishes).
#include "tests/core/client/net/client_net.h"

namespace cdnmesh::testing {

void ClientNet::OpenSignaling(int i, PeerId peer) {
  const Status status = relay_.OnConnect(now_us_, peer, client(i).session_token());
  if (!status.ok()) {
    return Violation("signaling refused client " + std::to_string(i) + ": " + status.message());
  }
  if (index_of_peer_.count(peer) == 0 || index_of_peer_[peer] != i) {
    Violation("client " + std::to_string(i) + " opened signaling as " + std::to_string(peer) +
              ", not the id the tracker gave it");
  }
  signal_id_[i] = peer;
  index_of_signal_[peer] = i;
}

void ClientNet::Connect(int i, PeerId peer) {
  const int j = IndexOf(peer);
  if (j < 0) return Violation("client " + std::to_string(i) + " connects to unknown peer");
  Pair& pair = pairs_[PairKey(i, j)];
  if (pair.connecting || pair.open[0] || pair.open[1]) {
    return Violation("t=" + std::to_string(now_us_) + " client " + std::to_string(i) +
                     " connects to " + std::to_string(j) +
                     " while a channel or set-up between them exists");
  }
  pair.connecting = true;
  const std::uint64_t generation = ++pair.generation;
  const bool fails = failing_pairs_.count(PairKey(i, j)) != 0;
  At(now_us_ + config_.connect_setup_us, [this, i, j, generation, fails] {
    if (pairs_[PairKey(i, j)].generation != generation) return;  // given up meanwhile
    FinishConnect(i, j, fails || gone_[i] || gone_[j]);
  });
}

// ICE and DTLS ended: both ends learn at once whether the channel exists.
void ClientNet::FinishConnect(int i, int j, bool fails) {
  Pair& pair = pairs_[PairKey(i, j)];
  pair.connecting = false;
  if (fails) {
    for (const auto& [self, other] : {std::pair{i, j}, std::pair{j, i}}) {
      if (gone_[self]) continue;
      client(self).OnConnectFailed(now_us_, IdOf(other));
      Touch(self);
    }
    return;
  }
  pair.open[0] = pair.open[1] = true;
  pair.handshaken[0] = pair.handshaken[1] = false;
  client(i).OnChannelOpen(now_us_, IdOf(j));
  client(j).OnChannelOpen(now_us_, IdOf(i));
  Touch(i);
  Touch(j);
}

// `i` closes its end (or gives up a set-up); the other end hears of it after the latency.
void ClientNet::Disconnect(int i, int j) {
  if (j < 0) return;  // a peer the harness never saw: nothing to close
  Pair& pair = pairs_[PairKey(i, j)];
  if (!pair.open[End(i, j)] && !pair.connecting) return;  // only an offer was out
  pair.open[End(i, j)] = false;
  pair.connecting = false;
  const std::uint64_t generation = ++pair.generation;
  At(now_us_ + Latency(i, j), [this, i, j, generation] {
    Pair& p = pairs_[PairKey(i, j)];
    if (p.generation != generation || gone_[j]) return;
    p.open[End(j, i)] = false;
    client(j).OnChannelClosed(now_us_, IdOf(i));
    Touch(j);
  });
}

void ClientNet::Vanish(int i) {
  gone_[i] = true;
  for (auto& [key, pair] : pairs_) {
    if (key.first != i && key.second != i) continue;
    const int j = key.first == i ? key.second : key.first;
    if (!pair.open[End(i, j)] && !pair.connecting) continue;
    pair.open[End(i, j)] = true;  // so that Disconnect closes it like any other end
    Disconnect(i, j);
  }
  uploads_.erase(i);
  downloads_.erase(i);
  At(now_us_ + Latency(i, kTrackerNode), [this, i] {
    tracker_->OnDisconnect(kFirstConnectionId + static_cast<PeerId>(i));
    if (signal_id_.count(i) != 0) relay_.OnDisconnect(signal_id_[i]);
  });
}

}  // namespace cdnmesh::testing
