// The cdnmesh-services binary: --help / --version, bad flags exit 2 naming the flag, mint-token
// prints a token the server accepts, and SIGTERM (and SIGINT) stop it gracefully: exit status 0
// with a final "stopped" log line carrying the counters, even with clients connected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/services/server_fixture.h"

namespace cdnmesh::services::testing {
namespace {

using ::testing::HasSubstr;

std::string KeyFile() {
  // Per process: CTest runs each test in its own process, possibly at the same time.
  const std::string path = ::testing::TempDir() + "/services-key-" + std::to_string(getpid());
  std::ofstream(path) << std::string(TestKey().begin(), TestKey().end()) << "\n";
  return path;
}

// Runs a shell command; its stdout+stderr and exit status.
std::pair<int, std::string> Shell(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  char chunk[4096];
  while (std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ServicesBinaryTest, HelpVersionAndBadFlags) {
  EXPECT_EQ(Shell(std::string(CDNMESH_SERVICES_BIN) + " --help").first, 0);
  EXPECT_THAT(Shell(std::string(CDNMESH_SERVICES_BIN) + " --version").second,
              HasSubstr("cdnmesh-services "));
  const auto bad = Shell(std::string(CDNMESH_SERVICES_BIN) + " --publisher-key-file " + KeyFile() +
                         " --announce-interval-s 0");
  EXPECT_EQ(bad.first, 2);
  EXPECT_THAT(bad.second, HasSubstr("--announce-interval-s: 0 is out of range [1, 3600]"));
  const std::string short_path = ::testing::TempDir() + "/short-key-" + std::to_string(getpid());
  const auto short_key = Shell("echo short > " + short_path + "; " + CDNMESH_SERVICES_BIN +
                               " --publisher-key-file " + short_path);
  EXPECT_EQ(short_key.first, 2);
  EXPECT_THAT(short_key.second, HasSubstr("at least 16 required"));
}

// Starts the binary on an ephemeral port; returns its pid, the port and the stderr log path.
pid_t StartServer(unsigned short* port, std::string* log) {
  const std::string port_file = ::testing::TempDir() + "/services-port-" + std::to_string(getpid());
  *log = port_file + ".log";
  std::remove(port_file.c_str());
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string key = KeyFile();
    std::freopen(log->c_str(), "w", stderr);
    execl(CDNMESH_SERVICES_BIN, CDNMESH_SERVICES_BIN, "--port", "0", "--port-file",
          port_file.c_str(), "--publisher-key-file", key.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && ReadFile(port_file).empty(); ++i) usleep(20'000);
  *port = static_cast<unsigned short>(std::atoi(ReadFile(port_file).c_str()));
  return pid;
}

TEST(ServicesBinaryTest, MintTokenIsAcceptedAndSigtermStopsGracefully) {
  for (const int signal : {SIGTERM, SIGINT}) {
    unsigned short port = 0;
    std::string log;
    const pid_t pid = StartServer(&port, &log);
    ASSERT_GT(port, 0);
    const auto minted = Shell(std::string(CDNMESH_SERVICES_BIN) + " mint-token --key-file " +
                              KeyFile() + " --content 7 --ttl-s 60");
    ASSERT_EQ(minted.first, 0) << minted.second;
    const std::string token = minted.second.substr(0, minted.second.find('\n'));
    EXPECT_EQ(PostJoin(port, JoinRequestWith(7, token)).status, 200);
    WsClient idle;  // connected and silent: shutdown must close it, not wait for it
    ASSERT_TRUE(idle.Connect(port, "/v1/tracker"));
    kill(pid, signal);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_FALSE(idle.Receive().has_value());
    EXPECT_TRUE(idle.closed());
    const std::string text = ReadFile(log);
    EXPECT_THAT(text, HasSubstr("\"event\":\"listening\""));
    EXPECT_THAT(text, HasSubstr("\"event\":\"stopped\""));
    EXPECT_THAT(text, HasSubstr("\"joins\":1"));
  }
}

}  // namespace
}  // namespace cdnmesh::services::testing
