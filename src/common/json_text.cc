#include "aws_iam_connector/json_text.h"

#include <string>
#include <vector>

namespace aic {
namespace {

constexpr std::size_t kMaxNameInMessage = 64;  // longer member names are cut in messages

Status Invalid(std::string message) { return Status(ErrorCode::kInvalidInput, std::move(message)); }

// Nesting is checked on the text, before any parser recursion or allocation.
Status CheckNesting(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        return Invalid("(document): malformed JSON: nesting deeper than " +
                       std::to_string(max_depth) + " at byte " + std::to_string(i + 1));
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return Status::Ok();
}

// A SAX pass run only after a failed parse: it records the member path and byte of the error.
class ErrorLocator : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string path;
  std::size_t byte = 0;
  bool out_of_range = false;

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Open(true); }
  bool key(string_t& k) override {
    if (!frames_.empty()) frames_.back().key = k.substr(0, kMaxNameInMessage);
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(false); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    byte = position;
    out_of_range = e.id == 406;  // out_of_range.406: number overflow
    path.clear();
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.object) {
        if (!path.empty()) path += '.';
        path += f.key;
      } else {
        // Inner frames hold their open child (count - 1); the top frame the failing element.
        std::size_t index = i + 1 < frames_.size() ? f.count - 1 : f.count;
        path += "[" + std::to_string(index) + "]";
      }
    }
    if (path.empty()) path = "(document)";
    return false;
  }

 private:
  struct Frame {
    bool object;
    std::string key;
    std::size_t count = 0;
  };
  bool Value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().count;
    return true;
  }
  bool Open(bool object) {
    Value();
    frames_.push_back(Frame{object, {}, 0});
    return true;
  }
  bool Close() {
    frames_.pop_back();
    return true;
  }
  std::vector<Frame> frames_;
};

template <typename Json>
Result<Json> Parse(std::string_view text, int max_depth) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Invalid("(document): malformed JSON: empty");
  }
  Status nesting = CheckNesting(text, max_depth);
  if (!nesting.ok()) return nesting;
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_discarded()) return doc;
  ErrorLocator where;
  nlohmann::json::sax_parse(text, &where);
  if (where.out_of_range) {
    return Invalid(where.path + ": number out of range (byte " + std::to_string(where.byte) + ")");
  }
  return Invalid("(document): malformed JSON at byte " + std::to_string(where.byte));
}

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text, int max_depth) {
  return Parse<nlohmann::json>(text, max_depth);
}

Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text, int max_depth) {
  return Parse<nlohmann::ordered_json>(text, max_depth);
}

}  // namespace aic
