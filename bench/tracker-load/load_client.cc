#include "bench/tracker-load/load_client.h"

#include <netinet/in.h>

#include "core/protocol/codec.h"

namespace cdnmesh::bench {
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One peer: connect, JoinSwarm, then one Announce at a time.
class LoadConnection : public std::enable_shared_from_this<LoadConnection> {
 public:
  LoadConnection(Loader& loader, int index) : loader_(loader), index_(index), ws_(loader.ioc()) {}

  void Start(std::function<void()> done_connecting) {
    done_connecting_ = std::move(done_connecting);
    tcp::socket& socket = ws_.next_layer();
    beast::error_code ec;
    socket.open(tcp::v4(), ec);
    const int sources = loader_.config().source_addresses;
    if (!ec && sources > 1) {  // spread over 127.0.0.2..: the port is picked at connect time
      socket.set_option(
          net::detail::socket_option::boolean<IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT>(true), ec);
      const auto source =
          net::ip::address_v4(0x7F000002u + static_cast<unsigned>(index_ % sources));
      socket.bind(tcp::endpoint(source, 0), ec);
    }
    const tcp::endpoint server(net::ip::make_address("127.0.0.1"), loader_.config().port);
    socket.async_connect(server, [self = shared_from_this()](beast::error_code e) {
      if (e) return self->Fail();
      self->ws_.next_layer().set_option(tcp::no_delay(true));
      self->ws_.async_handshake("127.0.0.1", "/v1/tracker", [self](beast::error_code e2) {
        if (e2) return self->Fail();
        ++self->loader_.result().connected;
        self->SendJoin();
      });
    });
  }

  bool Ready() const { return joined_ && !outstanding_ && !failed_; }

  void SendAnnounce(std::int64_t position) {
    protocol::Announce announce;
    announce.peer = peer_;
    announce.content = content();
    announce.position = position;
    announce.wanted_peers = 20;
    announce.upload_capacity_bps = 4'000'000;
    out_.clear();
    (void)protocol::EncodeMessage(announce, out_);
    outstanding_ = true;
    sent_at_ = Clock::now();
    Write();
  }

  void Close() {
    beast::error_code ec;
    ws_.next_layer().close(ec);
  }

 private:
  ContentId content() const { return static_cast<ContentId>(1 + index_ % loader_.config().swarms); }

  void SendJoin() {
    protocol::JoinSwarm join;
    join.content = content();
    join.position = 100;
    join.profile.isp = static_cast<IspId>(index_ % 5);
    join.profile.location =
        protocol::ToGeoE7({48.0 + (index_ % 100) * 0.05, 2.0 + (index_ % 37) * 0.1});
    join.profile.upload_capacity_bps = 4'000'000;
    join.session_token = loader_.config().session_token;
    (void)protocol::EncodeMessage(join, out_);
    Write();
    Read();
  }

  void Write() {
    ws_.binary(true);
    ws_.async_write(net::buffer(out_),
                    [self = shared_from_this()](beast::error_code e, std::size_t) {
                      if (e) self->Fail();
                    });
  }

  void Read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code e, std::size_t) {
      if (e) return self->Fail();
      self->OnMessage();
      self->Read();
    });
  }

  void OnMessage() {
    auto decoded =
        protocol::DecodeMessage(static_cast<const std::uint8_t*>(in_.cdata().data()), in_.size());
    in_.consume(in_.size());
    if (!decoded.ok()) return Fail();
    const protocol::Message& m = decoded.value();
    if (const auto* joined = std::get_if<protocol::SwarmJoined>(&m)) {
      peer_ = joined->peer;
      return;
    }
    if (!joined_) {  // the PeerList (or error) that completes the join
      joined_ = std::holds_alternative<protocol::PeerList>(m);
      FinishConnecting(joined_);
      return;
    }
    outstanding_ = false;
    loader_.OnAnswer(sent_at_, std::holds_alternative<protocol::PeerList>(m));
  }

  void FinishConnecting(bool ok) {
    if (done_connecting_) {
      loader_.OnJoined(ok);
      auto done = std::move(done_connecting_);
      done_connecting_ = nullptr;
      done();
    }
  }

  void Fail() {
    if (failed_) return;
    failed_ = true;
    ++loader_.result().errors;
    FinishConnecting(false);
  }

  Loader& loader_;
  int index_;
  websocket::stream<tcp::socket> ws_;
  beast::flat_buffer in_;
  std::vector<std::uint8_t> out_;
  std::function<void()> done_connecting_;
  PeerId peer_ = kInvalidPeer;
  bool joined_ = false;
  bool outstanding_ = false;
  bool failed_ = false;
  Clock::time_point sent_at_;
};

