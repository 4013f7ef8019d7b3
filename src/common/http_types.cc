#include "aws_iam_connector/http_types.h"

#include <algorithm>

#include "common/text_codec.h"

namespace aic {
namespace {

std::string_view FindHeader(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return {};
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return text::EqualsIgnoreCase(a, b);
}

std::string_view HttpRequest::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

void HttpRequest::SetHeader(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const HttpHeader& h) { return EqualsIgnoreCase(h.name, name); });
  headers.push_back({std::string(name), std::move(value)});
}

std::string_view HttpResponse::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

}  // namespace aic
