// Test helper: reads the SigV4 vector files of ../shared/testdata/sigv4 (parsing request.txt /
// .req into a ReceivedRequest and writing a signed request back in the vectors' layout).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "aws_iam_connector/sigv4.h"

namespace aic::sigv4::testing {

// The whole file, byte for byte; empty with a gtest failure when it cannot be read.
std::string ReadFileExactly(const std::filesystem::path& path);

// Parses "METHOD target HTTP/1.1\nName:value\n...\n\nbody". Header values keep their raw text
// after the colon (spaces included); continuation lines are joined with '\n'.
ReceivedRequest ParseVectorRequest(const std::string& text);

// v4/ layout: every line ends with '\n', then a blank line, then the body.
std::string FormatV4Request(const ReceivedRequest& request);
// aws4_testsuite/ layout: lines joined with '\n', "Authorization: " with a space, and
// "\n\n" + body only when there is a body.
std::string FormatAws4Request(const ReceivedRequest& request);

// Sub-folders of `root` (relative, '/'-separated, sorted) that hold a case: for v4 a folder with
// request.txt, for aws4_testsuite a folder <name> holding <name>.req. Nested folders included.
std::vector<std::string> ListCaseFolders(const std::filesystem::path& root, bool aws4_layout);

}  // namespace aic::sigv4::testing
