// Fuzz target: the emulator's SigV4 check of a received request -- the Authorization header
// and the presigned query (X-Amz-Credential, X-Amz-Signature, ...) -- through
// RequestAuthenticator in both signature modes, sigv4::Verify and SignedServiceOf.
//
// Input: a request as the SigV4 vectors write it (../shared/testdata/sigv4/v4/*/*request.txt is
// an extra corpus): "METHOD TARGET HTTP/1.1", "Name:value" header lines, an empty line, the
// body. The clock is set to the request's X-Amz-Date so that signatures are really compared.
// The backend knows AKIDEXAMPLE (long-term) and ASIAEXAMPLE (temporary, token "token").
#include <chrono>
#include <optional>
#include <string>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"
#include "emulator/backend.h"
#include "emulator/emulator_clock.h"
#include "emulator/request_authenticator.h"
#include "fuzz_util.h"

namespace em = aic::emulator;

namespace {

constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

class KeysOnlyBackend : public em::Backend {
 public:
  em::ActionResponse Handle(const em::ActionRequest&) override { return {}; }
  aic::Status Reset() override { return aic::Status::Ok(); }
  std::optional<em::AccessKeyRecord> LookupAccessKey(std::string_view id) override {
    if (id != "AKIDEXAMPLE" && id != "ASIAEXAMPLE") return std::nullopt;
    em::AccessKeyRecord record;
    record.access_key_id = std::string(id);
    record.secret_access_key = aic::SecretString(kSecret);
    record.caller.access_key_id = record.access_key_id;
    record.caller.account_id = "123456789012";
    record.caller.arn = "arn:aws:iam::123456789012:user/test";
    if (id == "ASIAEXAMPLE") {
      record.session_token = aic::SecretString("token");
      record.expiration = std::chrono::system_clock::now() + std::chrono::hours(1);
      record.caller.temporary = true;
    }
    return record;
  }
};

// Splits the vector format into a request; false when there is no request line.
bool ParseRequest(std::string_view text, aic::http_server::ServerRequest& out) {
  auto next_line = [&text]() {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  std::string_view first = next_line();
  std::size_t sp = first.find(' ');
  if (sp == std::string_view::npos) return false;
  out.method = std::string(first.substr(0, sp));
  std::string_view target = first.substr(sp + 1);
  if (std::size_t v = target.rfind(" HTTP/"); v != std::string_view::npos)
    target = target.substr(0, v);
  out.target = std::string(target);
  while (!text.empty()) {
    std::string_view line = next_line();
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !out.headers.empty()) {
      out.headers.back().value += std::string(line);  // a folded (continued) value
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out.headers.push_back(
        {std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
  }
  out.body = std::string(text);
  return true;
}

std::optional<std::chrono::system_clock::time_point> RequestTime(
    const aic::http_server::ServerRequest& request) {
  std::string_view date = request.Header("X-Amz-Date");
  std::string_view query = request.Query();
  if (date.empty()) {
    std::size_t at = query.find("X-Amz-Date=");
    if (at != std::string_view::npos) date = query.substr(at + 11, 16);
  }
  return aic::text::ParseAmzDate(date);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aic::http_server::ServerRequest request;
  if (!ParseRequest(aic::fuzz::AsText(data, size), request)) return 0;
  (void)em::SignedServiceOf(request);

  const auto when = RequestTime(request);
  const auto fixed = *aic::text::ParseAmzDate("20150830T123600Z");
  aic::sigv4::ReceivedRequest received{request.method, request.target, request.headers,
                                       request.body};
  auto lookup = [](std::string_view id) -> std::optional<aic::SecretString> {
    if (id == "AKIDEXAMPLE") return aic::SecretString(kSecret);
    return std::nullopt;
  };
  (void)aic::sigv4::Verify(received, lookup, when.value_or(fixed));

  static KeysOnlyBackend backend;
  em::EmulatorClock clock;
  if (when) {
    auto offset =
        std::chrono::duration_cast<std::chrono::seconds>(*when - std::chrono::system_clock::now());
    if (offset > -em::kMaxClockOffset && offset < em::kMaxClockOffset) clock.SetOffset(offset);
  }
  for (auto mode : {aic::EmulatorOptions::SignatureMode::kStrict,
                    aic::EmulatorOptions::SignatureMode::kAnyKey}) {
    em::RequestAuthenticator authenticator(backend, clock, mode, "123456789012");
    (void)authenticator.Authenticate(request);
  }
  return 0;
}
