// MakeIamBackend: the emulator's IAM + STS state machine behind the Backend seam
// (emulator/backend.h).
//
// State: the whole IAM state (users with everything they own, groups, managed policies with
// versions, roles with their policies, instance profiles, SAML and OIDC providers, server
// certificates, virtual MFA devices, account settings and password policy, service usage,
// report jobs, STS temporary keys; iam_model.h) lives in memory, in maps keyed by lower-cased
// names or ARNs (ordered, for case-insensitive uniqueness and for Marker paging), guarded by one
// std::shared_mutex: read actions take it shared, write actions exclusive.
//
// Durability (fails closed): a write action changes the in-memory state and writes the
// entities it changed to SQLite in one transaction (WAL, synchronous=FULL), all under the
// exclusive lock, and only then answers: an acknowledged write survives kill -9, and no reader
// (nor a signature check through LookupAccessKey) sees a change before its commit succeeded.
// If the commit fails, the in-memory state is reloaded from the database (the change is
// undone before the lock is released), the action answers ServiceFailure 500, and from then
// on every write (and Reset) is refused with ServiceFailure 500 while reads keep serving the
// last durable state, until a restart; if that reload fails too, every action is refused. On
// start everything is loaded from SQLite, and any error there (a failed step, a corrupt row)
// fails the start: a partial state is never served. An empty db_path uses a private in-memory
// SQLite database. Entities are stored as one JSON row each (see iam_store.h).
//
// Seed data on a new (empty) database and after Reset(): access key `test` / secret `test`
// belonging to the account root (arn:aws:iam::ACCOUNT:root); the AWS-managed policies
// AdministratorAccess, ReadOnlyAccess, IAMUserChangePassword, IAMReadOnlyAccess and
// PowerUserAccess under arn:aws:iam::aws:policy/. With BackendOptions::demo_data (serve's
// embedded emulator), a new database also gets one group "demo-group" with ReadOnlyAccess
// attached; a Reset() leaves an empty account (no demo group).
//
// Actions: every operation of the IAM (2010-05-08) and STS (2011-06-15) models except
// SimulateCustomPolicy and SimulatePrincipalPolicy, one file per entity kind (*_actions.cc,
// registered through action_context.h). Before a handler runs, the input is checked against the
// model's constraints (input_validator.h: every violation listed, in AWS's words); policy
// documents against AWS's grammar (policy_grammar.h). The AssumeRole* calls need an existing
// role whose trust policy allows the caller (evaluated by the policy engine as the
// resource-based policy). With BackendOptions::enforce_iam, every call of a non-root caller is
// authorised after the input validation and before the action (request_authorizer.h).
// docs/emulator.md says which source decided each rule.
// Lists page with MaxItems 1..1000 (default 100) and an opaque hex Marker; policy documents are
// URL-encoded (RFC 3986) in GetPolicyVersion, Get{User,Group}Policy and GAAD, as AWS sends them.
// Passwords: with no account password policy, AWS's default (8+ characters and 3 of upper,
// lower, digit, symbol); with one, its length and character rules. Only libsodium hashes of
// passwords are stored (password_hash.h), with earlier hashes for PasswordReusePrevention.
//
// Usage: every signed request records its key's last use (and the role's, for a role
// session) and the principal's service access in a buffer with its own mutex, folded into the
// state and committed by the next write, by an action that reports usage, or after
// kUsageFlushSeconds (usage_recorder.h: no exclusive lock or commit per read; a kill -9 loses
// only the buffered uses). ConsoleSignIn (the admin endpoint) records PasswordLastUsed.
//
// LookupAccessKey: `test` (the root), keys made by CreateAccessKey (active=false when
// Inactive) and temporary keys (AssumeRole*, GetSessionToken, GetFederationToken) with session
// token and expiration. A temporary key past its
// expiration is still returned, with active=false and the expiration set, so the front can
// answer ExpiredToken rather than InvalidClientTokenId.
//
// Errors: Handle() never fails as a C++ call: every error is an AWS ErrorResponse with AWS's
// HTTP status (InvalidAction 400, MissingParameter 400, ValidationError 400, NoSuchEntity 404,
// EntityAlreadyExists 409, DeleteConflict 409, LimitExceeded 409, ...). A failed SQLite write
// answers ServiceFailure 500 (see Durability). MakeIamBackend fails (kInternal /
// kConfiguration, one line naming the database and SQLite's error) when the database cannot
// be opened, created or loaded.
//
// Thread safety: all Backend methods may be called concurrently.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "aws_iam_connector/status.h"
#include "emulator/backend.h"

namespace aic::emulator {

struct BackendOptions {
  std::string db_path;  // empty = in-memory
  std::string account_id = "123456789012";
  // The clock (CreateDate, session expiry). Null = the system clock.
  std::function<std::chrono::system_clock::time_point()> now;
  // A new (empty) database also gets the demo group; Reset() never adds it.
  bool demo_data = false;
  // Authorise every IAM and STS call of an identity other than the account root against its
  // policies and answer AccessDenied (403) in AWS's words (request_authorizer.h). Off: every
  // signed caller may call everything (the role trust check of AssumeRole* still applies).
  bool enforce_iam = false;
};

Result<std::unique_ptr<Backend>> MakeIamBackend(const BackendOptions& options);

}  // namespace aic::emulator
