#include "emulator/state/simulate_positions.h"

#include <cstddef>
#include <optional>

namespace aic::emulator::state {
namespace {

// A cursor over the document's bytes.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::size_t pos() const { return pos_; }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  void Advance() { ++pos_; }

  void SkipSpace() {
    while (!AtEnd() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // A string starting at '"'; returns its raw text between the quotes.
  std::optional<std::string_view> String() {
    if (Peek() != '"') return std::nullopt;
    std::size_t begin = ++pos_;
    while (!AtEnd() && s_[pos_] != '"') {
      if (s_[pos_] == '\\') ++pos_;
      ++pos_;
    }
    if (AtEnd()) return std::nullopt;
    std::string_view raw = s_.substr(begin, pos_ - begin);
    ++pos_;
    return raw;
  }

  // Skips any value; false when the text ends first.
  bool SkipValue() {
    SkipSpace();
    char c = Peek();
    if (c == '"') return String().has_value();
    if (c == '{' || c == '[') {
      int depth = 0;
      while (!AtEnd()) {
        c = Peek();
        if (c == '"') {
          if (!String()) return false;
          continue;
        }
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') --depth;
        ++pos_;
        if (depth == 0) return true;
      }
      return false;
    }
    // A literal (number, true, false, null).
    std::size_t begin = pos_;
    while (!AtEnd() && Peek() != ',' && Peek() != '}' && Peek() != ']' && Peek() != ' ' &&
           Peek() != '\t' && Peek() != '\n' && Peek() != '\r') {
      ++pos_;
    }
    return pos_ > begin;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// Byte offsets of the statements: [start, end) as AWS reports them.
struct OffsetSpan {
  std::size_t start;
  std::size_t end;
};

std::optional<std::vector<OffsetSpan>> StatementOffsets(Scanner& sc) {
  std::vector<OffsetSpan> out;
  sc.SkipSpace();
  char c = sc.Peek();
  if (c == '{') {
    std::size_t begin = sc.pos();
    if (!sc.SkipValue()) return std::nullopt;
    out.push_back({begin + 1, sc.pos()});
    return out;
  }
  if (c != '[') return std::nullopt;
  sc.Advance();
  std::size_t previous_end = sc.pos();
  for (;;) {
    sc.SkipSpace();
    if (sc.Peek() == ']') {
      sc.Advance();
      return out;
    }
    if (!sc.SkipValue()) return std::nullopt;
    out.push_back({previous_end, sc.pos()});
    previous_end = sc.pos();
    sc.SkipSpace();
    if (sc.Peek() == ',') {
      sc.Advance();
      continue;
    }
    if (sc.Peek() == ']') {
      sc.Advance();
      return out;
    }
    return std::nullopt;
  }
}

// 1-based line and column (in code points) of a byte offset.
class LineIndex {
 public:
  explicit LineIndex(std::string_view s) : s_(s) {}

  policy::Position At(std::size_t offset) {
    // Offsets come in increasing order per statement; restart when one goes back.
    if (offset < pos_) {
      pos_ = 0;
      line_ = 1;
      column_ = 1;
    }
    while (pos_ < offset && pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '\n' || (c == '\r' && (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '\n'))) {
        ++line_;
        column_ = 1;
      } else if (c != '\r' && (c & 0xC0) != 0x80) {
        ++column_;
      }
      ++pos_;
    }
    return policy::Position{line_, column_};
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

std::vector<StatementSpan> StatementSpans(std::string_view document) {
  Scanner sc(document);
  sc.SkipSpace();
  if (sc.Peek() != '{') return {};
  sc.Advance();
  std::optional<std::vector<OffsetSpan>> offsets;
  for (;;) {
    sc.SkipSpace();
    if (sc.Peek() == '}') break;
    auto key = sc.String();
    if (!key) return {};
    sc.SkipSpace();
    if (sc.Peek() != ':') return {};
    sc.Advance();
    if (*key == "Statement") {
      // A repeated key: the last one counts, as for the JSON parser.
      offsets = StatementOffsets(sc);
      if (!offsets) return {};
    } else if (!sc.SkipValue()) {
      return {};
    }
    sc.SkipSpace();
    if (sc.Peek() == ',') {
      sc.Advance();
      continue;
    }
    if (sc.Peek() == '}') break;
    return {};
  }
  if (!offsets) return {};
  std::vector<StatementSpan> spans;
  spans.reserve(offsets->size());
  LineIndex lines(document);
  for (const auto& o : *offsets) {
    StatementSpan span;
    span.start = lines.At(o.start);
    span.end = lines.At(o.end);
    spans.push_back(span);
  }
  return spans;
}

}  // namespace aic::emulator::state
