// Parsing one 1000-user GetAccountAuthorizationDetails page (each user: 2 groups, 2 attached
// managed policies, 2 tags, 1 URL-encoded inline policy), from the XML body to typed results.
// Peer: bench/iam_parse_botocore.py parses the same bytes with botocore's QueryParser.
//
//   iam_parse_bench --write-xml=/tmp/gaad.xml   writes the page and exits
//   iam_parse_bench [benchmark flags]            runs the benchmarks
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "common/text_codec.h"
#include "iam/iam_parsers.h"
#include "iam/query_client.h"

namespace {

constexpr int kUsers = 1000;
constexpr char kInlinePolicy[] =
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
    "[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::bucket-%d\","
    "\"arn:aws:s3:::bucket-%d/*\"]}]}";

std::string GenerateGaadPage(int users) {
  std::string xml =
      "<GetAccountAuthorizationDetailsResponse "
      "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
      "  <GetAccountAuthorizationDetailsResult>\n    <IsTruncated>true</IsTruncated>\n"
      "    <UserDetailList>\n";
  char policy[512];
  for (int i = 0; i < users; ++i) {
    std::string n = std::to_string(i);
    std::snprintf(policy, sizeof policy, kInlinePolicy, i, i);
    xml += "      <member>\n        <Path>/staff/</Path>\n        <UserName>user" + n +
           "</UserName>\n        <UserId>AIDA" + std::string(16 - n.size(), '0') + n +
           "</UserId>\n        <Arn>arn:aws:iam::123456789012:user/staff/user" + n +
           "</Arn>\n        <CreateDate>2023-05-06T07:08:09Z</CreateDate>\n"
           "        <UserPolicyList>\n          <member>\n            <PolicyName>inline-" +
           n + "</PolicyName>\n            <PolicyDocument>" + aic::text::PercentEncode(policy) +
           "</PolicyDocument>\n          </member>\n        </UserPolicyList>\n"
           "        <GroupList>\n          <member>group-" +
           std::to_string(i % 10) +
           "</member>\n          <member>all-staff</member>\n        </GroupList>\n"
           "        <AttachedManagedPolicies>\n"
           "          <member>\n            <PolicyName>ReadOnlyAccess</PolicyName>\n"
           "            <PolicyArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PolicyArn>\n"
           "          </member>\n          <member>\n            <PolicyName>team-" +
           std::to_string(i % 20) +
           "</PolicyName>\n            <PolicyArn>"
           "arn:aws:iam::123456789012:policy/team-" +
           std::to_string(i % 20) +
           "</PolicyArn>\n          </member>\n        </AttachedManagedPolicies>\n"
           "        <Tags>\n          <member><Key>cost-center</Key><Value>cc-" +
           std::to_string(i % 7) +
           "</Value></member>\n          <member><Key>owner</Key>"
           "<Value>owner" +
           n +
           "@example.com</Value></member>\n        </Tags>\n"
           "      </member>\n";
  }
  xml +=
      "    </UserDetailList>\n    <GroupDetailList/>\n    <RoleDetailList/>\n"
      "    <Policies/>\n    <Marker>AAEAAFTestMarkerValue0001</Marker>\n"
      "  </GetAccountAuthorizationDetailsResult>\n"
      "  <ResponseMetadata><RequestId>bench-0001</RequestId></ResponseMetadata>\n"
      "</GetAccountAuthorizationDetailsResponse>\n";
  return xml;
}

const std::string& Page() {
  static const std::string* page = new std::string(GenerateGaadPage(kUsers));
  return *page;
}

// Body -> typed AccountAuthorizationDetails (XML parse, unwrap, read every field, URL-decode
// policies, normalise dates).
void BM_ParseGaadPage1000Users(benchmark::State& state) {
  const std::string& body = Page();
  for (auto _ : state) {
    auto r = aic::ParseQueryResponse("GetAccountAuthorizationDetails", 200, body);
    auto details = aic::iam_parse::AccountAuthorizationDetailsResult(r.value().result);
    if (details.users.size() != kUsers) state.SkipWithError("wrong user count");
    benchmark::DoNotOptimize(details);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ParseGaadPage1000Users)->Unit(benchmark::kMillisecond);

// The XML parse alone (pugixml DOM), for the split.
void BM_XmlOnlyGaadPage1000Users(benchmark::State& state) {
  const std::string& body = Page();
  for (auto _ : state) {
    auto r = aic::ParseQueryResponse("GetAccountAuthorizationDetails", 200, body);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_XmlOnlyGaadPage1000Users)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  constexpr const char kWrite[] = "--write-xml=";
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], kWrite, sizeof kWrite - 1) == 0) {
      std::ofstream out(argv[i] + sizeof kWrite - 1, std::ios::binary);
      out << Page();
      std::cout << "wrote " << Page().size() << " bytes\n";
      return out ? 0 : 1;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
