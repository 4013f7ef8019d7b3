#include "emulator/emulator_test_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

#include "aws_iam_connector/sigv4.h"

namespace aic::emulator::testing {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace {
// Guards against a hung test.
constexpr int kClientTimeoutSeconds = 20;
}  // namespace

std::string Reply::Header(std::string_view name) const {
  for (const auto& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return {};
}

std::string Reply::Xml(std::string_view tag) const {
  std::string open = "<" + std::string(tag) + ">";
  std::string close = "</" + std::string(tag) + ">";
  auto start = body.find(open);
  if (start == std::string::npos) return {};
  start += open.size();
  auto end = body.find(close, start);
  if (end == std::string::npos) return {};
  return body.substr(start, end - start);
}

Credentials MakeCredentials(std::string key_id, std::string_view secret, std::string_view token) {
  Credentials c;
  c.access_key_id = std::move(key_id);
  c.secret_access_key = SecretString(secret);
  c.session_token = SecretString(token);
  return c;
}

std::string Url(int port, std::string_view target) {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(target);
}

HttpRequest FormPost(int port, std::string form) {
  HttpRequest r;
  r.method = "POST";
  r.url = Url(port);
  r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"});
  r.body = std::move(form);
  return r;
}

HttpRequest Signed(HttpRequest request, const Credentials& credentials, std::string_view service,
                   std::chrono::system_clock::time_point when) {
  Status s = sigv4::SignRequest(request, credentials, "us-east-1", service, when);
  if (!s.ok()) throw std::runtime_error("signing failed: " + s.ToString());
  return request;
}

Reply Send(const HttpRequest& request) {
  std::string_view url = request.url;
  auto scheme = url.find("://");
  auto path = url.find('/', scheme + 3);
  std::string_view host_port = url.substr(scheme + 3, path - scheme - 3);
  std::string target = path == std::string_view::npos ? "/" : std::string(url.substr(path));
  auto colon = host_port.rfind(':');
  std::string host(host_port.substr(0, colon));
  auto port = static_cast<unsigned short>(std::stoi(std::string(host_port.substr(colon + 1))));

  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address(host), port});
  timeval tv{kClientTimeoutSeconds, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

  http::request<http::string_body> out;
  out.method_string(request.method);
  out.target(target);
  out.version(11);
  bool has_host = false;
  for (const auto& h : request.headers) {
    if (EqualsIgnoreCase(h.name, "Host")) has_host = true;
    out.insert(h.name, h.value);
  }
  if (!has_host) out.set(http::field::host, std::string(host_port));
  out.body() = request.body;
  out.prepare_payload();
  http::write(socket, out);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(socket, buffer, parser);
  auto& in = parser.get();
  Reply reply;
  reply.status = static_cast<int>(in.result_int());
  for (const auto& f : in) {
    reply.headers.push_back({std::string(f.name_string()), std::string(f.value())});
  }
  reply.body = in.body();
  return reply;
}

}  // namespace aic::emulator::testing
