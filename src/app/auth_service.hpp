// Accounts and sessions (C11 basics): Argon2id password hashes, opaque bearer tokens whose
// SHA-256 is stored server-side with an expiry, and login throttling after repeated failures.
// Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "domain/inspection/record.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct AuthOptions {
  std::int64_t session_ttl_seconds = 12 * 3600;
  // Failures of one account from one client address before that pair is locked out; a client
  // address is locked after ten times as many (against any accounts).
  int max_failures = 5;
  std::int64_t failure_window_seconds = 15 * 60;
  std::int64_t lockout_seconds = 15 * 60;
  // Failures of one account from anywhere: past max_failures every further attempt waits a
  // doubling delay up to this cap. The owner is slowed, never locked out, by someone else's
  // guessing, while guessing from many addresses still slows to one try per cap.
  std::int64_t max_account_delay_seconds = 60;
  // A session unused this long ends (等保: 登录超时), beside its absolute lifetime above.
  std::int64_t idle_timeout_seconds = 30 * 60;
  // Sessions one account may hold at once; logging in past it ends the oldest.
  int max_sessions = 5;
  // A password older than this must be changed before anything else (0 = never).
  std::int64_t max_password_age_days = 180;
  // `serve --require-mfa`: admin and security_admin accounts must use a TOTP second factor.
  bool require_mfa = false;
};

struct LoginResult {
  std::string token;
  std::string csrf_token;  // what a cookie-authenticated browser sends back in X-CSRF-Token
  std::int64_t expires_at = 0;
  store::User user;
  // The session may only change the password / enrol a second factor until it does.
  bool must_change_password = false;
  bool mfa_enrolment_required = false;
};

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, AuthOptions options = {})
      : store_(store), clock_(clock), options_(options) {}

  // kUnauthenticated for a wrong username or password (same message and the same Argon2 work
  // for both, so names cannot be probed by answer or by timing); kResourceExhausted while
  // throttled. Every outcome is written to the audit log. An account with a second factor needs
  // `totp_code` too: without it kMfaRequired, with a wrong one kUnauthenticated (counted as a
  // failure).
  Result<LoginResult> Login(std::string_view username, std::string_view password,
                            std::string_view client_address, std::string_view totp_code = "");
  // kUnauthenticated when the token is unknown, expired, idle too long or its user inactive.
  // Records the session's activity (at most once a minute).
  Result<Principal> Authenticate(std::string_view bearer_token);

  // A team member confirming, on someone else's device, that they are giving their own signature
  // (issue #12): their password, a code from their authenticator, or both when the account has a
  // second factor and the password is used. Counted against the same throttles as logging in, so
  // this is no side door for guessing. kPermissionDenied naming "password" or "totp_code" when
  // wrong, kInvalidArgument when a needed secret is missing, kResourceExhausted while throttled.
  // Nothing is stored; failures are audited as auth.reauth_failed.
  Result<domain::SignatureAuthMethod> Reauthenticate(const store::User& user,
                                                     std::string_view password,
                                                     std::string_view totp_code,
                                                     std::string_view client_address);
  // After a successful re-authentication: the account's failure counters from that address reset,
  // in the caller's write session.
  Status ForgiveFailures(store::StoreSession& session, std::string_view username,
                         std::string_view client_address);

  const AuthOptions& options() const { return options_; }
  // Why a signed-in account may only manage its own password / second factor for now; "" if not.
  std::string RestrictionOf(const store::User& user) const;
  Status Logout(const Principal& who, std::string_view bearer_token);

  enum class PasswordCheck { kEnforceQuality, kDemoAccount };
  // Creates an account (the CLI and demo data use this). The password must pass the quality
  // check (CheckPasswordQuality) unless it is a demo account's published password. An enterprise
  // account must be bound to a unit.
  Result<store::User> AddUser(store::StoreSession& session, store::User user,
                              std::string_view password,
                              PasswordCheck check = PasswordCheck::kEnforceQuality);

 private:
  // Throttles live in the store (login_throttle), so every instance enforces them.
  static Result<std::int64_t> LockedUntil(store::StoreSession& session, const std::string& key);
  Status RecordFailure(std::string_view username, std::string_view client_address, std::int64_t now,
                       std::optional<store::User> user,
                       std::string_view action = "auth.login_failed");

  store::Store& store_;
  const Clock& clock_;
  AuthOptions options_;
};

// Argon2id (t=2, m=19 MiB, p=1: OWASP's minimum) in the PHC string format.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);
// The CSRF token of a session: derived from its secret token, so it needs no storage and cannot be
// computed without the token.
std::string CsrfTokenFor(std::string_view session_token);
// RFC 6238 TOTP (30 s steps, 6 digits) through liboath: true when `code` is valid at `now` or one
// step either side. `secret_base32` is the enrolled secret.
bool VerifyTotp(std::string_view secret_base32, std::string_view code, std::int64_t now);
// The current code, for tests and the enrolment check.
Result<std::string> TotpCode(std::string_view secret_base32, std::int64_t now);
// 20 random bytes as base32 (RFC 4648, no padding).
Result<std::string> NewTotpSecret();
// libpwquality with Anjian's policy (≥ 10 characters, ≥ 3 character classes, not a dictionary word,
// not containing the username): kInvalidArgument naming "password" with the reason in Chinese.
Status CheckPasswordQuality(std::string_view password, std::string_view username);

// A generated password that passes CheckPasswordQuality for `username`: cracklib finds dictionary
// words in about one random draw in 1,800 ("DeFzVbAQ-GF2u96Ef" was refused), so a refused draw is
// replaced by a fresh one; 64 refusals in a row mean a broken check (kInternal).
Result<std::string> DrawAcceptedPassword(const std::function<Result<std::string>()>& draw,
                                         std::string_view username);

// 32 bytes from the OS CSPRNG as hex.
Result<std::string> RandomToken();

}  // namespace anjian::app
