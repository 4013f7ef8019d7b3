// Test helper: checks an emulator response against the AWS models (testdata/aws-models):
// every element is a member of its shape, members come in the model's order, required members
// are present, lists use <member>, maps <entry><key/><value/>, scalars have the right form.
// Derive a test fixture from ShapeTest and call CheckAction(model, reply, "Action").
#pragma once

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {

using json = nlohmann::ordered_json;

inline json LoadModel(const std::string& service) {
  std::ifstream in(std::string(AIC_TESTDATA_DIR) + "/aws-models/" + service + "/service-2.json");
  EXPECT_TRUE(in.good()) << "missing model for " << service;
  return json::parse(in);
}

class ShapeChecker {
 public:
  explicit ShapeChecker(const json& model) : shapes_(model.at("shapes")) {}

  void Check(pugi::xml_node node, const std::string& shape_name, const std::string& where) {
    const json& shape = shapes_.at(shape_name);
    const std::string type = shape.at("type");
    if (type == "structure") {
      const json& members = shape.at("members");
      std::vector<std::string> order;
      for (auto it = members.begin(); it != members.end(); ++it) order.push_back(it.key());
      std::size_t last = 0;
      bool first = true;
      std::set<std::string> present;
      for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        std::string name = child.name();
        auto pos = std::find(order.begin(), order.end(), name);
        if (pos == order.end()) {
          ADD_FAILURE() << where << ": <" << name << "> is not a member of " << shape_name;
          continue;
        }
        std::size_t index = pos - order.begin();
        if (!first && index <= last) {
          ADD_FAILURE() << where << ": <" << name << "> out of order in " << shape_name;
        }
        first = false;
        last = index;
        present.insert(name);
        Check(child, members.at(name).at("shape"), where + "/" + name);
      }
      if (shape.contains("required")) {
        for (const auto& r : shape["required"]) {
          if (!present.count(r.get<std::string>()) &&
              !optional_.count(shape_name + "." + r.get<std::string>())) {
            ADD_FAILURE() << where << ": required <" << r.get<std::string>() << "> missing in "
                          << shape_name;
          }
        }
      }
    } else if (type == "list") {
      for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        EXPECT_EQ(std::string(child.name()), "member") << where;
        Check(child, shape.at("member").at("shape"), where + "/member");
      }
    } else if (type == "map") {
      for (pugi::xml_node entry : node.children()) {
        if (entry.type() != pugi::node_element) continue;
        EXPECT_EQ(std::string(entry.name()), "entry") << where;
        EXPECT_TRUE(entry.child("key")) << where;
        EXPECT_TRUE(entry.child("value")) << where;
      }
    } else {
      std::string text = node.text().as_string();
      if (type == "timestamp") {
        EXPECT_TRUE(std::regex_match(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
            << where << " = " << text;
      } else if (type == "boolean") {
        EXPECT_TRUE(text == "true" || text == "false") << where << " = " << text;
      } else if (type == "integer" || type == "long") {
        EXPECT_TRUE(std::regex_match(text, std::regex(R"(-?\d+)"))) << where << " = " << text;
      }
      EXPECT_FALSE(node.first_child() && node.first_child().type() == pugi::node_element)
          << where << " should be a scalar";
    }
  }

 private:
  const json& shapes_;
  // AWS itself leaves these out (e.g. a key never used has no LastUsedDate).
  std::set<std::string> optional_ = {"AccessKeyLastUsed.LastUsedDate"};
};

class ShapeTest : public BackendTest {
 public:
  void CheckAction(const json& model, const Reply& r, const std::string& action) {
    SCOPED_TRACE(action);
    ASSERT_EQ(r.status, 200) << r.body;
    pugi::xml_node root = r.doc->document_element();
    EXPECT_EQ(std::string(root.name()), action + "Response");
    const json& op = model.at("operations").at(action);
    std::vector<std::string> children;
    for (auto c : root.children()) children.push_back(c.name());
    if (!op.contains("output")) {
      EXPECT_EQ(children, std::vector<std::string>{"ResponseMetadata"});
      return;
    }
    EXPECT_EQ(op["output"].value("resultWrapper", ""), action + "Result");
    ASSERT_EQ(children, (std::vector<std::string>{action + "Result", "ResponseMetadata"}));
    ShapeChecker(model).Check(root.child((action + "Result").c_str()), op["output"]["shape"],
                              action);
    ++checked_;
  }
  int checked_ = 0;
};

}  // namespace aic::emulator::state::testing