Loader::Loader(LoadConfig config) : config_(std::move(config)) {}
Loader::~Loader() = default;

void Loader::ConnectAll() {
  connections_.reserve(static_cast<std::size_t>(config_.peers));
  pending_joins_ = config_.peers;
  for (int i = 0; i < config_.max_connecting && next_connect_ < config_.peers; ++i)
    StartNextConnect();
  ioc_.restart();
  while (pending_joins_ > 0 && ioc_.run_one() > 0) {
  }
}

void Loader::StartNextConnect() {
  if (next_connect_ >= config_.peers) return;
  auto connection = std::make_shared<LoadConnection>(*this, next_connect_++);
  connections_.push_back(connection);
  connection->Start([this] { StartNextConnect(); });
}

void Loader::OnJoined(bool ok) {
  --pending_joins_;
  if (ok) ++result_.joined;
}

void Loader::OnAnswer(Clock::time_point sent, bool is_peer_list) {
  if (!measuring_) return;
  if (!is_peer_list) {
    ++result_.errors;
    return;
  }
  ++result_.answered;
  result_.latencies_us.push_back(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - sent).count());
}

// Every millisecond: hand out the turns owed since the last tick, round robin.
void Loader::Tick() {
  const Clock::time_point now = Clock::now();
  turns_owed_ += config_.rate_per_s * std::chrono::duration<double>(now - last_tick_).count();
  last_tick_ = now;
  static std::int64_t position = 101;
  ++position;
  for (; turns_owed_ >= 1.0; turns_owed_ -= 1.0) {
    LoadConnection& c = *connections_[next_turn_];
    next_turn_ = (next_turn_ + 1) % connections_.size();
    if (!c.Ready()) {
      if (measuring_) ++result_.skipped;
      continue;
    }
    c.SendAnnounce(position);
    if (measuring_) ++result_.sent;
  }
  if (now >= phase_end_) return;
  timer_.expires_after(std::chrono::milliseconds(1));
  timer_.async_wait([this](beast::error_code ec) {
    if (!ec) Tick();
  });
}

LoadResult Loader::Announce() {
  const auto run_phase = [this](double seconds) {
    last_tick_ = Clock::now();
    phase_end_ = last_tick_ + std::chrono::microseconds(static_cast<std::int64_t>(seconds * 1e6));
    turns_owed_ = 0;
    ioc_.restart();
    Tick();
    while (Clock::now() < phase_end_ && ioc_.run_one() > 0) {
    }
  };
  run_phase(config_.warmup_s);
  result_.errors = 0;
  if (on_measure_start_) on_measure_start_();
  measuring_ = true;
  const Clock::time_point start = Clock::now();
  run_phase(config_.duration_s);
  measuring_ = false;
  result_.measured_s = std::chrono::duration<double>(Clock::now() - start).count();
  // Drain late answers briefly so the next phase starts clean (not counted).
  ioc_.restart();
  ioc_.run_for(std::chrono::milliseconds(500));
  return result_;
}

void Loader::CloseAll() {
  for (auto& c : connections_) c->Close();
  ioc_.restart();
  ioc_.run_for(std::chrono::milliseconds(200));
  connections_.clear();
}

}  // namespace cdnmesh::bench
