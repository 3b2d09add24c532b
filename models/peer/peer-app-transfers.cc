// PeerApp: CDN downloads, the segment streams peers send this viewer, and the uploads it serves.
//
// A peer download: the client's Request travels to the uploader like any message; the
// uploader's client answers with a Reject message or an upload, which its host starts as a
// stream (a flow whose first byte arrives after the one-way latency). The network tells both
// hosts when a stream ends; a Cancel travels back like any message.
#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/packager/packager.h"
#include "models/peer/peer-app.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

}  // namespace

// The CDN serves what its edge lists when the request reaches it (the size is the segment's
// own, not the client's estimate); anything else is a 404, known a round trip later. A fetch
// that continues a cancelled peer download asks for the bytes after its prefix (a range past
// the segment's end is refused the same way, as a 416).
void PeerApp::FetchFromCdn(const ClientAction& action) {
  Topology& topology = context_.mesh->topology();
  const DurationUs latency_us = topology.CdnLatencyUs(identity_.net);
  Download d;
  d.transfer = action.transfer;
  d.key = action.key;
  d.started_us = NowUs();
  d.size_bytes = stream_->SegmentSizeBytes(action.key);
  if (action.offset_bytes > 0) {
    d.prefix_bytes = action.offset_bytes;
    for (const auto& [transfer, uploader] : cancelled_in_batch_) {
      if (transfer == action.resumes) d.prefix_from = uploader;
    }
  }
  if (!context_.packager->OnCdn(*stream_, action.key.seq, NowUs() + latency_us) ||
      d.prefix_bytes >= d.size_bytes) {
    const TransferId transfer = action.transfer;
    ns3::Simulator::Schedule(ns3::MicroSeconds(2 * latency_us), [this, transfer] {
      if (ended_ || FindDownload(transfer) == nullptr) return;
      EraseDownload(transfer);
      client_->OnTransferFailed(NowUs(), transfer, 0);
      Process();
    });
    downloads_.push_back(d);
    return;
  }
  std::vector<LinkId> path;
  topology.CdnPath(identity_.net, &path);
  TransferSpec spec;
  spec.kind = TransferKind::kCdn;
  spec.receiver = &identity_.net;
  spec.path = &path;
  spec.size_bytes = d.size_bytes - d.prefix_bytes;
  spec.cap_bps = topology.CdnFlowCapBps(identity_.net);
  spec.request_latency_us = context_.mesh->request_round_trips() * 2 * latency_us;
  spec.path_latency_us = 2 * latency_us;
  spec.rtt_us = 2 * latency_us;
  d.handle = context_.mesh->transport().Start(spec, this, action.transfer);
  downloads_.push_back(d);
}

// The playlist the edge lists when the request reaches it arrives a round trip later.
void PeerApp::ReloadPlaylist() {
  const DurationUs latency_us = context_.mesh->topology().CdnLatencyUs(identity_.net);
  const Playlist playlist = context_.packager->PlaylistAt(*stream_, NowUs() + latency_us);
  ns3::Simulator::Schedule(ns3::MicroSeconds(2 * latency_us), [this, playlist] {
    if (ended_) return;
    Input();
    client_->OnPlaylist(NowUs(), playlist);
    Process();
  });
}

void PeerApp::OnTransferComplete(TransferHandle /*handle*/, std::uint64_t transfer) {
  Download* download = FindDownload(transfer);
  if (download == nullptr || ended_) return;
  const std::int64_t size_bytes = download->size_bytes;
  const std::int64_t prefix_bytes = download->prefix_bytes;
  const PeerApp* prefix_sender =
      prefix_bytes > 0 ? context_.mesh->Find(download->prefix_from) : nullptr;
  EraseDownload(transfer);
  Input();  // the other downloads' bytes, before the plan that may cancel them
  const std::int64_t p2p_before = client_->scheduler().stats().p2p_bytes;
  client_->OnTransferDone(NowUs(), transfer, size_bytes);
  // A resumed fetch's prefix counts as peer bytes, crossing ISPs if its uploader's did.
  if (prefix_sender != nullptr && prefix_sender->identity().net.isp != identity_.net.isp &&
      client_->scheduler().stats().p2p_bytes > p2p_before) {
    p2p_cross_isp_bytes_ += prefix_bytes;
  }
  Process();
}

// A broken connection: the client learns it as a failed fetch, with what had arrived.
void PeerApp::OnTransferFailed(TransferHandle /*handle*/, std::uint64_t transfer, double bytes) {
  if (FindDownload(transfer) == nullptr || ended_) return;
  EraseDownload(transfer);
  Input();
  client_->OnTransferFailed(NowUs(), transfer, static_cast<std::int64_t>(bytes));
  Process();
}

void PeerApp::FetchFromPeer(const ClientAction& action) {
  if (!HasChannel(action.peer)) {  // a send on a closed channel fails at once
    deferred_.push_back(Deferred{false, action.transfer, 0});
    return;
  }
  Download d;
  d.transfer = action.transfer;
  d.peer = action.peer;
  d.key = action.key;
  d.started_us = NowUs();
  downloads_.push_back(d);
  context_.mesh->SendToPeer(*this, action.peer, action.message);
}

