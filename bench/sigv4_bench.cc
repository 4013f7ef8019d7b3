// SigV4 micro-benchmarks: sign and verify a typical IAM Query POST (ListUsers).
// The peer figure comes from bench/sigv4_botocore.py (botocore's SigV4Auth, same request).
#include <benchmark/benchmark.h>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"

namespace {

using aic::text::ParseAmzDate;

constexpr std::string_view kAmzDate = "20240115T093000Z";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

aic::Credentials Creds() {
  aic::Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = aic::SecretString(kSecret);
  return c;
}

aic::HttpRequest ListUsers() {
  aic::HttpRequest r;
  r.method = "POST";
  r.url = "https://iam.amazonaws.com/";
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  r.body = "Action=ListUsers&Version=2010-05-08";
  return r;
}

// Re-signs the same request each iteration (SignRequest replaces Date and Authorization), as
// botocore's add_auth does in the peer script.
void BM_SignIamPost(benchmark::State& state) {
  aic::Credentials creds = Creds();
  aic::HttpRequest r = ListUsers();
  auto now = *ParseAmzDate(kAmzDate);
  for (auto _ : state) {
    aic::Status s = aic::sigv4::SignRequest(r, creds, "us-east-1", "iam", now);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_SignIamPost);

void BM_VerifyIamPost(benchmark::State& state) {
  aic::HttpRequest r = ListUsers();
  auto now = *ParseAmzDate(kAmzDate);
  if (!aic::sigv4::SignRequest(r, Creds(), "us-east-1", "iam", now).ok()) {
    state.SkipWithError("signing failed");
    return;
  }
  aic::sigv4::ReceivedRequest received{r.method, "/", r.headers, r.body};
  auto lookup = [](std::string_view) { return std::optional<aic::SecretString>(kSecret); };
  for (auto _ : state) {
    auto v = aic::sigv4::Verify(received, lookup, now);
    if (!v.ok()) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(v);
  }
}
BENCHMARK(BM_VerifyIamPost);

void BM_DeriveSigningKey(benchmark::State& state) {
  aic::SecretString secret(kSecret);
  for (auto _ : state) {
    std::string key = aic::sigv4::DeriveSigningKey(secret, "20240115", "us-east-1", "iam");
    benchmark::DoNotOptimize(key);
    aic::WipeString(key);
  }
}
BENCHMARK(BM_DeriveSigningKey);

}  // namespace

BENCHMARK_MAIN();
