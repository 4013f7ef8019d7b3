// Helpers shared by the engine's unit tests: parse a document or fail the test, build requests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "policy/policy_engine.h"

namespace aic::policy::testing {

inline PolicyHandle MustParse(std::string_view doc, std::string id = "p",
                              PolicyType type = PolicyType::kUserManaged) {
  auto r = ParsePolicy(doc, PolicySource{std::move(id), type});
  EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n" << doc;
  return r.ok() ? r.value() : nullptr;
}

inline RequestContext Request(std::string action, std::string resource = "*") {
  RequestContext r;
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.principal_account = "123456789012";
  r.principal_arn = "arn:aws:iam::123456789012:user/alice";
  r.keys["aws:username"] = {"alice"};
  return r;
}

inline Decision Decide(std::string_view doc, const RequestContext& r) {
  PolicySet set;
  set.identity.push_back(MustParse(doc));
  return Evaluate(set, r).decision;
}

// A one-statement 2012-10-17 identity policy allowing `action` on `resource` under `condition`
// (a JSON object text, or empty).
inline std::string AllowDoc(std::string_view action, std::string_view resource = "*",
                            std::string_view condition = "") {
  std::string doc = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":")";
  doc += action;
  doc += R"(","Resource":")";
  doc += resource;
  doc += '"';
  if (!condition.empty()) {
    doc += R"(,"Condition":)";
    doc += condition;
  }
  doc += "}]}";
  return doc;
}

}  // namespace aic::policy::testing
