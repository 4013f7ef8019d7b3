#include "policy/statement_positions.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace aic::policy::internal {
namespace {

Status Bad(const char* what) { return Status(ErrorCode::kInvalidInput, what); }

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::size_t pos() const { return pos_; }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }

  void SkipWhitespace() {
    while (!AtEnd() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Consume(char c) {
    SkipWhitespace();
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  // A string token at pos_ ('"' ... '"'); returns its raw text including the quotes.
  bool String(std::string_view& raw) {
    SkipWhitespace();
    if (Peek() != '"') return false;
    const std::size_t start = pos_++;
    while (!AtEnd() && s_[pos_] != '"') pos_ += s_[pos_] == '\\' ? 2 : 1;
    if (AtEnd()) return false;
    ++pos_;
    raw = s_.substr(start, pos_ - start);
    return true;
  }

  // Skips one value (string, object, array or scalar).
  bool Value() {
    SkipWhitespace();
    const char c = Peek();
    if (c == '"') {
      std::string_view raw;
      return String(raw);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (!AtEnd()) {
        const char d = s_[pos_];
        if (d == '"') {
          std::string_view raw;
          if (!String(raw)) return false;
          continue;
        }
        ++pos_;
        if (d == '{' || d == '[') ++depth;
        if (d == '}' || d == ']') {
          if (--depth == 0) return true;
        }
      }
      return false;
    }
    const std::size_t start = pos_;
    while (!AtEnd() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']' && s_[pos_] != ' ' &&
           s_[pos_] != '\t' && s_[pos_] != '\n' && s_[pos_] != '\r') {
      ++pos_;
    }
    return pos_ > start;
  }

  void Seek(std::size_t p) { pos_ = p; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

bool IsStatementKey(std::string_view raw) {
  if (raw == "\"Statement\"") return true;
  if (raw.find('\\') == std::string_view::npos) return false;
  const auto j = nlohmann::json::parse(raw, nullptr, false);
  return j.is_string() && j.get_ref<const std::string&>() == "Statement";
}

// 1-based positions of sorted byte offsets.
std::vector<Position> ToPositions(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::vector<Position> out;
  out.reserve(offsets.size());
  int line = 1;
  int column = 1;
  std::size_t i = 0;
  for (std::size_t off : offsets) {
    for (; i < off && i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
        ++line;
        column = 1;
      } else if (c == '\r') {
        // the '\r' of "\r\n": the '\n' ends the line
      } else if ((c & 0xC0) != 0x80) {
        ++column;
      }
    }
    out.push_back(Position{line, column});
  }
  return out;
}

}  // namespace

Result<std::vector<StatementSpan>> StatementPositions(std::string_view text) {
  Scanner sc(text);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") sc.Seek(3);
  if (!sc.Consume('{')) return Bad("policy document is not a JSON object");
  std::size_t statement_at = std::string_view::npos;
  if (!sc.Consume('}')) {
    while (true) {
      std::string_view key;
      if (!sc.String(key) || !sc.Consume(':')) return Bad("malformed policy document");
      sc.SkipWhitespace();
      if (IsStatementKey(key)) statement_at = sc.pos();
      if (!sc.Value()) return Bad("malformed policy document");
      if (sc.Consume(',')) continue;
      if (sc.Consume('}')) break;
      return Bad("malformed policy document");
    }
  }
  if (statement_at == std::string_view::npos) return Bad("policy document has no Statement");
  std::vector<std::size_t> offsets;  // start, end pairs
  sc.Seek(statement_at);
  if (sc.Peek() == '{') {
    offsets.push_back(sc.pos() + 1);  // just after the '{'
    if (!sc.Value()) return Bad("malformed Statement");
    offsets.push_back(sc.pos());
  } else if (sc.Peek() == '[') {
    sc.Seek(sc.pos() + 1);
    std::size_t next_start = sc.pos();  // just after the '['
    if (!sc.Consume(']')) {
      while (true) {
        sc.SkipWhitespace();
        if (sc.Peek() != '{') return Bad("Statement element is not an object");
        if (!sc.Value()) return Bad("malformed Statement");
        offsets.push_back(next_start);
        offsets.push_back(sc.pos());
        next_start = sc.pos();  // the next element starts just after this one's closing brace
        if (sc.Consume(',')) continue;
        if (sc.Consume(']')) break;
        return Bad("malformed Statement");
      }
    }
  } else {
    return Bad("Statement is not an object or an array");
  }
  const std::vector<Position> positions = ToPositions(text, offsets);
  std::vector<StatementSpan> spans;
  spans.reserve(positions.size() / 2);
  for (std::size_t i = 0; i + 1 < positions.size(); i += 2) {
    spans.emplace_back(positions[i], positions[i + 1]);
  }
  return spans;
}

}  // namespace aic::policy::internal
