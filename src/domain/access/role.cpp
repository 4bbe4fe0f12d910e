#include "domain/access/role.hpp"

#include "common/text.hpp"

namespace anjian::domain {

const std::vector<EnumEntry<UserRole>>& UserRoles() {
  using R = UserRole;
  static const std::vector<EnumEntry<UserRole>> kTable = {
      {R::kAdmin, "admin", "管理员", {}},
      {R::kLeader, "leader", "领导", {}},
      {R::kInspector, "inspector", "执法检查人员", {"执法人员"}},
      {R::kCommunity, "community", "社区安全员", {"社区"}},
      {R::kGrid, "grid", "网格员", {}},
      {R::kEnterprise, "enterprise", "企业", {}},
      {R::kViewer, "viewer", "查看", {"只读"}},
      {R::kSecurityAdmin, "security_admin", "安全管理员", {"系统安全管理员"}},
      {R::kAuditor, "auditor", "审计员", {"安全审计员"}},
  };
  return kTable;
}

std::string_view Code(UserRole role) {
  for (const auto& e : UserRoles()) {
    if (e.value == role) return e.code;
  }
  return "";
}

std::string_view Label(UserRole role) {
  for (const auto& e : UserRoles()) {
    if (e.value == role) return e.label;
  }
  return "";
}

Result<UserRole> ParseUserRole(std::string_view text) {
  const auto t = Trim(text);
  for (const auto& e : UserRoles()) {
    if (t == e.code || t == e.label) return e.value;
    for (auto alias : e.aliases) {
      if (t == alias) return e.value;
    }
  }
  return Error::InvalidArgument("未知角色“" + std::string(t) +
                                "”（admin、leader、inspector、community、grid、enterprise、viewer、"
                                "security_admin、auditor）");
}

bool SeesBusinessData(UserRole role) {
  return role != UserRole::kSecurityAdmin && role != UserRole::kAuditor;
}

bool SeesPhoneNumbers(UserRole role) {
  return role == UserRole::kAdmin || role == UserRole::kLeader || role == UserRole::kInspector ||
         role == UserRole::kEnterprise;
}

std::string MaskPhoneNumber(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() == 11)
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
  if (phone.size() <= 2) return std::string(phone.size(), '*');
  return std::string(phone.size() - 2, '*') + std::string(phone.substr(phone.size() - 2));
}

bool MayPerform(UserRole role, Action action) {
  using R = UserRole;
  const bool business = SeesBusinessData(role);
  switch (action) {
    case Action::kOwnAccount:
      return true;
    case Action::kReadRegions:
      return business || role == R::kSecurityAdmin;
    case Action::kReadRegistry:
      return business;  // within the jurisdiction; enterprise accounts: own unit only
    case Action::kReadRoster:
      // The roster holds phones, certificate numbers and recusal lists: enterprises see only the
      // names and certificate numbers of the team on their own records (R-PROC-6), not the roster.
      return business && role != R::kEnterprise;
    case Action::kWriteRegistry:
    case Action::kWriteRoster:
    case Action::kImport:
    case Action::kRunJobs:
      return role == R::kAdmin;
    case Action::kManageUsers:
      return role == R::kSecurityAdmin;
    case Action::kReadAudit:
      return role == R::kAuditor;
    case Action::kReadHazards:
      return business;  // scoped by jurisdiction; enterprise accounts to their own unit
    case Action::kRegisterHazard:
      return role == R::kAdmin || role == R::kInspector;
    case Action::kReadPlans:
      return business && role != R::kEnterprise;
    case Action::kCompilePlan:
      return role == R::kAdmin || role == R::kInspector;
    case Action::kApprovePlan:
      // R-PLAN: the plan is approved by the government's leader, never by its author.
      return role == R::kLeader;
    case Action::kReadInspections:
      return business;  // scoped like hazards
    case Action::kInspect:
      return role == R::kAdmin || role == R::kLeader || role == R::kInspector;
    case Action::kSelfInspect:
      return role == R::kEnterprise;
    case Action::kPublishNotice:
      return role == R::kAdmin || role == R::kLeader;
    case Action::kExport:
      return role == R::kAdmin || role == R::kLeader || role == R::kViewer || role == R::kInspector;
  }
  return false;
}

const std::vector<Action>& AllActions() {
  using A = Action;
  static const std::vector<Action> kAll = {
      A::kReadRegistry,  A::kWriteRegistry,  A::kReadRoster,      A::kWriteRoster, A::kImport,
      A::kExport,        A::kManageUsers,    A::kReadPlans,       A::kCompilePlan, A::kApprovePlan,
      A::kReadHazards,   A::kRegisterHazard, A::kReadInspections, A::kInspect,     A::kSelfInspect,
      A::kPublishNotice, A::kReadRegions,    A::kReadAudit,       A::kRunJobs,     A::kOwnAccount,
  };
  return kAll;
}

std::string_view Code(Action action) {
  using A = Action;
  switch (action) {
    case A::kReadRegistry:
      return "read_registry";
    case A::kWriteRegistry:
      return "write_registry";
    case A::kReadRoster:
      return "read_roster";
    case A::kWriteRoster:
      return "write_roster";
    case A::kImport:
      return "import";
    case A::kExport:
      return "export";
    case A::kManageUsers:
      return "manage_users";
    case A::kReadPlans:
      return "read_plans";
    case A::kCompilePlan:
      return "compile_plan";
    case A::kApprovePlan:
      return "approve_plan";
    case A::kReadHazards:
      return "read_hazards";
    case A::kRegisterHazard:
      return "register_hazard";
    case A::kReadInspections:
      return "read_inspections";
    case A::kInspect:
      return "inspect";
    case A::kSelfInspect:
      return "self_inspect";
    case A::kPublishNotice:
      return "publish_notice";
    case A::kReadRegions:
      return "read_regions";
    case A::kReadAudit:
      return "read_audit";
    case A::kRunJobs:
      return "run_jobs";
    case A::kOwnAccount:
      return "own_account";
  }
  return "";
}

}  // namespace anjian::domain
