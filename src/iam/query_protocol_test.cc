// The awsQuery protocol compliance cases (testdata/query-protocol, from botocore/Smithy):
// request bodies built with the form-encoding helpers must match byte for byte, and response
// bodies must unwrap (<OpResponse><OpResult>), read scalars, lists, maps, dates and errors as
// expected. Every case id is either checked or listed with the reason it does not apply, so a
// new case fails until it is looked at.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/text_codec.h"
#include "iam/form_encoding.h"
#include "iam/query_client.h"
#include "iam/xml_util.h"

namespace aic {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

const fs::path kDir = fs::path(AIC_TESTDATA_DIR) / "query-protocol";

ojson Load(const fs::path& p) {
  std::ifstream in(p);
  return ojson::parse(in);
}

std::string IsoFromEpoch(double epoch) {
  return text::FormatIso8601(static_cast<std::int64_t>(epoch));
}

// ---- Input: a small model-driven serializer over the library's helpers --------------------

class Serializer {
 public:
  explicit Serializer(const ojson& shapes) : shapes_(shapes) {}

  void Value(QueryParams& out, const std::string& name, const ojson& ref, const ojson& v) {
    const ojson& shape = shapes_.at(ref.at("shape").get<std::string>());
    const std::string type = shape.at("type");
    if (type == "structure") {
      for (const auto& [key, val] : v.items()) {
        const ojson& mref = shape.at("members").at(key);
        std::string mname = mref.value("locationName", key);
        Value(out, name.empty() ? mname : name + "." + mname, mref, val);
      }
    } else if (type == "list") {
      bool flattened = ref.value("flattened", false) || shape.value("flattened", false);
      const ojson& member = shape.at("member");
      if (v.empty()) {
        if (!flattened) out.emplace_back(name, "");
        return;
      }
      bool simple = !flattened && !member.contains("locationName") &&
                    shapes_.at(member.at("shape").get<std::string>()).at("type") == "string";
      if (simple) {  // the path IAM uses: Name.member.N
        AddListParam(out, name, v.get<std::vector<std::string>>());
        return;
      }
      std::string prefix = flattened ? name : name + "." + member.value("locationName", "member");
      for (std::size_t i = 0; i < v.size(); ++i) {
        Value(out, prefix + "." + std::to_string(i + 1), member, v[i]);
      }
    } else if (type == "map") {
      bool flattened = ref.value("flattened", false) || shape.value("flattened", false);
      const ojson& key = shape.at("key");
      const ojson& value = shape.at("value");
      bool simple = !flattened && !key.contains("locationName") &&
                    !value.contains("locationName") &&
                    shapes_.at(value.at("shape").get<std::string>()).at("type") == "string";
      if (simple) {
        std::vector<std::pair<std::string, std::string>> entries;
        for (const auto& [k, val] : v.items()) entries.emplace_back(k, val.get<std::string>());
        AddMapParam(out, name, entries);
        return;
      }
      std::size_t i = 0;
      for (const auto& [k, val] : v.items()) {
        std::string base = name + (flattened ? "." : ".entry.") + std::to_string(++i);
        out.emplace_back(base + "." + key.value("locationName", "key"), k);
        Value(out, base + "." + value.value("locationName", "value"), value, val);
      }
    } else if (type == "boolean") {
      AddBool(out, name, v.get<bool>());
    } else if (type == "timestamp") {
      std::string format = ref.value("timestampFormat", shape.value("timestampFormat", "iso8601"));
      out.emplace_back(name, format == "unixTimestamp" ? std::to_string(v.get<long long>())
                                                       : IsoFromEpoch(v.get<double>()));
    } else if (type == "blob") {
      out.emplace_back(name, text::Base64Encode(v.get<std::string>()));
    } else if (v.is_string()) {
      out.emplace_back(name, v.get<std::string>());
    } else {
      out.emplace_back(name, v.dump());
    }
  }

