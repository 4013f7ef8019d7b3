// StatementPositions against the documents whose AWS-reported positions are known exactly
// (sources in statement_positions.h).
#include "policy/statement_positions.h"

#include <gtest/gtest.h>

namespace aic::policy::internal {
namespace {

std::vector<StatementSpan> Spans(std::string_view document) {
  auto spans = StatementPositions(document);
  EXPECT_TRUE(spans.ok()) << spans.status().message();
  return spans.ok() ? spans.value() : std::vector<StatementSpan>{};
}

void ExpectSpan(const StatementSpan& s, int l1, int c1, int l2, int c2) {
  EXPECT_EQ(s.first.line, l1);
  EXPECT_EQ(s.first.column, c1);
  EXPECT_EQ(s.second.line, l2);
  EXPECT_EQ(s.second.column, c2);
}

TEST(StatementPositionsTest, AwsCliCustomPolicyExample) {
  // awscli/examples/iam/simulate-custom-policy.rst: StartPosition 1:38, EndPosition 1:167.
  auto spans = Spans(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*",)"
      R"("Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}})");
  ASSERT_EQ(spans.size(), 1u);
  ExpectSpan(spans[0], 1, 38, 1, 167);
}

TEST(StatementPositionsTest, LocalStackRecordingOfAws) {
  // test_iam.snapshot.json test_simulate_principle_policy: json.dumps of the policy; 1:41..1:113.
  auto spans = Spans(R"({"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", )"
                     R"("Action": "s3:PutObject", "Resource": "*"}})");
  ASSERT_EQ(spans.size(), 1u);
  ExpectSpan(spans[0], 1, 41, 1, 113);
}

TEST(StatementPositionsTest, ArrayElementsStartAfterThePreviousToken) {
  // The Scott Logic run: json.dumps with a one-element array, 1:41..1:180.
  auto identity =
      Spans(R"({"Version": "2012-10-17", "Statement": [{"Sid": "s3", "Effect": "Allow", "Action": )"
            R"(["s3:GetObject", "s3:DeleteObject"], "Resource": )"
            R"(["arn:aws:s3:::tims-fancy-bucket/only-here/*"]}]})");
  ASSERT_EQ(identity.size(), 1u);
  ExpectSpan(identity[0], 1, 41, 1, 180);
  // Its minified bucket policy: the first statement 1:38..1:248, the second starts at 1:248.
  auto bucket = Spans(
      R"({"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny",)"
      R"("Principal":"*","Action":"*","Resource":["arn:aws:s3:::tims-fancy-bucket/*",)"
      R"("arn:aws:s3:::tims-fancy-bucket"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},)"
      R"({"Sid":"DenyTimDelete","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject",)"
      R"("Resource":["arn:aws:s3:::tims-fancy-bucket/*"],"Condition":{"ArnLike":)"
      R"({"aws:PrincipalArn":"arn:aws:iam::112233445566:role/tims-test-role"}}}]})");
  ASSERT_EQ(bucket.size(), 2u);
  ExpectSpan(bucket[0], 1, 38, 1, 248);
  EXPECT_EQ(bucket[1].first.line, 1);
  EXPECT_EQ(bucket[1].first.column, 248);
}

TEST(StatementPositionsTest, PrettyPrintedDocumentCountsLinesAndCharacters) {
  // Like the aws CLI's simulate-principal-policy example (3:19..9:10): 4-space indentation.
  const std::string doc =
      "{\n"
      "    \"Version\": \"2012-10-17\",\n"
      "    \"Statement\": [\n"
      "        {\n"
      "            \"Sid\": \"caf\xc3\xa9\",\n"  // a 2-byte character counts once
      "            \"Effect\": \"Allow\",\n"
      "            \"Action\": \"codecommit:ListRepositories\",\n"
      "            \"Resource\": \"*\"\n"
      "        },\r\n"
      "        {\"Effect\": \"Deny\", \"Action\": \"x:{]\", \"Resource\": \"*\"}\n"
      "    ]\n"
      "}\n";
  auto spans = Spans(doc);
  ASSERT_EQ(spans.size(), 2u);
  ExpectSpan(spans[0], 3, 19, 9, 10);
  ExpectSpan(spans[1], 9, 10, 10, 62);
}

TEST(StatementPositionsTest, NotAPolicyIsAnError) {
  for (const char* doc :
       {"", "[]", R"({"Version":"2012-10-17"})", R"({"Statement":"x"})",
        R"({"Statement":[{"Effect":"Allow"})", R"({"Statement":{"Effect":"Allow")"}) {
    EXPECT_FALSE(StatementPositions(doc).ok()) << doc;
  }
  // A key named Statement inside a string or a nested object does not count.
  auto spans = Spans(R"({"Id":"\"Statement\":[","Version":{"Statement":{}},"Statement":[{},{}]})");
  EXPECT_EQ(spans.size(), 2u);
}

}  // namespace
}  // namespace aic::policy::internal
