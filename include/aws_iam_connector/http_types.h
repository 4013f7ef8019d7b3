// Plain HTTP request and response values shared by the AWS client (transport, signing) and
// the tests. No I/O here.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aic {

struct HttpHeader {
  std::string name;
  std::string value;
};

// An outgoing request. `url` is absolute ("https://iam.amazonaws.com/" or
// "http://127.0.0.1:4566/"). Header names keep their case; lookups are case-insensitive.
struct HttpRequest {
  std::string method = "POST";
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;

  // First value of header `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
  // Replaces every header called `name` with one carrying `value`.
  void SetHeader(std::string_view name, std::string value);
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  std::string_view Header(std::string_view name) const;
};

// ASCII case-insensitive equality, for header names.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace aic
