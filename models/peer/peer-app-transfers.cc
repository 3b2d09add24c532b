// PeerApp: downloads from the CDN and from peers, and uploads served to peers.
//
// A peer download: the request travels to the uploader (one-way latency); its scheduler accepts
// or refuses at once; a refusal travels back, an acceptance starts a flow whose bytes reach the
// downloader after the one-way latency. The flow's completion is delivered to the downloader,
// which releases the uploader's slot. Whoever goes away first cancels the flow and tells the
// other side, so a flow handle is never held by both sides after it is released.
#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/peer/peer-app.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

void DeliverUploadRequest(PeerDirectory* directory, PeerId to, PeerId from, TransferId transfer,
                          SegmentKey key) {
  if (PeerApp* uploader = directory->Find(to)) uploader->ReceiveUploadRequest(from, transfer, key);
}

void DeliverRefusal(PeerDirectory* directory, PeerId to, TransferId transfer, Reason reason) {
  if (PeerApp* downloader = directory->Find(to)) downloader->ReceiveRefusal(transfer, reason);
}

}  // namespace

void PeerApp::FetchFromCdn(const Action& action) {
  const Topology& topology = *context_.topology;
  topology.CdnPath(identity_.net, &path_);
  const DurationUs rtt_us = 2 * topology.CdnLatencyUs(identity_.net);
  const TransferHandle handle = context_.transport->Start(
      path_, action.size_bytes, topology.CdnFlowCapBps(identity_.net),
      context_.request_round_trips * rtt_us, this, action.transfer);
  downloads_.push_back(Download{action.transfer, handle, kInvalidPeer, 0, action.size_bytes});
}

void PeerApp::FetchFromPeer(const Action& action) {
  downloads_.push_back(Download{action.transfer, kInvalidTransfer, action.peer, 0,
                                action.size_bytes});
  PeerApp* uploader = context_.directory->Find(action.peer);
  const DurationUs latency_us = uploader != nullptr ? LatencyToUs(*uploader) : 0;
  ns3::Simulator::Schedule(ns3::MicroSeconds(latency_us), &DeliverUploadRequest,
                           context_.directory, action.peer, identity_.id, action.transfer,
                           action.key);
}

void PeerApp::ReceiveUploadRequest(PeerId from, TransferId transfer, SegmentKey key) {
  PeerApp* downloader = context_.directory->Find(from);
  if (downloader == nullptr) return;  // it left while the request travelled
  if (!IsConnected(from)) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(LatencyToUs(*downloader)), &DeliverRefusal,
                             context_.directory, from, transfer, Reason::kNone);
    return;
  }
  const UploadRequestId upload = next_upload_++;
  uploads_.push_back(Upload{upload, from, transfer, kInvalidTransfer, key});
  scheduler_->OnUploadRequest(NowUs(), upload, from, key);
  Process();
}

void PeerApp::AcceptUpload(const Action& action) {
  Upload* upload = FindUpload(action.upload);
  if (upload == nullptr) return;
  PeerApp* downloader = context_.directory->Find(upload->downloader);
  if (downloader == nullptr || !downloader->WantsDownload(upload->transfer)) {
    scheduler_->OnUploadDone(NowUs(), action.upload);
    EraseUpload(action.upload);
    return;
  }
  const Topology& topology = *context_.topology;
  topology.PeerPath(identity_.net, downloader->identity().net, &path_);
  const TransferHandle handle = context_.transport->Start(
      path_, action.size_bytes, topology.PeerFlowCapBps(identity_.net, downloader->identity().net),
      LatencyToUs(*downloader), downloader, upload->transfer);
  upload->handle = handle;
  downloader->ReceiveUploadStarted(upload->transfer, handle, action.upload);
}

void PeerApp::RejectUpload(const Action& action) {
  Upload* upload = FindUpload(action.upload);
  if (upload == nullptr) return;
  if (PeerApp* downloader = context_.directory->Find(upload->downloader)) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(LatencyToUs(*downloader)), &DeliverRefusal,
                             context_.directory, upload->downloader, upload->transfer,
                             action.reason);
  }
  EraseUpload(action.upload);
}

void PeerApp::ReceiveRefusal(TransferId transfer, Reason reason) {
  if (FindDownload(transfer) == nullptr) return;  // cancelled meanwhile
  ReportProgress();
  EraseDownload(transfer);
  scheduler_->OnTransferFailed(NowUs(), transfer, 0, reason);
  Process();
}

