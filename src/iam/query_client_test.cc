// Unit tests of the pure parts of query_client.h: the AWS error-code mapping and the
// ErrorResponse / success-envelope parsers. The HTTP path is covered by tests/iam_*_test.cc.
#include "iam/query_client.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

TEST(MapAwsErrorCode, DocumentedMapping) {
  EXPECT_EQ(MapAwsErrorCode("NoSuchEntity", 404), ErrorCode::kUnknownUid);
  EXPECT_EQ(MapAwsErrorCode("EntityAlreadyExists", 409), ErrorCode::kAlreadyExists);
  EXPECT_EQ(MapAwsErrorCode("DeleteConflict", 409), ErrorCode::kConflict);
  EXPECT_EQ(MapAwsErrorCode("LimitExceeded", 409), ErrorCode::kLimitExceeded);
  EXPECT_EQ(MapAwsErrorCode("PasswordPolicyViolation", 400), ErrorCode::kPasswordPolicyViolation);
  for (const char* c : {"InvalidInput", "ValidationError", "MalformedPolicyDocument"}) {
    EXPECT_EQ(MapAwsErrorCode(c, 400), ErrorCode::kInvalidAttributeValue) << c;
  }
  EXPECT_EQ(MapAwsErrorCode("AccessDenied", 403), ErrorCode::kPermissionDenied);
  for (const char* c : {"InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken"}) {
    EXPECT_EQ(MapAwsErrorCode(c, 403), ErrorCode::kUnauthenticated) << c;
  }
  EXPECT_EQ(MapAwsErrorCode("Throttling", 400), ErrorCode::kRetryable);
  EXPECT_EQ(MapAwsErrorCode("ServiceFailure", 500), ErrorCode::kRetryable);
  EXPECT_EQ(MapAwsErrorCode("Whatever", 503), ErrorCode::kRetryable);
  EXPECT_EQ(MapAwsErrorCode("InvalidAction", 400), ErrorCode::kInvalidInput);
  EXPECT_EQ(MapAwsErrorCode("SomethingNew", 400), ErrorCode::kInvalidInput);
  EXPECT_EQ(MapAwsErrorCode("SomethingNew", 404), ErrorCode::kUnknownUid);
}

TEST(IsRetryableAwsError, ThrottlingAndServerSide) {
  EXPECT_TRUE(IsRetryableAwsError("Throttling", 400));
  EXPECT_TRUE(IsRetryableAwsError("EntityTemporarilyUnmodifiable", 409));
  EXPECT_TRUE(IsRetryableAwsError("", 502));
  EXPECT_FALSE(IsRetryableAwsError("NoSuchEntity", 404));
  EXPECT_FALSE(IsRetryableAwsError("DeleteConflict", 409));
}

TEST(ParseQueryError, UnreadableBodiesNameTheStatus) {
  Status s = ParseQueryError("GetUser", 503, "<html>down</html>");
  EXPECT_EQ(s.code(), ErrorCode::kRetryable);
  EXPECT_NE(s.message().find("503"), std::string::npos);
  Status t = ParseQueryError("GetUser", 400, "");
  EXPECT_EQ(t.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(t.aws()->http_status, 400);
}

TEST(ParseQueryResponse, WrongRootAndEmbeddedErrors) {
  EXPECT_EQ(ParseQueryResponse("GetUser", 200, "<ListUsersResponse/>").status().code(),
            ErrorCode::kInternal);
  auto embedded = ParseQueryResponse(
      "GetUser", 200,
      "<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error>"
      "</ErrorResponse>");
  EXPECT_EQ(embedded.status().code(), ErrorCode::kPermissionDenied);
  auto ok = ParseQueryResponse(
      "GetUser", 200,
      "<GetUserResponse><GetUserResult><User/></GetUserResult><ResponseMetadata><RequestId>r1"
      "</RequestId></ResponseMetadata></GetUserResponse>");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->result);
  EXPECT_EQ(ok->request_id, "r1");
}

}  // namespace
}  // namespace aic
