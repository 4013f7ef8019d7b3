// Fuzz target: an import snapshot as `review` reads it (JSON Lines, any bytes), each line fed to
// SnapshotReader::AddLine, then Review() at a fixed time and the HTML report of it. Invariants:
// no crash, throw, hang or sanitizer report; a refused line is kInvalidInput with "line N: ...";
// every list the reader kept is within kMaxEntriesPerObject.
#include "fuzz_util.h"
#include "review/review.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aic::review;
  std::string_view rest = aic::fuzz::AsText(data, size);
  SnapshotReader reader;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    const aic::Status s = reader.AddLine(line);
    if (s.ok()) continue;
    aic::fuzz::Check(s.code() == aic::ErrorCode::kInvalidInput, "a refusal with another code");
    aic::fuzz::Check(s.message().rfind("line ", 0) == 0, "a refusal without its line number");
  }
  Snapshot snapshot = reader.Take();
  for (const auto& u : snapshot.users) {
    aic::fuzz::Check(
        u.policies.size() <= kMaxEntriesPerObject && u.keys.size() <= kMaxEntriesPerObject,
        "a user list over the limit");
  }
  for (const auto& r : snapshot.roles) {
    aic::fuzz::Check(r.trust.size() <= kMaxEntriesPerObject, "a trust list over the limit");
  }
  const ReviewReport report = Review(snapshot, ReviewOptions{1767225600, kDefaultUnusedRoleDays});
  (void)ReportHtml(report, snapshot);
  return 0;
}
