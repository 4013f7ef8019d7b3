// Test helper: a SQLite VFS that wraps the default one and, when armed, fails every write to a
// WAL file with SQLITE_FULL (as a full disk would), optionally holding the first failing write
// until the test releases it, so a test can act while a commit is in progress.
//
// FaultVfs installs itself as the default VFS for its lifetime (every database opened then goes
// through it; unarmed it only forwards) and restores the previous default when destroyed; close
// every database opened through it first. One FaultVfs at a time. Test-only code.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstring>
#include <mutex>

namespace aic::emulator::state::testing {

class FaultVfs {
 public:
  FaultVfs() {
    real_ = sqlite3_vfs_find(nullptr);
    std::memcpy(&vfs_, real_, sizeof vfs_);
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.zName = "aic-fault-vfs";
    vfs_.pNext = nullptr;
    vfs_.pAppData = this;
    vfs_.xOpen = &Open;
    instance_ = this;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~FaultVfs() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(real_, 1);
    instance_ = nullptr;
  }
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  // From now on WAL writes fail; with `hold`, the first one waits for Release() first.
  void Arm(bool hold) {
    std::lock_guard lock(mu_);
    armed_ = true;
    hold_ = hold;
  }
  void Disarm() {
    std::lock_guard lock(mu_);
    armed_ = false;
  }
  // Blocks until a failing write is being held.
  void WaitUntilHeld() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return held_; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    hold_ = false;
    cv_.notify_all();
  }

 private:
  struct File {
    sqlite3_file base;
    bool wal;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
  };
  static File* Of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

  // SQLITE_FULL when armed (after holding, if asked); SQLITE_OK to forward the write.
  int OnWalWrite() {
    std::unique_lock lock(mu_);
    if (!armed_) return SQLITE_OK;
    if (hold_) {
      held_ = true;
      cv_.notify_all();
      cv_.wait(lock, [this] { return !hold_; });
    }
    return SQLITE_FULL;
  }

  static int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out) {
    auto* self = static_cast<FaultVfs*>(vfs->pAppData);
    File* f = Of(file);
    f->wal = (flags & SQLITE_OPEN_WAL) != 0;
    f->real()->pMethods = nullptr;
    int rc = self->real_->xOpen(self->real_, name, f->real(), flags, out);
    // SQLite closes a file whose pMethods is set even when xOpen failed.
    f->base.pMethods = f->real()->pMethods != nullptr ? &kMethods : nullptr;
    return rc;
  }

  static const sqlite3_io_methods* R(sqlite3_file* f) { return Of(f)->real()->pMethods; }
  static sqlite3_file* F(sqlite3_file* f) { return Of(f)->real(); }

  static int Write(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
    if (Of(f)->wal && instance_ != nullptr) {
      if (int rc = instance_->OnWalWrite(); rc != SQLITE_OK) return rc;
    }
    return R(f)->xWrite(F(f), data, n, offset);
  }

  static constexpr sqlite3_io_methods kMethods = {
      3,
      [](sqlite3_file* f) { return R(f)->xClose(F(f)); },
      [](sqlite3_file* f, void* d, int n, sqlite3_int64 o) { return R(f)->xRead(F(f), d, n, o); },
      &Write,
      [](sqlite3_file* f, sqlite3_int64 size) { return R(f)->xTruncate(F(f), size); },
      [](sqlite3_file* f, int flags) { return R(f)->xSync(F(f), flags); },
      [](sqlite3_file* f, sqlite3_int64* size) { return R(f)->xFileSize(F(f), size); },
      [](sqlite3_file* f, int l) { return R(f)->xLock(F(f), l); },
      [](sqlite3_file* f, int l) { return R(f)->xUnlock(F(f), l); },
      [](sqlite3_file* f, int* out) { return R(f)->xCheckReservedLock(F(f), out); },
      [](sqlite3_file* f, int op, void* arg) { return R(f)->xFileControl(F(f), op, arg); },
      [](sqlite3_file* f) { return R(f)->xSectorSize(F(f)); },
      [](sqlite3_file* f) { return R(f)->xDeviceCharacteristics(F(f)); },
      [](sqlite3_file* f, int pg, int sz, int extend, void volatile** out) {
        return R(f)->xShmMap(F(f), pg, sz, extend, out);
      },
      [](sqlite3_file* f, int offset, int n, int flags) {
        return R(f)->xShmLock(F(f), offset, n, flags);
      },
      [](sqlite3_file* f) { R(f)->xShmBarrier(F(f)); },
      [](sqlite3_file* f, int del) { return R(f)->xShmUnmap(F(f), del); },
      [](sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return R(f)->xFetch(F(f), o, n, p); },
      [](sqlite3_file* f, sqlite3_int64 o, void* p) { return R(f)->xUnfetch(F(f), o, p); },
  };

  static inline FaultVfs* instance_ = nullptr;
  sqlite3_vfs* real_ = nullptr;
  sqlite3_vfs vfs_{};
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false;
  bool hold_ = false;
  bool held_ = false;
};

}  // namespace aic::emulator::state::testing
