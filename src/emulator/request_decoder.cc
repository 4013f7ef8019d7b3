#include "emulator/request_decoder.h"

#include "aws_iam_connector/http_types.h"

namespace aic::emulator {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes one form component; false on a malformed escape.
bool FormDecode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Status DecodeQueryParams(std::string_view text, std::map<std::string, std::string>& params) {
  std::size_t count = params.size();  // the bound covers query string and body together
  std::string name;
  std::string value;
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
    if (!FormDecode(raw_name, name) || !FormDecode(raw_value, value)) {
      return Status(ErrorCode::kInvalidInput, "malformed percent-encoding");
    }
    if (name.empty()) return Status(ErrorCode::kInvalidInput, "a parameter has no name");
    if (name.size() > kMaxQueryParamNameBytes) {
      return Status(
          ErrorCode::kInvalidInput,
          "a parameter name is longer than " + std::to_string(kMaxQueryParamNameBytes) + " bytes");
    }
    if (!params.emplace(name, value).second) {
      return Status(ErrorCode::kConflict, "a parameter is given more than once");
    }
  }
  return Status::Ok();
}

bool IsFormUrlEncoded(std::string_view content_type) {
  std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  return EqualsIgnoreCase(type, "application/x-www-form-urlencoded");
}

}  // namespace aic::emulator
