#include "services/dispatch.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/protocol/codec.h"
#include "services/session_seal.h"

namespace cdnmesh::services {
namespace {

using protocol::ServiceErrorCode;

std::int64_t UnixSeconds(TimeUs now_us) { return now_us / kUsPerSecond; }

int HttpStatusOf(ServiceErrorCode code) {
  switch (code) {
    case ServiceErrorCode::kUnauthorized:
      return 403;
    case ServiceErrorCode::kOverloaded:
      return 503;
    case ServiceErrorCode::kInternal:
      return 500;
    default:
      return 400;
  }
}

}  // namespace

Result<std::unique_ptr<ServiceDispatch>> ServiceDispatch::Create(DispatchConfig config) {
  std::unique_ptr<ServiceDispatch> dispatch(new ServiceDispatch(std::move(config)));
  auto tracker =
      TrackerService::Create(dispatch->config_.tracker, dispatch->tokens_, dispatch->config_.seed);
  if (!tracker.ok()) return tracker.error();
  dispatch->tracker_ = std::move(tracker).value();
  return dispatch;
}

ServiceDispatch::ServiceDispatch(DispatchConfig config)
    : config_(std::move(config)),
      tokens_(config_.session_secret, config_.session_lifetime_us),
      distributor_(config_.distributor, tokens_),
      relay_(tokens_),
      publisher_(config_.publisher) {}

std::vector<std::uint8_t> ServiceDispatch::ErrorFrame(ServiceErrorCode code, std::string text,
                                                      std::uint32_t retry_after_ms) {
  protocol::ServiceError error;
  error.code = code;
  error.retry_after_ms = retry_after_ms;
  error.text = std::move(text);
  if (error.text.size() > protocol::kMaxErrorTextBytes) {
    error.text.resize(protocol::kMaxErrorTextBytes);
  }
  std::vector<std::uint8_t> frame;
  const Status status = protocol::EncodeMessage(error, frame);
  (void)status;  // a bounded ServiceError always encodes
  return frame;
}

JoinAnswer ServiceDispatch::Join(TimeUs now_us, const std::uint8_t* body, std::size_t size) {
  const auto refuse = [this](ServiceErrorCode code, std::string text, std::uint32_t retry_ms) {
    ++stats_.joins_refused;
    return JoinAnswer{HttpStatusOf(code), ErrorFrame(code, std::move(text), retry_ms)};
  };
  auto decoded = protocol::DecodeMessage(body, size);
  if (!decoded.ok()) {
    ++stats_.bad_frames;
    return refuse(ServiceErrorCode::kBadRequest, decoded.error().message, 0);
  }
  const auto* join = std::get_if<protocol::JoinRequest>(&decoded.value());
  if (join == nullptr) return refuse(ServiceErrorCode::kBadRequest, "expected a JoinRequest", 0);
  if (auto refusal = publisher_.Check(UnixSeconds(now_us), *join)) {
    return refuse(refusal->code, std::move(refusal->text), refusal->retry_after_ms);
  }
  scratch_.clear();
  distributor_.OnMessage(now_us, kInvalidPeer, *join, &scratch_);
  JoinAnswer answer;
  auto* response =
      scratch_.empty() ? nullptr : std::get_if<protocol::ConfigResponse>(&scratch_[0].message);
  if (response != nullptr)
    response->session_token = SealToken(config_.seal_key, response->session_token);
  const bool ok = response != nullptr && protocol::EncodeMessage(*response, answer.frame).ok();
  if (!ok) return refuse(ServiceErrorCode::kInternal, "configuration did not encode", 0);
  ++stats_.joins_accepted;
  return answer;
}

PeerId ServiceDispatch::NewPeerId() {
  if (next_peer_ == kInvalidPeer) next_peer_ = 1;  // after 2^32 connections
  return next_peer_++;
}

void ServiceDispatch::Encode(const OutgoingList& outgoing, std::vector<OutFrame>* out) {
  for (const Outgoing& o : outgoing) {
    OutFrame frame{o.to, {}};
    if (!protocol::EncodeMessage(o.message, frame.bytes).ok()) {
      frame.bytes = ErrorFrame(ServiceErrorCode::kInternal, "answer did not encode");
    }
    out->push_back(std::move(frame));
  }
}

void ServiceDispatch::BindSession(PeerId peer, const std::vector<std::uint8_t>& sealed,
                                  const OutgoingList& answers) {
  for (const Outgoing& o : answers) {
    if (o.to == peer && std::holds_alternative<protocol::SwarmJoined>(o.message)) {
      bound_tokens_[peer] = sealed;
      return;
    }
  }
}

// A JoinSwarm's token is unsealed before the tracker sees it; false (answered) if the seal fails.
bool ServiceDispatch::UnsealJoin(PeerId peer, protocol::Message* message,
                                 std::vector<std::uint8_t>* sealed, std::vector<OutFrame>* out) {
  auto* join = std::get_if<protocol::JoinSwarm>(message);
  if (join == nullptr) return true;
  auto token = UnsealToken(config_.seal_key, join->session_token);
  if (!token) {
    ++stats_.bad_seals;
    out->push_back(
        {peer, ErrorFrame(ServiceErrorCode::kUnauthorized, "session token: invalid seal")});
    return false;
  }
  *sealed = std::move(join->session_token);
  join->session_token = std::move(*token);
  return true;
}

std::optional<protocol::Message> ServiceDispatch::DecodeOrRefuse(PeerId peer,
                                                                 const std::uint8_t* data,
                                                                 std::size_t size,
                                                                 std::vector<OutFrame>* out) {
  auto decoded = protocol::DecodeMessage(data, size);
  if (decoded.ok()) return std::move(decoded).value();
  ++stats_.bad_frames;
  out->push_back({peer, ErrorFrame(ServiceErrorCode::kBadRequest, decoded.error().message)});
  return std::nullopt;
}

void ServiceDispatch::TrackerFrame(TimeUs now_us, PeerId peer, const std::uint8_t* data,
                                   std::size_t size, std::vector<OutFrame>* out) {
  std::optional<protocol::Message> decoded = DecodeOrRefuse(peer, data, size, out);
  if (!decoded) return;
  protocol::Message message = std::move(*decoded);
  std::vector<std::uint8_t> sealed;
  if (!UnsealJoin(peer, &message, &sealed, out)) return;
  scratch_.clear();
  tracker_->OnMessage(now_us, peer, message, &scratch_);
  AllowListedPairs(scratch_, &relay_);  // listed peers may signal each other
  if (!sealed.empty()) BindSession(peer, sealed, scratch_);
  Encode(scratch_, out);
}

void ServiceDispatch::TrackerClosed(PeerId peer) {
  tracker_->OnDisconnect(peer);
  bound_tokens_.erase(peer);
  // Its pairs go too: a signaling connection without a tracker session is closed by the host.
  relay_.OnDisconnect(peer);
}

Status ServiceDispatch::SignalingOpen(TimeUs now_us, PeerId peer,
                                      const std::vector<std::uint8_t>& token) {
  const auto refuse = [this](std::string text) -> Status {
    ++stats_.signaling_refused;
    return Error{std::move(text)};
  };
  const auto bound = bound_tokens_.find(peer);
  if (bound == bound_tokens_.end()) return refuse("peer has no tracker session");
  if (bound->second != token) return refuse("token is not the one of the peer's tracker session");
  if (signaling_open_.count(peer) != 0) return refuse("peer already has a signaling connection");
  const auto unsealed = UnsealToken(config_.seal_key, token);  // bound, so sealed by us
  if (!unsealed) return refuse("session token: invalid seal");
  const Status status = relay_.OnConnect(now_us, peer, *unsealed);
  if (!status.ok()) return refuse(status.message());
  signaling_open_.insert(peer);
  return {};
}

void ServiceDispatch::SignalingFrame(TimeUs now_us, PeerId peer, const std::uint8_t* data,
                                     std::size_t size, std::vector<OutFrame>* out) {
  const std::optional<protocol::Message> decoded = DecodeOrRefuse(peer, data, size, out);
  if (!decoded) return;
  scratch_.clear();
  relay_.OnMessage(now_us, peer, *decoded, &scratch_);
  Encode(scratch_, out);
}

void ServiceDispatch::SignalingClosed(PeerId peer) {
  if (signaling_open_.erase(peer) == 0) return;
  // The relay forgets the connection and its pairs; the peer's next PeerList pairs it again.
  relay_.OnDisconnect(peer);
}

}  // namespace cdnmesh::services
