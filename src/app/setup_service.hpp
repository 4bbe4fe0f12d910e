// The first run of a street on its own data (issue #13, user-visible): on a database without a
// street, `anjian init` (or the browser's first-run screen, with the setup code the server printed)
// creates the top of the region tree — the district and the street — and the street's first two
// accounts: a business administrator with the password given, and a security administrator with a
// one-time password that must be changed at first login. Separation of duties (等保三级) starts
// here: the business administrator cannot manage accounts and the security administrator sees no
// data.
#pragma once

#include <optional>
#include <string>

#include "app/auth_service.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/registry/region.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct SetupRequest {
  std::string district_name;
  std::string district_code;  // GB/T 2260, 6 digits; may be empty
  std::string street_name;
  std::string street_code;  // 9 digits; may be empty
  std::string admin_username;
  std::string admin_password;
  std::string security_username = "security";
};

struct SetupResult {
  domain::Region district;
  domain::Region street;
  store::User admin;
  store::User security;
  std::string security_password;  // one-time: shown once, must be changed at first login
};

class SetupService {
 public:
  SetupService(store::Store& store, const Clock& clock, AuthService& auth)
      : store_(store), clock_(clock), auth_(auth) {}

  // True once any street exists.
  Result<bool> Initialized();
  // kFailedPrecondition when a street exists already; kInvalidArgument naming the field
  // ("district_name", "street_code", "admin_username", "password", …) otherwise. All or nothing:
  // one transaction with its audit entries. An existing district of the same name (and code) is
  // reused, so a second street of a district may start the same way.
  Result<SetupResult> Initialize(const Principal& who, const SetupRequest& request);

  // The browser's first-run screen: the same, but only with the setup code the server printed on
  // its console at start (whoever reaches the page first must also see the console). A wrong or
  // missing code is kPermissionDenied and audited as setup.denied.
  void SetSetupCode(std::string code) { setup_code_ = std::move(code); }
  Result<SetupResult> InitializeWithCode(const Principal& who, const SetupRequest& request,
                                         std::string_view code);

 private:
  std::string setup_code_;
  store::Store& store_;
  const Clock& clock_;
  AuthService& auth_;
};

// A one-time password that passes the quality check for `username`: 16 characters from the OS
// CSPRNG over upper and lower case letters and digits (ambiguous ones left out), with a dash in
// the middle. Draws the check refuses are drawn again.
Result<std::string> OneTimePassword(std::string_view username = {});

}  // namespace anjian::app
