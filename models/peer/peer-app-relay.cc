// PeerApp: relaying segments still arriving (pipelining, scheduler.relay_after_bytes).
//
// The client accepts a request for a segment it is still receiving (kServeUpload with
// `partial`); the host sends what has arrived, then each further step of relay_after_bytes as
// it arrives, as flows of one stream (MeshNetwork::ExtendStream). A real host sends each data
// frame as it comes in; steps are the simulator's granularity. The host also reports a
// download's progress when it crosses the first step, so the client can announce it.
//
// The host learns that bytes arrived at events (a flow's end) or by looking: the relay watch
// looks again when the downloads it waits on should reach their next step at their average
// rate so far, and again after that if they are late.
#include <algorithm>

#include <ns3/nstime.h>
#include <ns3/simulator.h>

#include "models/peer/peer-app.h"

namespace cdnmesh {
namespace {

TimeUs NowUs() { return ns3::Simulator::Now().GetMicroSeconds(); }

constexpr DurationUs kMinRelayWatchUs = 2 * kUsPerMs;    // never look more often than this
constexpr DurationUs kIdleRelayWatchUs = 20 * kUsPerMs;  // no byte yet: look again after this

}  // namespace

double PeerApp::DownloadBytes(const Download& d) const {
  if (d.handle != kInvalidTransfer) {
    return static_cast<double>(d.prefix_bytes) + context_.mesh->transport().BytesDelivered(d.handle);
  }
  if (d.stream != kInvalidStream) return context_.mesh->StreamBytes(d.stream);
  return d.final_bytes;
}

// Bytes of `key` this viewer could send now: all of a held segment, else the most any of its
// downloads of it has received.
std::int64_t PeerApp::ReadyBytes(SegmentKey key) const {
  const std::int64_t held = client_->scheduler().cache().SizeOf(key);
  if (held > 0) return held;
  double best = 0;
  for (const Download& d : downloads_) {
    if (d.key == key) best = std::max(best, DownloadBytes(d));
  }
  return static_cast<std::int64_t>(best);
}

std::int64_t PeerApp::RelayStepBytes() const {
  return client_ ? client_->config().scheduler.relay_after_bytes : 0;
}

// What upload `u` may have sent by now: whole steps of what is here, and the tail once the
// segment is complete.
std::int64_t PeerApp::RelayableBytes(const Upload& u) const {
  const std::int64_t end = u.offset_bytes + u.length_bytes;
  std::int64_t ready = ReadyBytes(u.key);
  const std::int64_t step = RelayStepBytes();
  if (ready < end && step > 0) ready = ready / step * step;
  return std::clamp<std::int64_t>(ready - u.offset_bytes, 0, u.length_bytes);
}

void PeerApp::RelayMore() {
  for (Upload& u : uploads_) {
    if (!u.partial || u.queued_bytes >= u.length_bytes) continue;
    const std::int64_t relayable = RelayableBytes(u);
    if (relayable <= u.queued_bytes) continue;
    context_.mesh->ExtendStream(u.stream, relayable - u.queued_bytes);
    u.queued_bytes = relayable;
  }
}

void PeerApp::ArmRelayWatch() {
  const std::int64_t step = RelayStepBytes();
  if (ended_ || step <= 0) return;
  const TimeUs now_us = NowUs();
  TimeUs when_us = kNever;
  auto watch = [&](const Download& d, double target_bytes) {
    if (d.handle == kInvalidTransfer && d.stream == kInvalidStream) return;  // nothing flows
    const double bytes = DownloadBytes(d);
    if (bytes >= target_bytes) return;
    DurationUs wait_us = kIdleRelayWatchUs;
    const DurationUs elapsed_us = now_us - d.started_us;
    const double arrived = bytes - static_cast<double>(d.prefix_bytes);  // at this rate
    if (arrived > 0 && elapsed_us > 0) {
      wait_us = static_cast<DurationUs>((target_bytes - bytes) * static_cast<double>(elapsed_us) /
                                        arrived);
    }
    when_us = std::min(when_us, now_us + std::max(wait_us, kMinRelayWatchUs));
  };
  for (const Download& d : downloads_) {
    // The client announces a download once its first step is here.
    const double first_step = static_cast<double>(
        d.size_bytes > 0 ? std::min(step, d.size_bytes) : step);
    watch(d, first_step);
  }
  for (const Upload& u : uploads_) {
    if (!u.partial || u.queued_bytes >= u.length_bytes) continue;
    const double next = static_cast<double>(u.offset_bytes + u.queued_bytes + step);
    for (const Download& d : downloads_) {
      if (d.key == u.key) watch(d, d.size_bytes > 0 ? std::min<double>(next, d.size_bytes) : next);
    }
  }
  if (when_us == relay_watch_at_us_) return;
  relay_watch_.Cancel();
  relay_watch_at_us_ = when_us;
  if (when_us == kNever) return;
  relay_watch_ =
      ns3::Simulator::Schedule(ns3::MicroSeconds(when_us - now_us), &PeerApp::OnRelayWatch, this);
}

void PeerApp::OnRelayWatch() {
  relay_watch_at_us_ = kNever;
  StreamAdvanced();
}

// Bytes arrived with no other input: the client hears of them (it announces what became
// relayable) and the relays send what they may.
void PeerApp::StreamAdvanced() {
  if (ended_) return;
  Input();
  Process();
}

}  // namespace cdnmesh
