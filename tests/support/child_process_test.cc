#include "support/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>

namespace aic::testing {
namespace {

TEST(ChildProcessTest, ReadsOutputAndStopsTheChild) {
  auto child = ChildProcess::Start({"sh", "-c", "echo ready; exec sleep 60"});
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  auto line = (*child)->ReadLine(std::chrono::seconds(10));
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(*line, "ready");
  pid_t pid = (*child)->pid();
  EXPECT_TRUE((*child)->Running());
  child.value().reset();
  EXPECT_NE(::kill(pid, 0), 0);  // gone (reaped)
}

TEST(ChildProcessTest, MissingProgramExits127) {
  auto child = ChildProcess::Start({"/nonexistent/program"});
  ASSERT_TRUE(child.ok());
  EXPECT_FALSE((*child)->ReadLine(std::chrono::seconds(10)).has_value());
  int status = (*child)->Stop();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 127);
}

TEST(ChildProcessTest, PortHelpersAndTempDir) {
  int port = PickFreePort();
  EXPECT_GT(port, 0);
  EXPECT_FALSE(WaitForPort(port, std::chrono::milliseconds(100)));
  std::string path;
  {
    TempDir dir;
    path = dir.path();
    ASSERT_FALSE(path.empty());
    EXPECT_TRUE(std::filesystem::is_directory(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace aic::testing
