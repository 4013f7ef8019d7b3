// Parsing of Query protocol response bodies and the AWS error-code mapping (declared in
// query_client.h).
#include <string>

#include "common/text_codec.h"
#include "iam/query_client.h"
#include "iam/xml_util.h"

namespace aic {
namespace {

// Longest "service:Action" taken from an AccessDenied message (IAM action names are at most 128).
constexpr std::size_t kMaxNamedActionChars = 128 + 16;

// Longest snippet of an unparseable body quoted in an error message.
constexpr std::size_t kBodySnippetChars = 120;

std::string Snippet(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, kBodySnippetChars)) {
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (body.size() > kBodySnippetChars) out += "...";
  return out;
}

bool Parse(pugi::xml_document& doc, std::string_view body, std::string& error) {
  if (text::TrimAsciiSpace(body).empty()) {
    error = "empty body";
    return false;
  }
  if (body.size() > kQueryMaxResponseBytes) {
    error = "body larger than " + std::to_string(kQueryMaxResponseBytes) + " bytes";
    return false;
  }
  // parse_default without DOCTYPE processing; pugixml never fetches external entities.
  pugi::xml_parse_result r =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) {
    error = std::string("malformed XML (") + r.description() + " at offset " +
            std::to_string(r.offset) + ")";
    return false;
  }
  if (!doc.document_element()) {
    error = "no root element";
    return false;
  }
  return true;
}

}  // namespace

ErrorCode MapAwsErrorCode(std::string_view code, int http_status) {
  if (code == "NoSuchEntity") return ErrorCode::kUnknownUid;
  if (code == "EntityAlreadyExists") return ErrorCode::kAlreadyExists;
  if (code == "DeleteConflict" || code == "ConcurrentModification") return ErrorCode::kConflict;
  if (code == "LimitExceeded") return ErrorCode::kLimitExceeded;
  if (code == "PasswordPolicyViolation") return ErrorCode::kPasswordPolicyViolation;
  if (code == "InvalidInput" || code == "ValidationError" || code == "MalformedPolicyDocument" ||
      code == "PolicyNotAttachable" || code == "InvalidParameterValue" ||
      code == "PackedPolicyTooLarge") {
    return ErrorCode::kInvalidAttributeValue;
  }
  if (code == "AccessDenied" || code == "AccessDeniedException" ||
      code == "UnauthorizedOperation" || code == "UnmodifiableEntity" ||
      code == "RegionDisabledException") {
    return ErrorCode::kPermissionDenied;
  }
  if (code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" || code == "ExpiredToken" ||
      code == "ExpiredTokenException" || code == "IncompleteSignature" ||
      code == "MissingAuthenticationToken" || code == "RequestExpired" || code == "AuthFailure" ||
      code == "UnrecognizedClientException") {
    return ErrorCode::kUnauthenticated;
  }
  if (code == "InvalidAction" || code == "MissingAction" || code == "MissingParameter" ||
      code == "InvalidQueryParameter" || code == "MalformedQueryString") {
    return ErrorCode::kInvalidInput;
  }
  if (code == "NotSupportedService" || code == "InvalidUserType") return ErrorCode::kUnsupported;
  if (IsRetryableAwsError(code, http_status)) return ErrorCode::kRetryable;
  if (http_status == 404) return ErrorCode::kUnknownUid;
  if (http_status == 409) return ErrorCode::kConflict;
  if (http_status == 401) return ErrorCode::kUnauthenticated;
  if (http_status == 403) return ErrorCode::kPermissionDenied;
  if (http_status >= 400 && http_status < 500) return ErrorCode::kInvalidInput;
  return ErrorCode::kInternal;
}

bool IsRetryableAwsError(std::string_view code, int http_status) {
  return IsRetryableAwsCode(code) || code == "RequestTimeout" ||
         code == "RequestTimeoutException" || code == "IDPCommunicationError" ||
         http_status >= 500 || http_status == 429;
}

