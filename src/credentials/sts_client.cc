#include "aws_iam_connector/sts_client.h"

#include <fmt/format.h>

#include <cctype>
#include <utility>

#include "common/text_codec.h"
#include "credentials/sts_validation.h"
#include "iam/query_client.h"
#include "iam/xml_util.h"

namespace aic {
namespace {

namespace ci = credentials_internal;

Status InvalidParam(std::string_view name, const std::string& problem) {
  return Status(ErrorCode::kInvalidInput, fmt::format("AssumeRole: {} {}", name, problem));
}

// Text of a child with every whitespace character removed (AWS documentation samples wrap
// long session tokens over several lines), as a secret.
SecretString CompactSecret(pugi::xml_node node, std::string_view name) {
  pugi::xml_node child = xml::Child(node, name);
  std::string text;
  for (const char* p = child.text().get(); *p != '\0'; ++p) {
    if (!std::isspace(static_cast<unsigned char>(*p))) text += *p;
  }
  SecretString secret(text);
  WipeString(text);
  return secret;
}

class QueryStsClient : public StsClient {
 public:
  QueryStsClient(StsClientOptions options, std::shared_ptr<HttpTransport> transport,
                 std::shared_ptr<CredentialsProvider> base)
      : query_(MakeQueryOptions(options), std::move(transport), std::move(base)) {}

  Result<AssumeRoleResult> AssumeRole(const AssumeRoleRequest& request) override {
    if (auto p = ci::CheckRoleArn(request.role_arn)) return InvalidParam("RoleArn", *p);
    if (auto p = ci::CheckRoleSessionName(request.role_session_name)) {
      return InvalidParam("RoleSessionName", *p);
    }
    if (auto p = ci::CheckExternalId(request.external_id)) return InvalidParam("ExternalId", *p);
    if (request.duration_seconds != 0) {
      if (auto p = ci::CheckDurationSeconds(request.duration_seconds)) {
        return InvalidParam("DurationSeconds", *p);
      }
    }
    QueryParams params = {{"RoleArn", request.role_arn},
                          {"RoleSessionName", request.role_session_name}};
    AddIfNotEmpty(params, "ExternalId", request.external_id);
    if (request.duration_seconds != 0) {
      params.emplace_back("DurationSeconds", std::to_string(request.duration_seconds));
    }
    auto response = query_.Call("AssumeRole", params);
    if (!response.ok()) return response.status();

    pugi::xml_node creds = xml::Child(response->result, "Credentials");
    AssumeRoleResult out;
    out.credentials.access_key_id = xml::Text(creds, "AccessKeyId");
    out.credentials.secret_access_key = CompactSecret(creds, "SecretAccessKey");
    out.credentials.session_token = CompactSecret(creds, "SessionToken");
    WipeResponseSecrets(creds);
    std::string expiration = xml::Text(creds, "Expiration");
    out.credentials.expiration = text::ParseIso8601(expiration);  // xml::Text trims
    pugi::xml_node user = xml::Child(response->result, "AssumedRoleUser");
    out.assumed_role_arn = xml::Text(user, "Arn");
    out.assumed_role_id = xml::Text(user, "AssumedRoleId");
    if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty() ||
        out.credentials.session_token.empty()) {
      return Status(ErrorCode::kInternal,
                    fmt::format("AssumeRole response (request id {}) lacks AccessKeyId, "
                                "SecretAccessKey or SessionToken",
                                response->request_id));
    }
    if (!out.credentials.expiration) {
      return Status(ErrorCode::kInternal,
                    fmt::format("AssumeRole response (request id {}) has no parsable "
                                "Expiration ('{}')",
                                response->request_id, expiration));
    }
    return out;
  }

  Result<CallerIdentity> GetCallerIdentity() override {
    auto response = query_.Call("GetCallerIdentity", {});
    if (!response.ok()) return response.status();
    CallerIdentity id;
    id.account = xml::Text(response->result, "Account");
    id.arn = xml::Text(response->result, "Arn");
    id.user_id = xml::Text(response->result, "UserId");
    if (id.arn.empty()) {
      return Status(ErrorCode::kInternal,
                    fmt::format("GetCallerIdentity response (request id {}) has no Arn",
                                response->request_id));
    }
    return id;
  }

 private:
  static QueryClientOptions MakeQueryOptions(const StsClientOptions& o) {
    QueryClientOptions q;
    q.endpoint = o.endpoint;
    q.region = o.region;
    q.service = "sts";
    q.version = std::string(kStsApiVersion);
    q.retry = o.retry;
    q.requests_per_second = o.requests_per_second;
    return q;
  }

  // Overwrites the secret text nodes of the parsed response in place (best effort: the
  // document owns a writable copy of the body).
  static void WipeResponseSecrets(pugi::xml_node creds) {
    for (std::string_view name : {"SecretAccessKey", "SessionToken"}) {
      for (pugi::xml_node n = xml::Child(creds, name).first_child(); n; n = n.next_sibling()) {
        char* value = const_cast<char*>(n.value());
        for (; *value != '\0'; ++value) *value = ' ';
      }
    }
  }

  QueryClient query_;
};

}  // namespace

std::shared_ptr<StsClient> MakeStsClient(StsClientOptions options,
                                         std::shared_ptr<HttpTransport> transport,
                                         std::shared_ptr<CredentialsProvider> base) {
  return std::make_shared<QueryStsClient>(std::move(options), std::move(transport),
                                          std::move(base));
}

}  // namespace aic
