// IamStore: the SQLite persistence of IamState.
//
// One table, entity(kind, id, body) WITHOUT ROWID, one JSON row per user (with everything the
// user owns), group, managed policy, virtual MFA device, STS temporary key, role (with its
// policies), instance profile, SAML provider, OIDC provider, server certificate,
// service-last-accessed job, principal's service usage, and the account (password policy,
// aliases, settings). Rows written by an older build (without the newer fields) still load. The
// database runs in WAL mode with synchronous=FULL; Commit writes every changed entity in one
// transaction, so a write the emulator acknowledged survives kill -9. An empty path opens a private
// in-memory database.
//
// Files: the database holds secret access keys, so Open creates it owner-only
// (kDatabaseFileMode) and takes group/other permissions away from an existing database and its
// -wal/-shm files (SQLite creates those with the database's mode). A write waits up to
// kBusyTimeoutMs for another connection's lock before it fails.
//
// Fails closed: every SQLite result is checked. Load reads the whole table or fails (a failed
// step is an error, never the end of the table) and changes `state` only when it succeeds; a
// write whose statement or COMMIT fails is rolled back and reported.
//
// Errors: kConfiguration when the file cannot be created or its permissions restricted;
// kInternal otherwise. Every message is one line, "emulator database PATH: ..." with SQLite's
// message (never a secret).
// Thread safety: none; IamBackend serializes the calls (Collect needs the state lock, the
// others the exclusive state lock).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/status.h"
#include "emulator/state/iam_model.h"

struct sqlite3;

namespace aic::emulator::state {

// What an action changed, by key (the comment on each set says which key), and whether the
// account settings changed. An id no longer in the state is deleted.
struct Dirty {
  std::set<std::string> users;
  std::set<std::string> groups;
  std::set<std::string> policies;
  std::set<std::string> mfa_devices;
  std::set<std::string> temp_keys;
  std::set<std::string> roles;                // role ids
  std::set<std::string> instance_profiles;    // instance profile ids
  std::set<std::string> saml_providers;       // ARNs
  std::set<std::string> oidc_providers;       // ARNs
  std::set<std::string> server_certificates;  // certificate ids
  std::set<std::string> access_jobs;          // job ids
  std::set<std::string> service_access;       // principal ARNs
  bool account = false;                       // password policy and AccountSettings
  bool Empty() const {
    return users.empty() && groups.empty() && policies.empty() && mfa_devices.empty() &&
           temp_keys.empty() && roles.empty() && instance_profiles.empty() &&
           saml_providers.empty() && oidc_providers.empty() && server_certificates.empty() &&
           access_jobs.empty() && service_access.empty() && !account;
  }
};

// One row to write: a body to store, or nullopt to delete (kind, id).
struct StoreRow {
  std::string kind;
  std::string id;
  std::optional<std::string> body;
};

// Permissions of the database file (and so of its -wal and -shm files).
inline constexpr unsigned kDatabaseFileMode = 0600;
// How long a write waits for a lock held by another connection before it fails.
inline constexpr int kBusyTimeoutMs = 5000;

class IamStore {
 public:
  static Result<std::unique_ptr<IamStore>> Open(const std::string& path);
  ~IamStore();
  IamStore(const IamStore&) = delete;
  IamStore& operator=(const IamStore&) = delete;

  // Replaces `state` with what the database holds and sets *empty when it holds nothing; on
  // an error leaves both untouched.
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
  IamStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  // kInternal "emulator database PATH: [what: ]<SQLite's last error>".
  Status Error(std::string_view what = {}) const;
  Status Exec(const char* sql);
  // Runs one statement with (kind, id[, body]) bound; OK when it is SQLITE_DONE.
  Status Step(const char* sql, std::string_view kind, std::string_view id, const std::string* body);
  Status Put(std::string_view kind, std::string_view id, const std::string& body);
  Status Delete(std::string_view kind, std::string_view id);
  Status WriteRows(const std::vector<StoreRow>& rows);
  // COMMIT after `written` succeeded; ROLLBACK when anything failed. Returns the first error.
  Status Finish(Status written);

  sqlite3* db_;
  std::string path_;  // for messages; ":memory:" when in memory
};

}  // namespace aic::emulator::state
