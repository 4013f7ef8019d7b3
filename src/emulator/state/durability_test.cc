// An acknowledged write survives kill -9: a child process creates users on a file database and
// reports each acknowledged CreateUser through a pipe; the parent kills it with SIGKILL mid-way,
// reopens the database and finds every acknowledged user.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

constexpr int kAcksBeforeKill = 40;
constexpr int kMaxWrites = 100000;

TEST(EmuStateDurabilityTest, AcknowledgedWritesSurviveKill9) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("emu-durability-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "iam.db").string();

  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    BackendOptions options;
    options.db_path = db;
    auto backend = MakeIamBackend(options);
    if (!backend.ok()) ::_exit(2);
    for (int i = 0; i < kMaxWrites; ++i) {
      ActionRequest req;
      req.service = "iam";
      req.action = "CreateUser";
      req.params = {{"UserName", "durable" + std::to_string(i)}};
      if ((*backend)->Handle(req).http_status != 200) ::_exit(3);
      // Acknowledge i (4 bytes) only after Handle answered.
      if (::write(fds[1], &i, sizeof i) != sizeof i) ::_exit(4);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  int last = -1;
  int acks = 0;
  while (acks < kAcksBeforeKill) {
    int i = 0;
    if (::read(fds[0], &i, sizeof i) != sizeof i) break;
    last = i;
    ++acks;
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(fds[0]);
  ASSERT_EQ(acks, kAcksBeforeKill) << "the child stopped early (status " << status << ")";
  EXPECT_TRUE(WIFSIGNALED(status));

  BackendOptions options;
  options.db_path = db;
  auto backend = MakeIamBackend(options);
  ASSERT_TRUE(backend.ok()) << backend.status().ToString();
  for (int i = 0; i <= last; ++i) {
    ActionRequest req;
    req.service = "iam";
    req.action = "GetUser";
    req.params = {{"UserName", "durable" + std::to_string(i)}};
    EXPECT_EQ((*backend)->Handle(req).http_status, 200) << "acknowledged user " << i << " lost";
  }
  backend.value().reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aic::emulator::state::testing
