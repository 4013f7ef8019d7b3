// `aws-iam-connector emulator` as a process: the "listening on" line, a signed call, clean stop
// on SIGTERM and SIGINT, and bad flags.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "emulator/emulator_test_client.h"

namespace aic::emulator {
namespace {

using testing::FormPost;
using testing::MakeCredentials;
using testing::Reply;
using testing::Send;
using testing::Signed;

const std::string kBinary = std::string(AIC_BINARY_DIR) + "/aws-iam-connector";

// A child process with its stdout and stderr on pipes; killed (SIGKILL) if still running when
// the object goes.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    int out[2];
    int err[2];
    if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      dup2(err[1], STDERR_FILENO);
      close(out[0]);
      close(err[0]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(kBinary.c_str()));
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(kBinary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    close(err[1]);
    out_ = fdopen(out[0], "r");
    err_ = fdopen(err[0], "r");
  }
  ~Child() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_) fclose(out_);
    if (err_) fclose(err_);
  }

  // One line of stdout (blocks until it comes or the pipe closes).
  std::string ReadLine() { return Line(out_); }
  std::string ReadAllStderr() {
    std::string all;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, err_)) > 0) all.append(buf, n);
    return all;
  }
  void Signal(int sig) { kill(pid_, sig); }
  // The exit status, or -1 when killed by a signal.
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  static std::string Line(FILE* f) {
    std::string line;
    int c;
    while ((c = fgetc(f)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
    return line;
  }

  pid_t pid_ = -1;
  bool reaped_ = false;
  FILE* out_ = nullptr;
  FILE* err_ = nullptr;
};

int PortOf(const std::string& line) {
  std::smatch m;
  static const std::regex kListening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  if (!std::regex_match(line, m, kListening)) return -1;
  return std::stoi(m[1]);
}

TEST(EmulatorCliTest, PrintsItsPortServesAndStopsCleanlyOnSigterm) {
  for (int sig : {SIGTERM, SIGINT}) {
    Child child({"emulator", "--port", "0", "--log-level", "warn", "--admin"});
    std::string line = child.ReadLine();
    int port = PortOf(line);
    ASSERT_GT(port, 0) << "first stdout line: " << line;
    Reply r = Send(Signed(FormPost(port, "Action=GetCallerIdentity&Version=2011-06-15"),
                          MakeCredentials("test", "test"), "sts"));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Xml("Account"), "123456789012");
    child.Signal(sig);
    EXPECT_EQ(child.Wait(), 0) << "signal " << sig;
    EXPECT_EQ(child.ReadLine(), "");  // nothing else on stdout
  }
}

TEST(EmulatorCliTest, FlagsReachTheEmulator) {
  Child child({"emulator", "--port", "0", "--log-level", "off", "--account-id", "210987654321",
               "--signature-mode", "any-key", "--throttle-rate", "1"});
  int port = PortOf(child.ReadLine());
  ASSERT_GT(port, 0);
  Reply r = Send(Signed(FormPost(port, "Action=ListUsers&Version=2010-05-08"),
                        MakeCredentials("AKIAMADEUPKEY", "made-up")));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Code(), "Throttling");  // any key accepted, then throttled
  HttpRequest admin;
  admin.method = "GET";
  admin.url = testing::Url(port, "/_emulator/counters");
  EXPECT_EQ(Send(admin).status, 404);  // no --admin
  child.Signal(SIGTERM);
  EXPECT_EQ(child.Wait(), 0);
}

// --lose-answer: the write is applied, its answer is a 500; a failed request uses no count.
TEST(EmulatorCliTest, LoseAnswerFlagAppliesTheWriteAndLosesItsAnswer) {
  Child child({"emulator", "--port", "0", "--log-level", "off", "--lose-answer", "CreateUser=1"});
  int port = PortOf(child.ReadLine());
  ASSERT_GT(port, 0);
  auto call = [&](std::string form) {
    return Send(Signed(FormPost(port, std::move(form)), MakeCredentials("test", "test")));
  };
  Reply lost = call("Action=CreateUser&Version=2010-05-08&UserName=lost");
  EXPECT_EQ(lost.status, 500) << lost.body;
  EXPECT_EQ(lost.Code(), "InternalFailure");
  Reply got = call("Action=GetUser&Version=2010-05-08&UserName=lost");
  EXPECT_EQ(got.status, 200) << got.body;  // applied
  Reply again = call("Action=CreateUser&Version=2010-05-08&UserName=lost");
  EXPECT_EQ(again.Code(), "EntityAlreadyExists");
  EXPECT_EQ(call("Action=CreateUser&Version=2010-05-08&UserName=next").status, 200);
  child.Signal(SIGTERM);
  EXPECT_EQ(child.Wait(), 0);
}

TEST(EmulatorCliTest, BadFlagsGiveAClearLineAndNonZeroExit) {
  const std::vector<std::vector<std::string>> bad = {
      {"emulator", "--throttle-rate", "2"},
      {"emulator", "--signature-mode", "loose"},
      {"emulator", "--account-id", "12"},
      {"emulator", "--port", "70000"},
      {"emulator", "--threads", "0"},
      {"emulator", "--no-such-flag"},
      {"emulator", "--lose-answer", "CreateUser"},
      {"emulator", "--lose-answer", "CreateUser=0"},
      {"emulator", "--lose-answer", "Create-User=1"},
      {"emulator", "--lose-answer", "CreateUser=1001"},
  };
  for (const auto& args : bad) {
    Child child(args);
    std::string err = child.ReadAllStderr();
    EXPECT_NE(child.Wait(), 0) << args[1];
    EXPECT_FALSE(err.empty()) << args[1];
    EXPECT_EQ(child.ReadLine(), "") << args[1];  // never claims to listen
  }
  // A start failure (the database folder does not exist) is one line on stderr.
  Child child({"emulator", "--port", "0", "--db", "/nonexistent-aic-dir/state.db"});
  std::string err = child.ReadAllStderr();
  EXPECT_EQ(child.Wait(), 1);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("aws-iam-connector emulator:"), std::string::npos) << err;
}

}  // namespace
}  // namespace aic::emulator
