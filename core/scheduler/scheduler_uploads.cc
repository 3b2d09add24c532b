// Serving peers: a request is admitted (whole, or partial while the segment is still arriving)
// or refused with its reason; an accepted upload's end frees its slot.
#include <algorithm>

#include "core/scheduler/scheduler.h"

namespace cdnmesh {

void Scheduler::OnUploadRequest(TimeUs now_us, UploadRequestId upload, PeerId peer,
                                SegmentKey key, DurationUs deadline_us) {
  Action action;
  action.peer = peer;
  action.upload = upload;
  action.key = key;
  action.size_bytes = cache_.SizeOf(key);
  double ready_in_us = 0;  // a partial upload: until its source's last byte
  if (action.size_bytes == 0 && !stopped_) {
    if (const Transfer* source = RelaySource(key)) {
      action.size_bytes = source->size_bytes;
      action.partial = true;
      // Its uploader's promise bounds it; the rate so far does not (that uploader may admit
      // more and share its link further).
      ready_in_us = source->PromiseHolds(now_us)
                        ? static_cast<double>(source->promised_by_us - now_us)
                        : RemainingUs(*source, now_us);
    }
  }
  if (stopped_) {
    action.reason = Reason::kSessionEnded;
  } else if (action.size_bytes == 0) {
    action.reason = Reason::kNotHeld;
  } else {
    action.reason =
        uploads_.Admit(now_us, action.size_bytes, RealtimeBps(key), deadline_us, ready_in_us);
  }
  if (action.reason == Reason::kNone) {
    action.type = ActionType::kAcceptUpload;
    active_uploads_.push_back(upload);
    if (action.partial) {
      relays_.push_back(PartialUpload{upload, peer, key});
      ++stats_.relayed_uploads;
    }
    ++stats_.uploads_accepted;
    stats_.uploaded_bytes += action.size_bytes;
  } else {
    action.type = ActionType::kRejectUpload;
    ++stats_.uploads_rejected;
  }
  Emit(action);
}

void Scheduler::OnUploadDone(TimeUs /*now_us*/, UploadRequestId upload) {
  auto it = std::find(active_uploads_.begin(), active_uploads_.end(), upload);
  if (it == active_uploads_.end()) return;
  active_uploads_.erase(it);
  relays_.erase(std::remove_if(relays_.begin(), relays_.end(),
                               [upload](const PartialUpload& r) { return r.upload == upload; }),
                relays_.end());
  uploads_.Release();
}

}  // namespace cdnmesh
