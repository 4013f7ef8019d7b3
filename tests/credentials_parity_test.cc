// The shared credentials file parser against the AWS CLI's own: botocore's raw_config_parse and
// SharedCredentialProvider (in the machine image's python3) read the same files, and both
// parsers must agree on every section, key and value, on which files are errors, and on the
// credentials a profile yields.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "aws_iam_connector/credentials_chain.h"
#include "credentials/ini_parser.h"
#include "support/child_process.h"

namespace aic {
namespace {

struct Case {
  const char* name;
  const char* content;
  const char* profile;
};

const Case kCases[] = {
    {"basic", "[default]\naws_access_key_id = AKID1\naws_secret_access_key = S1\n", "default"},
    {"comments_whitespace",
     "# top\n; also\n\n[default]\n  # indented comment\naws_access_key_id=AKID2   \n"
     "aws_secret_access_key   =   S2/x+y=\n\n\n",
     "default"},
    {"colon_and_case", "[dev]\nAWS_ACCESS_KEY_ID: AKID3\nAws_Secret_Access_Key : S3\n", "dev"},
    {"session_token",
     "[t]\naws_access_key_id=ASIA4\naws_secret_access_key=S4\naws_session_token=T4==\n", "t"},
    {"legacy_security_token",
     "[t]\naws_access_key_id=ASIA5\naws_secret_access_key=S5\naws_security_token=T5\n", "t"},
    {"inline_comment_is_value",
     "[default]\naws_access_key_id = AKID6 # not a comment\naws_secret_access_key = S6 ; no\n",
     "default"},
    {"crlf", "[default]\r\naws_access_key_id = AKID7\r\naws_secret_access_key = S7\r\n", "default"},
    {"no_final_newline", "[default]\naws_access_key_id = AKID8\naws_secret_access_key = S8",
     "default"},
    {"indented_continuation",
     "[default]\naws_access_key_id = AKID9\n  aws_secret_access_key = S9\n", "default"},
    {"nested_section",
     "[default]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\n"
     "aws_access_key_id = AKID10\naws_secret_access_key = S10\n",
     "default"},
    {"bad_nested", "[default]\ns3 =\n  no equals here\naws_access_key_id = A\n", "default"},
    {"spaces_in_section_name", "[ dev ]\naws_access_key_id=AKID11\naws_secret_access_key=S11\n",
     "dev"},
    {"spaces_in_section_name_exact",
     "[ dev ]\naws_access_key_id=AKID12\naws_secret_access_key=S12\n", " dev "},
    {"bracket_in_name", "[a]]\naws_access_key_id=AKID13\naws_secret_access_key=S13\n", "a]"},
    {"default_section",
     "[DEFAULT]\naws_secret_access_key = SHARED\n[x]\naws_access_key_id = AKID14\n", "x"},
    {"empty_quotes", "[default]\naws_access_key_id = AKID15\naws_secret_access_key = \"\"\n",
     "default"},
    {"partial_key_only", "[default]\naws_access_key_id = AKID16\n", "default"},
    {"profile_without_keys", "[default]\nregion = us-east-1\n", "default"},
    {"missing_profile", "[other]\naws_access_key_id=A\naws_secret_access_key=B\n", "default"},
    {"empty_file", "", "default"},
    {"duplicate_section", "[default]\na=1\n[default]\nb=2\n", "default"},
    {"duplicate_key", "[default]\na=1\nA=2\n", "default"},
    {"no_section", "aws_access_key_id = AKID\n[default]\n", "default"},
    {"no_delimiter", "[default]\njust some words\n", "default"},
    {"empty_section_name", "[]\na=1\n", "default"},
    {"unclosed_section", "[default\na=1\n", "default"},
};

constexpr char kBotocoreScript[] = R"PY(
import json, sys
import botocore.configloader as cl
from botocore.credentials import SharedCredentialProvider
from botocore.exceptions import ConfigParseError, PartialCredentialsError
args = sys.argv[1:]
for path, profile in zip(args[0::2], args[1::2]):
    out = {}
    try:
        parsed = cl.raw_config_parse(path)
        out['sections'] = {s: {k: v for k, v in d.items() if isinstance(v, str)}
                           for s, d in parsed.items()}
    except ConfigParseError:
        out['error'] = True
    try:
        c = SharedCredentialProvider(creds_filename=path, profile_name=profile).load()
        out['creds'] = None if c is None else [c.access_key, c.secret_key, c.token or '']
    except PartialCredentialsError:
        out['creds'] = 'partial'
    except ConfigParseError:
        out['creds'] = 'error'
    print(json.dumps(out))
)PY";

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

TEST(CredentialsParityTest, SharedFileParsingMatchesBotocore) {
  testing::TempDir dir;
  std::string script_path = dir.path() + "/parse.py";
  std::ofstream(script_path) << kBotocoreScript;
  std::string command = "python3 " + ShellQuote(script_path);
  std::vector<std::string> paths;
  for (const Case& c : kCases) {
    std::string path = dir.path() + "/" + c.name;
    std::ofstream(path, std::ios::binary) << c.content;
    paths.push_back(path);
    command += " " + ShellQuote(path) + " " + ShellQuote(c.profile);
  }
  std::FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::vector<nlohmann::json> answers;
  char buf[65536];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr)
    answers.push_back(nlohmann::json::parse(buf));
  ASSERT_EQ(pclose(pipe), 0) << "botocore script failed";
  ASSERT_EQ(answers.size(), std::size(kCases));

  for (std::size_t i = 0; i < std::size(kCases); ++i) {
    const Case& c = kCases[i];
    const nlohmann::json& expected = answers[i];
    SCOPED_TRACE(c.name);
    auto mine = credentials_internal::ParseIni(c.content, paths[i]);
    if (expected.contains("error")) {
      EXPECT_FALSE(mine.ok()) << "botocore refuses this file";
    } else {
      ASSERT_TRUE(mine.ok()) << mine.status().ToString();
      nlohmann::json sections = nlohmann::json::object();
      for (const auto& [name, section] : *mine) {
        nlohmann::json keys = nlohmann::json::object();
        for (const auto& [key, value] : section) {
          // botocore turns nested values into dicts; compare the plain ones.
          if (!value.Reveal().empty() && expected["sections"].contains(name) &&
              !expected["sections"][name].contains(key)) {
            continue;
          }
          keys[key] = std::string(value.Reveal());
        }
        sections[name] = keys;
      }
      EXPECT_EQ(sections, expected["sections"]);
    }

    auto creds = ParseSharedCredentialsFile(c.content, c.profile, paths[i]);
    const nlohmann::json& expected_creds = expected["creds"];
    if (expected_creds.is_string()) {  // "partial" or "error"
      EXPECT_FALSE(creds.ok()) << "botocore: " << expected_creds;
      if (!creds.ok()) {
        EXPECT_EQ(creds.status().code(), ErrorCode::kConfiguration);
      }
    } else if (expected_creds.is_null()) {
      ASSERT_TRUE(creds.ok()) << creds.status().ToString();
      EXPECT_FALSE(creds->has_value());
    } else {
      ASSERT_TRUE(creds.ok()) << creds.status().ToString();
      ASSERT_TRUE(creds->has_value());
      EXPECT_EQ((*creds)->access_key_id, expected_creds[0].get<std::string>());
      EXPECT_EQ(std::string((*creds)->secret_access_key.Reveal()),
                expected_creds[1].get<std::string>());
      EXPECT_EQ(std::string((*creds)->session_token.Reveal()),
                expected_creds[2].get<std::string>());
    }
  }
}

}  // namespace
}  // namespace aic
