// Buffer-based ABR, BBA-0 (Huang et al., SIGCOMM 2014): the buffer level maps linearly to a
// bitrate between the lowest and highest rung over the cushion above a reservoir; the rendition
// only changes when that mapped rate crosses the next rung up or down (hysteresis).
#include <algorithm>
#include <cassert>
#include <memory>

#include "core/player/abr.h"

namespace cdnmesh {
namespace {

class BufferAbr final : public AbrPolicy {
 public:
  BufferAbr(const Stream& stream, BufferAbrConfig config) : stream_(stream), config_(config) {}

  void OnDownloadSample(TimeUs /*now_us*/, std::int64_t /*bytes*/,
                        DurationUs /*duration_us*/) override {}

  RenditionIndex ChooseRendition(const AbrContext& context) override {
    const int top = stream_.rendition_count() - 1;
    assert(context.current <= top);
    if (top == 0 || context.buffer_ahead_us <= config_.reservoir_us) return 0;
    if (context.buffer_ahead_us >= config_.reservoir_us + config_.cushion_us) {
      return static_cast<RenditionIndex>(top);
    }
    // Strictly between the lowest and highest bitrate here.
    const double mapped_bps = MappedBps(context.buffer_ahead_us);
    const int previous = context.current;
    const int up = std::min(previous + 1, top);
    const int down = std::max(previous - 1, 0);
    if (mapped_bps >= Bitrate(up)) {
      int r = top;
      while (Bitrate(r) >= mapped_bps) --r;  // highest rung strictly below the mapped rate
      return static_cast<RenditionIndex>(r);
    }
    if (mapped_bps <= Bitrate(down)) {
      int r = 0;
      while (Bitrate(r) <= mapped_bps) ++r;  // lowest rung strictly above the mapped rate
      return static_cast<RenditionIndex>(r);
    }
    return context.current;
  }

  std::int64_t EstimatedThroughputBps() const override { return 0; }

 private:
  double Bitrate(int r) const {
    return static_cast<double>(stream_.bitrate_bps(static_cast<RenditionIndex>(r)));
  }
  // The BBA-0 rate map f(buffer): lowest bitrate at the reservoir, highest at reservoir+cushion.
  double MappedBps(DurationUs buffer_us) const {
    const double lowest = Bitrate(0);
    const double range = Bitrate(stream_.rendition_count() - 1) - lowest;
    return lowest + range * static_cast<double>(buffer_us - config_.reservoir_us) /
                        static_cast<double>(config_.cushion_us);
  }

  const Stream& stream_;
  BufferAbrConfig config_;
};

}  // namespace

Status ValidateBufferAbrConfig(const BufferAbrConfig& config) {
  if (config.reservoir_us < 0) return Error{"reservoir_us: must be >= 0"};
  if (config.cushion_us <= 0) return Error{"cushion_us: must be > 0"};
  return {};
}

std::unique_ptr<AbrPolicy> MakeBufferAbr(const Stream& stream, BufferAbrConfig config) {
  assert(ValidateBufferAbrConfig(config).ok());
  return std::make_unique<BufferAbr>(stream, config);
}

}  // namespace cdnmesh