 private:
  const ojson& shapes_;
};

// Cases about transport features IAM does not use.
const std::set<std::string> kInputNotApplicable = {
    "SDKAppliedContentEncoding_awsQuery",                     // gzip request compression
    "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsQuery",  // gzip request compression
    "QueryProtocolIdempotencyTokenAutoFill",                  // generated idempotency tokens
};

TEST(QueryProtocolInput, BodiesMatchByteForByte) {
  ojson suites = Load(kDir / "input" / "query.json");
  int checked = 0, total = 0;
  for (const auto& suite : suites) {
    for (const auto& c : suite.at("cases")) {
      ++total;
      std::string id = c.at("id");
      SCOPED_TRACE(id);
      if (kInputNotApplicable.count(id)) continue;
      const ojson& given = c.at("given");
      QueryParams params;
      if (given.contains("input")) {
        Serializer(suite.at("shapes")).Value(params, "", given.at("input"), c.at("params"));
      }
      std::string body =
          FormEncodeQuery(given.at("name").get<std::string>(),
                          suite.at("metadata").at("apiVersion").get<std::string>(), params);
      EXPECT_EQ(body, c.at("serialized").at("body").get<std::string>());
      const ojson& serialized = c.at("serialized");
      if (serialized.contains("headers")) {
        EXPECT_EQ(serialized.at("headers").value("Content-Type", ""),
                  "application/x-www-form-urlencoded");
      }
      ++checked;
    }
  }
  EXPECT_EQ(total, 38);
  EXPECT_EQ(checked, total - static_cast<int>(kInputNotApplicable.size()));
}

// ---- Output ---------------------------------------------------------------------------------

// Compares the parsed XML against the expected value for the members IAM's parsers rely on:
// strings, booleans, integers, ISO 8601 timestamps, non-flattened `member` lists, `entry` maps
// and nested structures. Returns how many values were compared.
int Compare(const ojson& shapes, const ojson& ref, pugi::xml_node node, const ojson& expected) {
  const ojson& shape = shapes.at(ref.at("shape").get<std::string>());
  const std::string type = shape.at("type");
  int n = 0;
  if (type == "structure") {
    for (const auto& [key, val] : expected.items()) {
      const ojson& mref = shape.at("members").at(key);
      if (mref.value("flattened", false) ||
          shapes.at(mref.at("shape").get<std::string>()).value("flattened", false))
        continue;
      pugi::xml_node child = xml::Child(node, mref.value("locationName", key));
      n += Compare(shapes, mref, child, val);
    }
  } else if (type == "list") {
    const ojson& member = shape.at("member");
    if (member.contains("locationName")) return 0;
    std::vector<pugi::xml_node> items;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && xml::LocalName(c) == "member") items.push_back(c);
    }
    EXPECT_EQ(items.size(), expected.size());
    for (std::size_t i = 0; i < items.size() && i < expected.size(); ++i) {
      n += Compare(shapes, member, items[i], expected[i]);
    }
    if (expected.empty()) ++n;
  } else if (type == "map") {
    const ojson& key = shape.at("key");
    const ojson& value = shape.at("value");
    if (key.contains("locationName") || value.contains("locationName")) return 0;
    std::size_t entries = 0;
    for (pugi::xml_node e = node.first_child(); e; e = e.next_sibling()) {
      if (e.type() != pugi::node_element || xml::LocalName(e) != "entry") continue;
      ++entries;
      std::string k = xml::Text(e, "key");
      EXPECT_TRUE(expected.contains(k)) << k;
      if (expected.contains(k)) n += Compare(shapes, value, xml::Child(e, "value"), expected[k]);
    }
    EXPECT_EQ(entries, expected.size());
    if (expected.empty()) ++n;
  } else if (type == "string" && expected.is_string()) {
    EXPECT_EQ(xml::OwnText(node), expected.get<std::string>());
    ++n;
  } else if (type == "boolean") {
    EXPECT_EQ(xml::OwnText(node), expected.get<bool>() ? "true" : "false");
    ++n;
  } else if ((type == "integer" || type == "long") && !shape.contains("enum")) {
    EXPECT_EQ(xml::OwnText(node), std::to_string(expected.get<long long>()));
    ++n;
  } else if (type == "timestamp") {
    std::string format = ref.value("timestampFormat", shape.value("timestampFormat", "iso8601"));
    if (format != "iso8601") return 0;  // IAM sends ISO 8601 only
    EXPECT_EQ(text::NormalizeIso8601(node.child_value()), IsoFromEpoch(expected.get<double>()));
    ++n;
  }
  return n;
}

