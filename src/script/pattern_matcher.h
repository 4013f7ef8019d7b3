// PatternMatcher: the matching engine behind lua_pattern.h (one subject and one pattern). Not a
// public API: lua_pattern.cc is its only user.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "script/lua_pattern.h"

namespace aic::script {

class PatternMatcher {
 public:
  PatternMatcher(lua_State* L, PatternCheck check, const char* s, std::size_t ls, const char* p,
                 std::size_t lp)
      : L_(L), check_(check), s_begin_(s), s_end_(s + ls), p_end_(p + lp) {}

  // The thread that runs the next match (gmatch's iterator may be called from a coroutine).
  void Rebind(lua_State* L) { L_ = L; }
  // Forgets the captures of a previous attempt.
  void Reset() {
    level_ = 0;
    depth_ = 0;
  }
  // The end of a match of the pattern from `p` at subject position `s`, or nullptr.
  const char* Match(const char* s, const char* p);
  // Pushes the captures of the match [s, e) (the whole match when there are none and `s` is
  // not null); returns how many were pushed.
  int PushCaptures(const char* s, const char* e);
  // Pushes capture `i` (0-based; i == 0 without captures: the whole match [s, e)).
  void PushCapture(int i, const char* s, const char* e);
  // Capture `i` as PushCapture but without making a Lua string: its text in *text, or false
  // for a position capture (then pushed as an integer).
  bool CaptureText(int i, const char* s, const char* e, std::string_view* text);
  // Counts `n` steps, calling the check every kScriptPatternCheckSteps.
  void Step(std::uint32_t n = 1) {
    steps_ += n;
    if (steps_ >= kScriptPatternCheckSteps) [[unlikely]]
      Check();
  }

 private:
  static constexpr int kMaxCaptures = 32;
  static constexpr int kMaxDepth = 200;

  const char* ClassEnd(const char* p);
  bool SingleMatch(const char* s, const char* p, const char* ep);
  bool MatchSet(int c, const char* p, const char* ec);
  const char* DoMatch(const char* s, const char* p);
  const char* MaxExpand(const char* s, const char* p, const char* ep);
  const char* MinExpand(const char* s, const char* p, const char* ep);
  const char* StartCapture(const char* s, const char* p, std::ptrdiff_t what);
  const char* EndCapture(const char* s, const char* p);
  const char* MatchBalance(const char* s, const char* p);
  const char* MatchBackReference(const char* s, int digit);
  int CheckCapture(int digit);
  void Check();

  lua_State* L_;
  PatternCheck check_;
  const char* s_begin_;
  const char* s_end_;
  const char* p_end_;
  int level_ = 0;
  int depth_ = 0;
  std::uint32_t steps_ = 0;
  struct Capture {
    const char* init;
    std::ptrdiff_t len;       // or kUnfinished / kPosition
  } captures_[kMaxCaptures];  // the first level_ are set
};

}  // namespace aic::script
