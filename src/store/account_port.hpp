// The account area of the store: user accounts, login sessions and login throttles.
//
// Contract:
// - Accounts are not scoped here: the application decides whose accounts a caller may manage.
// - Writes need a write session; account edits carry the version read (kConflict when stale);
//   usernames are unique (kAlreadyExists).
// - Only the SHA-256 of a session token is stored; lookups are by that hash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/access/role.hpp"

namespace anjian::store {

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  std::string password_hash;  // Argon2id encoded string
  domain::UserRole role = domain::UserRole::kViewer;
  std::optional<RegionId> jurisdiction_id;  // empty: whole system
  std::string jurisdiction_path;            // filled by the store on reads
  std::optional<UnitId> unit_id;            // enterprise accounts
  std::optional<InspectorId> inspector_id;  // the roster person behind the account ("my tasks")
  bool active = true;
  std::int64_t created_at = 0;
  bool must_change_password = false;  // a temporary password, or one past its maximum age
  std::int64_t password_changed_at = 0;
  std::string totp_secret;  // base32; set at enrolment, used once enabled
  bool totp_enabled = false;
  int version = 1;  // optimistic concurrency for account edits
};

// Failed logins of one key ("u:<name>" or "a:<address>") within the current window; shared by
// every instance so a lockout holds whichever instance the next attempt reaches.
struct LoginThrottle {
  int failures = 0;
  std::int64_t window_start = 0;
  std::int64_t locked_until = 0;
};

struct AuthSession {
  std::string token_hash;  // SHA-256 of the bearer token, hex; the token itself is never stored
  UserId user_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t last_seen_at = 0;  // idle timeout
  std::string client_address;
  // The public id of a session (lists, revocation): the first 16 hex digits of its token hash.
  std::string PublicId() const { return token_hash.substr(0, 16); }
};

class AccountPort {
 public:
  virtual ~AccountPort() = default;

  // kAlreadyExists on a duplicate username.
  virtual Result<User> InsertUser(const User& user) = 0;
  virtual Result<std::optional<User>> FindUserByName(std::string_view username) = 0;
  virtual Result<User> GetUser(UserId id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status InsertSession(const AuthSession& session) = 0;
  // nullopt when unknown; expiry is the caller's check.
  virtual Result<std::optional<AuthSession>> FindSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteExpiredSessions(std::int64_t now) = 0;
  // Write sessions only. Account edits: user.version is the version read; kConflict when the row
  // moved on, kNotFound when missing. Returns the row with version + 1. Username and created_at
  // never change.
  virtual Result<User> UpdateUser(const User& user) = 0;
  // A user's sessions, newest first.
  virtual Result<std::vector<AuthSession>> ListSessionsOf(UserId user) = 0;
  // Write sessions only. Ends every session of the user except `keep_token_hash` (may be "").
  virtual Status DeleteSessionsOf(UserId user, std::string_view keep_token_hash) = 0;
  // Write sessions only. Records activity on a session (idle timeout).
  virtual Status TouchSession(std::string_view token_hash, std::int64_t now) = 0;
  // Write sessions only. Removes every throttle of the account ("u:<name>", "p:<name>|…").
  virtual Status DeleteLoginThrottlesOf(std::string_view username) = 0;
  // The throttle row of `key` (zeros when none). In a write session the row stays locked until
  // commit, so concurrent failures on several instances count one after another.
  virtual Result<LoginThrottle> GetLoginThrottle(const std::string& key) = 0;
  virtual Status SaveLoginThrottle(const std::string& key, const LoginThrottle& throttle) = 0;
  virtual Status DeleteLoginThrottle(const std::string& key) = 0;
};

}  // namespace anjian::store
