#include "emulator/state/iam_backend.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <shared_mutex>

#include "emulator/state/action_context.h"
#include "emulator/state/iam_model.h"
#include "emulator/state/iam_store.h"
#include "emulator/state/input_validator.h"
#include "emulator/state/password_hash.h"
#include "emulator/state/request_authorizer.h"
#include "emulator/state/seed_data.h"
#include "emulator/state/usage_recorder.h"
#include "emulator/state/xml_writer.h"

namespace aic::emulator {
namespace {

using state::ActionSpec;
using state::ActionTable;
using state::Ctx;
using state::Dirty;
using state::IamState;
using state::IamStore;

constexpr std::string_view kIamVersion = "2010-05-08";
constexpr std::string_view kStsVersion = "2011-06-15";
constexpr std::string_view kServiceFailureMessage =
    "The request processing has failed because of an unknown error, exception or failure.";

class IamBackend final : public Backend {
 public:
  IamBackend(BackendOptions options, std::unique_ptr<IamStore> store)
      : options_(std::move(options)), store_(std::move(store)) {
    state::RegisterUserActions(iam_);
    state::RegisterCredentialActions(iam_);
    state::RegisterGroupActions(iam_);
    state::RegisterPolicyActions(iam_);
    state::RegisterAccountActions(iam_);
    state::RegisterRoleActions(iam_);
    state::RegisterInstanceProfileActions(iam_);
    state::RegisterIdentityProviderActions(iam_);
    state::RegisterServerCertificateActions(iam_);
    state::RegisterAccountAliasActions(iam_);
    state::RegisterMfaDeviceActions(iam_);
    state::RegisterReportActions(iam_);
    state::RegisterSimulateActions(iam_);
    state::RegisterStsActions(sts_);
    state::RegisterFederationActions(sts_);
  }

  Status Load() {
    std::unique_lock lock(mu_);
    bool empty = false;
    AIC_RETURN_IF_ERROR(store_->Load(state_, &empty));
    if (empty) return SeedLocked(options_.demo_data);
    return Status::Ok();
  }

  ActionResponse Handle(const ActionRequest& request) override {
    const bool sts = request.service == "sts";
    const ActionTable& table = sts ? sts_ : iam_;
    auto it = table.find(request.action);
    if (it == table.end()) {
      return Error(request, 400, "InvalidAction",
                   "Could not find operation " + request.action + " for version " +
                       std::string(sts ? kStsVersion : kIamVersion));
    }
    // AWS validates the input against the model before the operation runs.
    if (auto invalid = state::ValidateInput(request.service, request.action, request.params)) {
      return Error(request, 400, "ValidationError", *invalid);
    }
    const ActionSpec& spec = it->second;
    Dirty dirty;
    Ctx ctx{request, state_, dirty, options_.account_id, state::ToTime(Now())};
    // Usage goes to the recorder's buffer (no state lock, no commit); it is folded into the
    // state under the exclusive lock by the next write, by an action that reports usage, or
    // once the buffer is kUsageFlushSeconds old (see usage_recorder.h).
    usage_.Record(request, ctx.now);
    const bool fold = spec.write || usage_.Due(ctx.now) ||
                      (state::ReportsUsage(request.action) && usage_.Pending());
    if (!fold) {
      std::shared_lock lock(mu_);
      if (health_ == Health::kStateLost) return ServiceFailure(request);
      if (Status denied = AuthorizeLocked(ctx); !denied.ok()) return Finish(request, denied);
      return Finish(request, spec.handler(ctx));
    }
    // The exclusive lock is held until the change is durable (or undone): no reader, key
    // lookup included, ever sees a change before its commit succeeded.
    std::unique_lock lock(mu_);
    if (health_ == Health::kStateLost) return ServiceFailure(request);
    // A denied call changes nothing; its usage stays buffered for the next fold.
    if (Status denied = AuthorizeLocked(ctx); !denied.ok()) return Finish(request, denied);
    if (health_ == Health::kReadOnly) {
      if (spec.write) return ServiceFailure(request);
      usage_.Clear();  // nothing can be written until a restart
      return Finish(request, spec.handler(ctx));
    }
    usage_.FoldInto(state_, dirty, options_.account_id);
    // A failed handler changed nothing, so what is dirty then is the folded usage alone.
    Result<std::string> body = spec.handler(ctx);
    if (dirty.Empty()) return Finish(request, std::move(body));
    Status s = store_->Commit(state_, dirty);
    if (!s.ok()) {
      FailClosedLocked(s);
      return ServiceFailure(request);
    }
    return Finish(request, std::move(body));
  }

