// Unit tests of the AWS connector's pure logic: password policy check, the __ENABLE__ record,
// tag mapping, ARN rewriting and the bounded runner.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>

#include "common/task_group.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

TEST(PasswordPolicyCheck, DefaultPolicyNeedsEightCharactersAndThreeClasses) {
  PasswordPolicy p = DefaultAwsPasswordPolicy();
  EXPECT_TRUE(CheckPassword(p, SecretString("Passw0rd@123!")).ok());
  EXPECT_TRUE(CheckPassword(p, SecretString("abcdEF12")).ok());
  Status short_pw = CheckPassword(p, SecretString("aB1!"));
  EXPECT_EQ(short_pw.code(), ErrorCode::kPasswordPolicyViolation);
  EXPECT_NE(short_pw.message().find("at least 8"), std::string::npos);
  Status two_classes = CheckPassword(p, SecretString("abcdefgh12"));
  EXPECT_EQ(two_classes.code(), ErrorCode::kPasswordPolicyViolation);
  EXPECT_EQ(two_classes.message().find("abcdefgh12"), std::string::npos);
}

TEST(PasswordPolicyCheck, AccountPolicyRulesApply) {
  PasswordPolicy p;
  p.minimum_password_length = 12;
  p.require_symbols = true;
  p.require_numbers = true;
  p.require_uppercase_characters = false;
  EXPECT_TRUE(CheckPassword(p, SecretString("abcdefghij1!")).ok());
  EXPECT_FALSE(CheckPassword(p, SecretString("abcdefghijk!")).ok());  // no number
  EXPECT_FALSE(CheckPassword(p, SecretString("abcdefghij12")).ok());  // no symbol
  EXPECT_FALSE(CheckPassword(p, SecretString("abcdefgh1!")).ok());    // too short
}

TEST(DisabledRecord, RoundTripsAndToleratesHandMadeValues) {
  DisabledRecord r{{"AKIA1", "AKIA2"}, true};
  DisabledRecord back = DecodeDisabledRecord(EncodeDisabledRecord(r));
  EXPECT_EQ(back.keys, r.keys);
  EXPECT_TRUE(back.console);
  EXPECT_LE(EncodeDisabledRecord(r).size(), connector::kMaxTagValueLength);
  DisabledRecord junk = DecodeDisabledRecord("yes");
  EXPECT_TRUE(junk.keys.empty());
  EXPECT_FALSE(junk.console);
}

TEST(TagMapping, ReservedTagIsHiddenAndDrivesEnable) {
  json o = json::object();
  SetTagsAndEnable(o, {{"Project", "Meteor"}, {std::string(kDisabledTagKey), "{}"}});
  EXPECT_EQ(o["Tags"], json::array({{{"Key", "Project"}, {"Value", "Meteor"}}}));
  EXPECT_EQ(o["__ENABLE__"], false);
  SetTagsAndEnable(o, {});
  EXPECT_EQ(o["Tags"], json::array());
  EXPECT_EQ(o["__ENABLE__"], true);
}

TEST(ArnFor, FollowsRenameAndMove) {
  EXPECT_EQ(ArnFor("arn:aws:iam::123456789012:user/a/b/bob", "user", "/x/", "alice"),
            "arn:aws:iam::123456789012:user/x/alice");
  EXPECT_EQ(ArnFor("arn:aws-cn:iam::123456789012:user/bob", "user", "/", "bob2"),
            "arn:aws-cn:iam::123456789012:user/bob2");
  EXPECT_EQ(ArnFor("arn:aws:iam::123456789012:group/eng/devs", "group", "/ops/", "admins"),
            "arn:aws:iam::123456789012:group/ops/admins");
  EXPECT_EQ(ArnFor("arn:aws:iam::123456789012:group/devs", "user", "/", "x"),
            "arn:aws:iam::123456789012:group/devs");
}

TEST(RunBounded, RunsEveryItemAtMostParallelismAtOnceAndReturnsTheFirstError) {
  int seen = 0;
  int running = 0;
  int most = 0;
  // Each item waits on a timer, so the workers really interleave.
  auto item = [&](std::size_t) -> Task<Status> {
    ++seen;
    most = std::max(most, ++running);
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    timer.expires_after(std::chrono::milliseconds(1));
    co_await timer.async_wait(boost::asio::use_awaitable);
    --running;
    co_return Status::Ok();
  };
  EXPECT_TRUE(Wait(RunBounded(4, 100, item)).ok());
  EXPECT_EQ(seen, 100);
  EXPECT_EQ(most, 4);
  Status s = Wait(RunBounded(3, 10, [](std::size_t i) -> Task<Status> {
    co_return i == 5 ? Status(ErrorCode::kRetryable, "boom") : Status::Ok();
  }));
  EXPECT_EQ(s.code(), ErrorCode::kRetryable);
}

TEST(NeededAttributes, CollectsFilterAndSortFields) {
  auto filter = connector::ParseQueryFilter("/Tags/Key eq \"a\" or !(groups pr)");
  ASSERT_TRUE(filter.ok());
  connector::SortKey key{{"CreatedDate"}, true};
  AttrSet needed = NeededAttributes({"_id", "Path"}, *filter, {key});
  EXPECT_EQ(needed, (AttrSet{"CreatedDate", "Path", "Tags", "groups"}));
  EXPECT_TRUE(NeedsGaad(needed));
  EXPECT_FALSE(NeedsPerUser(needed));
  EXPECT_TRUE(NeedsPerUser({"accessKeys"}));
}

}  // namespace
}  // namespace aic::aws_internal
