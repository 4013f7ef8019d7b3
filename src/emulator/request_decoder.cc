#include "emulator/request_decoder.h"

#include <utility>

#include "common/text_codec.h"

namespace aic::emulator {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Status DecodeQueryParams(std::string_view text, std::map<std::string, std::string>& params) {
  std::size_t count = params.size();  // the bound covers query string and body together
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    if (++count > kMaxQueryParams) {
      return Status(ErrorCode::kInvalidInput,
                    "too many parameters (at most " + std::to_string(kMaxQueryParams) + ")");
    }
    auto eq = pair.find('=');
    std::string_view raw_name = pair.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (raw_name.empty()) return Status(ErrorCode::kInvalidInput, "a parameter has no name");
    auto name = text::PercentDecodeStrict(raw_name, text::Plus::kSpace);
    auto value = text::PercentDecodeStrict(raw_value, text::Plus::kSpace);
    if (!name || !value) return Status(ErrorCode::kInvalidInput, "malformed percent-encoding");
    if (name->empty()) return Status(ErrorCode::kInvalidInput, "a parameter has no name");
    if (name->size() > kMaxQueryParamNameBytes) {
      return Status(
          ErrorCode::kInvalidInput,
          "a parameter name is longer than " + std::to_string(kMaxQueryParamNameBytes) + " bytes");
    }
    if (!params.emplace(std::move(*name), std::move(*value)).second) {
      return Status(ErrorCode::kConflict, "a parameter is given more than once");
    }
  }
  return Status::Ok();
}

bool IsFormUrlEncoded(std::string_view content_type) {
  std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  return text::EqualsIgnoreCase(type, "application/x-www-form-urlencoded");
}

}  // namespace aic::emulator
