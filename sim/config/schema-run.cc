// Schema entries of name, run.*, stream.* and catalog.*.
#include "sim/config/schema-list.h"
#include "sim/config/schema-tables.h"

namespace cdnmesh {
namespace {

using S = ScenarioConfig;

const std::vector<Field<Rendition>>& RenditionFields() {
  static const std::vector<Field<Rendition>> fields = [] {
    std::vector<Field<Rendition>> f;
    f.push_back(IntEntry<Rendition>("bitrate_bps", CDNMESH_REF(bitrate_bps), "bps",
                                    ValueRange::Above(0), "Average encoded bitrate."));
    f.back().required = true;
    f.push_back(IntEntry<Rendition>("height_px", CDNMESH_REF(height_px), "px",
                                    ValueRange::AtLeast(0),
                                    "Vertical resolution (informational)."));
    return f;
  }();
  return fields;
}

void AppendRun(std::vector<Field<S>>& f) {
  f.push_back(StringEntry<S>("name", CDNMESH_REF(name), "Scenario name, copied into results."));
  f.push_back(IntEntry<S>("run.seed", CDNMESH_REF(run.seed), "", ValueRange::AtLeast(0),
                          "Seed of every random stream of the run (same seed, same results)."));
  f.push_back(SecondsEntry<S>("run.duration_s", CDNMESH_REF(run.duration_us), ValueRange::Above(0),
                              "Simulated time of the run."));
  f.push_back(SecondsEntry<S>("run.timeseries_interval_s", CDNMESH_REF(run.timeseries_interval_us),
                              ValueRange::AtLeast(0.1),
                              "Width of a timeseries.csv row; at most run.duration_s."));
  f.push_back(SecondsEntry<S>(
      "run.live_on_air_s", CDNMESH_REF(run.live_on_air_us), ValueRange::AtLeast(0),
      "Live: how long the stream has been on air when the run starts (the live edge at t = 0)."));
  f.push_back(BoolEntry<S>("run.encode_messages", CDNMESH_REF(run.encode_messages),
                           "Round-trip every protocol message through the binary codec (checks "
                           "the encoding; costs time)."));
  f.push_back(SecondsEntry<S>("metrics.warmup_s", CDNMESH_REF(metrics.warmup_us),
                              ValueRange::AtLeast(0),
                              "Start of the measurement window of every summary metric; must be "
                              "below run.duration_s. The time series and peers.csv cover the "
                              "whole run."));
  f.push_back(SecondsEntry<S>("metrics.window_s", CDNMESH_REF(metrics.window_us),
                              ValueRange::AtLeast(0),
                              "Length of the measurement window; 0 = until the end of the run. "
                              "metrics.warmup_s + metrics.window_s must not exceed "
                              "run.duration_s."));
}

void AppendStream(std::vector<Field<S>>& f) {
  f.push_back(BoolEntry<S>("stream.live", CDNMESH_REF(stream.stream.live),
                           "true: live channels with a moving edge; false: VOD titles."));
  f.push_back(SecondsEntry<S>("stream.segment_duration_s",
                              CDNMESH_REF(stream.stream.segment_duration_us),
                              ValueRange::AtLeast(0.1), "Duration of every segment."));
  f.push_back(IntEntry<S>("stream.playlist_window_segments",
                          CDNMESH_REF(stream.stream.playlist_window_segments), "segments",
                          ValueRange::AtLeast(1),
                          "Live: segments listed in the playlist (older ones leave the CDN); "
                          "must exceed player.live_start_behind_edge_segments."));
  f.push_back(FloatEntry<S>(
      "stream.size_jitter_ratio", CDNMESH_REF(stream.stream.size_jitter_ratio), "",
      ValueRange::FromBelow(0, 1), "Segment sizes are uniform in bitrate*duration*(1 +/- this)."));
  f.push_back(SecondsEntry<S>("stream.packaging_delay_s", CDNMESH_REF(stream.packaging_delay_us),
                              ValueRange::AtLeast(0),
                              "Live: encoding and packaging time between a segment's end and its "
                              "publication."));
  f.push_back(SecondsEntry<S>("stream.cdn_propagation_s", CDNMESH_REF(stream.cdn_propagation_us),
                              ValueRange::AtLeast(0),
                              "Live: time for a published segment and its playlist to reach the "
                              "CDN edge."));
  f.push_back(SecondsEntry<S>("stream.vod_duration_s", CDNMESH_REF(stream.vod_duration_us),
                              ValueRange::Above(0),
                              "VOD: length of each title (segment count rounded up)."));
  f.push_back(ListEntry<Rendition>(
      "stream.renditions", CDNMESH_REF(stream.stream.ladder), &RenditionFields,
      [](const S&) { return Rendition{}; },
      "The bitrate ladder, in strictly ascending bitrate; a given list replaces the default."));
  f.back().default_text = ListDefaultText(f.back().to_json(S{}));
}

void AppendCatalog(std::vector<Field<S>>& f) {
  f.push_back(IntEntry<S>("catalog.titles", CDNMESH_REF(audience.catalog.titles), "titles",
                          ValueRange::AtLeast(1),
                          "Pieces of content (live channels or VOD titles)."));
  f.push_back(FloatEntry<S>("catalog.zipf_exponent", CDNMESH_REF(audience.catalog.zipf_exponent),
                            "", ValueRange::AtLeast(0),
                            "Popularity: P(title i) proportional to 1 / i^s, i = 1..titles."));
}

}  // namespace

void AppendRunStreamFields(std::vector<Field<ScenarioConfig>>& out) {
  AppendRun(out);
  AppendStream(out);
  AppendCatalog(out);
}

}  // namespace cdnmesh
