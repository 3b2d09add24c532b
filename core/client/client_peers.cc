// Client: messages over data channels — handshake, availability, byte-range requests and their
// answers — and the uploads this viewer serves.
#include <algorithm>

#include "core/client/client.h"

namespace cdnmesh {
namespace {

// Most segments one HaveRange or Bitfield may announce to the scheduler (a hostile peer must
// not make a client loop over a million sequence numbers).
constexpr std::uint32_t kMaxHavesPerMessage = 4096;

}  // namespace

void Client::OnPeerMessage(TimeUs now_us, PeerId from, const protocol::Message& message) {
  if (!links_.IsOpen(from)) {
    ++stats_.rejected_messages;  // no channel: nothing a real data channel could deliver
    return;
  }
  if (const auto* have = std::get_if<protocol::Have>(&message)) {
    scheduler_.OnPeerHave(now_us, from, have->key);
  } else if (const auto* range = std::get_if<protocol::HaveRange>(&message)) {
    OnHaves(now_us, from, range->rendition, range->first_seq, nullptr, range->count);
  } else if (const auto* map = std::get_if<protocol::Bitfield>(&message)) {
    OnHaves(now_us, from, map->rendition, map->first_seq, &map->bits,
            static_cast<std::uint32_t>(8 * map->bits.size()));
  } else if (const auto* request = std::get_if<protocol::Request>(&message)) {
    OnRequest(now_us, from, *request);
  } else if (const auto* cancel = std::get_if<protocol::Cancel>(&message)) {
    OnCancel(from, *cancel);
  } else if (const auto* reject = std::get_if<protocol::Reject>(&message)) {
    OnReject(now_us, from, *reject);
  } else if (const auto* handshake = std::get_if<protocol::Handshake>(&message)) {
    if (handshake->version != protocol::kProtocolVersion ||
        handshake->content != identity_.content || handshake->peer != from) {
      ++stats_.rejected_messages;
      ClientAction close;
      close.type = ClientActionType::kDisconnect;
      close.peer = from;
      Emit(close);
      DropLink(now_us, from, /*was_open=*/true);
    }
  }
}

void Client::OnHaves(TimeUs now_us, PeerId from, RenditionIndex rendition, SegmentSeq first,
                     const std::vector<std::uint8_t>* bits, std::uint32_t count) {
  count = std::min(count, kMaxHavesPerMessage);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (bits != nullptr && ((*bits)[i / 8] >> (i % 8) & 1u) == 0) continue;
    scheduler_.OnPeerHave(now_us, from, SegmentKey{rendition, first + i});
  }
}

void Client::OnRequest(TimeUs now_us, PeerId from, const protocol::Request& m) {
  const std::int64_t held_bytes = scheduler_.cache().SizeOf(m.key);
  if (held_bytes > 0 && m.offset_bytes >= held_bytes) {  // a range outside the segment
    protocol::Reject reject;
    reject.key = m.key;
    reject.offset_bytes = m.offset_bytes;
    reject.length_bytes = m.length_bytes;
    reject.reason = Reason::kInvalidRequest;
    Send(Endpoint::Peer(from), reject);
    return;
  }
  AdvanceSharing(now_us);
  now_us_ = now_us;
  const UploadRequestId id = next_upload_++;
  pending_requests_.push_back(PendingRequest{id, m.offset_bytes, m.length_bytes});
  const DurationUs deadline_us =
      m.deadline_ms == 0 ? kNever : static_cast<DurationUs>(m.deadline_ms) * kUsPerMs;
  scheduler_.OnUploadRequest(now_us, id, from, m.key, deadline_us);  // kAccept/kRejectUpload
  Translate();
}

// Turns the scheduler's admission decision on a pending request into a Reject or an upload.
void Client::AnswerUpload(const Action& action) {
  auto it = std::find_if(pending_requests_.begin(), pending_requests_.end(),
                         [&](const PendingRequest& r) { return r.id == action.upload; });
  if (it == pending_requests_.end()) return;
  const PendingRequest request = *it;
  pending_requests_.erase(it);
  const Reason reason = action.type == ActionType::kAcceptUpload ? Reason::kNone : action.reason;
  if (reason != Reason::kNone) {
    protocol::Reject reject;
    reject.key = action.key;
    reject.offset_bytes = request.offset_bytes;
    reject.length_bytes = request.length_bytes;
    reject.reason = reason;
    Send(Endpoint::Peer(action.peer), reject);
    return;
  }
  const auto size = static_cast<std::uint32_t>(action.size_bytes);
  ServedUpload upload;
  upload.id = action.upload;
  upload.peer = action.peer;
  upload.key = action.key;
  upload.offset_bytes = request.offset_bytes;
  upload.length_bytes = std::min(request.length_bytes, size - request.offset_bytes);
  upload.started_us = now_us_;
  upload.sharing_start_us = sharing_integral_us_;
  upload.fair_share_start_us = fair_share_integral_us_;
  upload.partial = action.partial;
  upload.beside_relay = action.partial;
  for (ServedUpload& other : uploads_) {
    upload.beside_relay = upload.beside_relay || other.partial;
    other.beside_relay = other.beside_relay || action.partial;
  }
  uploads_.push_back(upload);
  ClientAction serve;
  serve.type = ClientActionType::kServeUpload;
  serve.peer = upload.peer;
  serve.upload = upload.id;
  serve.key = upload.key;
  serve.offset_bytes = upload.offset_bytes;
  serve.length_bytes = upload.length_bytes;
  serve.size_bytes = action.size_bytes;
  serve.partial = action.partial;
  Emit(serve);
}