void PeerApp::CancelFetch(const ClientAction& action) {
  Download* download = FindDownload(action.transfer);
  if (download == nullptr) return;
  if (download->handle != kInvalidTransfer) {
    context_.mesh->transport().Cancel(download->handle);
  } else if (action.notify_peer && HasChannel(download->peer)) {
    // The uploader keeps sending until the Cancel reaches it; this side stops listening.
    context_.mesh->SendToPeer(*this, download->peer, action.message);
  }
  if (download->peer != kInvalidPeer) {
    cancelled_in_batch_.emplace_back(download->transfer, download->peer);
  }
  if (download->stream != kInvalidStream) {
    orphans_.push_back(Orphan{download->stream, context_.mesh->StreamBytes(download->stream)});
  }
  EraseDownload(action.transfer);
}

// A stream answers the newest request of that segment to that uploader (the client never has
// two at once; an older one was cancelled and its Cancel is on its way).
void PeerApp::IncomingStream(PeerId uploader, SegmentKey key, StreamId stream,
                             std::int64_t size_bytes) {
  for (auto it = downloads_.rbegin(); it != downloads_.rend(); ++it) {
    if (it->peer == uploader && it->key == key && it->stream == kInvalidStream &&
        it->final_bytes == 0) {
      it->stream = stream;
      it->size_bytes = size_bytes;
      ArmRelayWatch();  // its first step may make it relayable
      return;
    }
  }
}

void PeerApp::StreamEnded(StreamId stream, double bytes, bool complete) {
  auto orphan = std::find_if(orphans_.begin(), orphans_.end(),
                             [stream](const Orphan& o) { return o.stream == stream; });
  if (orphan != orphans_.end()) {
    discarded_bytes_ += std::max(0.0, bytes - orphan->bytes_at_cancel);
    orphans_.erase(orphan);
    return;
  }
  auto it = std::find_if(downloads_.begin(), downloads_.end(),
                         [stream](const Download& d) { return d.stream == stream; });
  if (it == downloads_.end() || ended_) return;  // cancelled by this side meanwhile
  if (!complete) {  // the sender stopped: the client learns of it from the channel or a timeout
    it->stream = kInvalidStream;
    it->final_bytes = std::max(bytes, 1.0);
    return;
  }
  const TransferId transfer = it->transfer;
  const PeerId uploader = it->peer;
  EraseDownload(transfer);
  Input();
  const std::int64_t p2p_before = client_->scheduler().stats().p2p_bytes;
  client_->OnTransferDone(NowUs(), transfer, static_cast<std::int64_t>(bytes));
  // Counted only if it delivered a segment (not a duplicate the scheduler wasted).
  const PeerApp* sender = context_.mesh->Find(uploader);
  const bool cross_isp = sender != nullptr && sender->identity().net.isp != identity_.net.isp;
  if (cross_isp && client_->scheduler().stats().p2p_bytes > p2p_before) {
    p2p_cross_isp_bytes_ += static_cast<std::int64_t>(bytes);
  }
  Process();
}

void PeerApp::ServeUpload(const ClientAction& action) {
  Upload upload;
  upload.upload = action.upload;
  upload.downloader = action.peer;
  upload.key = action.key;
  upload.offset_bytes = action.offset_bytes;
  upload.length_bytes = action.length_bytes;
  upload.partial = action.partial;
  upload.queued_bytes = upload.partial ? RelayableBytes(upload) : upload.length_bytes;
  if (HasChannel(action.peer)) {
    upload.stream = context_.mesh->StartStream(*this, action.peer, action.upload, action.key,
                                               upload.length_bytes, upload.queued_bytes);
  }
  if (upload.stream == kInvalidStream) {
    deferred_.push_back(Deferred{true, action.upload, 0});  // nobody to send to
    return;
  }
  uploads_.push_back(upload);
}

void PeerApp::StopUpload(UploadRequestId upload) {
  auto it = std::find_if(uploads_.begin(), uploads_.end(),
                         [upload](const Upload& u) { return u.upload == upload; });
  if (it == uploads_.end()) return;
  context_.mesh->StopStream(it->stream);  // reports back through UploadStreamEnded
}

void PeerApp::UploadStreamEnded(UploadRequestId upload, double bytes) {
  auto it = std::find_if(uploads_.begin(), uploads_.end(),
                         [upload](const Upload& u) { return u.upload == upload; });
  if (it == uploads_.end()) return;
  uploads_.erase(it);
  uploaded_bytes_ += bytes;
  if (ended_) return;
  deferred_.push_back(Deferred{true, upload, bytes});
  if (!processing_) Process();
}

// At the end of the session every stream this viewer sends or receives stops.
void PeerApp::DropAllTransfers() {
  for (const Download& d : downloads_) {
    if (d.handle != kInvalidTransfer) context_.mesh->transport().Cancel(d.handle);
    if (d.stream != kInvalidStream) context_.mesh->StopStream(d.stream);
  }
  downloads_.clear();
  for (const Orphan& o : orphans_) {
    discarded_bytes_ += std::max(0.0, context_.mesh->StopStream(o.stream) - o.bytes_at_cancel);
  }
  orphans_.clear();
  while (!uploads_.empty()) {
    const std::size_t before = uploads_.size();
    context_.mesh->StopStream(uploads_.front().stream);
    if (uploads_.size() == before) uploads_.erase(uploads_.begin());
  }
  deferred_.clear();
}

PeerApp::Download* PeerApp::FindDownload(TransferId transfer) {
  for (Download& d : downloads_) {
    if (d.transfer == transfer) return &d;
  }
  return nullptr;
}

void PeerApp::EraseDownload(TransferId transfer) {
  auto it = std::find_if(downloads_.begin(), downloads_.end(),
                         [transfer](const Download& d) { return d.transfer == transfer; });
  if (it != downloads_.end()) downloads_.erase(it);  // keeps request order (IncomingStream)
}

}  // namespace cdnmesh
