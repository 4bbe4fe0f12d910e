// The hazard closed loop (R-HAZ-1: 检查→处罚→登记→整治→复查→销号→归档) and the stricter rules
// for major hazards (R-MAJ-1..3: 挂牌督办, report to the superior, three signatures, acceptance
// before reuse) as a pure state machine with who-may-do-what. Issue #5 builds the store, API,
// documents and screens around it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "domain/access/role.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

enum class HazardGrade { kGeneral, kMajor };
enum class HazardState {
  kRegistered,    // 登记
  kRectifying,    // 整改中
  kSubmitted,     // 企业已提交整改
  kReviewPassed,  // 复查通过
  kClosed,        // 销号
  kArchived,      // 归档
};
enum class HazardAction {
  kIssueOrder,           // 下达整改指令（期限）: 登记 → 整改中
  kSubmitRectification,  // 企业提交整改: 整改中 → 企业已提交整改
  kReviewPass,           // 复查通过
  kReviewFail,           // 复查不通过: back to 整改中 with a new deadline
  kClose,                // 销号
  kArchive,              // 归档
  kListSupervision,      // 挂牌督办 (major; no state change)
  kReportSuperior,       // 上报上级 (major; no state change)
  kSign,                 // 三签字 (major; no state change)
  kAccept,               // 验收合格 (major, after review passed; no state change)
};
// The three signatures on a major hazard's rectification (R-MAJ-3).
enum class HazardSignature { kEnterprisePrincipal, kRegulatorReviewer, kRegulatorLeader };

const std::vector<EnumEntry<HazardGrade>>& HazardGrades();
const std::vector<EnumEntry<HazardSignature>>& HazardSignatures();
const std::vector<EnumEntry<HazardState>>& HazardStates();
const std::vector<EnumEntry<HazardAction>>& HazardActions();
std::string_view Code(HazardState v);
std::string_view Label(HazardState v);
std::string_view Code(HazardAction v);
std::string_view Label(HazardAction v);
std::string_view Code(HazardGrade v);
std::string_view Label(HazardGrade v);
std::string_view Code(HazardSignature v);
std::string_view Label(HazardSignature v);
// Request input: the code or the Chinese label.
Result<HazardAction> ParseHazardAction(std::string_view text);
Result<HazardGrade> ParseHazardGrade(std::string_view text);
Result<HazardState> ParseHazardState(std::string_view text);
Result<HazardSignature> ParseHazardSignature(std::string_view text);

struct HazardTransition {
  HazardAction action;
  HazardState from;
  HazardState to;
  std::string actor;
  std::int64_t at = 0;
  std::string note;  // evidence, opinion, deadline change
};

struct Hazard {
  HazardGrade grade = HazardGrade::kGeneral;
  HazardState state = HazardState::kRegistered;
  std::optional<CivilDate> deadline;
  int review_round = 0;  // failed re-inspections so far
  // Major hazards only.
  std::string supervision_level;   // 挂牌督办级别, e.g. 街道、区、市
  std::string supervising_leader;  // 督办领导
  bool reported_to_superior = false;
  std::set<HazardSignature> signatures;
  bool accepted = false;
  std::vector<HazardTransition> log;
};

struct HazardCommand {
  HazardAction action = HazardAction::kIssueOrder;
  UserRole role = UserRole::kViewer;
  std::string actor;
  std::int64_t at = 0;
  std::optional<CivilDate> deadline;         // kIssueOrder, kReviewFail
  std::optional<HazardSignature> signature;  // kSign
  std::string supervision_level;             // kListSupervision
  std::string supervising_leader;            // kListSupervision
  std::string note;
};

// The next hazard, or: kPermissionDenied when the role may not perform the action at all;
// kConflict when the state does not allow it (the message names the allowed actions);
// kUnprocessable (HTTP 422) when a major hazard's closure lacks supervision, the report, a
// signature or the acceptance (the message names each missing one); kInvalidArgument for a missing
// or past deadline. The input is never modified.
Result<Hazard> ApplyHazardCommand(const Hazard& hazard, const HazardCommand& command,
                                  CivilDate today);
// What `role` may do now (for buttons and the 409 message).
std::vector<HazardAction> AllowedHazardActions(const Hazard& hazard, UserRole role);
// Overdue: rectifying past its deadline. Due soon: deadline within `days` calendar days.
bool IsOverdue(const Hazard& hazard, CivilDate today);
bool IsDueWithin(const Hazard& hazard, CivilDate today, int days);

}  // namespace anjian::domain
