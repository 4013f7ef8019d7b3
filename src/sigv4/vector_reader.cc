#include "sigv4/vector_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace aic::sigv4::testing {

std::string ReadFileExactly(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ReceivedRequest ParseVectorRequest(const std::string& text) {
  ReceivedRequest out;
  std::size_t pos = 0;
  auto next_line = [&](std::string& line) {
    if (pos > text.size()) return false;
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) {
      line = text.substr(pos);
      pos = text.size() + 1;
    } else {
      line = text.substr(pos, nl - pos);
      pos = nl + 1;
    }
    return true;
  };
  std::string line;
  next_line(line);
  constexpr std::string_view kProtocol = " HTTP/1.1";
  std::size_t space = line.find(' ');
  std::size_t proto = line.rfind(kProtocol);
  out.method = line.substr(0, space);
  out.target = line.substr(space + 1, proto - space - 1);
  while (pos < text.size() && next_line(line)) {
    if (line.empty()) {
      out.body = pos <= text.size() ? text.substr(pos) : std::string();
      break;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !out.headers.empty()) {
      out.headers.back().value += "\n" + line;
      continue;
    }
    std::size_t colon = line.find(':');
    out.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  return out;
}

std::string FormatV4Request(const ReceivedRequest& request) {
  std::string out = request.method + " " + request.target + " HTTP/1.1\n";
  for (const auto& h : request.headers) out += h.name + ":" + h.value + "\n";
  return out + "\n" + request.body;
}

std::string FormatAws4Request(const ReceivedRequest& request) {
  std::string out = request.method + " " + request.target + " HTTP/1.1";
  for (const auto& h : request.headers) {
    out += "\n" + h.name + (h.name == "Authorization" ? ": " : ":") + h.value;
  }
  if (!request.body.empty()) out += "\n\n" + request.body;
  return out;
}

std::vector<std::string> ListCaseFolders(const std::filesystem::path& root, bool aws4_layout) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const auto& dir = entry.path();
    bool is_case = aws4_layout ? std::filesystem::exists(dir / (dir.filename().string() + ".req"))
                               : std::filesystem::exists(dir / "request.txt");
    if (is_case) out.push_back(std::filesystem::relative(dir, root).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace aic::sigv4::testing
