// Account roles (PRODUCT.md "Users and roles") and who may do what. Every account is bound to
// a jurisdiction (a region subtree); reads and writes are limited to it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

// Three-way separation of duties (等保 三权分立): kAdmin runs the business (no account
// management), kSecurityAdmin runs accounts (no business data), kAuditor reads the audit log only.
enum class UserRole {
  kAdmin,
  kLeader,
  kInspector,
  kCommunity,
  kGrid,
  kEnterprise,
  kViewer,
  kSecurityAdmin,
  kAuditor,
};

const std::vector<EnumEntry<UserRole>>& UserRoles();
std::string_view Code(UserRole role);
std::string_view Label(UserRole role);
Result<UserRole> ParseUserRole(std::string_view text);

enum class Action {
  kReadRegistry,
  kWriteRegistry,  // units, regions
  kReadRoster,
  kWriteRoster,  // inspectors
  kImport,
  kExport,
  kManageUsers,
  kReadPlans,
  kCompilePlan,  // compile, adjust, submit annual plans
  kApprovePlan,  // approve, reject, enact
  kReadHazards,  // enterprise accounts: their own unit only
  kRegisterHazard,
  kReadInspections,  // tasks, records, documents (enterprise accounts: their own unit's records and
                     // documents)
  kInspect,          // create tasks, submit on-site records, decide enforcement measures
  kSelfInspect,      // enterprise self-inspections and notice receipts (own unit)
  kPublishNotice,    // campaign notices (公开信)
  kReadRegions,      // the region tree (security administrators need it to bind accounts)
  kReadAudit,        // the audit log, its anchors and exports
  kRunJobs,          // run the daily jobs by hand
  kOwnAccount,       // one's own session, password, second factor (every account)
};

// Every action, for tables and tests that enumerate the matrix.
const std::vector<Action>& AllActions();
std::string_view Code(Action action);

// True for the roles that see business data (everything but the security administrator and the
// auditor, who see accounts and the audit log only).
bool SeesBusinessData(UserRole role);

// Whether the role sees people's phone numbers in full (个人信息保护法 art. 6, minimum necessary):
// the enforcement roles who call units and colleagues, and an enterprise for its own unit. Others
// see them masked (MaskPhoneNumber).
bool SeesPhoneNumbers(UserRole role);
// "13812345678" → "138****5678"; other lengths keep the last two characters.
std::string MaskPhoneNumber(std::string_view phone);

bool MayPerform(UserRole role, Action action);

}  // namespace anjian::domain