  std::optional<AccessKeyRecord> LookupAccessKey(std::string_view access_key_id) override {
    AccessKeyRecord r;
    r.access_key_id = std::string(access_key_id);
    r.caller.access_key_id = r.access_key_id;
    r.caller.account_id = options_.account_id;
    if (access_key_id == state::kSeedAccessKeyId) {
      r.secret_access_key = SecretString(state::kSeedSecretKey);
      r.caller.arn = "arn:aws:iam::" + options_.account_id + ":root";
      r.caller.user_id = options_.account_id;
      return r;
    }
    std::shared_lock lock(mu_);
    if (auto t = state_.temp_keys.find(r.access_key_id); t != state_.temp_keys.end()) {
      const state::TempKey& k = t->second;
      r.secret_access_key = SecretString(k.secret);
      r.session_token = SecretString(k.token);
      r.expiration = std::chrono::system_clock::time_point(std::chrono::seconds(k.expiration));
      r.active = state::ToTime(Now()) < k.expiration;
      r.caller.arn = k.arn;
      r.caller.user_id = k.user_id;
      r.caller.temporary = true;
      return r;
    }
    auto owner = state_.key_owner.find(r.access_key_id);
    if (owner == state_.key_owner.end()) return std::nullopt;
    auto u = state_.users_by_id.find(owner->second);
    if (u == state_.users_by_id.end()) return std::nullopt;
    for (const auto& key : u->second->access_keys) {
      if (key.id != r.access_key_id) continue;
      r.secret_access_key = SecretString(key.secret);
      r.active = key.status == "Active";
      r.caller.arn =
          "arn:aws:iam::" + options_.account_id + ":user" + u->second->path + u->second->name;
      r.caller.user_id = u->second->id;
      return r;
    }
    return std::nullopt;
  }

  // The password is checked under the shared lock (a hash verification is the slow part),
  // then PasswordLastUsed is recorded and committed under the exclusive lock if the login
  // profile still holds the same hash.
  Status ConsoleSignIn(std::string_view user_name, const SecretString& password) override {
    const Status denied(ErrorCode::kUnauthenticated,
                        "the user name or password is wrong, or the user has no login profile");
    std::string user_id;
    std::string hash;
    {
      std::shared_lock lock(mu_);
      if (health_ == Health::kStateLost) return Status(ErrorCode::kInternal, "state lost");
      const state::User* u = state_.FindUser(user_name);
      if (u == nullptr || !u->login) return denied;
      user_id = u->id;
      hash = u->login->password_hash;
    }
    if (!state::VerifyPassword(hash, password.Reveal())) return denied;
    std::unique_lock lock(mu_);
    if (health_ != Health::kOk) {
      return Status(ErrorCode::kInternal, "the emulator database failed; writes are refused");
    }
    auto it = state_.users_by_id.find(user_id);
    if (it == state_.users_by_id.end() || !it->second->login ||
        it->second->login->password_hash != hash) {
      return denied;
    }
    it->second->password_last_used = state::ToTime(Now());
    Dirty dirty;
    dirty.users.insert(user_id);
    usage_.FoldInto(state_, dirty, options_.account_id);
    Status s = store_->Commit(state_, dirty);
    if (!s.ok()) {
      FailClosedLocked(s);
      return Status(ErrorCode::kInternal, "recording the sign-in failed");
    }
    return Status::Ok();
  }

