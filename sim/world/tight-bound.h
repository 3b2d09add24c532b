// The tight offload bound: the most peer bytes any client could have delivered in this run, as
// a maximum flow over the run's own viewers (Boost.Graph push-relabel). Viewers are grouped in
// classes per time slot: uploaders by (content, NAT type) with the upload capacity they had,
// downloaders by (content, rendition, NAT type) with the bytes they took. Flow runs from an
// uploader class in slot t to the downloader classes of the same content in slots t..t+carry
// whose NAT type it can connect to; each (content, rendition) swarm takes at most its bytes
// minus the first copy of every segment, which only the CDN can deliver. See docs/metrics.md.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/types.h"

namespace cdnmesh {

/// Bytes the viewers of one downloader class took in one slot.
struct DemandClass {
  int slot = 0;
  int swarm = 0;  ///< index into TightBoundProblem::swarm_content
  NatType nat = NatType::kOpen;
  std::int64_t bytes = 0;
};

/// Bytes the viewers of one uploader class could have sent in one slot.
struct UploadClass {
  int slot = 0;
  ContentId content = 0;
  NatType nat = NatType::kOpen;
  std::int64_t bytes = 0;
};

/// Everything the bound is computed from.
struct TightBoundProblem {
  std::vector<ContentId> swarm_content;        ///< per swarm: its content
  std::vector<std::int64_t> first_copy_bytes;  ///< per swarm: segments first delivered in it
  std::vector<DemandClass> demands;
  std::vector<UploadClass> uploads;
  /// An upload in slot t may serve demand in slots t .. t + carry_slots (transfers and
  /// prefetching span slot boundaries).
  int carry_slots = 2;
};

/// The maximum peer bytes (the max flow).
std::int64_t MaxPeerBytes(const TightBoundProblem& problem);

/// MaxPeerBytes / all demanded bytes, NaN when nothing was demanded.
double TightOffloadBound(const TightBoundProblem& problem);

}  // namespace cdnmesh
