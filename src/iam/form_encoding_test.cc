#include "iam/form_encoding.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

TEST(FormEncoding, UriEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(UriEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b+c/d=e&f"), "a%20b%2Bc%2Fd%3De%26f");
  EXPECT_EQ(UriEncode("{\"Version\":\"2012-10-17\"}"), "%7B%22Version%22%3A%222012-10-17%22%7D");
  EXPECT_EQ(UriEncode("\xc3\xa9"), "%C3%A9");  // UTF-8 bytes, upper-case hex
  EXPECT_EQ(UriEncode(""), "");
}

TEST(FormEncoding, UriDecodeRoundTripsAndKeepsMalformedEscapes) {
  std::string s = "{\"Statement\": [{\"Action\": \"iam:*\", \"Resource\": \"*\"}]} é+%";
  EXPECT_EQ(UriDecode(UriEncode(s)), s);
  EXPECT_EQ(UriDecode("a+b"), "a+b");
  EXPECT_EQ(UriDecode("a+b", true), "a b");
  EXPECT_EQ(UriDecode("100%"), "100%");
  EXPECT_EQ(UriDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(UriDecode("%2f%2F"), "//");
}

TEST(FormEncoding, ListsTagsAndMaps) {
  QueryParams p;
  AddListParam(p, "Filter", {"User", "Group"});
  AddListParam(p, "Empty", {});
  AddTagParams(p, "Tags", {{"team", "a b"}, {"cost", ""}});
  AddMapParam(p, "M", {{"k", "v"}});
  AddIfNotEmpty(p, "Path", "");
  AddIfNotEmpty(p, "PathPrefix", "/x/");
  AddBool(p, "OnlyAttached", true);
  EXPECT_EQ(FormEncodeQuery("ListX", "2010-05-08", p),
            "Action=ListX&Version=2010-05-08&Filter.member.1=User&Filter.member.2=Group"
            "&Tags.member.1.Key=team&Tags.member.1.Value=a%20b&Tags.member.2.Key=cost"
            "&Tags.member.2.Value=&M.entry.1.key=k&M.entry.1.value=v&PathPrefix=%2Fx%2F"
            "&OnlyAttached=true");
}

}  // namespace
}  // namespace aic
