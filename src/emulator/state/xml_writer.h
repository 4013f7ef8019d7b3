// XmlWriter: builds AWS Query-protocol XML responses as text, escaping every value.
//
//   XmlWriter w;
//   w.Open("CreateUserResponse", kIamNamespace);
//   w.Open("CreateUserResult"); w.Open("User");
//   w.Element("Path", "/"); ...
//   w.Close(); w.Close();
//   w.ResponseMetadata(request_id);
//   w.Close();
//   std::string xml = std::move(w).Finish();
//
// Element order is the caller's job: it must follow the AWS models (testdata/aws-models).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aic::emulator {

inline constexpr std::string_view kIamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
inline constexpr std::string_view kStsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

class XmlWriter {
 public:
  XmlWriter();
  // <name xmlns="ns"> (no xmlns when ns is empty).
  void Open(std::string_view name, std::string_view xmlns = {});
  void Close();
  // <name>escaped value</name>
  void Element(std::string_view name, std::string_view value);
  void Element(std::string_view name, const char* value) { Element(name, std::string_view(value)); }
  void Element(std::string_view name, const std::string& value) {
    Element(name, std::string_view(value));
  }
  void Element(std::string_view name, bool value);
  void Element(std::string_view name, long long value);
  // <ResponseMetadata><RequestId>id</RequestId></ResponseMetadata>
  void ResponseMetadata(std::string_view request_id);
  // Closes every open element and returns the document.
  std::string Finish() &&;

 private:
  std::string out_;
  std::vector<std::string> open_;
};

// The whole AWS error document:
// <ErrorResponse xmlns="ns"><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
std::string ErrorResponseXml(std::string_view xmlns, std::string_view type, std::string_view code,
                             std::string_view message, std::string_view request_id);

}  // namespace aic::emulator
