// End-to-end tests of the `cdnmesh` command: exit statuses, error messages naming the key path,
// result files, determinism of summary.json.
#include "cli_test_util.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using ::testing::HasSubstr;
using namespace cdnmesh_cli_test;

TEST_F(CliTest, EveryShippedScenarioValidates) {
  for (const char* name : {"live-sports.yaml", "vod-catalog.yaml", "small-swarm.yaml"}) {
    const Outcome out = Cli("validate " + Scenario(name));
    EXPECT_EQ(out.status, 0) << name << ": " << out.output;
  }
}

TEST_F(CliTest, RunWritesResultsAndSameSeedGivesIdenticalSummary) {
  const std::string common = "run " + Scenario("small-swarm.yaml") + " --quiet --set run.duration_s=60";
  const Outcome a = Cli(common + " --seed 3 --out " + (dir_ / "a").string());
  const Outcome b = Cli(common + " --seed 3 --out " + (dir_ / "b").string());
  const Outcome c = Cli(common + " --seed 4 --out " + (dir_ / "c").string());
  ASSERT_EQ(a.status, 0) << a.output;
  ASSERT_EQ(b.status, 0) << b.output;
  ASSERT_EQ(c.status, 0) << c.output;
  EXPECT_THAT(a.output, HasSubstr("offload ratio"));
  const std::string summary_a = ReadFile(dir_ / "a" / "summary.json");
  EXPECT_THAT(summary_a, HasSubstr("\"offload_ratio\""));
  EXPECT_THAT(summary_a, HasSubstr("\"theoretical_offload_bound\""));
  EXPECT_THAT(summary_a, HasSubstr("\"code_version\""));
  EXPECT_THAT(summary_a, HasSubstr("\"scenario\""));
  EXPECT_EQ(summary_a, ReadFile(dir_ / "b" / "summary.json"));
  EXPECT_NE(summary_a, ReadFile(dir_ / "c" / "summary.json"));
  EXPECT_EQ(ReadFile(dir_ / "a" / "peers.csv"), ReadFile(dir_ / "b" / "peers.csv"));
  EXPECT_THAT(ReadFile(dir_ / "a" / "timeseries.csv"), HasSubstr("start_s,end_s,viewers,cdn_egress_bps_pop"));
  EXPECT_THAT(ReadFile(dir_ / "a" / "peers.csv"), HasSubstr("id,isp,device,nat"));
}

// Takes summary.json's `"events": N` line out of `text` and returns N; -1 if there is none.
std::int64_t TakeEventCount(std::string* text) {
  const std::size_t at = text->find("\"events\": ");
  if (at == std::string::npos) return -1;
  const std::size_t start = text->rfind('\n', at) + 1;
  const std::size_t end = text->find('\n', at);
  const std::int64_t count = std::stoll(text->substr(at + 10, end - at - 10));
  text->erase(start, end - start);
  return count;
}

// The event scheduler changes speed only: every one writes byte-identical result files, but
// for the event count (with cdnmesh's bucket queue a flow's completion check is kept across
// solves that delay it, with the others it is re-scheduled at each: fewer events, same order).
TEST_F(CliTest, EveryEventQueueGivesIdenticalResults) {
  const std::string common = "run " + Scenario("live-sports.yaml") +
                             " --quiet --set run.duration_s=60 --set audience.arrivals.viewers=400"
                             " --set audience.initial_viewers=50 --out ";
  const Outcome reference = Cli(common + (dir_ / "bucket").string() + " --event-queue bucket");
  ASSERT_EQ(reference.status, 0) << reference.output;
  std::string bucket_summary = ReadFile(dir_ / "bucket" / "summary.json");
  const std::int64_t bucket_events = TakeEventCount(&bucket_summary);
  ASSERT_GT(bucket_events, 0) << bucket_summary;
  for (const std::string queue : {"priority-queue", "heap", "map", "calendar"}) {
    const Outcome out = Cli(common + (dir_ / queue).string() + " --event-queue " + queue);
    ASSERT_EQ(out.status, 0) << queue << ": " << out.output;
    std::string summary = ReadFile(dir_ / queue / "summary.json");
    EXPECT_GT(TakeEventCount(&summary), bucket_events) << queue;
    EXPECT_EQ(summary, bucket_summary) << queue;
    for (const char* file : {"timeseries.csv", "peers.csv"}) {
      EXPECT_EQ(ReadFile(dir_ / queue / file), ReadFile(dir_ / "bucket" / file))
          << queue << ": " << file;
    }
  }
  const Outcome bad = Cli(common + (dir_ / "bad").string() + " --event-queue splay");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.output, HasSubstr("--event-queue: `splay` is not allowed; expected one of "
                                    "bucket, priority-queue, heap, map, calendar"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "bad"));
}

