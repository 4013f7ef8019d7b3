// The emulator's storage fails closed: a commit that fails is never seen (not even while it is
// in progress), the emulator then refuses writes but keeps serving the last durable state, a
// corrupt database stops the start instead of serving part of it, and the database files are
// owner-only.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "emulator/state/backend_test_util.h"
#include "emulator/state/fault_vfs_test_util.h"

namespace aic::emulator::state::testing {
namespace {

namespace fs = std::filesystem;

// How long a reader is given to run while a commit is held; the assertions do not depend on it.
constexpr std::chrono::milliseconds kReaderChance{200};
constexpr int kCorruptTestUsers = 300;

class StoreFailureTest : public BackendTest {
 public:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("emu-store-failure-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "iam.db").string();
  }
  void TearDown() override {
    backend_.reset();  // before the VFS it may have opened its database through
    vfs_.reset();
    fs::remove_all(dir_);
  }

  Result<std::unique_ptr<Backend>> Start() {
    BackendOptions options;
    options.db_path = db_;
    return MakeIamBackend(options);
  }

  fs::path dir_;
  std::string db_;
  std::optional<FaultVfs> vfs_;
};

TEST_F(StoreFailureTest, AFailedCommitIsNeverVisibleAndStopsWrites) {
  FaultVfs& vfs = vfs_.emplace();
  Open(db_);
  Ok("CreateUser", {{"UserName", "kept"}});

  vfs.Arm(/*hold=*/true);
  auto writer = std::async(std::launch::async, [&] {
    return Call("CreateUser",
                {{"UserName", "doomed"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}});
  });
  vfs.WaitUntilHeld();  // the commit of "doomed" is in progress
  auto reader = std::async(std::launch::async, [&] {
    return Call("GetUser", {{"UserName", "doomed"}});
  });
  if (reader.wait_for(kReaderChance) == std::future_status::ready) {
    EXPECT_EQ(reader.get().status, 404) << "a reader saw a change before its commit";
  }
  vfs.Release();
  Reply failed = writer.get();
  EXPECT_EQ(failed.status, 500) << failed.body;
  EXPECT_EQ(failed.Code(), "ServiceFailure");
  EXPECT_EQ(failed.Text("Error/Type"), "Receiver");
  if (reader.valid()) {
    EXPECT_EQ(reader.get().status, 404);
  }

  // The storage works again, but a state that could not be persisted is not built upon: writes
  // stay refused until a restart; reads serve the last durable state.
  vfs.Disarm();
  Err("CreateUser", {{"UserName", "after"}}, 500, "ServiceFailure");
  Err("DeleteUser", {{"UserName", "kept"}}, 500, "ServiceFailure");
  EXPECT_FALSE(backend_->Reset().ok());
  Ok("GetUser", {{"UserName", "kept"}});
  Err("GetUser", {{"UserName", "doomed"}}, 404, "NoSuchEntity");
  Reply list = Ok("ListUsers");
  EXPECT_EQ(Members(list.Node("ListUsersResult/Users")), 1) << list.body;

  // After a restart: exactly what was acknowledged, and writes again.
  backend_.reset();
  Open(db_);
  Ok("GetUser", {{"UserName", "kept"}});
  Err("GetUser", {{"UserName", "doomed"}}, 404, "NoSuchEntity");
  Err("GetUser", {{"UserName", "after"}}, 404, "NoSuchEntity");
  Ok("CreateUser", {{"UserName", "after"}});
}

TEST_F(StoreFailureTest, AFailedCommitDoesNotLeakANewAccessKeyToSignatureChecks) {
  FaultVfs& vfs = vfs_.emplace();
  Open(db_);
  Ok("CreateUser", {{"UserName", "owner"}});
  vfs.Arm(/*hold=*/false);
  Reply failed = Call("CreateAccessKey", {{"UserName", "owner"}});
  EXPECT_EQ(failed.status, 500) << failed.body;
  EXPECT_EQ(failed.body.find("AKIA"), std::string::npos);  // no key handed out
  Reply keys = Ok("ListAccessKeys", {{"UserName", "owner"}});
  EXPECT_EQ(Members(keys.Node("ListAccessKeysResult/AccessKeyMetadata")), 0) << keys.body;
}

TEST_F(StoreFailureTest, ACorruptDatabaseStopsTheStart) {
  {
    auto backend = Start();
    ASSERT_TRUE(backend.ok()) << backend.status().ToString();
    backend_ = std::move(backend).value();
    const std::string tag_value(200, 'v');
    for (int i = 0; i < kCorruptTestUsers; ++i) {
      Ok("CreateUser", {{"UserName", "user" + std::to_string(i)},
                        {"Tags.member.1.Key", "k"},
                        {"Tags.member.1.Value", tag_value}});
    }
    backend_.reset();  // the last connection checkpoints the WAL into the database and drops it
  }
  ASSERT_FALSE(fs::exists(db_ + "-wal") && fs::file_size(db_ + "-wal") > 0);
  const auto size = fs::file_size(db_);
  constexpr std::uintmax_t kPage = 4096;
  ASSERT_GT(size, 16 * kPage);
  {
    // Garbage over the last quarter of the pages: the first rows still read, later ones do not.
    std::fstream f(db_, std::ios::in | std::ios::out | std::ios::binary);
    const std::uintmax_t from = (size / kPage) * 3 / 4 * kPage;
    f.seekp(static_cast<std::streamoff>(from));
    const std::string garbage(size - from, '\xA5');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto corrupt = Start();
  ASSERT_FALSE(corrupt.ok()) << "a corrupt database was served";
  const std::string message = corrupt.status().message();
  EXPECT_NE(message.find(db_), std::string::npos) << message;
  EXPECT_NE(message.find("malformed"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;

  // Not a database at all.
  fs::remove(db_);
  std::ofstream(db_) << std::string(3 * kPage, 'x');
  auto garbage = Start();
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.status().message().find(db_), std::string::npos);
  EXPECT_NE(garbage.status().message().find("not a database"), std::string::npos)
      << garbage.status().message();
}

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST_F(StoreFailureTest, DatabaseFilesAreOwnerOnly) {
  const mode_t old_umask = ::umask(022);
  Open(db_);
  Ok("CreateUser", {{"UserName", "someone"}});
  Ok("CreateAccessKey", {{"UserName", "someone"}});
  for (const std::string& file : {db_, db_ + "-wal", db_ + "-shm"}) {
    EXPECT_EQ(ModeOf(file), 0600u) << file;
  }
  backend_.reset();

  // A database made before (or by someone else's umask) is tightened, side files too.
  for (const std::string& file : {db_, db_ + "-wal", db_ + "-shm"}) {
    if (fs::exists(file)) ::chmod(file.c_str(), 0644);
  }
  Open(db_);
  for (const std::string& file : {db_, db_ + "-wal", db_ + "-shm"}) {
    EXPECT_EQ(ModeOf(file), 0600u) << file;
  }
  Ok("GetUser", {{"UserName", "someone"}});
  ::umask(old_umask);
}

}  // namespace
}  // namespace aic::emulator::state::testing
