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
                                "”（admin、leader、inspector、community、grid、enterprise、viewer）");
}

bool MayPerform(UserRole role, Action action) {
  switch (action) {
    case Action::kReadRegistry:
    case Action::kReadRoster:
      return true;  // every role reads within its jurisdiction (enterprise: own unit only)
    case Action::kWriteRegistry:
    case Action::kWriteRoster:
    case Action::kImport:
    case Action::kManageUsers:
      return role == UserRole::kAdmin;
    case Action::kReadHazards:
      return true;  // scoped by jurisdiction; enterprise accounts to their own unit
    case Action::kRegisterHazard:
      return role == UserRole::kAdmin || role == UserRole::kInspector;
    case Action::kReadPlans:
      return role != UserRole::kEnterprise;
    case Action::kCompilePlan:
      return role == UserRole::kAdmin || role == UserRole::kInspector;
    case Action::kApprovePlan:
      return role == UserRole::kAdmin || role == UserRole::kLeader;
    case Action::kReadInspections:
      return true;  // scoped like hazards
    case Action::kInspect:
      return role == UserRole::kAdmin || role == UserRole::kLeader || role == UserRole::kInspector;
    case Action::kSelfInspect:
      return role == UserRole::kEnterprise;
    case Action::kPublishNotice:
      return role == UserRole::kAdmin || role == UserRole::kLeader;
    case Action::kExport:
      return role == UserRole::kAdmin || role == UserRole::kLeader || role == UserRole::kViewer ||
             role == UserRole::kInspector;
  }
  return false;
}

}  // namespace anjian::domain