// Huge pages for the heap (the CLI re-executes itself with glibc's tunable) change speed only.
TEST_F(CliTest, HugePagesGiveIdenticalResults) {
  const std::string common = "run " + Scenario("live-sports.yaml") +
                             " --quiet --set run.duration_s=40 --set audience.arrivals.viewers=300"
                             " --set audience.initial_viewers=30 --out ";
  const Outcome huge = Cli(common + (dir_ / "huge").string());
  setenv("CDNMESH_HUGE_PAGES", "0", 1);
  const Outcome small = Cli(common + (dir_ / "small").string());
  unsetenv("CDNMESH_HUGE_PAGES");
  ASSERT_EQ(huge.status, 0) << huge.output;
  ASSERT_EQ(small.status, 0) << small.output;
  for (const char* file : {"summary.json", "timeseries.csv", "peers.csv"}) {
    EXPECT_EQ(ReadFile(dir_ / "huge" / file), ReadFile(dir_ / "small" / file)) << file;
  }
}

TEST_F(CliTest, CdnOnlyBaselineHasZeroOffload) {
  const Outcome out = Cli("run " + Scenario("small-swarm.yaml") +
                          " --quiet --set run.duration_s=60 --set p2p.enabled=false --out " +
                          (dir_ / "cdn").string());
  ASSERT_EQ(out.status, 0) << out.output;
  EXPECT_THAT(ReadFile(dir_ / "cdn" / "summary.json"), HasSubstr("\"offload_ratio\": 0.0"));
}

// Each kind of bad input exits 2 and names the key path (and what is allowed).
TEST_F(CliTest, BadInputExitsTwoNamingTheKeyPath) {
  struct Case {
    const char* yaml;
    const char* expected;
  };
  const Case cases[] = {
      {"scheduler:\n  urgent_windw_s: 3\n", "scheduler.urgent_windw_s"},
      {"scheduler:\n  urgent_windw_s: 3\n", "urgent_window_s"},  // the suggestion
      {"run:\n  duration_s: soon\n", "run.duration_s"},
      {"signaling:\n  traversal_success_probability: 1.5\n",
       "signaling.traversal_success_probability"},
      {"scheduler:\n  urgent_window_s: 40\n  p2p_window_s: 30\n", "scheduler.urgent_window_s"},
      {"tracker:\n  policy: closest\n", "tracker.policy"},
      {"isps:\n  - name: a\n    pop: nowhere\n", "isps[0].pop"},
      {"run: [1, 2]\n", "run"},
      {"stream:\n  renditions:\n    - {bitrate_bps: 2000000}\n    - {bitrate_bps: 1000000}\n",
       "stream.renditions"},
      {"scheduler: {min_buffer_s: -1}\n", "scheduler.min_buffer_s"},
  };
  int index = 0;
  for (const Case& c : cases) {
    const std::string file = Write("bad" + std::to_string(index++) + ".yaml", c.yaml);
    for (const std::string command : {"validate ", "run --quiet "}) {
      const Outcome out = Cli(command + file);
      EXPECT_EQ(out.status, 2) << c.yaml << out.output;
      EXPECT_THAT(out.output, HasSubstr(c.expected)) << c.yaml;
    }
  }
}