Status ParseQueryError(std::string_view action, int http_status, std::string_view body) {
  AwsErrorDetail detail;
  detail.action = std::string(action);
  detail.http_status = http_status;
  pugi::xml_document doc;
  std::string parse_error;
  pugi::xml_node root;
  if (Parse(doc, body, parse_error)) root = doc.document_element();
  // <ErrorResponse><Error>...</Error><RequestId/></ErrorResponse>; tolerate a bare <Error> root
  // and <Response><Errors><Error> (EC2 style) too.
  pugi::xml_node error;
  if (root) {
    if (xml::LocalName(root) == "Error") {
      error = root;
    } else {
      error = xml::Child(root, "Error");
      if (!error) error = xml::Child(xml::Child(root, "Errors"), "Error");
    }
  }
  if (!error) {
    ErrorCode code = (http_status >= 500 || http_status == 429) ? ErrorCode::kRetryable
                     : http_status >= 400                       ? MapAwsErrorCode("", http_status)
                                                                : ErrorCode::kInternal;
    std::string why =
        root ? "an unexpected <" + std::string(xml::LocalName(root)) + "> document" : parse_error;
    if (code == ErrorCode::kInternal || !root) {
      // Keep the status-based code for 4xx/5xx bodies we cannot read, but say what we saw.
      return Status(code,
                    std::string(action) + ": HTTP " + std::to_string(http_status) +
                        " with an unreadable error body: " + why + ": \"" + Snippet(body) + "\"",
                    detail);
    }
    return Status(code, std::string(action) + ": HTTP " + std::to_string(http_status) + ": " + why,
                  detail);
  }
  detail.type = xml::Text(error, "Type");
  detail.code = xml::Text(error, "Code");
  detail.message = xml::Text(error, "Message");
  detail.request_id = xml::Text(root, "RequestId");
  if (detail.request_id.empty()) detail.request_id = xml::Text(error, "RequestId");
  if (detail.request_id.empty()) {
    detail.request_id = xml::Text(xml::Child(root, "ResponseMetadata"), "RequestId");
  }
  ErrorCode code = MapAwsErrorCode(detail.code, http_status);
  std::string message = detail.message.empty() ? detail.code : detail.message;
  return Status(code, std::move(message), std::move(detail));
}

Status NameRefusedAction(std::string_view service, Status error) {
  if (error.code() != ErrorCode::kPermissionDenied || !error.aws()) return error;
  const AwsErrorDetail& aws = *error.aws();
  if (aws.code != "AccessDenied" && aws.code != "AccessDeniedException" &&
      aws.code != "UnauthorizedOperation") {
    return error;
  }
  // AWS's message names the permission it checked ("... is not authorized to perform:
  // iam:TagUser on resource: ..."), which may differ from the action called (CreateUser with
  // Tags also needs iam:TagUser); the call's own action otherwise.
  std::string refused = std::string(service) + ":" + aws.action;
  constexpr std::string_view kPerform = "not authorized to perform: ";
  if (auto at = aws.message.find(kPerform); at != std::string::npos) {
    std::string_view named = std::string_view(aws.message).substr(at + kPerform.size());
    named = named.substr(0, named.find_first_of(" ,;\n"));
    if (named.find(':') != std::string_view::npos && named.size() <= kMaxNamedActionChars) {
      refused = std::string(named);
    }
  }
  std::string message = "AWS refused " + refused;
  if (!aws.message.empty()) message += ": " + aws.message;
  return Status(error.code(), std::move(message), aws);
}

Result<QueryResponse> ParseQueryResponse(std::string_view action, int http_status,
                                         std::string_view body) {
  QueryResponse out;
  out.http_status = http_status;
  out.document = std::make_shared<pugi::xml_document>();
  std::string parse_error;
  if (!Parse(*out.document, body, parse_error)) {
    return Status(ErrorCode::kInternal, std::string(action) + ": unreadable response (HTTP " +
                                            std::to_string(http_status) + "): " + parse_error +
                                            ": \"" + Snippet(body) + "\"");
  }
  pugi::xml_node root = out.document->document_element();
  std::string expected_root = std::string(action) + "Response";
  if (xml::LocalName(root) != expected_root) {
    if (xml::LocalName(root) == "ErrorResponse") return ParseQueryError(action, http_status, body);
    return Status(ErrorCode::kInternal, std::string(action) + ": unexpected root element <" +
                                            std::string(xml::LocalName(root)) + ">, expected <" +
                                            expected_root + ">");
  }
  out.result = xml::Child(root, std::string(action) + "Result");
  out.request_id = xml::Text(xml::Child(root, "ResponseMetadata"), "RequestId");
  return out;
}

}  // namespace aic
