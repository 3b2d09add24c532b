// The audience generator: turns an AudienceConfig into viewers to create, one per Next() call in
// join order: join and leave times, ISP, device class, NAT type, content (Zipf popularity) and
// VOD start position. All randomness comes from ns-3 random streams fixed by AssignStreams, so
// RngSeedManager's seed and run plus the same stream numbers reproduce the same audience.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/time.h"
#include "core/common/types.h"
#include "models/audience/arrival-process.h"
#include "models/audience/audience-config.h"
#include "models/audience/categorical-sampler.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

namespace cdnmesh {

/// One viewer to create: when it joins and leaves, where and what it watches.
struct ViewerSpec {
  std::int64_t index = 0;    ///< 0, 1, 2... in join order
  TimeUs join_us = 0;        ///< join time in µs, before the run end
  TimeUs leave_us = kNever;  ///< leave time in µs (may exceed run end); kNever: stays to the end
  IspId isp = 0;             ///< index into the ISP shares
  DeviceClass device = DeviceClass::kDesktop;  ///< drawn from the device mix
  NatType nat = NatType::kOpen;                ///< drawn from the NAT mix
  ContentId content = 0;                       ///< title index in [0, catalog.titles)
  DurationUs vod_start_media_us = 0;  ///< VOD: media position in µs to start at, in [0, title)
};

/// Lazily generates the viewers of a run in non-decreasing join time.
class AudienceGenerator {
 public:
  /// Number of ns-3 random streams AssignStreams uses.
  static constexpr std::int64_t kStreamCount = ArrivalProcess::kStreamCount + 8;

  /// `isp_shares` are relative weights (normalized); `title_duration_us` bounds VOD start
  /// positions; arrivals at or after `run_end_us` are not generated.
  AudienceGenerator(const AudienceConfig& config, std::vector<double> isp_shares,
                    DurationUs title_duration_us, TimeUs run_end_us);
  /// ns-3 convention: assigns random streams starting at `stream`; returns how many were used.
  std::int64_t AssignStreams(std::int64_t stream);
  /// The next viewer in non-decreasing join time; false when no more viewers join before the
  /// run ends (or max_viewers is reached).
  bool Next(ViewerSpec* out);
  /// Expected number of arrivals before run end (for reporting/progress; initial viewers
  /// included; capped at max_viewers).
  double ExpectedArrivals() const;

 private:
  TimeUs DrawLeave(TimeUs join_us);
  DurationUs DrawSession();
  DurationUs DrawVodStart();

  SessionConfig m_session;
  VodStartConfig m_vod_start;
  std::int64_t m_max_viewers;
  DurationUs m_title_duration_us;
  ArrivalProcess m_arrivals;
  CategoricalSampler m_isp;
  CategoricalSampler m_device;
  CategoricalSampler m_nat;
  CategoricalSampler m_content;
  std::int64_t m_produced = 0;  ///< viewers returned so far
  ns3::Ptr<ns3::ExponentialRandomVariable> m_session_exponential;
  ns3::Ptr<ns3::LogNormalRandomVariable> m_session_lognormal;
  ns3::Ptr<ns3::UniformRandomVariable> m_isp_uniform;
  ns3::Ptr<ns3::UniformRandomVariable> m_device_uniform;
  ns3::Ptr<ns3::UniformRandomVariable> m_nat_uniform;
  ns3::Ptr<ns3::UniformRandomVariable> m_content_uniform;
  ns3::Ptr<ns3::UniformRandomVariable> m_vod_uniform;
  ns3::Ptr<ns3::ExponentialRandomVariable> m_vod_exponential;
};

}  // namespace cdnmesh
