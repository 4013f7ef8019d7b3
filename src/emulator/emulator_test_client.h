// Test helpers for the emulator front tests: a Beast HTTP client over loopback and requests
// signed with aic::sigv4::SignRequest. Test-only code.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_types.h"

namespace aic::emulator::testing {

struct Reply {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  std::string Header(std::string_view name) const;
  // Text of the first <tag>...</tag> in the body, or empty.
  std::string Xml(std::string_view tag) const;
  std::string Code() const { return Xml("Code"); }
};

Credentials MakeCredentials(std::string key_id, std::string_view secret,
                            std::string_view token = {});

// "http://127.0.0.1:PORT" + target.
std::string Url(int port, std::string_view target = "/");

// A form POST to the emulator (Content-Type application/x-www-form-urlencoded; charset=utf-8).
HttpRequest FormPost(int port, std::string form);
// Signs `request` in place (SigV4, region us-east-1) and returns it.
HttpRequest Signed(HttpRequest request, const Credentials& credentials,
                   std::string_view service = "iam",
                   std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

// Sends `request` (its url must be http://127.0.0.1:PORT/...) on a fresh connection.
Reply Send(const HttpRequest& request);

}  // namespace aic::emulator::testing
