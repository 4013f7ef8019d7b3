// The review as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.
#include <algorithm>
#include <map>
#include <string>

#include "common/text_codec.h"
#include "review/review.h"

namespace aic::review {
namespace {

// Node labels in the picture longer than this many bytes are cut (the full text is in the
// title tooltip and in the findings).
constexpr std::size_t kMaxLabelBytes = 56;
constexpr int kRowHeight = 26;
constexpr int kGraphWidth = 1180;
constexpr int kLeftX = 10;
constexpr int kRightX = 700;
constexpr int kBoxWidth = 470;

const char* kStyle =
    R"(body{font-family:"Liberation Sans",Arial,sans-serif;margin:24px;color:#1b1b1b}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px}
.meta{color:#555;margin-bottom:16px}
.summary{display:flex;gap:16px;margin:12px 0}
.count{border-radius:6px;padding:10px 18px;font-size:18px;font-weight:bold;color:#fff}
.count.PASS{background:#2e7d32}.count.FAIL{background:#c62828}.count.UNKNOWN{background:#6d6d6d}
.check{border:1px solid #ccc;border-radius:6px;margin:10px 0;padding:8px 12px}
.check h3{font-size:16px;margin:2px 0}
.status{display:inline-block;min-width:74px;text-align:center;border-radius:4px;color:#fff;
padding:1px 6px;margin-right:8px;font-size:13px}
.status.PASS{background:#2e7d32}.status.FAIL{background:#c62828}.status.UNKNOWN{background:#6d6d6d}
.reason{color:#444;font-style:italic;margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:6px}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;word-break:break-all}
th{background:#f3f3f3}.legend span{margin-right:18px}
svg text{font-family:"Liberation Mono",monospace;font-size:12px}
)";

std::string Cut(const std::string& s) {
  if (s.size() <= kMaxLabelBytes) return s;
  std::size_t n = kMaxLabelBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // a UTF-8 boundary
  return s.substr(0, n) + "...";
}

struct Edge {
  std::size_t from;
  std::size_t to;
  const TrustFacts* trust;
};

const char* EdgeColour(const TrustFacts& t) {
  if (t.wildcard) return "#b00020";
  if (t.external || t.type == "Federated") return "#e65100";
  if (t.type == "Service") return "#2e7d32";
  return "#1565c0";
}

void Graph(const Snapshot& s, std::string& out) {
  std::map<std::string, std::size_t> principal_index;
  std::vector<const TrustFacts*> principals;
  std::vector<const RoleFacts*> roles;
  std::vector<Edge> edges;
  std::size_t total = 0;
  for (const auto& role : s.roles) {
    bool role_added = false;
    for (const auto& t : role.trust) {
      ++total;
      if (edges.size() >= kMaxGraphEdges) continue;
      if (!role_added) {
        roles.push_back(&role);
        role_added = true;
      }
      auto [it, inserted] = principal_index.emplace(t.type + "\n" + t.principal, principals.size());
      if (inserted) principals.push_back(&t);
      edges.push_back(Edge{it->second, roles.size() - 1, &t});
    }
  }
  out += "<h2>Who can assume which role</h2>\n";
  out +=
      "<p class=\"legend\"><span style=\"color:#1565c0\">&#9632; this account</span>"
      "<span style=\"color:#2e7d32\">&#9632; AWS service</span>"
      "<span style=\"color:#e65100\">&#9632; external account or federated provider</span>"
      "<span style=\"color:#b00020\">&#9632; wildcard (dashed)</span></p>\n";
  if (edges.empty()) {
    out += "<p>No role trusts anyone in this snapshot.</p>\n";
  }
  if (total > edges.size()) {
    out += "<p class=\"reason\">" + std::to_string(total - edges.size()) + " of " +
           std::to_string(total) + " trust edges are not drawn (at most " +
           std::to_string(kMaxGraphEdges) + "); the findings list them.</p>\n";
  }
  const std::size_t rows = std::max<std::size_t>({principals.size(), roles.size(), 1});
  const int height = static_cast<int>(rows) * kRowHeight + 40;
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"trust-graph\" width=\"" +
         std::to_string(kGraphWidth) + "\" height=\"" + std::to_string(height) +
         "\" role=\"img\" aria-label=\"principals and the roles they can assume\">\n";
  out += "<text x=\"10\" y=\"16\" font-weight=\"bold\">Principals</text><text x=\"" +
         std::to_string(kRightX) + "\" y=\"16\" font-weight=\"bold\">Roles</text>\n";
  auto y_of = [](std::size_t i) { return 30 + static_cast<int>(i) * kRowHeight; };
  for (const auto& e : edges) {
    const int y1 = y_of(e.from) + 10;
    const int y2 = y_of(e.to) + 10;
    out += "<line class=\"edge\" x1=\"" + std::to_string(kLeftX + kBoxWidth) + "\" y1=\"" +
           std::to_string(y1) + "\" x2=\"" + std::to_string(kRightX) + "\" y2=\"" +
           std::to_string(y2) + "\" stroke=\"" + EdgeColour(*e.trust) + "\" stroke-width=\"" +
           (e.trust->external || e.trust->wildcard ? "2.5" : "1.5") + "\"" +
           (e.trust->wildcard ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
  }
  for (std::size_t i = 0; i < principals.size(); ++i) {
    const TrustFacts& t = *principals[i];
    const std::string colour = EdgeColour(t);
    out += "<g><title>" + HtmlEscape(t.type + " " + t.principal) + "</title><rect x=\"" +
           std::to_string(kLeftX) + "\" y=\"" + std::to_string(y_of(i)) + "\" width=\"" +
           std::to_string(kBoxWidth) + "\" height=\"20\" rx=\"4\" fill=\"#fff\" stroke=\"" +
           colour + "\"/><text x=\"" + std::to_string(kLeftX + 6) + "\" y=\"" +
           std::to_string(y_of(i) + 14) + "\" fill=\"" + colour + "\">" +
           HtmlEscape(Cut(t.type + ": " + t.principal)) + "</text></g>\n";
  }
  for (std::size_t i = 0; i < roles.size(); ++i) {
    out += "<g><title>" + HtmlEscape(roles[i]->arn) + "</title><rect x=\"" +
           std::to_string(kRightX) + "\" y=\"" + std::to_string(y_of(i)) + "\" width=\"" +
           std::to_string(kBoxWidth) +
           "\" height=\"20\" rx=\"4\" fill=\"#f5f5f5\" stroke=\"#555\"/><text x=\"" +
           std::to_string(kRightX + 6) + "\" y=\"" + std::to_string(y_of(i) + 14) + "\">" +
           HtmlEscape(Cut(roles[i]->name)) + "</text></g>\n";
  }
  out += "</svg>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  text::AppendMarkupEscaped(out, text);
  return out;
}

std::string ReportHtml(const ReviewReport& report, const Snapshot& snapshot) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += "<title>IAM access review</title>\n<style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>IAM access review</h1>\n";
  std::string account = snapshot.summary ? snapshot.summary->account_id : "";
  out += "<p class=\"meta\">Account <span id=\"account\">" + HtmlEscape(account) +
         "</span>, evaluated at <span id=\"generated-at\">" + FormatIsoTime(report.generated_at) +
         "</span> (CIS AWS Foundations Benchmark v3.0.0, "
         "IAM checks)</p>\n";
  out += "<div class=\"summary\" id=\"summary\">";
  const std::pair<const char*, int> counts[] = {
      {"PASS", report.pass}, {"FAIL", report.fail}, {"UNKNOWN", report.unknown}};
  for (const auto& [name, n] : counts) {
    out += std::string("<div class=\"count ") + name + "\" id=\"count-" + name + "\">" + name +
           ": <span class=\"n\">" + std::to_string(n) + "</span></div>";
  }
  out += "</div>\n<h2>Findings</h2>\n";
  for (const auto& c : report.checks) {
    const std::string status(CheckStatusName(c.status));
    out += "<section class=\"check\" id=\"check-" + HtmlEscape(c.check) + "\" data-status=\"" +
           status + "\"><h3><span class=\"status " + status + "\">" + status + "</span>" +
           (c.cis.empty() ? "" : "CIS " + HtmlEscape(c.cis) + " ") + HtmlEscape(c.title) +
           " <small>(" + HtmlEscape(c.check) + ")</small></h3>\n";
    if (!c.reason.empty()) out += "<p class=\"reason\">" + HtmlEscape(c.reason) + "</p>\n";
    if (!c.resources.empty()) {
      out += "<table><tr><th>Resource</th><th>Evidence</th></tr>\n";
      for (const auto& r : c.resources) {
        out +=
            "<tr><td>" + HtmlEscape(r.arn) + "</td><td>" + HtmlEscape(r.evidence) + "</td></tr>\n";
      }
      out += "</table>\n";
    }
    out += "</section>\n";
  }
  Graph(snapshot, out);
  out += "</body></html>\n";
  return out;
}

}  // namespace aic::review
