// Schema entries of failures.*: silent departures, uploader stalls and background uploads
// (models/peer/failure-config.h; defaults and their sources in docs/model.md, "Failures").
#include "sim/config/schema-builders.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using S = ScenarioConfig;

void AppendDepartures(std::vector<Field<S>>& f, const std::string& p) {
  f.push_back(FloatEntry<S>(
      p + "vanish_fraction", CDNMESH_REF(failures.vanish_fraction), "", ValueRange::Between(0, 1),
      "Share of session ends that are silent (crash, killed tab, lost network): the viewer sends "
      "no Leave and closes no channel; decided per viewer from its seed. The default 0.1 is an "
      "assumption (no published measurement)."));
  f.push_back(SecondsEntry<S>(
      p + "dead_channel_timeout_s", CDNMESH_REF(failures.dead_channel_timeout_us),
      ValueRange::Between(0, 600),
      "Time until a viewer with a channel to a vanished one learns the channel is dead (libwebrtc "
      "DEAD_CONNECTION_RECEIVE_TIMEOUT and RFC 7675 consent expiry: 30 s); until then its "
      "uploads to it hold their slots."));
  f.push_back(SecondsEntry<S>(
      p + "service_detection_s", CDNMESH_REF(failures.service_detection_us),
      ValueRange::Between(0, 600),
      "Time until the tracker and the signaling service notice a vanished viewer (a missed "
      "WebSocket ping or announce); until then the tracker still hands it out."));
}

void AppendEpisodes(std::vector<Field<S>>& f, const std::string& p) {
  f.push_back(FloatEntry<S>(
      p + "stall.per_hour", CDNMESH_REF(failures.stall.per_hour), "1/h",
      ValueRange::Between(0, 3600),
      "Uploader stalls (background tab throttled, CPU-starved phone) per viewer-hour, the gap "
      "from one's end to the next's start exponential; during one the viewer's uplink carries "
      "practically nothing (packet level: what is left for its ACKs). 0 = none."));
  f.push_back(SecondsEntry<S>(p + "stall.duration_s",
                              CDNMESH_REF(failures.stall.mean_duration_us),
                              ValueRange::AboveUpTo(0, 86400),
                              "Mean length of a stall (exponential)."));
  f.push_back(FloatEntry<S>(
      p + "background_upload.per_hour", CDNMESH_REF(failures.background_upload.per_hour), "1/h",
      ValueRange::Between(0, 3600),
      "Episodes per viewer-hour of the viewer's own other uploads (video call, cloud backup) "
      "sharing its uplink, gaps exponential as for stalls. 0 = none."));
  f.push_back(SecondsEntry<S>(p + "background_upload.duration_s",
                              CDNMESH_REF(failures.background_upload.mean_duration_us),
                              ValueRange::AboveUpTo(0, 86400),
                              "Mean length of a background upload (exponential)."));
  f.push_back(FloatEntry<S>(
      p + "background_upload.share", CDNMESH_REF(failures.background_upload_share), "",
      ValueRange::Between(0, 1),
      "Share of the uplink a background upload takes while it is on (a stall wins over it)."));
}

}  // namespace

void AppendFailureFields(std::vector<Field<S>>& f) {
  AppendDepartures(f, "failures.");
  AppendEpisodes(f, "failures.");
}

}  // namespace cdnmesh
