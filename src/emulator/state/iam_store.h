// IamStore: the SQLite persistence of IamState.
//
// One table, entity(kind, id, body) WITHOUT ROWID, one JSON row per user (with everything the
// user owns), group, managed policy, virtual MFA device, STS temporary key, and the account
// (password policy). The database runs in WAL mode with synchronous=FULL; Commit writes every
// changed entity in one transaction, so a write the emulator acknowledged survives kill -9.
// An empty path opens a private in-memory database.
//
// Errors: kInternal with SQLite's message (never a secret) when a statement fails.
// Thread safety: none; IamBackend serializes the calls (Collect needs the state lock, the
// others the store lock).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws_iam_connector/status.h"
#include "emulator/state/iam_model.h"

struct sqlite3;

namespace aic::emulator::state {

// What an action changed, by key: user ids, group ids, policy ARNs, MFA serials, temporary
// key ids, and whether the account settings changed. An id no longer in the state is deleted.
struct Dirty {
  std::set<std::string> users;
  std::set<std::string> groups;
  std::set<std::string> policies;
  std::set<std::string> mfa_devices;
  std::set<std::string> temp_keys;
  bool account = false;
  bool Empty() const {
    return users.empty() && groups.empty() && policies.empty() && mfa_devices.empty() &&
           temp_keys.empty() && !account;
  }
};

// One row to write: a body to store, or nullopt to delete (kind, id).
struct StoreRow {
  std::string kind;
  std::string id;
  std::optional<std::string> body;
};

class IamStore {
 public:
  static Result<std::unique_ptr<IamStore>> Open(const std::string& path);
  ~IamStore();
  IamStore(const IamStore&) = delete;
  IamStore& operator=(const IamStore&) = delete;

  // Replaces `state` with what the database holds; sets *empty when it holds nothing.
  Status Load(IamState& state, bool* empty);
  // The rows that store the dirty entities of `state` (pure; needs no database).
  static std::vector<StoreRow> Collect(const IamState& state, const Dirty& dirty);
  // Writes the rows in one transaction (durable when it returns OK).
  Status Write(const std::vector<StoreRow>& rows);
  // Write(Collect(state, dirty)).
  Status Commit(const IamState& state, const Dirty& dirty);
  // Writes every entity of `state`, after deleting everything, in one transaction.
  Status ReplaceAll(const IamState& state);

 private:
  explicit IamStore(sqlite3* db) : db_(db) {}
  Status Exec(const char* sql);
  Status Put(std::string_view kind, std::string_view id, const std::string& body);
  Status Delete(std::string_view kind, std::string_view id);
  Status WriteRows(const std::vector<StoreRow>& rows);

  sqlite3* db_;
};

}  // namespace aic::emulator::state
