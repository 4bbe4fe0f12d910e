// Accounts and sessions (C11 basics): Argon2id password hashes, opaque bearer tokens whose
// SHA-256 is stored server-side with an expiry, and login throttling after repeated failures.
// Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct AuthOptions {
  std::int64_t session_ttl_seconds = 12 * 3600;
  int max_failures = 5;  // per username; a client address gets ten times as many
  std::int64_t failure_window_seconds = 15 * 60;
  std::int64_t lockout_seconds = 15 * 60;
};

struct LoginResult {
  std::string token;
  std::int64_t expires_at = 0;
  store::User user;
};

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, AuthOptions options = {})
      : store_(store), clock_(clock), options_(options) {}

  // kUnauthenticated for a wrong username or password (same message for both, so names
  // cannot be probed); kResourceExhausted while locked out after repeated failures.
  Result<LoginResult> Login(std::string_view username, std::string_view password,
                            std::string_view client_address);
  // kUnauthenticated when the token is unknown, expired or its user inactive.
  Result<Principal> Authenticate(std::string_view bearer_token);
  Status Logout(std::string_view bearer_token);

  // Creates an account (the CLI and demo data use this). Passwords need ≥ 8 characters.
  Result<store::User> AddUser(store::StoreSession& session, store::User user, std::string_view password);

 private:
  // Lockouts live in the store (login_throttle), so every instance enforces them.
  static Result<bool> IsLocked(store::StoreSession& session, const std::string& key, std::int64_t now);
  Status RecordFailure(const std::string& key, std::int64_t now);

  store::Store& store_;
  const Clock& clock_;
  AuthOptions options_;
};

// Argon2id (t=2, m=19 MiB, p=1: OWASP's minimum) in the PHC string format.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);
// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);
// 32 bytes from the OS CSPRNG as hex.
Result<std::string> RandomToken();

}  // namespace anjian::app
