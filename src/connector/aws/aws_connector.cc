#include "aws_iam_connector/aws_connector.h"

#include "aws_iam_connector/connector/schema.h"
#include "aws_iam_connector/credentials_factory.h"
#include "aws_iam_connector/http_transport.h"
#include "common/blocking_pool.h"
#include "connector/aws/aws_internal.h"
#include "connector/aws/permission_check.h"
#include "iam/query_client.h"

namespace aic {

using aws_internal::Ctx;
using connector::ObjectClass;
using json = nlohmann::json;

namespace {

constexpr std::string_view kDefaultIamEndpoint = "https://iam.amazonaws.com/";

Status Unsupported(ObjectClass oc, std::string_view op) {
  return Status(ErrorCode::kUnsupported, std::string(connector::ObjectClassName(oc)) +
                                             " is read-only: " + std::string(op) +
                                             " is not supported");
}

}  // namespace

Result<std::unique_ptr<AwsConnector>> AwsConnector::Create(const AwsConnectorConfig& config) {
  AIC_RETURN_IF_ERROR(ValidateAwsConnectorConfig(config));
  TransportOptions transport_options;
  transport_options.connection_timeout = std::chrono::milliseconds(config.connection_timeout_ms);
  transport_options.max_connections = config.max_connections;
  transport_options.proxy_host = config.proxy_host;
  transport_options.proxy_port = config.proxy_port;
  transport_options.proxy_username = config.proxy_username;
  transport_options.proxy_password = config.proxy_password;
  auto transport = MakeCurlTransport(transport_options);
  if (!transport.ok()) return transport.status();
  std::shared_ptr<HttpTransport> shared_transport = std::move(*transport);

  CredentialsSettings settings;
  settings.access_key_id = config.access_key_id;
  settings.secret_key = config.secret_key;
  settings.assume_role.role_arn = config.role_arn;
  settings.assume_role.external_id = config.external_id;
  if (!config.role_session_name.empty()) {
    settings.assume_role.role_session_name = config.role_session_name;
  }
  settings.assume_role.duration_seconds = config.credentials_expiration;
  if (!config.sts_endpoint.empty()) settings.sts.endpoint = config.sts_endpoint;
  settings.sts.region = config.region;
  auto setup = MakeCredentialsSetup(settings, shared_transport);
  if (!setup.ok()) return setup.status();
  auto credentials = std::make_shared<CredentialsSetup>(std::move(*setup));

  QueryClientOptions query_options;
  query_options.endpoint =
      config.endpoint.empty() ? std::string(kDefaultIamEndpoint) : config.endpoint;
  query_options.region = config.region;
  query_options.retry.max_retries = config.max_retries;
  query_options.requests_per_second = config.requests_per_second;
  auto query =
      std::make_shared<QueryClient>(query_options, shared_transport, credentials->provider);
  auto iam = std::make_shared<IamClient>(query);
  auto keep = std::make_shared<
      std::pair<std::shared_ptr<HttpTransport>, std::shared_ptr<CredentialsSetup>>>(
      shared_transport, credentials);
  std::function<Status()> check = [credentials]() -> Status {
    auto c = credentials->provider->Get();
    if (!c.ok()) {
      return c.status().WithContext(credentials->assume_role ? "AssumeRole" : "credentials");
    }
    return Status::Ok();
  };
  // sts:GetCallerIdentity with the credentials the IAM client signs with (the assumed role's
  // when roleArn is set): the principal `test` simulates.
  StsClientOptions sts_options = settings.sts;
  sts_options.retry.max_retries = config.max_retries;
  std::shared_ptr<StsClient> sts =
      MakeStsClient(sts_options, shared_transport, credentials->provider);
  std::function<Result<CallerIdentity>()> caller = [sts] { return sts->GetCallerIdentity(); };
  return std::make_unique<AwsConnector>(config, std::move(iam), std::move(keep), std::move(check),
                                        std::move(caller));
}

AwsConnector::AwsConnector(AwsConnectorConfig config, std::shared_ptr<IamClient> iam,
                           std::shared_ptr<void> keep_alive,
                           std::function<Status()> assume_role_check,
                           std::function<Result<CallerIdentity>()> caller_identity)
    : config_(std::move(config)),
      iam_(std::move(iam)),
      keep_alive_(std::move(keep_alive)),
      assume_role_check_(std::move(assume_role_check)),
      caller_identity_(std::move(caller_identity)),
      impl_(std::make_unique<Impl>()) {}

AwsConnector::~AwsConnector() = default;

connector::ConnectorOps AwsConnector::Ops() {
  connector::ConnectorOps ops;
  ops.create = this;
  ops.get = this;
  ops.update = this;
  ops.patch = this;
  ops.remove = this;
  ops.search = this;
  ops.test = this;
  return ops;
}

const connector::Schema& AwsConnector::GetSchema() const { return connector::Schema::Aws(); }

Task<Result<json>> AwsConnector::Create(ObjectClass oc,
                                        const connector::ValidatedAttributes& attributes,
                                        const connector::OperationOptions& options) {
  Ctx ctx{*iam_, config_, impl_->password_policy, impl_->cookies, impl_->credential_report};
  switch (oc) {
    case ObjectClass::kAccount:
      co_return co_await aws_internal::CreateAccount(ctx, attributes);
    case ObjectClass::kGroup:
      co_return co_await aws_internal::CreateGroup(ctx, attributes, options.attributes_to_get);
    case ObjectClass::kPolicy:
    case ObjectClass::kAll:
      break;
  }
  co_return Unsupported(oc, "create");
}

Task<Result<json>> AwsConnector::Get(ObjectClass oc, const connector::Uid& uid,
                                     const connector::OperationOptions& options) {
  Ctx ctx{*iam_, config_, impl_->password_policy, impl_->cookies, impl_->credential_report};
  auto needed = aws_internal::NeededAttributes(options.attributes_to_get, std::nullopt, {});
  switch (oc) {
    case ObjectClass::kAccount:
      co_return co_await aws_internal::ReadAccount(ctx, uid.value(), needed);
    case ObjectClass::kGroup:
      co_return co_await aws_internal::ReadGroup(ctx, uid.value(), needed);
    case ObjectClass::kPolicy:
      co_return co_await aws_internal::ReadPolicy(ctx, uid.value(), needed);
    case ObjectClass::kAll:
      break;
  }
  co_return Status(ErrorCode::kUnsupported, "__ALL__ has no objects");
}

Task<Result<json>> AwsConnector::Update(ObjectClass oc, const connector::Uid& uid,
                                        const connector::ValidatedAttributes& attributes,
                                        const connector::OperationOptions& options) {
  Ctx ctx{*iam_, config_, impl_->password_policy, impl_->cookies, impl_->credential_report};
  switch (oc) {
    case ObjectClass::kAccount:
      co_return co_await aws_internal::UpdateAccount(ctx, uid.value(), attributes,
                                                     options.attributes_to_get);
    case ObjectClass::kGroup:
      co_return co_await aws_internal::UpdateGroup(ctx, uid.value(), attributes,
                                                   options.attributes_to_get);
    case ObjectClass::kPolicy:
    case ObjectClass::kAll:
      break;
  }
  co_return Unsupported(oc, "update");
}

Task<Result<json>> AwsConnector::Patch(ObjectClass oc, const connector::Uid& uid,
                                       const std::vector<connector::PatchOperation>& operations,
                                       const connector::OperationOptions& options) {
  if (oc != ObjectClass::kAccount && oc != ObjectClass::kGroup) co_return Unsupported(oc, "patch");
  const connector::ObjectClassInfo& info = *GetSchema().Find(oc);
  // Current values of the touched fields (the password is write-only: nothing to read).
  connector::OperationOptions read;
  read.attributes_to_get.push_back("__NAME__");
  for (const auto& f : connector::PatchedFields(operations)) {
    const connector::AttributeInfo* a = info.Find(f);
    if (a != nullptr && a->readable) read.attributes_to_get.push_back(f);
  }
  json current = json::object();
  if (read.attributes_to_get.size() > 1) {
    auto got = co_await Get(oc, uid, read);
    if (!got.ok()) co_return got.status();
    current = connector::ProjectObject(*got, read.attributes_to_get);
    current.erase("_id");
    current.erase("__NAME__");
  }
  auto validated = connector::PatchToUpdate(info, operations, std::move(current), uid);
  if (!validated.ok()) co_return validated.status();
  co_return co_await Update(oc, uid, *validated, options);
}

Task<Result<json>> AwsConnector::Delete(ObjectClass oc, const connector::Uid& uid,
                                        const connector::OperationOptions& options) {
  Ctx ctx{*iam_, config_, impl_->password_policy, impl_->cookies, impl_->credential_report};
  switch (oc) {
    case ObjectClass::kAccount:
      co_return co_await aws_internal::DeleteAccount(ctx, uid.value(), options.attributes_to_get);
    case ObjectClass::kGroup:
      co_return co_await aws_internal::DeleteGroup(ctx, uid.value(), options.attributes_to_get);
    case ObjectClass::kPolicy:
    case ObjectClass::kAll:
      break;
  }
  co_return Unsupported(oc, "delete");
}

Task<Result<connector::SearchResult>> AwsConnector::Search(
    ObjectClass oc, const connector::QueryFilter& filter,
    const connector::OperationOptions& options, const connector::ResultsHandler& handler) {
  Ctx ctx{*iam_, config_, impl_->password_policy, impl_->cookies, impl_->credential_report};
  switch (oc) {
    case ObjectClass::kAccount:
      co_return co_await aws_internal::SearchAccounts(ctx, filter, options, handler);
    case ObjectClass::kGroup:
      co_return co_await aws_internal::SearchGroups(ctx, filter, options, handler);
    case ObjectClass::kPolicy:
      co_return co_await aws_internal::SearchPolicies(ctx, filter, options, handler);
    case ObjectClass::kAll:
      break;
  }
  co_return connector::SearchResult{};
}

Task<Status> AwsConnector::Test() {
  if (assume_role_check_) {  // may call STS (blocking): off the event loop
    AIC_CO_RETURN_IF_ERROR(co_await BlockingPool::Shared().Run(assume_role_check_));
  }
  // ListUsers with MaxItems=1: the cheapest call that proves the credentials and the
  // permission the connector needs most.
  const PageRequest one{"", 1};
  auto users = co_await iam_->ListUsers("", one);
  if (!users.ok()) co_return users.status().WithContext("ListUsers");
  co_return Status::Ok();
}

Task<AwsTestReport> AwsConnector::TestWithPermissions() {
  AwsTestReport report;
  report.status = co_await Test();
  // An AccessDenied proves the credentials work: the check says what else is missing.
  if (!report.status.ok() && report.status.code() != ErrorCode::kPermissionDenied) {
    report.permissions = {{"checked", false},
                          {"reason", "permissions not checked: the credentials check failed"}};
    co_return report;
  }
  PermissionCheckResult check = co_await CheckConnectorPermissions(*iam_, caller_identity_);
  report.permissions = PermissionCheckJson(check);
  if (report.status.ok() && !check.missing.empty()) {
    report.status = Status(ErrorCode::kPermissionDenied, MissingPermissionsMessage(check));
  }
  co_return report;
}

}  // namespace aic
