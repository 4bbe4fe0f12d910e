// A supervision policy as data (PRODUCT.md C3): who must be inspected how often, by whom, what is
// drawn at random, how teams are formed, what capacity the office has, which periods matter and
// which leaders owe how many inspections. Presets in data/policies/ encode each seed document;
// docs/policy.md documents the file format. Pure value types: parsing lives in app/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/registry/enums.hpp"
#include "domain/roster/inspector.hpp"
#include "planner/capacity.hpp"

namespace anjian::planner {

// "At least N per period". kTwoYears is due in a year when the unit was not inspected in the
// previous year (or never).
enum class Period { kWeek, kHalfMonth, kMonth, kQuarter, kHalfYear, kYear, kTwoYears };
// Who carries the inspection out (domain.md §15.1).
enum class Executor { kStreetTeam, kCommunity, kGrid, kEnterprise };
// What the plan item is; the string codes are the `kind` contract of the plan JSON.
enum class ItemKind { kDeterministic, kRandom, kCommunityScreening, kLeaderLed, kSpecial };

std::string_view Code(Period v);
std::string_view Label(Period v);
std::string_view Code(Executor v);
std::string_view Label(Executor v);
std::string_view Code(ItemKind v);
std::string_view Label(ItemKind v);
Result<Period> ParsePeriod(std::string_view text);
Result<Executor> ParseExecutor(std::string_view text);
Result<ItemKind> ParseItemKind(std::string_view text);
// Whole periods in a year: 52 weeks, 24 half-months, 12, 4, 2, 1; two years → 1.
int PeriodsPerYear(Period period);
// Whether an inspection of this kind is an enforcement inspection (R-ROLE-15: certified teams).
bool IsEnforcement(ItemKind kind);

// Which units a rule applies to. Every non-empty criterion must hold (an empty list or an unset
// flag matches everything); `categories` matches a unit having any of them.
struct UnitSelector {
  std::vector<domain::SupervisionLevel> levels;
  std::vector<domain::RiskColour> risks;
  std::vector<domain::SupervisionCategory> categories;
  std::optional<bool> key;
  std::optional<bool> accident_last_year;
  std::optional<bool> major_hazard_source;

  // "重点单位；危险化学品、烟花爆竹" — for explanations and the plan document.
  std::string Describe() const;
};

struct RuleSource {
  std::string id;     // rule ID, e.g. "R-FREQ-1"
  std::string title;  // short Chinese name, e.g. "重点一、二级企业日常监督检查"
  std::string basis;  // the sentence of the source document this rule encodes
};

struct FrequencyRule {
  RuleSource source;
  UnitSelector selector;
  int count = 1;
  Period period = Period::kYear;
  Executor executor = Executor::kStreetTeam;
  // A mandatory rule produces plan items (or shortfall); a non-mandatory one is a coverage target
  // the plan reports on (e.g. "others at least once every two years" left to the random draws).
  bool mandatory = true;
};

enum class Stratification { kNone, kCommunity, kRisk };

struct RandomDrawRule {
  RuleSource source;
  UnitSelector pool;
  double ratio = 0.3;  // at least ceil(ratio × pool size) units drawn (R-FREQ-9)
  int min_count = 0;
  // Units that already have a deterministic item are not drawn (they are inspected anyway).
  bool exclude_planned = true;
  // Units inspected within this many months before the plan year are not drawn.
  int exclude_inspected_within_months = 0;
  // Draw beyond the minimum until the enforcement capacity is used (seed 003: 12 of 31).
  bool fill_capacity = false;
  Stratification stratify = Stratification::kNone;
};

// Special inspections before holidays / in seasons (R-FREQ-3, R-FREQ-6).
struct SpecialCampaign {
  RuleSource source;
  std::vector<std::string> holidays;  // calendar holiday names (元旦, 春节, …); empty = none
  std::vector<int> months;            // campaign months (e.g. 汛期 6–8), one campaign per month
  int working_days_before = 5;        // window before each holiday
  UnitSelector selector;
  int units_per_campaign = 0;  // drawn at random from the selector
};

struct KeyPeriods {
  RuleSource source;
  std::vector<int> months;       // R-TIME-1: 2, 3, 5, 6, 9, 10, 12
  double month_weight = 1.5;     // relative scheduling density of key months
  int days_before_holidays = 0;  // working days before each holiday that also count as key
  double holiday_weight = 1.5;
};

struct LeaderQuota {
  RuleSource source;
  std::vector<domain::InspectorRole> roles;
  int count = 1;
  Period period = Period::kYear;
  UnitSelector targets;
  // A leader attached to a community visits units of that community (R-LEAD-6).
  bool own_jurisdiction_only = true;
};

struct TeamRules {
  int size = 2;           // R-PROC-2: two or more
  int slots_per_day = 2;  // 上午 / 下午: an inspector is in one item per slot
  int max_items_per_inspector_per_day = 2;
  int community_daily_cap = 20;  // screenings per community per working day
  // R-FREQ-13: enforcement inspections of one unit per year across all kinds (0 = no cap).
  int annual_cap_per_unit = 0;
};

struct CapacityParameters {
  std::vector<WorkdayItem> other_enforcement;
  std::vector<WorkdayItem> non_enforcement;  // planned leave from the roster is added
  double key_share = 0.6;
  double onsite_days = 1.0;
  double document_days = 0.5;
  double reinspection_days = 0.5;
  double case_days = 0.0;
};

struct Policy {
  std::string name;       // preset name or file name
  std::string title;      // "兴安区应急管理局年度安全生产监管执法工作计划"
  std::string authority;  // 编制机关
  std::string source;     // the seed document
  std::vector<std::string> basis;  // 编制依据 (documents)
  std::vector<FrequencyRule> frequency_rules;
  std::vector<RandomDrawRule> random_draws;
  std::vector<SpecialCampaign> special_campaigns;
  KeyPeriods key_periods;
  std::vector<LeaderQuota> leader_quotas;
  TeamRules team;
  CapacityParameters capacity;
  std::vector<std::string> methods;       // 检查方式与方法
  std::vector<std::string> content;       // 检查内容 (the 19/20-item list)
  std::vector<std::string> requirements;  // 检查要求
};

// Every problem, in Chinese, naming the rule: duplicate IDs, counts < 1, team size < 2, ratios
// outside 0..1, weights ≤ 0, months outside 1–12, unknown holiday names are allowed (a year may
// lack one) but empty campaigns are not.
std::vector<std::string> ValidatePolicy(const Policy& policy);

}  // namespace anjian::planner