void PeerApp::ReceiveUploadStarted(TransferId transfer, TransferHandle handle,
                                   UploadRequestId upload) {
  Download* download = FindDownload(transfer);
  if (download == nullptr) return;  // the uploader checked WantsDownload just before
  download->handle = handle;
  download->upload = upload;
}

void PeerApp::OnTransferComplete(TransferHandle /*handle*/, std::uint64_t transfer) {
  Download* download = FindDownload(transfer);
  if (download == nullptr) return;
  bool cross_isp = false;
  const std::int64_t size_bytes = download->size_bytes;
  if (download->peer != kInvalidPeer) {
    if (PeerApp* uploader = context_.directory->Find(download->peer)) {
      uploader->ReleaseUpload(download->upload, static_cast<double>(size_bytes));
      cross_isp = uploader->identity().net.isp != identity_.net.isp;
    }
  }
  EraseDownload(transfer);
  ReportProgress();  // the other downloads' bytes, before the plan that may cancel them
  const std::int64_t p2p_before = scheduler_->stats().p2p_bytes;
  scheduler_->OnTransferDone(NowUs(), transfer);
  // Counted only if it delivered a segment (not a duplicate the scheduler wasted).
  if (cross_isp && scheduler_->stats().p2p_bytes > p2p_before) p2p_cross_isp_bytes_ += size_bytes;
  Process();
}

void PeerApp::CancelDownload(TransferId transfer) {
  Download* download = FindDownload(transfer);
  if (download == nullptr) return;
  if (download->handle != kInvalidTransfer) {
    const double bytes = context_.transport->Cancel(download->handle);
    if (download->peer != kInvalidPeer) {
      if (PeerApp* uploader = context_.directory->Find(download->peer)) {
        uploader->ReleaseUpload(download->upload, bytes);
      }
    }
  }
  EraseDownload(transfer);
}

void PeerApp::ReleaseUpload(UploadRequestId upload, double bytes) {
  if (FindUpload(upload) == nullptr) return;
  uploaded_bytes_ += bytes;
  scheduler_->OnUploadDone(NowUs(), upload);  // frees a slot; plans nothing
  EraseUpload(upload);
}

// The scheduler learns the bytes (wasted when it fails the transfer on the disconnection that
// follows); the flow is already gone.
void PeerApp::LoseDownload(TransferId transfer, double bytes) {
  if (FindDownload(transfer) == nullptr) return;
  if (!ended_) {
    scheduler_->OnTransferProgress(NowUs(), transfer, static_cast<std::int64_t>(bytes));
  }
  EraseDownload(transfer);
}

// At the end of the session: every flow this viewer takes part in stops, and the other side of
// each peer flow forgets it (its scheduler learns from the disconnection that follows).
void PeerApp::DropAllTransfers() {
  for (const Download& d : downloads_) {
    if (d.handle == kInvalidTransfer) continue;
    const double bytes = context_.transport->Cancel(d.handle);
    if (d.peer == kInvalidPeer) continue;
    if (PeerApp* uploader = context_.directory->Find(d.peer)) {
      uploader->ReleaseUpload(d.upload, bytes);
    }
  }
  downloads_.clear();
  for (const Upload& u : uploads_) {
    if (u.handle == kInvalidTransfer) continue;
    const double bytes = context_.transport->Cancel(u.handle);
    uploaded_bytes_ += bytes;
    if (PeerApp* downloader = context_.directory->Find(u.downloader)) {
      downloader->LoseDownload(u.transfer, bytes);
    }
  }
  uploads_.clear();
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
  if (it == downloads_.end()) return;
  *it = downloads_.back();
  downloads_.pop_back();
}

PeerApp::Upload* PeerApp::FindUpload(UploadRequestId upload) {
  for (Upload& u : uploads_) {
    if (u.upload == upload) return &u;
  }
  return nullptr;
}

void PeerApp::EraseUpload(UploadRequestId upload) {
  auto it = std::find_if(uploads_.begin(), uploads_.end(),
                         [upload](const Upload& u) { return u.upload == upload; });
  if (it == uploads_.end()) return;
  *it = uploads_.back();
  uploads_.pop_back();
}

}  // namespace cdnmesh
