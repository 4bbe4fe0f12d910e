// The authenticated caller of a use case: who, which role, which jurisdiction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/ids.hpp"
#include "domain/access/role.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct Principal {
  UserId user_id;
  std::string username;
  domain::UserRole role = domain::UserRole::kViewer;
  store::Scope scope;                       // the jurisdiction subtree
  std::optional<UnitId> unit_id;            // enterprise accounts see only this unit
  std::optional<InspectorId> inspector_id;  // the roster person behind the account ("my tasks")
  // Community and grid accounts: the region they are assigned to (their jurisdiction's region).
  std::optional<RegionId> assigned_region;
  std::string client_address;  // where the request came from (audit log); "" from the CLI
  std::string session_hash;    // SHA-256 of the session token (own-session operations)
  // Non-empty while the account must first change its password ("password_change_required") or
  // enrol a second factor ("mfa_enrolment_required"): only its own account is open to it.
  std::string restriction;

  // The system itself (CLI commands run by the operator on the server).
  static Principal System() {
    Principal p;
    p.username = "system";
    p.role = domain::UserRole::kAdmin;
    p.client_address = "cli";
    return p;
  }
};

// Display names of the users behind audit records (plan events, hazard timelines), looked up once
// each; user 0 is the command line.
class UserNames {
 public:
  explicit UserNames(store::StoreSession& session) : session_(session) {}
  const std::string& Of(std::int64_t user_id);

 private:
  store::StoreSession& session_;
  std::map<std::int64_t, std::string> names_;
};

// kPermissionDenied with a Chinese message naming the action when the role may not do it.
Status Require(const Principal& principal, domain::Action action);

}  // namespace anjian::app