  Status Reset() override {
    std::unique_lock lock(mu_);
    if (health_ != Health::kOk) {
      return Status(ErrorCode::kInternal,
                    "the emulator database failed; writes are refused until a restart");
    }
    usage_.Clear();
    Status s = SeedLocked(/*demo_data=*/false);  // a reset leaves an empty account
    if (!s.ok()) FailClosedLocked(s);
    return s;
  }

 private:
  std::chrono::system_clock::time_point Now() const {
    return options_.now ? options_.now() : std::chrono::system_clock::now();
  }

  // A commit failed: the in-memory state holds a change the database does not. Back to what is
  // durable, and no more writes (a state that cannot be persisted is not served); when even
  // that reload fails, nothing is served. Needs the exclusive lock.
  void FailClosedLocked(const Status& cause) {
    bool empty = false;
    Status reloaded = store_->Load(state_, &empty);
    if (reloaded.ok()) {
      health_ = Health::kReadOnly;
      spdlog::error("{}; writes are refused until a restart, reads serve the last durable state",
                    cause.message());
      return;
    }
    health_ = Health::kStateLost;
    state_.Clear();
    spdlog::error(
        "{}; reloading the durable state failed too ({}); every call is refused until a "
        "restart",
        cause.message(), reloaded.message());
  }

  // With enforce_iam: OK, or the caller's AccessDenied. Needs mu_ (shared is enough).
  Status AuthorizeLocked(Ctx& ctx) {
    if (!options_.enforce_iam) return Status::Ok();
    return authorizer_.Authorize(ctx);
  }

  static ActionResponse ServiceFailure(const ActionRequest& request) {
    return Error(request, 500, "ServiceFailure", kServiceFailureMessage);
  }

  Status SeedLocked(bool demo_data) {
    state::SeedState(state_, options_.account_id, state::ToTime(Now()), demo_data);
    return store_->ReplaceAll(state_);
  }

  static ActionResponse Error(const ActionRequest& request, int status, std::string_view code,
                              std::string_view message) {
    ActionResponse r;
    r.http_status = status;
    r.body =
        ErrorResponseXml(request.service == "sts" ? kStsNamespace : kIamNamespace,
                         status >= 500 ? "Receiver" : "Sender", code, message, request.request_id);
    return r;
  }

  static ActionResponse Finish(const ActionRequest& request, Result<std::string> body) {
    if (body.ok()) return ActionResponse{200, std::move(body).value()};
    const Status& s = body.status();
    if (const auto& aws = s.aws()) return Error(request, aws->http_status, aws->code, aws->message);
    return Error(request, 500, "ServiceFailure", s.message());
  }

  // kOk; kReadOnly after a failed commit (reads of the reloaded durable state only);
  // kStateLost when the durable state could not be reloaded either (nothing is served).
  enum class Health { kOk, kReadOnly, kStateLost };

  BackendOptions options_;
  std::shared_mutex mu_;  // guards store_, state_ and health_ (writes hold it exclusively)
  std::unique_ptr<IamStore> store_;
  IamState state_;
  Health health_ = Health::kOk;
  state::UsageRecorder usage_;           // its own mutex; folded into state_ under mu_ (exclusive)
  state::RequestAuthorizer authorizer_;  // its policy cache has its own mutex
  ActionTable iam_;
  ActionTable sts_;
};

}  // namespace

Result<std::unique_ptr<Backend>> MakeIamBackend(const BackendOptions& options) {
  if (sodium_init() < 0) return Status(ErrorCode::kInternal, "libsodium failed to initialise");
  auto store = IamStore::Open(options.db_path);
  if (!store.ok()) return store.status();
  auto backend = std::make_unique<IamBackend>(options, std::move(store).value());
  AIC_RETURN_IF_ERROR(backend->Load());
  return std::unique_ptr<Backend>(std::move(backend));
}

}  // namespace aic::emulator
