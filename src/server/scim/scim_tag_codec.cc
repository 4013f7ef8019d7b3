#include "server/scim/scim_tag_codec.h"

#include "common/text_codec.h"

namespace aic::scim {
namespace {

constexpr std::string_view kStringForm = "b64:";
constexpr std::string_view kJsonForm = "j64:";

bool IsPlainTagChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '_':
    case '.':
    case ':':
    case '/':
    case '=':
    case '+':
    case '-':
    case '@':
      return true;
    default:
      return false;
  }
}

bool IsPlain(std::string_view s) {
  if (s.substr(0, kStringForm.size()) == kStringForm) return false;
  if (s.substr(0, kJsonForm.size()) == kJsonForm) return false;
  for (char c : s) {
    if (!IsPlainTagChar(c)) return false;
  }
  return true;
}

}  // namespace

bool IsScimTagKey(std::string_view key) {
  return key.substr(0, kScimTagPrefix.size()) == kScimTagPrefix;
}

ScimResult<std::string> EncodeTagValue(std::string_view attribute, const nlohmann::json& value) {
  std::string out;
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    out = IsPlain(s) ? s : std::string(kStringForm) + text::Base64Encode(s);
  } else {
    out = std::string(kJsonForm) + text::Base64Encode(value.dump());
  }
  if (out.size() > kMaxTagValueLength) {
    return BadRequest(ScimType::kInvalidValue,
                      std::string(attribute) +
                          " is too long to keep in an IAM user tag: " + std::to_string(out.size()) +
                          " characters encoded, AWS allows " + std::to_string(kMaxTagValueLength));
  }
  return out;
}

nlohmann::json DecodeTagValue(std::string_view tag_value) {
  if (tag_value.substr(0, kStringForm.size()) == kStringForm) {
    if (auto bytes = text::Base64Decode(tag_value.substr(kStringForm.size()))) return *bytes;
  } else if (tag_value.substr(0, kJsonForm.size()) == kJsonForm) {
    if (auto bytes = text::Base64Decode(tag_value.substr(kJsonForm.size()))) {
      auto parsed = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_discarded()) return parsed;
    }
  }
  return std::string(tag_value);
}

}  // namespace aic::scim
