// Hostile and extreme input to the scenario loader: durations finer than the clock or beyond
// what it represents, explicit YAML tags, several documents, non-file paths, control bytes in
// CSV rows, huge override key paths. Each case used to be accepted (or crash, or hang).
#include <gtest/gtest.h>

#include <string>

#include "config_test_util.h"
#include "sim/config/arrival-csv.h"

namespace cdnmesh {
namespace {

void ExpectError(const std::string& yaml, const std::vector<std::string>& parts,
                 const std::vector<std::string>& overrides = {}) {
  const std::string message = LoadError(yaml, overrides);
  for (const std::string& part : parts) {
    EXPECT_NE(message.find(part), std::string::npos) << "`" << part << "` missing from:\n"
                                                     << message;
  }
}

TEST(HostileDurations, BelowTheMicrosecondResolutionIsRefused) {
  // 1e-7 s passed "> 0" and rounded to 0 us: the run looped at t = 0 for ever.
  ExpectError("run: {timeseries_interval_s: 1e-7}",
              {"run.timeseries_interval_s", "1e-07 s", "out of range", "[0.1, 1e9] s"});
  ExpectError("scheduler: {min_buffer_s: 1e-7}",
              {"scheduler.min_buffer_s", "1e-07 s is below the clock's resolution of 1 us"});
  ExpectError("run: {duration_s: 4e-7}", {"run.duration_s", "out of range", "[1e-06, 1e9] s"});
}

TEST(HostileDurations, BeyondTheClockIsRefusedWithItsRange) {
  // 1e13 s overflowed the conversion to microseconds (undefined behaviour).
  ExpectError("run: {duration_s: 1e13}",
              {"run.duration_s: 10e12 s is out of range", "allowed: [1e-06, 1e9] s"});
  ExpectError("run: {duration_s: 1e300}", {"run.duration_s: 1e+300 s is out of range"});
  ExpectError("run: {live_on_air_s: 1e19}", {"run.live_on_air_s", "allowed: [0, 1e9] s"});
  ExpectError("scheduler: {p2p_window_s: 1e300}", {"scheduler.p2p_window_s", "[0, 1e9] s"});
}

TEST(HostileDurations, LargestDurationLoads) {
  const ScenarioConfig c = LoadOk("run: {duration_s: 1e9, timeseries_interval_s: 1e9}");
  EXPECT_EQ(c.run.duration_us, 1'000'000'000LL * kUsPerSecond);
}

TEST(HostileDurations, PeriodsHaveTheirOwnMinimum) {
  ExpectError("stream: {segment_duration_s: 0.000001}",
              {"stream.segment_duration_s", "[0.1, 1e9] s"});
  ExpectError("scheduler: {announce_interval_s: 0.000001}",
              {"scheduler.announce_interval_s", "[1, 1e9] s"});
  ExpectError("scheduler: {cdn_timeout_s: 0.000001}", {"scheduler.cdn_timeout_s", "[0.1, 1e9] s"});
  ExpectError("scheduler: {p2p_timeout_s: 0.05}", {"scheduler.p2p_timeout_s", "[0.1, 1e9] s"});
  ExpectError("distributor: {overrides: [{set: {scheduler.cdn_timeout_s: 0.01}}]}",
              {"distributor.overrides[0].set.scheduler.cdn_timeout_s", "[0.1, 1e9] s"});
}

TEST(HostileQuantities, ValuesThatOverflowTheModelsAreRefused) {
  // Each used to reach signed overflow in the models (UBSan): round trips x latency in the
  // signaling set-up, peers_per_request + 1 in the tracker, bitrate x duration in the stream.
  ExpectError("signaling: {signaling_round_trips: 2147483647}",
              {"signaling.signaling_round_trips", "[0, 100] round trips"});
  ExpectError("tracker: {peers_per_request: 2147483647}",
              {"tracker.peers_per_request", "[1, 200] peers"});
  ExpectError("signaling: {latency_s: 1e9}", {"signaling.latency_s", "[0, 60] s"});
  ExpectError("isps: [{name: a, access_latency_s: 100}]",
              {"isps[0].access_latency_s", "[0, 60] s"});
  ExpectError("stream: {renditions: [{bitrate_bps: 9e18}]}",
              {"stream.renditions[0].bitrate_bps", "(0, 1e15] bps"});
  ExpectError("scheduler: {upload_cap_bytes: 9e18}", {"scheduler.upload_cap_bytes", "1e15] bytes"});
}

TEST(HostileYaml, NonStandardOrMismatchedTagsAreRefused) {
  ExpectError("run: {seed: !!str 5}", {"run.seed", "the tag `!!str` is not allowed"});
  ExpectError("run: {duration_s: !!bool 5}", {"run.duration_s", "`!!bool`"});
  ExpectError("p2p: {enabled: !!int 1}", {"p2p.enabled", "`!!int`"});
  ExpectError("name: !custom x", {"name", "`!custom`"});
  ExpectError("run: !!seq {seed: 1}", {"run", "`!!seq`"});
  ExpectError("isps: !!map [{name: a}]", {"isps", "`!!map`"});
}

TEST(HostileYaml, StandardMatchingTagsAreAccepted) {
  const ScenarioConfig c =
      LoadOk("name: !!str hi\nrun: !!map {seed: !!int 7, duration_s: !!float 60}");
  EXPECT_EQ(c.name, "hi");
  EXPECT_EQ(c.run.seed, 7u);
  EXPECT_EQ(c.run.duration_us, 60 * kUsPerSecond);
}

TEST(HostileYaml, SeveralDocumentsAreRefused) {
  // The second document used to be ignored without a word.
  ExpectError("run: {seed: 1}\n---\nrun: {seed: 2}\n",
              {"test.yaml:", "a second YAML document starts here"});
  EXPECT_TRUE(LoadYaml("---\nrun: {seed: 1}\n").ok());
  EXPECT_TRUE(LoadYaml("").ok());
}

TEST(HostileYaml, TextThatMakesTheParserLoopIsRefused) {
  // yaml-cpp's LoadAll never returned on this (found by scenario_fuzz); Load read it as empty,
  // so the defaults would have run.
  ExpectError(",un: {duration_s: 1e;p0}\n", {"test.yaml:", "a second YAML document"});
}

TEST(HostileFiles, ADirectoryIsNotAScenario) {
  // A directory used to run the defaults.
  const Result<ScenarioConfig> result = LoadScenarioFile(::testing::TempDir());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("is a directory, not a scenario file"), std::string::npos)
      << result.error().message;
}

TEST(HostileFiles, ADeviceIsNotAScenario) {
  const Result<ScenarioConfig> result = LoadScenarioFile("/dev/zero");  // would never end
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("/dev/zero: is not a regular file"), std::string::npos)
      << result.error().message;
}

TEST(HostileFiles, ADirectoryIsNotAnArrivalCurve) {
  ExpectError("audience: {arrivals: {kind: csv, csv: " + ::testing::TempDir() + "}}",
              {"audience.arrivals.csv", "is a directory"});
}

TEST(HostileCsv, ControlBytesAreRefusedWithTheirLine) {
  const std::string nul("time_s,rate_per_s\n0,1\n5,2\0\n", 28);
  const Result<ArrivalCurve> curve = ParseArrivalCurve(nul, "c.csv");
  ASSERT_FALSE(curve.ok());
  EXPECT_EQ(curve.error().message,
            "c.csv:3: control byte 0x00 at column 4; rows are printable text");
  EXPECT_FALSE(ParseArrivalCurve("time_s,rate_per_s\n0,\x1b"
                                 "1\n",
                                 "c.csv")
                   .ok());
  EXPECT_TRUE(ParseArrivalCurve("time_s,rate_per_s\r\n0,\t1\r\n", "c.csv").ok());
}

TEST(HostileCsv, HugeTimesAndRatesAreRefused) {
  EXPECT_FALSE(ParseArrivalCurve("time_s,rate_per_s\n1e300,1\n", "c.csv").ok());
  EXPECT_FALSE(ParseArrivalCurve("time_s,rate_per_s\n0,1e300\n", "c.csv").ok());
}

TEST(HostileOverrides, AHugeKeyPathIsRefusedUpFront) {
  // 2 000 segments used to take ~110 s (merging dotted keys was cubic in the path length).
  std::string key = "scheduler";
  for (int i = 0; i < 2000; ++i) key += ".a";
  ExpectError("{}",
              {"--set " + key.substr(0, 20), "the key path is too long", "2001 keys",
               "at most 256 characters and 16 keys"},
              {key + "=1"});
}

TEST(HostileOverrides, DottedKeysOfSetMapsStillMerge) {
  const ScenarioConfig c =
      LoadOk("distributor: {overrides: [{device: tv, set: {scheduler.upload_slots: 1}}]}",
             {"distributor.overrides[0].set.scheduler.upload_slots=3"});
  ASSERT_EQ(c.distributor.overrides.size(), 1u);
  EXPECT_EQ(c.distributor.overrides[0].config.scheduler.upload_slots, 3);
}

TEST(HostileNumbers, HexAndSpecialFloatsAreNotNumbers) {
  ExpectError("run: {duration_s: 0x10}", {"run.duration_s", "expected a number (s)"});
  ExpectError("run: {duration_s: nan}", {"run.duration_s", "expected a number (s)"});
  ExpectError("run: {duration_s: inf}", {"run.duration_s", "expected a number (s)"});
  EXPECT_EQ(LoadOk("run: {duration_s: +60}").run.duration_us, 60 * kUsPerSecond);
}

}  // namespace
}  // namespace cdnmesh
