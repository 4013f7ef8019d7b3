#include "aws_iam_connector/status.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status(ErrorCode::kInvalidInput, "odd");
  return x / 2;
}

Status Chain(int x) {
  AIC_RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "Ok");
}

TEST(StatusTest, CarriesAwsDetail) {
  Status s(ErrorCode::kUnknownUid, "The user with name x cannot be found.",
           AwsErrorDetail{"GetUser", "Sender", "NoSuchEntity", "msg", "req-1", 404});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(),
            "UnknownUid: The user with name x cannot be found. [GetUser NoSuchEntity]");
  ASSERT_TRUE(s.aws().has_value());
  EXPECT_EQ(s.aws()->http_status, 404);
  EXPECT_EQ(s.WithContext("DeleteUser").message(),
            "DeleteUser: The user with name x cannot be found.");
}

TEST(ResultTest, ValueOrStatus) {
  auto good = Half(4);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 2);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  EXPECT_FALSE(Chain(3).ok());
  EXPECT_TRUE(Chain(2).ok());
}

TEST(ResultTest, OkStatusIsNotAValue) {
  Result<int> r{Status::Ok()};
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace aic
