// Emulator: the in-process IAM + STS emulator (SPEC section 8), as used by `serve` (its embedded
// default), the `emulator` subcommand and the connector's tests.
//
//   aic::EmulatorOptions options;           // 127.0.0.1, any free port, in-memory state
//   auto emulator = aic::Emulator::Start(options);
//   std::string url = (*emulator)->endpoint();  // "http://127.0.0.1:PORT/"
//   ... sign requests with access key "test" / secret "test" (the seed credentials) ...
//   (*emulator)->CallCounts();              // {"CreateUser": 1, "ListUsers": 3}
//
// One HTTP port speaks the IAM Query API (2010-05-08) and STS (2011-06-15), told apart by the
// signed service name. Every request is SigV4-verified (SignatureMode, see
// src/emulator/request_authenticator.h). Responses carry a UUID v4 request id (in the XML and
// in x-amzn-RequestId) and Content-Type text/xml.
//
// Call counters count every request that reached an action: authenticated and naming a
// well-formed action, including those then refused by fault injection or answered with an
// error by the backend (not those refused for their signature or a malformed body).
//
// Fault injection, per request that reached an action: `latency_ms` is waited, then with
// probability `throttle_rate` the answer is 400 Throttling "Rate exceeded" (Sender), else with
// probability `error_rate` 500 ServiceFailure (Receiver). The latency is a timer, not a sleep:
// the HTTP worker threads serve other requests meanwhile, so any number of delayed requests
// (up to the connection cap) are in flight at once, whatever `threads` is.
// Lost answers (deterministic): `lost_answers` {"CreateUser": 1} makes the next CreateUser the
// backend applies (answers 2xx) be answered 500 InternalFailure (Receiver) instead, as when
// AWS committed a write whose answer never arrived; failed requests use no count.
// `failed_requests` {"CreateUser": 1} (admin endpoint only) answers the next CreateUser
// 500 ServiceFailure without applying it.
//
// The emulator clock (system clock + offset) decides the SigV4 window, the expiry of temporary
// credentials and every time the backend writes (CreateDate, AssumeRole expiry).
//
// Admin endpoints (only with `admin`; otherwise 404), JSON in and out, on the same port:
//   GET  /_emulator/counters          {"ListUsers": 3, ...}
//   POST /_emulator/counters/reset    zeroes the counters
//   GET|POST /_emulator/faults        {"throttle_rate": 0.3, "error_rate": 0, "latency_ms": 0,
//                                      "lost_answers": {"CreateUser": 1},
//                                      "failed_requests": {"DeleteUser": 2}}
//                                     (POST: fields omitted keep their value; the two maps
//                                     set the actions named, a count of 0 removes one; GET
//                                     shows them only while some are pending)
//   GET|POST /_emulator/clock         {"offset_seconds": 3600}
//   POST /_emulator/console-sign-in   {"userName": "u", "password": "..."}: a simulated console
//                                     sign-in; 200 {"status": "ok"} records PasswordLastUsed,
//                                     401 for a wrong user/password or no login profile
//   POST /_emulator/reset             ResetState()
//   POST /moto-api/reset              the same, for tooling written for moto
// A malformed body or an out-of-range value gets 400 {"error": "..."}.
//
// ResetState() drops all IAM/STS state (back to the seed data), zeroes the counters, puts the
// fault settings back to those given at Start and the clock offset back to zero.
//
// Errors from Start: kConfiguration for bad options (host, port in use, rates outside [0, 1],
// latency outside [0, 60000] ms, a lost_answers entry that is not an action name with a count
// in [1, 1000], an account id that is not 12 digits, threads outside
// [1, 256]); the backend's error (kInternal / kConfiguration) when the database cannot be
// opened.
//
// Thread safety: every method may be called from any thread while the emulator serves. Stop()
// (also run by the destructor) stops serving and joins the worker threads; call it once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "aws_iam_connector/status.h"

namespace aic {

// Default TCP port of the `emulator` subcommand (the port commonly used for local AWS
// endpoints). The in-process default (EmulatorOptions::port) is 0: any free port.
inline constexpr int kEmulatorDefaultCliPort = 4566;
// Largest request body the emulator accepts (a bigger one gets 413).
inline constexpr std::size_t kEmulatorMaxBodyBytes = 1024 * 1024;

struct EmulatorOptions {
  enum class SignatureMode { kStrict, kAnyKey };

  std::string host = "127.0.0.1";
  int port = 0;         // 0 = any free port
  std::string db_path;  // SQLite file; empty = in-memory
  std::string account_id = "123456789012";
  SignatureMode mode = SignatureMode::kStrict;
  bool admin = false;  // the /_emulator/* and /moto-api/reset endpoints
  // A new database also gets the demo group (serve's embedded emulator sets it); a reset
  // always leaves an empty account (the AWS-managed policies only).
  bool demo_data = false;
  // Authorise every IAM and STS call of an identity other than the account root (the seed key
  // test/test) against its IAM policies; denied calls answer AccessDenied (403) in AWS's words.
  // `emulator --enforce-iam`; on in serve's embedded emulator.
  bool enforce_iam = false;
  double throttle_rate = 0;
  double error_rate = 0;
  int latency_ms = 0;
  std::map<std::string, int> lost_answers;  // action -> answers to lose (see above)
  int threads = 2;                          // HTTP worker threads
  std::size_t max_body_bytes = kEmulatorMaxBodyBytes;
};

class Emulator {
 public:
  static Result<std::unique_ptr<Emulator>> Start(const EmulatorOptions& options);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  int port() const;
  // "http://HOST:PORT/" (IPv6 hosts in brackets).
  std::string endpoint() const;

  std::map<std::string, std::uint64_t> CallCounts() const;
  void ResetCallCounts();
  // Rates are clamped to [0, 1], latency to [0, 60000] ms.
  void SetFaults(double throttle_rate, double error_rate, int latency_ms);
  // Loses the next `count` answers to `action` (0: none), replacing any count pending for it.
  void LoseAnswers(const std::string& action, int count);
  void SetClockOffset(std::chrono::seconds offset);
  // The emulator clock: the system clock plus the offset.
  std::chrono::system_clock::time_point Now() const;
  Status ResetState();
  void Stop();

  struct Impl;  // defined in src/emulator
  explicit Emulator(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace aic
