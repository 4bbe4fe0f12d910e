// Plan lifecycle (PRODUCT.md C4, R-PLAN-1..3, R-PLAN-10): draft → submitted → approved → in
// force; adjustments are new revisions. A major adjustment (R-PLAN-2: key scope changed, or the
// number of units inspected changed by more than 20 % of the original plan, or declared major)
// needs re-approval within 30 calendar days of the decision; a partial one is archived.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "planner/plan.hpp"

namespace anjian::planner {

enum class PlanStatus { kDraft, kSubmitted, kApproved, kInForce, kReapprovalRequired, kSuperseded };
enum class PlanAction { kSubmit, kApprove, kReject, kEnact };

const std::vector<domain::EnumEntry<PlanStatus>>& PlanStatuses();
std::string_view Code(PlanStatus v);
std::string_view Label(PlanStatus v);
std::string_view Code(PlanAction v);
std::string_view Label(PlanAction v);
Result<PlanStatus> ParsePlanStatus(std::string_view text);
Result<PlanAction> ParsePlanAction(std::string_view text);

// The status after `action`, or kConflict naming the actions allowed from `from`.
Result<PlanStatus> NextStatus(PlanStatus from, PlanAction action);
std::vector<PlanAction> AllowedActions(PlanStatus from);

struct ItemAddition {
  std::string unit_credit_code;
  ItemKind kind = ItemKind::kSpecial;
  CivilDate date;
  int slot = 0;
  std::vector<std::string> inspectors;  // 工号
  std::string rule;                     // defaults to "ADJ"
  std::string note;
};

struct ItemMove {
  int seq = 0;
  CivilDate date;
  int slot = 0;
};

struct Adjustment {
  std::string reason;
  CivilDate decided_on;
  std::vector<ItemAddition> add;
  std::vector<int> remove;  // item seq numbers
  std::vector<ItemMove> move;
  bool declared_major = false;  // R-PLAN-2 (1)/(3): key fields changed or deemed necessary
  int revision = 0;  // the revision the adjustment makes; part of the keys of added items
};

struct AdjustmentOutcome {
  bool major = false;
  std::vector<std::string> major_reasons;
  std::optional<CivilDate> reapproval_due;  // decided_on + 30 days when major
  int units_original = 0;
  int units_after = 0;
  std::vector<PlanItem> added;
  std::vector<PlanItem> removed;
  std::vector<std::pair<PlanItem, PlanItem>> moved;  // before, after
};

// Applies the adjustment to `plan` in place (items renumbered by date) and classifies it
// against `original` (revision 1). Checks: dates are working days of the plan year; added units
// exist in the input; enforcement additions carry ≥ team size certified, unrecused inspectors
// free in that slot; seqs exist. Every problem is reported (kInvalidArgument, Chinese).
Result<AdjustmentOutcome> ApplyAdjustment(Plan& plan, const Plan& original,
                                          const Adjustment& adjustment, const PlanInput& input,
                                          const WorkingCalendar& calendar);

// Units with at least one enforcement item (the R-PLAN-2 count).
int UnitsInspected(const Plan& plan);

}  // namespace anjian::planner
