// Each class of bad input gives an error naming the key path (and line, range, choices...).
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace cdnmesh {
namespace {

struct BadCase {
  const char* what;
  const char* yaml;
  std::vector<std::string> expected;  // substrings of the message
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.what; }

class ScenarioErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ScenarioErrorTest, MessageNamesTheProblem) {
  const BadCase& c = GetParam();
  const std::string message = LoadError(c.yaml);
  for (const std::string& part : c.expected) {
    EXPECT_NE(message.find(part), std::string::npos)
        << c.what << ": `" << part << "` missing from:\n"
        << message;
  }
}

const BadCase kCases[] = {
    {"unknown key with suggestion",
     "scheduler:\n  urgent_windw_s: 5\n",
     {"test.yaml:2:3:", "scheduler.urgent_windw_s", "unknown key",
      "did you mean `urgent_window_s`?"}},
    {"unknown section", "schedular: {}\n", {"schedular", "did you mean `scheduler`?"}},
    {"unknown key in list element",
     "isps:\n  - name: a\n    shares: 1\n",
     {"test.yaml:3:5:", "isps[0].shares", "did you mean `share`?"}},
    {"unknown distributor set key",
     "distributor: {overrides: [{set: {scheduler.uplod_slots: 1}}]}",
     {"distributor.overrides[0].set.scheduler.uplod_slots",
      "did you mean `scheduler.upload_slots`?"}},
    {"unknown distribution parameter",
     "isps: [{name: a, access: {tv: {down_bps: {medain: 1}}}}]",
     {"isps[0].access.tv.down_bps.medain", "did you mean `median`?"}},
    {"unknown key far from all", "run: {zzzzzzzzzz: 1}", {"run.zzzzzzzzzz", "allowed: seed, "}},
    {"string for a number",
     "run:\n  duration_s: long\n",
     {"test.yaml:2:15:", "run.duration_s", "expected a number (s)", "`long`"}},
    {"quoted number", "run: {seed: \"5\"}", {"run.seed", "the string \"5\""}},
    {"map for a scalar",
     "scheduler:\n  upload_slots: {a: 1}\n",
     {"test.yaml:2:17:", "scheduler.upload_slots", "got a map"}},
    {"list for a scalar", "name: [a]", {"name", "got a list"}},
    {"bool not true/false",
     "p2p:\n  enabled: yes\n",
     {"test.yaml:2:12:", "p2p.enabled", "expected true or false"}},
    {"fractional integer", "run: {seed: 1.5}", {"run.seed", "expected an integer"}},
    {"negative seed", "run: {seed: -1}", {"run.seed", "-1 is out of range", "allowed: >= 0"}},
    {"negative duration",
     "scheduler: {p2p_timeout_s: -2}",
     {"scheduler.p2p_timeout_s", "-2 s is out of range", "allowed: [0.1, 1e9] s"}},
    {"probability above 1",
     "signaling: {traversal_success_probability: 1.5}",
     {"signaling.traversal_success_probability", "allowed: [0, 1]"}},
    {"ICE timeout too long",
     "signaling: {ice_failure_timeout_s: 500}",
     {"signaling.ice_failure_timeout_s", "500 s is out of range", "allowed: [0, 120] s"}},
    {"vanish fraction above 1",
     "failures:\n  vanish_fraction: 1.5\n",
     {"test.yaml:2:20:", "failures.vanish_fraction", "allowed: [0, 1]"}},
    {"negative stall rate",
     "failures: {stall: {per_hour: -1}}",
     {"failures.stall.per_hour", "-1 1/h is out of range", "allowed: [0, 3600]"}},
    {"zero stall duration",
     "failures: {stall: {duration_s: 0}}",
     {"failures.stall.duration_s", "allowed: [1e-06, 86400] s"}},
    {"background share above 1",
     "failures: {background_upload: {share: 2}}",
     {"failures.background_upload.share", "allowed: [0, 1]"}},
    {"dead-channel timeout negative",
     "failures: {dead_channel_timeout_s: -5}",
     {"failures.dead_channel_timeout_s", "allowed: [0, 600] s"}},
    {"misspelt failures key",
     "failures: {vanish_fractoin: 0.2}",
     {"failures.vanish_fractoin", "did you mean `vanish_fraction`?"}},
    {"misspelt failures subsection",
     "failures: {stal: {per_hour: 1}}",
     {"failures.stal", "did you mean `stall`?"}},
    {"zero segment duration",
     "stream: {segment_duration_s: 0}",
     {"stream.segment_duration_s", "allowed: [0.1, 1e9] s"}},
    {"negative share", "isps: [{name: a, share: -0.5}]", {"isps[0].share", "allowed: >= 0"}},
    {"int32 overflow", "p2p: {max_connections: 1e10}", {"p2p.max_connections", "too large"}},
    {"bad enum",
     "audience: {arrivals: {kind: flash}}",
     {"audience.arrivals.kind", "unknown value `flash`", "constant, flash_crowd, csv",
      "did you mean `flash_crowd`?"}},
    {"bad tracker policy",
     "tracker: {policy: nearst}",
     {"tracker.policy", "did you mean `nearest`?"}},
    {"bad distribution kind",
     "isps: [{name: a, access: {tv: {up_bps: {dist: pareto}}}}]",
     {"isps[0].access.tv.up_bps.dist", "constant, uniform, lognormal, exponential"}},
    {"parameter of another kind",
     "isps: [{name: a, access: {tv: {up_bps: {dist: uniform, sigma: 1}}}}]",
     {"isps[0].access.tv.up_bps.sigma", "not a parameter of a uniform distribution"}},
    {"inconsistent windows",
     "scheduler: {urgent_window_s: 40}",
     {"test.yaml: scheduler.urgent_window_s: 40 is larger than scheduler.p2p_window_s (30)",
      "the urgent window must fit in the prefetch window"}},
    {"min buffer beyond window",
     "scheduler: {min_buffer_s: 31}",
     {"scheduler.min_buffer_s", "scheduler.p2p_window_s (30)"}},
    {"override window conflict",
     "distributor: {overrides: [{set: {scheduler.urgent_window_s: 31}}]}",
     {"distributor.overrides[0].set.scheduler.urgent_window_s", "larger than"}},
    {"live start outside playlist",
     "stream: {playlist_window_segments: 3}",
     {"player.live_start_behind_edge_segments", "stream.playlist_window_segments (3)"}},
    {"descending renditions",
     "stream: {renditions: [{bitrate_bps: 2e6}, {bitrate_bps: 1e6}]}",
     {"stream.renditions[1].bitrate_bps", "must exceed stream.renditions[0].bitrate_bps"}},
    {"no renditions", "stream: {renditions: []}", {"stream.renditions", "at least one"}},
    {"missing bitrate",
     "stream: {renditions: [{height_px: 720}]}",
     {"stream.renditions[0].bitrate_bps", "required"}},
    {"duplicate isp names", "isps: [{name: a}, {name: a}]", {"isps[1].name", "`a`"}},
    {"duplicate pop names", "cdn: {pops: [{name: p}, {name: p}]}", {"cdn.pops[1].name"}},
    {"unknown pop",
     "isps: [{name: a, pop: pariss}]\ncdn: {pops: [{name: paris}]}",
     {"isps[0].pop", "no PoP named `pariss`", "did you mean `paris`?"}},
    {"unknown override isp",
     "distributor: {overrides: [{isp: orange}]}",
     {"distributor.overrides[0].isp", "no ISP named `orange`"}},
    {"override device enum",
     "distributor: {overrides: [{device: phone}]}",
     {"distributor.overrides[0].device", "desktop, tv, mobile_wifi, mobile_cellular"}},
    {"zero device mix",
     "audience: {devices: {desktop: 0, tv: 0, mobile_wifi: 0, mobile_cellular: 0}}",
     {"audience.devices", "sum to 0"}},
    {"zero shares", "isps: [{name: a, share: 0}]", {"isps", "sum to 0"}},
    {"no isps", "isps: []", {"isps", "at least one ISP"}},
    {"interval beyond duration",
     "run: {duration_s: 5, timeseries_interval_s: 10}",
     {"run.timeseries_interval_s", "larger than run.duration_s (5)"}},
    {"csv kind without file",
     "audience: {arrivals: {kind: csv}}",
     {"audience.arrivals.csv", "required"}},
    {"missing csv file",
     "audience: {arrivals: {kind: csv, csv: no_such_file.csv}}",
     {"audience.arrivals.csv", "no_such_file.csv", "cannot open"}},
    {"key given twice", "run: {seed: 1}\nrun: {seed: 2}\n", {"run", "given twice"}},
    {"hybrid weights all zero",
     "tracker: {hybrid: {isp_weight: 0, distance_weight: 0, capacity_weight: 0, "
     "position_weight: 0, device_weight: 0, nat_weight: 0}}",
     {"tracker.hybrid"}},
    {"scenario not a map", "just text", {"test.yaml:1:1:", "a scenario is a map"}},
    {"yaml syntax", "run: {seed: 1\n", {"test.yaml:", "YAML syntax error"}},
    {"section not a map", "scheduler: 5", {"scheduler", "expected a map"}},
    {"list not a list", "isps: {name: a}", {"isps", "expected a list"}},
};

INSTANTIATE_TEST_SUITE_P(BadInputs, ScenarioErrorTest, ::testing::ValuesIn(kCases));

TEST(ScenarioErrorTest, SeveralErrorsAreReportedTogether) {
  const std::string message = LoadError("run: {seed: -1, duration_s: x}\nscheduler: {bad: 1}\n");
  EXPECT_NE(message.find("run.seed"), std::string::npos) << message;
  EXPECT_NE(message.find("run.duration_s"), std::string::npos) << message;
  EXPECT_NE(message.find("scheduler.bad"), std::string::npos) << message;
}

TEST(ScenarioErrorTest, MissingScenarioFile) {
  const Result<ScenarioConfig> result = LoadScenarioFile("/nonexistent/dir/s.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("/nonexistent/dir/s.yaml"), std::string::npos);
}

}  // namespace
}  // namespace cdnmesh
