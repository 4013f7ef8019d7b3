// Test helper: drives a real IamBackend (in-memory or on a temp SQLite file) with
// ActionRequests and parses the XML answers with pugixml.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>

#include "emulator/state/iam_backend.h"
#include "emulator/state/iam_model.h"

namespace aic::emulator::state::testing {

struct Reply {
  int status = 0;
  std::string body;
  std::shared_ptr<pugi::xml_document> doc = std::make_shared<pugi::xml_document>();

  // The text at a slash-separated path below the document root, e.g.
  // "CreateUserResult/User/UserName"; "" when absent.
  std::string Text(const std::string& path) const {
    pugi::xml_node n = doc->document_element();
    std::size_t i = 0;
    while (i <= path.size() && n) {
      std::size_t j = path.find('/', i);
      if (j == std::string::npos) j = path.size();
      n = n.child(path.substr(i, j - i).c_str());
      i = j + 1;
    }
    return n ? n.text().as_string() : "";
  }
  pugi::xml_node Node(const std::string& path) const {
    pugi::xml_node n = doc->document_element();
    std::size_t i = 0;
    while (i <= path.size() && n) {
      std::size_t j = path.find('/', i);
      if (j == std::string::npos) j = path.size();
      n = n.child(path.substr(i, j - i).c_str());
      i = j + 1;
    }
    return n;
  }
  std::string Code() const { return Text("Error/Code"); }
  std::string Message() const { return Text("Error/Message"); }
};

class BackendTest : public ::testing::Test {
 public:
  void SetUp() override { Open(""); }

  void Open(const std::string& db_path) {
    backend_.reset();
    BackendOptions options;
    options.db_path = db_path;
    options.now = [this] { return now_; };
    options.demo_data = demo_data_;
    options.enforce_iam = enforce_iam_;
    auto b = MakeIamBackend(options);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    backend_ = std::move(b).value();
  }

  Reply Call(const std::string& action, std::map<std::string, std::string> params = {},
             const std::string& service = "iam", Caller caller = {}) {
    ActionRequest req;
    req.service = service;
    req.action = action;
    params["Action"] = action;
    params["Version"] = service == "sts" ? "2011-06-15" : "2010-05-08";
    req.params = std::move(params);
    req.request_id = "req-1";
    req.caller = caller;
    ActionResponse resp = backend_->Handle(req);
    Reply r;
    r.status = resp.http_status;
    r.body = resp.body;
    EXPECT_TRUE(r.doc->load_string(r.body.c_str())) << r.body;
    return r;
  }

  // Calls and expects HTTP 200.
  Reply Ok(const std::string& action, std::map<std::string, std::string> params = {}) {
    Reply r = Call(action, std::move(params));
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    return r;
  }

  // Calls and expects the AWS error `code` with HTTP `status`.
  Reply Err(const std::string& action, std::map<std::string, std::string> params, int status,
            const std::string& code) {
    Reply r = Call(action, std::move(params));
    EXPECT_EQ(r.status, status) << action << ": " << r.body;
    EXPECT_EQ(r.Code(), code) << action << ": " << r.body;
    return r;
  }

  std::chrono::system_clock::time_point now_ =
      std::chrono::system_clock::time_point(std::chrono::seconds(1800000000));
  bool demo_data_ = true;     // as serve's embedded emulator: a new database has demo-group
  bool enforce_iam_ = false;  // BackendOptions::enforce_iam
  std::unique_ptr<Backend> backend_;
};

// Number of <member> children of a node.
inline int Members(pugi::xml_node n) {
  int count = 0;
  for (auto m : n.children("member")) {
    (void)m;
    ++count;
  }
  return count;
}

}  // namespace aic::emulator::state::testing
