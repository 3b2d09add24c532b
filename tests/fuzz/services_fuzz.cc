// libFuzzer target for the services' message handling (services/dispatch.h, the layer between
// the sockets and core's tracker, distributor and relay). The input is a script of operations,
// each [op: u8][peer: u8][length: u16 LE][bytes]: a join body, a tracker or signaling frame from
// peer 1..8, a signaling open with a token, a close, or a scripted valid session (so that frames
// reach joined peers and matched pairs, which random bytes alone never would). Properties:
//  - nothing crashes, leaks or reads out of bounds (ASan/UBSan);
//  - every answer is one decodable frame addressed to a peer of the script;
//  - a signaling open succeeds only with the token that peer's tracker session presented.
// Seeds: tests/fuzz/seeds/services_fuzz/.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/protocol/codec.h"
#include "services/dispatch.h"
#include "services/publisher_token.h"

namespace {

using namespace cdnmesh;
using services::OutFrame;
using services::ServiceDispatch;

constexpr TimeUs kStartUs = 1'900'000'000LL * kUsPerSecond;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

const std::vector<std::uint8_t>& Key() {
  static const std::vector<std::uint8_t> key(32, 0x5A);
  return key;
}

std::unique_ptr<ServiceDispatch> MakeDispatch() {
  services::DispatchConfig config;
  config.tracker.policy = "hybrid";
  config.publisher.key = Key();
  config.publisher.replay_capacity = 64;
  config.session_secret = 0xF0220;
  config.seal_key = std::vector<std::uint8_t>(32, 0xA5);
  auto dispatch = ServiceDispatch::Create(config);
  Check(dispatch.ok());
  return std::move(dispatch).value();
}

// A valid join, tracker JoinSwarm and signaling open for `peer`; the session token used.
std::vector<std::uint8_t> ScriptedSession(ServiceDispatch& d, TimeUs now_us, PeerId peer,
                                          std::uint64_t nonce, std::vector<OutFrame>* out) {
  protocol::JoinRequest join;
  join.content = 7;
  const std::string token =
      services::MintPublisherToken(Key(), 7, now_us / kUsPerSecond + 60, nonce);
  join.auth_token.assign(token.begin(), token.end());
  std::vector<std::uint8_t> body;
  Check(protocol::EncodeMessage(join, body).ok());
  const services::JoinAnswer answer = d.Join(now_us, body.data(), body.size());
  auto config = protocol::DecodeMessage(answer.frame);
  Check(config.ok());
  const auto* response = std::get_if<protocol::ConfigResponse>(&config.value());
  if (response == nullptr) return {};  // a replayed nonce: refused, as it must be
  protocol::JoinSwarm swarm;
  swarm.content = 7;
  swarm.session_token = response->session_token;
  std::vector<std::uint8_t> frame;
  Check(protocol::EncodeMessage(swarm, frame).ok());
  d.TrackerFrame(now_us, peer, frame.data(), frame.size(), out);
  (void)d.SignalingOpen(now_us, peer, response->session_token);
  return response->session_token;
}

bool Joined(const std::vector<OutFrame>& out, PeerId peer) {
  for (const OutFrame& frame : out) {
    auto message = protocol::DecodeMessage(frame.bytes);
    if (frame.to == peer && message.ok() &&
        std::holds_alternative<protocol::SwarmJoined>(message.value())) {
      return true;
    }
  }
  return false;
}

void CheckAnswers(const std::vector<OutFrame>& out) {
  for (const OutFrame& frame : out) {
    Check(frame.to >= 1 && frame.to <= 8);
    Check(protocol::DecodeMessage(frame.bytes).ok());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::unique_ptr<ServiceDispatch> d = MakeDispatch();
  std::vector<std::vector<std::uint8_t>> tokens(9);
  std::vector<OutFrame> out;
  TimeUs now_us = kStartUs;
  std::size_t at = 0;
  while (at + 4 <= size) {
    const std::uint8_t op = data[at];
    const PeerId peer = 1 + data[at + 1] % 8;
    std::size_t length = data[at + 2] | (std::size_t{data[at + 3]} << 8);
    at += 4;
    if (length > size - at) length = size - at;
    const std::uint8_t* bytes = data + at;
    at += length;
    now_us += (op >> 4) * kUsPerSecond;  // the high nibble moves the clock
    out.clear();
    switch (op & 0x7) {
      case 0: {
        const services::JoinAnswer answer = d->Join(now_us, bytes, length);
        Check(protocol::DecodeMessage(answer.frame).ok());
        break;
      }
      case 1: {
        d->TrackerFrame(now_us, peer, bytes, length, &out);
        auto join = protocol::DecodeMessage(bytes, length);  // a join that worked binds its token
        if (join.ok() && std::holds_alternative<protocol::JoinSwarm>(join.value()) &&
            Joined(out, peer)) {
          tokens[peer] = std::get<protocol::JoinSwarm>(join.value()).session_token;
        }
        break;
      }
      case 2: {
        const std::vector<std::uint8_t> token(bytes, bytes + length);
        const bool bound = !tokens[peer].empty() && token == tokens[peer];
        if (d->SignalingOpen(now_us, peer, token).ok()) Check(bound);
        break;
      }
      case 3:
        d->SignalingFrame(now_us, peer, bytes, length, &out);
        break;
      case 4:
        d->TrackerClosed(peer);
        tokens[peer].clear();
        break;
      case 5:
        d->SignalingClosed(peer);
        break;
      default:
        tokens[peer] = ScriptedSession(*d, now_us, peer, length, &out);
        break;
    }
    CheckAnswers(out);
  }
  return 0;
}
