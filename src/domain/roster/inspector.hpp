// The inspector roster (执法检查人员名录库), PRODUCT.md C2. Only a holder of a valid
// enforcement certificate may be drawn for an enforcement inspection or sign an enforcement
// document; grid members never (R-ROLE-15).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/registry/unit.hpp"

namespace anjian::domain {

enum class InspectorRole {
  kPrincipal,               // 主要负责人
  kSafetyLeader,            // 分管安全领导
  kFieldLeader,             // 分管领导
  kCommunityLeader,         // 分包社区领导
  kEnforcementOfficer,      // 执法人员
  kCommunitySafetyOfficer,  // 社区安全员
  kGridMember,              // 网格员
};

const std::vector<EnumEntry<InspectorRole>>& InspectorRoles();
std::string_view Code(InspectorRole role);
std::string_view Label(InspectorRole role);
Result<InspectorRole> ParseInspectorRole(std::string_view text);
// Leaders carry a leader-led inspection quota (R-LEAD).
bool IsLeaderRole(InspectorRole role);

struct Inspector {
  InspectorId id;
  std::string name;
  std::string employee_no;  // 工号, unique
  std::string department;
  InspectorRole role = InspectorRole::kEnforcementOfficer;
  std::string certificate_no;  // 执法证号
  std::optional<CivilDate> certificate_valid_until;
  // The street or community the inspector belongs to (所属社区 when a community); it also
  // decides who may see the record.
  RegionId jurisdiction_id;
  std::vector<std::string> recusal_codes;  // 回避单位: credit codes
  std::string phone;
  int leave_days = 0;  // planned leave days per year (capacity: 非执法工作日)
  bool active = true;
  int version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// True when the inspector holds a certificate valid on `date` (inclusive).
bool HasValidCertificate(const Inspector& inspector, CivilDate date);
// R-ROLE-15: grid members and community safety officers never perform enforcement
// inspections; everyone else needs a valid certificate on the date.
bool MayPerformEnforcement(const Inspector& inspector, CivilDate date);
std::vector<FieldError> ValidateInspector(const Inspector& inspector);

}  // namespace anjian::domain