TEST_F(CliTest, BadOverridesAndArgumentsExitTwo) {
  const std::string file = Scenario("small-swarm.yaml");
  Outcome out = Cli("run " + file + " --set scheduler.nope=1");
  EXPECT_EQ(out.status, 2);
  EXPECT_THAT(out.output, HasSubstr("scheduler.nope"));
  out = Cli("run " + file + " --set isps[5].share=1");
  EXPECT_EQ(out.status, 2);
  EXPECT_THAT(out.output, HasSubstr("isps[5]"));
  out = Cli("run " + file + " --seed -4");
  EXPECT_EQ(out.status, 2);
  EXPECT_THAT(out.output, HasSubstr("run.seed"));
  out = Cli("run " + (dir_ / "missing.yaml").string());
  EXPECT_EQ(out.status, 2);
  EXPECT_THAT(out.output, HasSubstr("missing.yaml"));
  out = Cli("run " + file + " --frobnicate");
  EXPECT_EQ(out.status, 2);
  out = Cli("explode");
  EXPECT_EQ(out.status, 2);
}

TEST_F(CliTest, ParamsDocumentsEveryKeyWithDefaultAndUnit) {
  const Outcome out = Cli("params");
  ASSERT_EQ(out.status, 0);
  for (const char* key : {"run.seed", "scheduler.urgent_window_s", "tracker.policy",
                          "audience.arrivals.kind", "cdn.pops", "transit.cost_per_gb",
                          "p2p.enabled", "player.startup_buffer_s"}) {
    EXPECT_THAT(out.output, HasSubstr(key));
  }
}

}  // namespace

namespace {

using ::testing::HasSubstr;
using namespace cdnmesh_cli_test;

TEST_F(CliTest, EveryCommandHasHelpAndTheToolAVersion) {
  for (const char* command : {"run", "validate", "params", "metrics"}) {
    const Outcome out = Cli(std::string(command) + " --help");
    EXPECT_EQ(out.status, 0) << command << ": " << out.output;
    EXPECT_THAT(out.output, HasSubstr(std::string("usage: cdnmesh ") + command));
  }
  const Outcome version = Cli("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_THAT(version.output, HasSubstr("cdnmesh "));
  EXPECT_EQ(Cli("frobnicate").status, 2);
  EXPECT_EQ(Cli("metrics --yaml").status, 2);
}

TEST_F(CliTest, MetricsListsTheCatalogue) {
  const Outcome json = Cli("metrics --json");
  ASSERT_EQ(json.status, 0);
  EXPECT_THAT(json.output, HasSubstr("\"name\": \"rebuffer_ratio\""));
  const Outcome markdown = Cli("metrics --markdown");
  EXPECT_THAT(markdown.output, HasSubstr("| `offload_ratio` | Offload |"));
}

// Without --out, runs that differ in a setting get different directories; none is overwritten.
TEST_F(CliTest, DefaultOutputDirectoryIsNamedByScenarioSeedAndSettings) {
  const std::string run = "cd " + dir_.string() + " && " + std::string(CDNMESH_CLI) + " run " +
                          Scenario("small-swarm.yaml") + " --quiet --set run.duration_s=30";
  ASSERT_EQ(std::system((run + " > p2p.txt").c_str()), 0);
  ASSERT_EQ(std::system((run + " --set p2p.enabled=false > cdn.txt").c_str()), 0);
  std::vector<std::string> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "runs")) {
    dirs.push_back(entry.path().filename().string());
    EXPECT_TRUE(std::filesystem::exists(entry.path() / "summary.json"));
  }
  ASSERT_EQ(dirs.size(), 2u);
  for (const std::string& name : dirs) EXPECT_EQ(name.rfind("small-swarm-seed1-", 0), 0u) << name;
  EXPECT_THAT(ReadFile(dir_ / "p2p.txt"), HasSubstr("results in runs/small-swarm-seed1-"));
}

// Outside a terminal (stderr to a file) a long run still shows progress lines while it runs.
TEST_F(CliTest, ProgressLinesAppearWhenStderrIsNotATerminal) {
  const std::string log = (dir_ / "progress.txt").string();
  // The whole live-sports run takes ~12 s here: killed after 4 s, it has not printed its last line.
  const std::string command = std::string(CDNMESH_CLI) + " run " + Scenario("live-sports.yaml") +
                              " --out " + (dir_ / "p").string() + " > /dev/null 2> " + log +
                              " & pid=$!; sleep 4; kill $pid";
  ASSERT_EQ(std::system(command.c_str()), 0) << "the run ended within 4 s";
  EXPECT_THAT(ReadFile(log), HasSubstr("| ETA"));
}

}  // namespace
