// The base credentials providers and the chain that picks one, in SPEC section 3 order:
// configuration (accessKeyId/secretKey), then the AWS environment variables, then the AWS shared
// credentials file and profile.
//
// Environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and optionally AWS_SESSION_TOKEN. An
// empty variable counts as unset. A key id without a secret (or the reverse) is an error.
//
// Shared file: AWS_SHARED_CREDENTIALS_FILE, else $HOME/.aws/credentials; profile AWS_PROFILE,
// else "default". Parsed as the AWS CLI does (Python configparser rules): "[profile]" sections,
// "key = value" or "key: value", keys case-insensitive, full-line "#" and ";" comments,
// surrounding whitespace ignored, indented continuation lines, duplicate sections or keys are
// errors. Keys read: aws_access_key_id, aws_secret_access_key, aws_session_token (or the legacy
// aws_security_token). A missing file, or a missing "default" profile, means "no credentials
// here"; a profile named by AWS_PROFILE that is absent, a malformed file, or a key id without a
// secret is a kConfiguration error naming the file, the line and the profile (never a value).
//
// Errors: kConfiguration only. Messages never contain a secret key, a session token or any
// value read from the credentials file.
//
// Thread safety: every provider here may be called from many threads at once. The file and the
// chain resolve on the first successful Get() and cache the result; the environment provider
// reads the variables on every call.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/status.h"

namespace aic {

// Largest shared credentials file read; bigger files are a kConfiguration error.
inline constexpr std::size_t kMaxSharedCredentialsFileBytes = 1 << 20;
inline constexpr std::string_view kDefaultProfileName = "default";

// Reads the standard AWS environment variables on each Get().
std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider();

// Reads `path` (empty: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) and `profile`
// (empty: AWS_PROFILE, else "default"). The path and profile are resolved at construction.
std::shared_ptr<CredentialsProvider> MakeSharedFileCredentialsProvider(std::string path = "",
                                                                       std::string profile = "");

// The SPEC chain: `configured` (when it has an access key id) first, then the environment, then
// the shared file. `configured` with a key id but no secret is a kConfiguration error. When
// nothing is found Get() returns kConfiguration "no AWS credentials found (checked: ...)".
std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChain(
    std::optional<Credentials> configured);

// Parses the text of a shared credentials file and returns the credentials of `profile`, or
// nullopt when the profile is absent or has no aws_access_key_id. `file_name` is used in error
// messages only. Errors: kConfiguration for a malformed file or a key id without a secret.
Result<std::optional<Credentials>> ParseSharedCredentialsFile(std::string_view content,
                                                              std::string_view profile,
                                                              std::string_view file_name);

}  // namespace aic