// A relayed segment's own download is gone: the upload stops and the requester learns why at
// once (else it would wait for its timeout).
void Client::AbortUpload(const Action& action) {
  auto it = std::find_if(uploads_.begin(), uploads_.end(),
                         [&](const ServedUpload& u) { return u.id == action.upload; });
  if (it == uploads_.end()) return;
  ClientAction stop;  // the host answers with OnUploadDone, which frees the slot
  stop.type = ClientActionType::kStopUpload;
  stop.peer = it->peer;
  stop.upload = it->id;
  Emit(stop);
  if (!links_.IsOpen(it->peer)) return;
  protocol::Reject reject;
  reject.key = it->key;
  reject.offset_bytes = it->offset_bytes;
  reject.length_bytes = it->length_bytes;
  reject.reason = action.reason;
  Send(Endpoint::Peer(it->peer), reject);
}

void Client::OnCancel(PeerId from, const protocol::Cancel& m) {
  for (const ServedUpload& u : uploads_) {
    if (u.peer != from || u.key != m.key || u.offset_bytes != m.offset_bytes) continue;
    ClientAction stop;  // the host answers with OnUploadDone, which frees the slot
    stop.type = ClientActionType::kStopUpload;
    stop.peer = from;
    stop.upload = u.id;
    Emit(stop);
    return;
  }
}

void Client::OnReject(TimeUs now_us, PeerId from, const protocol::Reject& m) {
  auto it = std::find_if(peer_downloads_.begin(), peer_downloads_.end(),
                         [&](const PeerDownload& d) { return d.peer == from && d.key == m.key; });
  if (it == peer_downloads_.end()) return;  // cancelled meanwhile
  const TransferId transfer = it->transfer;
  ForgetPeerDownload(transfer, from);
  scheduler_.OnTransferFailed(now_us, transfer, 0, m.reason);
}

// The download ended on this side (refused, channel gone): the host forgets it too; nothing is
// sent, as the uploader is not sending.
void Client::ForgetPeerDownload(TransferId transfer, PeerId peer) {
  ErasePeerDownload(transfer);
  ClientAction forget;
  forget.type = ClientActionType::kCancelFetch;
  forget.transfer = transfer;
  forget.peer = peer;
  Emit(forget);
}

void Client::ErasePeerDownload(TransferId transfer) {
  peer_downloads_.erase(std::remove_if(peer_downloads_.begin(), peer_downloads_.end(),
                                       [transfer](const PeerDownload& d) {
                                         return d.transfer == transfer;
                                       }),
                        peer_downloads_.end());
}

void Client::ForgetDownloadsFrom(PeerId peer) {
  std::vector<TransferId> lost;
  for (const PeerDownload& d : peer_downloads_) {
    if (d.peer == peer) lost.push_back(d.transfer);
  }
  for (const TransferId transfer : lost) ForgetPeerDownload(transfer, peer);
}

void Client::OnUploadDone(TimeUs now_us, UploadRequestId upload, std::int64_t bytes_sent) {
  if (stopped_) return;
  auto it = std::find_if(uploads_.begin(), uploads_.end(),
                         [upload](const ServedUpload& u) { return u.id == upload; });
  if (it == uploads_.end()) return;
  AdvanceSharing(now_us);
  const DurationUs duration_us = now_us - it->started_us;
  // Deadline admission turns the estimate into promises, so it takes the exact measure: the
  // harmonic mean of the uploads sharing the link (an upload that got 1/n of the link while n
  // ran measures the link's rate times that; the arithmetic mean overstates it whenever the
  // count changed), from uploads no relay ran beside. The real-time rule keeps the arithmetic
  // mean and every sample.
  const bool exact = config_.scheduler.upload_deadline_admission;
  const double fair_share_us = fair_share_integral_us_ - it->fair_share_start_us;
  double sharing = 1.0;
  if (exact && fair_share_us > 0) {
    sharing = static_cast<double>(duration_us) / fair_share_us;
  } else if (!exact && duration_us > 0) {
    sharing = (sharing_integral_us_ - it->sharing_start_us) / static_cast<double>(duration_us);
  }
  const bool measures_uplink = !exact || !it->beside_relay;
  uploads_.erase(it);
  if (measures_uplink) uplink_.OnUploadSample(bytes_sent, duration_us, sharing);
  scheduler_.OnUploadDone(now_us, upload);
  scheduler_.OnUploadCapacity(uplink_.estimate_bps());
  Translate();
}

// The channel to `peer` is gone: its uploads stop (the host reports nothing more for them).
void Client::StopUploadsTo(PeerId peer) {
  for (std::size_t i = 0; i < uploads_.size();) {
    if (uploads_[i].peer != peer) {
      ++i;
      continue;
    }
    ClientAction stop;
    stop.type = ClientActionType::kStopUpload;
    stop.peer = peer;
    stop.upload = uploads_[i].id;
    Emit(stop);
    scheduler_.OnUploadDone(0, uploads_[i].id);
    uploads_.erase(uploads_.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

// Integrates the number of uploads in progress, and each one's fair share of the uplink (1 /
// that number), over time (for the uplink estimate).
void Client::AdvanceSharing(TimeUs now_us) {
  if (now_us <= sharing_at_us_) return;
  sharing_integral_us_ += static_cast<double>(uploads_.size()) *
                          static_cast<double>(now_us - sharing_at_us_);
  if (!uploads_.empty()) {
    fair_share_integral_us_ +=
        static_cast<double>(now_us - sharing_at_us_) / static_cast<double>(uploads_.size());
  }
  sharing_at_us_ = now_us;
}

}  // namespace cdnmesh
