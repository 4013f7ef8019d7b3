#include "scim/scim_path.h"

#include <gtest/gtest.h>

#include <string>

namespace aic::scim {
namespace {

TEST(ScimPathTest, AttributePaths) {
  auto p = ParsePatchPath("userName");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr, (AttrPath{"", "userName", ""}));
  EXPECT_FALSE(p->value_filter);
  EXPECT_EQ(p->sub_attr_after_filter, "");
  p = ParsePatchPath("  name.familyName ");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr, (AttrPath{"", "name", "familyName"}));
  p = ParsePatchPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.schema, kEnterpriseUserSchema);
  EXPECT_EQ(p->attr.attr, "employeeNumber");
  p = ParsePatchPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.attr, "");  // the whole extension
}

// RFC 7644 3.5.2's and Entra's value paths.
TEST(ScimPathTest, ValuePaths) {
  auto p = ParsePatchPath(R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr, (AttrPath{"", "members", ""}));
  ASSERT_TRUE(p->value_filter);
  EXPECT_EQ(p->value_filter->ToString(), R"(value eq "2819c223-7f76-453a-919d-413861904646")");
  EXPECT_EQ(p->sub_attr_after_filter, "");
  p = ParsePatchPath(R"(emails[type eq "work"].value)");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.attr, "emails");
  EXPECT_EQ(p->value_filter->ToString(), R"(type eq "work")");
  EXPECT_EQ(p->sub_attr_after_filter, "value");
  EXPECT_EQ(PatchPathToString(*p), R"(emails[type eq "work"].value)");
  p = ParsePatchPath(R"(emails[type eq "work" and value ew "example.com"])");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->value_filter->kind(), Filter::Kind::kAnd);
  p = ParsePatchPath(R"(addresses[type eq "work"].streetAddress)");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->sub_attr_after_filter, "streetAddress");
  p = ParsePatchPath(R"(emails[value eq "a]b"].display)");  // ']' inside a string
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->value_filter->value(), "a]b");
  EXPECT_EQ(p->sub_attr_after_filter, "display");
  p = ParsePatchPath(
      R"(urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User:tags[key eq "Project"].value)");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->attr.schema, kAwsUserSchema);
  EXPECT_EQ(p->attr.attr, "tags");
  EXPECT_EQ(p->sub_attr_after_filter, "value");
}

TEST(ScimPathTest, Rejects) {
  for (const char* bad :
       {"", "   ", "1abc", "name.given.name", R"(emails[type eq "work")", R"(emails[type eq])",
        R"(emails[type eq "work"]value)", R"(emails[type eq "work"].)",
        R"(emails[type eq "work"].value.x)", R"(emails[type eq "work"].urn:x:y)",
        R"(emails.value[type eq "work"])", R"(emails[value[x eq 1]])", "emails[]",
        R"(emails[type eq "work"][x pr])", "name given"}) {
    auto p = ParsePatchPath(bad);
    ASSERT_FALSE(p.ok()) << bad << " -> " << PatchPathToString(*p);
    EXPECT_EQ(p.error().status, 400);
    EXPECT_EQ(p.error().type, ScimType::kInvalidPath) << bad;
  }
  auto p = ParsePatchPath(R"(emails[type xx "work"].value)");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().detail.find("at character 13"), std::string::npos) << p.error().detail;
}

}  // namespace
}  // namespace aic::scim
