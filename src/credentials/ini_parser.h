// A parser for AWS shared credentials/config files that follows Python's configparser (the
// parser the AWS CLI uses) closely enough for credentials: sections, "=" or ":" delimiters,
// lower-cased keys, section names taken verbatim (no trimming inside the brackets), full-line
// "#"/";" comments (no inline comments), indented continuation lines, "[DEFAULT]" keys inherited
// by every section, and strict errors for duplicate sections and keys, keys outside a section,
// empty section names and lines without a delimiter. tests/credentials_parity_test.cc checks
// this against botocore's own parser.
//
// Every value is held as a SecretString; error messages name the file and the line number,
// never the line's text.
//
// Thread safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic::credentials_internal {

using IniSection = std::map<std::string, SecretString, std::less<>>;
using IniFile = std::map<std::string, IniSection, std::less<>>;

// Errors: kConfiguration "<file_name> line N: <problem>".
Result<IniFile> ParseIni(std::string_view content, std::string_view file_name);

}  // namespace aic::credentials_internal
