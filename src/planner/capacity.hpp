// Annual inspection capacity (R-CAP, domain.md §6.2), the method of the national plan-compilation
// rules as local plans print it:
//   statutory working days × enforcement staff            = total workdays
//   − other enforcement workdays (itemised)                 (其他执法工作日)
//   − non-enforcement workdays (itemised)                   (非执法工作日)
//   = supervision-inspection workdays, split key / general  (重点 / 一般检查工作日)
//   ÷ person-days per inspection                            = inspections (家次)
// person-days per inspection = team size × (on-site + documents + re-inspection + share of case
// work). Every step is kept as a Chinese line so the plan document can show it (as seed 003
// shows its 31 = 19 + 12). An override replaces the computed number but keeps the steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace anjian::planner {

struct WorkdayItem {
  std::string name;  // e.g. 事故调查处理, 学习培训
  int workdays = 0;
};

struct CapacityInput {
  int statutory_working_days = 0;  // from WorkingCalendar::WorkingDaysInYear (248 in 2025/2026)
  int enforcement_staff = 0;
  std::vector<WorkdayItem> other_enforcement;
  std::vector<WorkdayItem> non_enforcement;
  double key_share = 0.6;  // share of inspection workdays for key inspections, 0..1
  int team_size = 2;       // ≥ 2 (R-PROC: two or more people on every visit)
  double onsite_days = 1.0;
  double document_days = 0.5;      // e.g. 责令限期整改指令书
  double reinspection_days = 0.5;  // 复查
  double case_days = 0.0;          // expected share of case handling (立案) per inspection
  std::optional<int> override_inspections;  // capacity override (with the computed steps kept)
};

struct CapacityResult {
  int total_workdays = 0;
  int other_enforcement_workdays = 0;
  int non_enforcement_workdays = 0;
  int inspection_workdays = 0;
  int key_workdays = 0;
  int general_workdays = 0;
  double person_days_per_inspection = 0;
  int computed_inspections = 0;
  int inspections = 0;  // the override when given, else computed_inspections
  bool overridden = false;
  std::vector<std::string> steps;  // "总法定工作日 = 248 × 8 = 1984" …
};

// kInvalidArgument (Chinese, naming the field) for negative or missing inputs, a team smaller
// than two, or when the deductions leave no inspection workdays.
Result<CapacityResult> ComputeCapacity(const CapacityInput& input);

}  // namespace anjian::planner
