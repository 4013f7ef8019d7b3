#include "iam/form_encoding.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

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
