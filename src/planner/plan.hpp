// The plan compiler's input and output (PRODUCT.md C4). CompilePlan is a pure function of its
// input: the same registry snapshot, roster, calendar, policy and draw seed give the same plan,
// item for item, so a published plan can be re-run and verified.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "domain/registry/unit.hpp"
#include "domain/roster/inspector.hpp"
#include "planner/capacity.hpp"
#include "planner/policy.hpp"
#include "planner/working_calendar.hpp"

namespace anjian::planner {

struct PlanUnit {
  domain::Unit unit;
  std::string region_path;  // "/district/street/community/[grid/]" ids, as the store keeps them
  std::string community_name;
  std::string grid_name;
  std::optional<CivilDate> last_inspected;  // last enforcement inspection, when known
};

struct PlanInspector {
  domain::Inspector inspector;
  std::string jurisdiction_path;  // the inspector may inspect units under this path
};

struct PlanInput {
  int year = 0;
  Policy policy;
  std::vector<PlanUnit> units;            // any order; the compiler sorts by credit code
  std::vector<PlanInspector> inspectors;  // any order; sorted by employee number
  std::optional<int> capacity_override;
  std::uint64_t draw_seed = 0;  // derived by the caller from the revealed seed (docs/planner.md)
};

struct PlanItem {
  int seq = 0;  // position in the plan (by date), renumbered by adjustments
  // Stable across revisions (kept when an adjustment moves the item, never reused after one
  // removes it): "{credit code}/{rule}/{occurrence}" for compiled items, with "#n" on the n-th
  // repeat; "{credit code}/{rule}/r{revision}-{n}" for the n-th addition of an adjustment.
  std::string key;
  std::string unit_credit_code;
  std::string unit_name;
  ItemKind kind = ItemKind::kDeterministic;
  std::string rule;                     // the rule that created the item
  std::vector<std::string> also_rules;  // other rules the same visit satisfies
  CivilDate date;
  int slot = 0;                         // 0 上午, 1 下午
  std::vector<std::string> inspectors;  // 工号; community screenings: the community's staff
  std::string leader;                   // 工号 of the leading leader (leader_led)
  std::string community;
  std::string grid;
  int occurrence = 1;  // n of m visits this year under `rule`
  int occurrences = 1;
  bool key_period = false;
  std::string note;  // e.g. "春节前专项检查"
};

struct ShortfallEntry {
  std::string unit_credit_code;  // empty for a rule-level shortfall (e.g. random ratio)
  std::string unit_name;
  std::string rule;
  ItemKind kind = ItemKind::kDeterministic;
  int required = 0;
  int planned = 0;
  std::string reason;
};

struct NotPlanned {
  std::string unit_credit_code;
  std::string unit_name;
  std::string reason;
};

struct DrawRecord {
  std::string rule;
  std::string title;
  int pool_size = 0;  // units the pool selector matches
  int eligible = 0;   // after exclusions
  int required = 0;   // ceil(ratio × pool) or the minimum
  int drawn = 0;
  double ratio = 0;                      // drawn / pool
  std::vector<std::string> drawn_codes;  // in draw order
};

struct InspectorLoad {
  std::string employee_no;
  std::string name;
  int items = 0;
  int leader_items = 0;
};

struct LeaderQuotaStatus {
  std::string employee_no;
  std::string name;
  std::string rule;
  int required = 0;
  int planned = 0;
};

struct PlanSummary {
  CapacityResult capacity;
  int enforcement_staff = 0;
  int deterministic = 0;
  int random = 0;
  int special = 0;
  int leader_led = 0;
  int community_screening = 0;
  int units_total = 0;
  int units_planned = 0;  // units with at least one item
  int key_units = 0;
  int max_load = 0;
  int min_load = 0;
  std::vector<int> items_per_month;  // 12 entries, all kinds
};

struct Plan {
  int year = 0;
  PlanSummary summary;
  std::vector<PlanItem> items;            // by date, slot, unit
  std::vector<ShortfallEntry> shortfall;  // ordered by risk
  std::vector<NotPlanned> not_planned;    // by credit code
  std::vector<DrawRecord> draws;
  std::vector<InspectorLoad> loads;
  std::vector<LeaderQuotaStatus> leader_quotas;
  std::vector<std::string> warnings;  // e.g. certificates expiring during the year
};

// Compiles the plan. Errors: an invalid policy (all problems listed), a calendar that does not
// cover the year, no unit in the registry. A short capacity or roster is not an error: it shows
// as shortfall entries.
Result<Plan> CompilePlan(const PlanInput& input, const WorkingCalendar& calendar);

// The canonical text of everything the plan depends on, hashed by the caller into the plan's
// input hash: any change to a relevant unit, inspector, policy or calendar field changes it.
std::string CanonicalInputText(const PlanInput& input, const WorkingCalendar& calendar);

// Recomputes the item counts of the summary (kinds, months, units planned) after items change.
void Recount(Plan& plan);

// Why a unit has no item, in Chinese (explain). Empty when the unit is planned.
std::string ExplainUnit(const Plan& plan, const std::string& credit_code);

}  // namespace anjian::planner
