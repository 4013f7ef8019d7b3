#include "iam/xml_util.h"

#include <gtest/gtest.h>

#include "common/text_codec.h"

namespace aic {
namespace {

TEST(XmlUtil, NormalizeDate) {
  EXPECT_EQ(text::NormalizeIso8601("2015-03-25T20:48:52.558Z"), "2015-03-25T20:48:52Z");
  EXPECT_EQ(text::NormalizeIso8601(" 2022-06-02T23:46:39Z\n"), "2022-06-02T23:46:39Z");
  EXPECT_EQ(text::NormalizeIso8601("2019-12-16T22:48:18-01:00"), "2019-12-16T23:48:18Z");
  EXPECT_EQ(text::NormalizeIso8601("2019-12-17T00:48:18+01:00"), "2019-12-16T23:48:18Z");
  EXPECT_EQ(text::NormalizeIso8601("2022-06-02T23:46:39.123456+00:00"), "2022-06-02T23:46:39Z");
  EXPECT_EQ(text::NormalizeIso8601("2022-06-02T23:46:39"), "2022-06-02T23:46:39Z");
  EXPECT_EQ(text::NormalizeIso8601("yesterday"), "yesterday");
  EXPECT_EQ(text::NormalizeIso8601(""), "");
}

TEST(XmlUtil, ChildIgnoresPrefixesAndTrims) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(
      "<a:Root xmlns:a='x'><a:Name>  n \n</a:Name><Flag>TRUE</Flag><N>12x</N><M>7</M></a:Root>"));
  pugi::xml_node root = doc.document_element();
  EXPECT_EQ(xml::Text(root, "Name"), "n");
  EXPECT_TRUE(xml::Bool(root, "Flag"));
  EXPECT_EQ(xml::Int(root, "N", -1), -1);
  EXPECT_EQ(xml::Int(root, "M"), 7);
  EXPECT_EQ(xml::Text(root, "Missing"), "");
}

}  // namespace
}  // namespace aic
