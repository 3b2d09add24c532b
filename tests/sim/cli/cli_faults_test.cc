// The CLI under hostile input and faults: a directory as scenario, runs over budget, result
// files that cannot be written (a full disk, a file where the directory should be).
#include "cli_test_util.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace cdnmesh_cli_test;

// Runs `command` with /bin/sh (CLI path available as $CDNMESH), capturing output and status.
Outcome Shell(const std::string& command) {
  const std::string full =
      "CDNMESH='" + std::string(CDNMESH_CLI) + "' sh -c '" + command + "' 2>&1";
  Outcome outcome;
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    outcome.output.append(buffer.data(), n);
  const int raw = pclose(pipe);
  outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return outcome;
}

std::vector<std::string> FilesIn(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  if (!std::filesystem::is_directory(dir)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

TEST_F(CliTest, ADirectoryIsNotAScenario) {
  const Outcome out = Cli("validate " + dir_.string());
  EXPECT_EQ(out.status, 2) << out.output;
  EXPECT_THAT(out.output, HasSubstr("is a directory, not a scenario file"));
}

TEST_F(CliTest, ValidatePrintsTheCostEstimate) {
  const Outcome out = Cli("validate " + Scenario("live-sports.yaml"));
  EXPECT_EQ(out.status, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("estimate: ~3300 viewers"));
  EXPECT_THAT(out.output, HasSubstr("events"));
}

TEST_F(CliTest, ARunOverTheMemoryBudgetIsRefusedUnlessAllowed) {
  const std::string crowd =
      Scenario("small-swarm.yaml") + " --set audience.initial_viewers=2000000";
  for (const std::string& command :
       std::vector<std::string>{"validate ", "run --out " + (dir_ / "x").string() + " "}) {
    const Outcome out = Cli(command + crowd + " --max-memory-gb 8");
    EXPECT_EQ(out.status, 2) << command << out.output;
    EXPECT_THAT(out.output, HasSubstr("of memory"));
    EXPECT_THAT(out.output, HasSubstr("audience.initial_viewers"));
    EXPECT_THAT(out.output, HasSubstr("--force"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));
  // Enough memory, and events too: two million viewers relaying in steps are ~6e9 events.
  EXPECT_EQ(Cli("validate " + crowd + " --max-memory-gb 100 --max-events 1e10").status, 0);
  EXPECT_EQ(Cli("validate " + crowd + " --max-memory-gb 8 --force").status, 0);
}

TEST_F(CliTest, ABadBudgetFlagExitsTwo) {
  const Outcome out = Cli("validate " + Scenario("small-swarm.yaml") + " --max-events -1");
  EXPECT_EQ(out.status, 2) << out.output;
  EXPECT_THAT(out.output, HasSubstr("--max-events: `-1` is not allowed"));
}

TEST_F(CliTest, AFullDiskExitsOneNamingTheFileAndLeavesNoPartialFile) {
  // ulimit -f makes every write past 2 KiB fail (EFBIG) like a full disk; SIGXFSZ is ignored
  // so the write returns the error instead of killing the process.
  const std::filesystem::path out_dir = dir_ / "full";
  const Outcome out =
      Shell("ulimit -f 2; trap \"\" XFSZ; exec \"$CDNMESH\" run " + Scenario("small-swarm.yaml") +
            " --quiet --set run.duration_s=20 --out " + out_dir.string());
  EXPECT_EQ(out.status, 1) << out.output;
  EXPECT_THAT(out.output, HasSubstr("cannot write " + (out_dir / "summary.json").string()));
  EXPECT_THAT(FilesIn(out_dir), ::testing::IsEmpty());  // no final name, no temporary left
}

TEST_F(CliTest, AFileWhereTheOutputDirectoryShouldBeExitsOne) {
  const std::string file = Write("taken", "x");
  const Outcome out =
      Cli("run " + Scenario("small-swarm.yaml") + " --quiet --set run.duration_s=20 --out " + file);
  EXPECT_EQ(out.status, 1) << out.output;
  EXPECT_THAT(out.output, HasSubstr("cannot create the output directory " + file));
}

TEST_F(CliTest, ResultsReplaceEarlierOnesWhole) {
  const std::string run =
      "run " + Scenario("small-swarm.yaml") + " --quiet --set run.duration_s=20";
  ASSERT_EQ(Cli(run + " --seed 1 --out " + dir_.string()).status, 0);
  ASSERT_EQ(Cli(run + " --seed 2 --out " + dir_.string()).status, 0);
  EXPECT_THAT(ReadFile(dir_ / "summary.json"), HasSubstr("\"seed\": 2"));
  for (const std::string& name : FilesIn(dir_)) EXPECT_THAT(name, Not(HasSubstr(".tmp")));
}

}  // namespace
