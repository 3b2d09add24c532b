// ClientNet: CDN fetches, peer downloads and the uploads that feed them, playlist loads.
#include "tests/core/client/net/client_net.h"

#include <algorithm>

namespace cdnmesh::testing {

void ClientNet::FetchFromCdn(int i, const ClientAction& a) {
  if (downloads_[i].count(a.transfer) != 0) {
    Violation("client " + std::to_string(i) + " reuses transfer id " + std::to_string(a.transfer));
  }
  const std::uint64_t token = next_token_++;
  downloads_[i][a.transfer] = Download{-1, a.key, token, false};
  if (a.key.seq > stream_.LastAvailable(now_us_)) {
    Violation("client " + std::to_string(i) + " asks the CDN for unpublished segment " +
              std::to_string(a.key.seq));
  }
  const std::int64_t size_bytes = stream_.SegmentSizeBytes(a.key);
  const std::int64_t prefix_bytes = a.offset_bytes;
  if (prefix_bytes > 0) CheckResume(i, a, size_bytes);
  const TimeUs done_us = now_us_ + config_.cdn_latency_us +
                         (size_bytes - prefix_bytes) * 8 * kUsPerSecond / config_.cdn_rate_bps;
  const TransferId transfer = a.transfer;
  const SegmentKey key = a.key;
  At(done_us, [this, i, transfer, key, token, size_bytes, prefix_bytes] {
    auto it = downloads_[i].find(transfer);
    if (it == downloads_[i].end() || it->second.token != token || gone_[i]) return;
    downloads_[i].erase(it);
    if (!stream_.IsAvailable(key.seq, now_us_)) {  // 404: not (or no longer) listed
      client(i).OnTransferFailed(now_us_, transfer, 0);
    } else {
      completions_.push_back(Completion{now_us_, i, key, -1, prefix_bytes});
      client(i).OnTransferProgress(now_us_, transfer, size_bytes, size_bytes);
      client(i).OnTransferDone(now_us_, transfer, size_bytes);
    }
    Touch(i);
  });
}

// A CDN fetch that keeps a prefix continues a peer download of the same segment cancelled in
// this batch, and keeps no more than the client was told had arrived.
void ClientNet::CheckResume(int i, const ClientAction& a, std::int64_t size_bytes) {
  const std::string who = "client " + std::to_string(i) + " transfer " + std::to_string(a.transfer);
  const auto it = cancelled_in_batch_.find(a.resumes);
  if (it == cancelled_in_batch_.end() || it->second.source < 0 || !(it->second.key == a.key)) {
    return Violation(who + " resumes " + std::to_string(a.resumes) +
                     ", not a peer download of that segment cancelled in this batch");
  }
  if (a.offset_bytes > it->second.reported_bytes || a.offset_bytes >= size_bytes) {
    Violation(who + " keeps " + std::to_string(a.offset_bytes) + " bytes of " +
              std::to_string(it->second.reported_bytes) + " that arrived");
  }
}

void ClientNet::FetchFromPeer(int i, const ClientAction& a) {
  if (downloads_[i].count(a.transfer) != 0) {
    Violation("client " + std::to_string(i) + " reuses transfer id " + std::to_string(a.transfer));
  }
  downloads_[i][a.transfer] = Download{IndexOf(a.peer), a.key, next_token_++, false};
  if (!std::holds_alternative<protocol::Request>(a.message)) {
    Violation("client " + std::to_string(i) + " fetches from a peer without a Request");
  }
  SendToPeer(i, a.peer, a.message);
}

void ClientNet::CancelFetch(int i, const ClientAction& a) {
  const auto it = downloads_[i].find(a.transfer);
  if (it != downloads_[i].end()) cancelled_in_batch_[a.transfer] = it->second;
  if (downloads_[i].erase(a.transfer) == 0) {
    Violation("client " + std::to_string(i) + " cancels unknown transfer " +
              std::to_string(a.transfer));
  }
  if (a.notify_peer) SendToPeer(i, a.peer, a.message);
}

bool ClientNet::TakeRequest(int uploader, int downloader, SegmentKey key) {
  auto& pending = requests_[uploader];
  const auto it = std::find_if(pending.begin(), pending.end(), [&](const auto& r) {
    return r.first == downloader && r.second == key;
  });
  if (it == pending.end()) return false;
  pending.erase(it);
  return true;
}

void ClientNet::ServeUpload(int i, const ClientAction& a) {
  const int j = IndexOf(a.peer);
  if (j < 0) return Violation("client " + std::to_string(i) + " uploads to an unknown peer");
  if (!TakeRequest(i, j, a.key)) {
    Violation("t=" + std::to_string(now_us_) + " client " + std::to_string(i) +
              " serves segment " + std::to_string(a.key.seq) + " to client " +
              std::to_string(j) + ", which did not ask for it");
  }
  TransferId transfer = 0;  // the downloader's matching fetch, if it still waits
  for (auto& [id, d] : downloads_[j]) {
    if (d.source == i && d.key == a.key && !d.bound) {
      d.bound = true;
      transfer = id;
      break;
    }
  }
  if (uploads_[i].count(a.upload) != 0) Violation("upload id reused");
  const auto rate = upload_rate_bps_.count(i) ? upload_rate_bps_[i] : config_.upload_rate_bps;
  const std::uint64_t token = next_token_++;
  const Upload upload{j, transfer, a.length_bytes, a.size_bytes, now_us_ + Latency(i, j), rate,
                      token};
  uploads_[i][a.upload] = upload;
  if (stalled_[i]) return;  // accepted, and not a byte will follow
  const TimeUs done_us = upload.first_byte_us + upload.length_bytes * 8 * kUsPerSecond / rate;
  const UploadRequestId id = a.upload;
  At(upload.first_byte_us + config_.progress_interval_us,
     [this, i, id, token] { UploadProgress(i, id, token); });
  At(done_us, [this, i, id, token] { UploadDone(i, id, token); });
}

std::int64_t ClientNet::BytesSent(int i, const Upload& u) {
  if (stalled_[i] || now_us_ <= u.first_byte_us) return 0;
  return std::min<std::int64_t>(u.length_bytes,
                                (now_us_ - u.first_byte_us) * u.rate_bps / 8 / kUsPerSecond);
}

void ClientNet::UploadProgress(int i, UploadRequestId id, std::uint64_t token) {
  const auto it = uploads_[i].find(id);
  if (it == uploads_[i].end() || it->second.token != token) return;
  const Upload& u = it->second;
  const std::int64_t bytes = BytesSent(i, u);
  if (bytes >= u.length_bytes) return;  // UploadDone reports the end
  const auto d = downloads_[u.downloader].find(u.transfer);
  if (d != downloads_[u.downloader].end() && ChannelOpen(i, u.downloader) && !gone_[u.downloader]) {
    d->second.reported_bytes = bytes;
    client(u.downloader).OnTransferProgress(now_us_, u.transfer, bytes, u.segment_bytes);
    Touch(u.downloader);
  }
  At(now_us_ + config_.progress_interval_us, [this, i, id, token] { UploadProgress(i, id, token); });
}

void ClientNet::UploadDone(int i, UploadRequestId id, std::uint64_t token) {
  const auto it = uploads_[i].find(id);
  if (it == uploads_[i].end() || it->second.token != token) return;
  const Upload u = it->second;
  uploads_[i].erase(it);
  const int j = u.downloader;
  const auto d = downloads_[j].find(u.transfer);
  if (d != downloads_[j].end() && ChannelOpen(i, j) && !gone_[j]) {
    completions_.push_back(Completion{now_us_, j, d->second.key, i});
    downloads_[j].erase(d);
    client(j).OnTransferProgress(now_us_, u.transfer, u.length_bytes, u.segment_bytes);
    client(j).OnTransferDone(now_us_, u.transfer, u.segment_bytes);
    Touch(j);
  }
  client(i).OnUploadDone(now_us_, id, u.length_bytes);
  Touch(i);
}

void ClientNet::StopUpload(int i, UploadRequestId id) {
  const auto it = uploads_[i].find(id);
  if (it == uploads_[i].end()) {
    return Violation("client " + std::to_string(i) + " stops upload " + std::to_string(id) +
                     ", which it is not serving");
  }
  const std::int64_t bytes = BytesSent(i, it->second);
  uploads_[i].erase(it);
  At(now_us_, [this, i, id, bytes] {
    if (gone_[i]) return;
    client(i).OnUploadDone(now_us_, id, bytes);
    Touch(i);
  });
}

void ClientNet::ReloadPlaylist(int i) {
  At(now_us_ + config_.cdn_latency_us, [this, i] {
    if (gone_[i]) return;
    const Playlist playlist{stream_.FirstAvailable(now_us_), stream_.LastAvailable(now_us_) + 1,
                            !stream_.live()};
    client(i).OnPlaylist(now_us_, playlist);
    Touch(i);
  });
}

}  // namespace cdnmesh::testing
