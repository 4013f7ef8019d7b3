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

TEST(NameRefusedAction, AccessDeniedNamesThePermissionAwsChecked) {
  const std::string body =
      "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: "
      "arn:aws:iam::123456789012:user/omada is not authorized to perform: iam:TagUser on "
      "resource: arn:aws:iam::123456789012:user/bob because no identity-based policy allows the "
      "iam:TagUser action</Message></Error><RequestId>r9</RequestId></ErrorResponse>";
  Status s = NameRefusedAction("iam", ParseQueryError("CreateUser", 403, body));
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(s.message().rfind("AWS refused iam:TagUser: User: arn:aws:iam::123456789012:user/omada"
                              " is not authorized to perform: iam:TagUser",
                              0),
            0u)
      << s.message();
  ASSERT_TRUE(s.aws().has_value());
  EXPECT_EQ(s.aws()->action, "CreateUser");
  EXPECT_EQ(s.aws()->request_id, "r9");
  EXPECT_EQ(s.aws()->message.rfind("User: ", 0), 0u);  // AWS's own words kept

  // Without a named permission: the service and the action called.
  Status t = NameRefusedAction(
      "sts", ParseQueryError("AssumeRole", 403,
                             "<ErrorResponse><Error><Code>AccessDenied</Code><Message>Access "
                             "denied</Message></Error></ErrorResponse>"));
  EXPECT_EQ(t.message(), "AWS refused sts:AssumeRole: Access denied");

  // Other errors are untouched, UnmodifiableEntity (also kPermissionDenied) included.
  Status u = ParseQueryError("DeleteRole", 400,
                             "<ErrorResponse><Error><Code>UnmodifiableEntity</Code><Message>"
                             "protected</Message></Error></ErrorResponse>");
  EXPECT_EQ(NameRefusedAction("iam", u).message(), "protected");
  Status v = ParseQueryError("GetUser", 404,
                             "<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>gone"
                             "</Message></Error></ErrorResponse>");
  EXPECT_EQ(NameRefusedAction("iam", v).message(), "gone");
}

}  // namespace
}  // namespace aic