// Cases whose content is outside what IAM sends (flattened/renamed maps, blobs, floats,
// epoch/http-date timestamps) or carry no body: their envelope is still parsed.
const std::set<std::string> kOutputEnvelopeOnly = {
    "QueryEmptyInputAndEmptyOutput",
    "QueryNoInputAndNoOutput",
    "QueryNoInputAndOutput",
    "QueryQueryFlattenedXmlMap",
    "QueryQueryFlattenedXmlMapWithXmlName",
    "QueryQueryFlattenedXmlMapWithXmlNamespace",
    "AwsQuerySupportsNaNFloatOutputs",
    "AwsQuerySupportsInfinityFloatOutputs",
    "AwsQuerySupportsNegativeInfinityFloatOutputs",
    "QueryXmlBlobs",
    "QueryXmlEmptyBlobs",
    "QueryXmlEmptySelfClosedBlobs",
    "QueryQueryXmlMapsXmlName",
    "QueryXmlTimestampsWithEpochSecondsFormat",
    "QueryXmlTimestampsWithEpochSecondsOnTargetFormat",
    "QueryXmlTimestampsWithHttpDateFormat",
    "QueryXmlTimestampsWithHttpDateOnTargetFormat",
};

TEST(QueryProtocolOutput, ResponsesAndErrorsParse) {
  ojson suites = Load(kDir / "output" / "query.json");
  int total = 0, compared_cases = 0, errors = 0;
  for (const auto& suite : suites) {
    for (const auto& c : suite.at("cases")) {
      ++total;
      std::string id = c.at("id");
      SCOPED_TRACE(id);
      const ojson& given = c.at("given");
      std::string action = given.at("name");
      const ojson& response = c.at("response");
      int status = response.at("status_code");
      std::string body = response.value("body", "");
      if (c.contains("errorCode")) {
        ++errors;
        Status s = ParseQueryError(action, status, body);
        EXPECT_FALSE(s.ok());
        ASSERT_TRUE(s.aws().has_value());
        EXPECT_EQ(s.aws()->code, c.at("errorCode").get<std::string>());
        EXPECT_EQ(s.aws()->type, "Sender");
        EXPECT_EQ(s.aws()->request_id, "foo-id");
        EXPECT_EQ(s.aws()->http_status, status);
        if (c.contains("errorMessage")) {
          EXPECT_EQ(s.aws()->message, c.at("errorMessage").get<std::string>());
        }
        EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);  // unknown 4xx codes
        continue;
      }
      if (body.empty()) {
        EXPECT_TRUE(kOutputEnvelopeOnly.count(id));
        // An empty 200 body is reported, never a crash.
        EXPECT_EQ(ParseQueryResponse(action, status, body).status().code(), ErrorCode::kInternal);
        continue;
      }
      Result<QueryResponse> r = ParseQueryResponse(action, status, body);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_TRUE(r->result) << "no <" << action << "Result>";
      if (kOutputEnvelopeOnly.count(id)) continue;
      int n = Compare(suite.at("shapes"), given.at("output"), r->result, c.at("result"));
      EXPECT_GT(n, 0) << "nothing compared";
      ++compared_cases;
    }
  }
  EXPECT_EQ(total, 38);
  EXPECT_EQ(errors, 3);
  EXPECT_EQ(compared_cases, total - errors - static_cast<int>(kOutputEnvelopeOnly.size()));
}

}  // namespace
}  // namespace aic
