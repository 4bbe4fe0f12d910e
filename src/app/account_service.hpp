// Accounts a security officer can run (issue #12, 等保 三权分立): the security administrator
// creates, edits, disables and unlocks accounts inside its jurisdiction, resets passwords (a
// temporary one that must be changed at the next login) and ends sessions; every account changes
// its own password, lists and ends its own sessions and enrols a TOTP second factor. Every change
// is audited with its field-level old → new values. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct CreatedAccount {
  store::User user;
  std::string temporary_password;  // shown once; must be changed at the first login
};

struct TotpEnrolment {
  std::string secret;       // base32, for manual entry
  std::string otpauth_uri;  // otpauth://totp/… for authenticator apps
  std::string qr_svg;       // the URI as a QR code
};

class AccountService {
 public:
  AccountService(store::Store& store, const Clock& clock, AuthService& auth)
      : store_(store), clock_(clock), auth_(auth) {}

  // --- The security administrator (kManageUsers), inside its jurisdiction -------------------
  // Accounts whose jurisdiction lies inside the caller's (an account without one only for a
  // security administrator of the whole system).
  Result<std::vector<store::User>> List(const Principal& who);
  // Body: username, display_name, role, jurisdiction_id, unit_id (enterprise), inspector_id.
  Result<CreatedAccount> Create(const Principal& who, const nlohmann::json& body);
  // Body: version and any of display_name, role, jurisdiction_id, unit_id, inspector_id, active,
  // totp_enabled (false only: removes a lost second factor). Disabling or changing the role ends
  // the account's sessions. Nobody changes their own role or disables themselves.
  Result<store::User> Update(const Principal& who, UserId id, const nlohmann::json& body);
  Result<std::string> ResetPassword(const Principal& who, UserId id);
  Status Unlock(const Principal& who, UserId id);
  Result<std::vector<store::AuthSession>> Sessions(const Principal& who, UserId id);
  Status RevokeSession(const Principal& who, UserId id, const std::string& session_id);

  // --- One's own account (every role) ------------------------------------------------------
  Status ChangePassword(const Principal& who, std::string_view old_password,
                        std::string_view new_password);
  Result<std::vector<store::AuthSession>> OwnSessions(const Principal& who);
  Status RevokeOwnSession(const Principal& who, const std::string& session_id);
  // Stores a new secret (not yet required at login) and returns it; Confirm with a valid code
  // turns it on.
  Result<TotpEnrolment> EnrolTotp(const Principal& who, const std::string& issuer);
  Status ConfirmTotp(const Principal& who, std::string_view code);

 private:
  // The account, when it lies inside the caller's jurisdiction; kNotFound otherwise.
  Result<store::User> Managed(store::StoreSession& session, const Principal& who, UserId id);
  Status CheckBinding(store::StoreSession& session, const Principal& who, store::User& user);
  Status RevokeIn(store::StoreSession& session, const Principal& who, UserId id,
                  const std::string& session_id);

  store::Store& store_;
  const Clock& clock_;
  AuthService& auth_;
};

// A random temporary password that passes the quality check for `username` (16 characters, four
// classes); draws the check refuses are drawn again.
Result<std::string> TemporaryPassword(std::string_view username = {});

// An account as JSON for the security administrator (never the hash or the TOTP secret).
nlohmann::json AccountJson(const store::User& user);
nlohmann::json SessionJson(const store::AuthSession& session, std::string_view current_hash);

}  // namespace anjian::app
