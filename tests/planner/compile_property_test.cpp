// CompilePlan on random registries and rosters (rapidcheck): the hard rules hold for every
// generated input — working days, certified distinct unrecused teams (R-PROC-2, R-ROLE-15,
// R-DR-7), no double booking, demand accounted for as items or shortfall (R-CAP), random-draw
// ratios (R-FREQ-9), the per-unit cap (R-FREQ-13), spacing of repeated visits, leader quotas
// (R-LEAD), balanced workload and purity. Oracles are computed here from the input, not taken
// from the compiler's own bookkeeping.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "planner/plan.hpp"
#include "planner/plan_fixture.hpp"

namespace anjian::planner {
namespace {

using namespace plan_fixture;  // NOLINT: test-local builders

rc::Gen<PlanInput> GenInput(ScenarioShape shape = {}) {
  return rc::gen::exec([shape] {
    return RandomInput([](int lo, int hi) { return *rc::gen::inRange(lo, hi); }, shape);
  });
}

// Compiles; a failure to compile is itself a counterexample (the generated inputs are valid).
Plan MustCompile(const PlanInput& input) {
  auto plan = CompilePlan(input, ShippedCalendar());
  if (!plan.ok()) RC_FAIL("CompilePlan failed: " + plan.error().message);
  return std::move(*plan);
}

std::map<std::string, const PlanInspector*> RosterByNo(const PlanInput& input) {
  std::map<std::string, const PlanInspector*> roster;
  for (const auto& i : input.inspectors) roster[i.inspector.employee_no] = &i;
  return roster;
}

std::map<std::string, const PlanUnit*> UnitsByCode(const PlanInput& input) {
  std::map<std::string, const PlanUnit*> units;
  for (const auto& u : input.units) units[u.unit.credit_code] = &u;
  return units;
}

bool IsCommunityStaff(domain::InspectorRole role) {
  return role == InspectorRole::kGridMember || role == InspectorRole::kCommunitySafetyOfficer;
}

bool Recused(const domain::Inspector& i, const std::string& code) {
  return std::find(i.recusal_codes.begin(), i.recusal_codes.end(), code) != i.recusal_codes.end();
}

// Independent selector check (PRODUCT.md C3: every set criterion must hold).
bool Matches(const UnitSelector& s, const domain::Unit& u) {
  auto in = [](const auto& list, auto v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  if (!in(s.levels, u.level) || !in(s.risks, u.risk)) return false;
  if (!s.categories.empty()) {
    bool any = false;
    for (auto c : u.categories) any = any || in(s.categories, c);
    if (!any) return false;
  }
  if (s.key && *s.key != u.is_key) return false;
  if (s.accident_last_year && *s.accident_last_year != u.accident_last_year) return false;
  if (s.major_hazard_source && *s.major_hazard_source != u.major_hazard_source) return false;
  return true;
}

// Visits a year for the periods the fixture policy uses.
int VisitsPerYear(const FrequencyRule& r) {
  switch (r.period) {
    case Period::kYear:
    case Period::kTwoYears:
      return r.count;
    case Period::kHalfYear:
      return 2 * r.count;
    case Period::kQuarter:
      return 4 * r.count;
    case Period::kMonth:
      return 12 * r.count;
    case Period::kHalfMonth:
      return 24 * r.count;
    case Period::kWeek:
      break;
  }
  RC_FAIL("weekly rules are not generated");
  return 0;
}

bool Due(const FrequencyRule& r, const PlanUnit& pu, int year) {
  return r.period != Period::kTwoYears || !pu.last_inspected ||
         pu.last_inspected->year() <= year - 2;
}

// The mandatory street-team rule with most visits a year (the first on a tie), if any.
const FrequencyRule* Driver(const Policy& policy, const PlanUnit& pu, int year) {
  const FrequencyRule* driver = nullptr;
  for (const auto& r : policy.frequency_rules) {
    if (!r.mandatory || r.executor != Executor::kStreetTeam) continue;
    if (!Matches(r.selector, pu.unit) || !Due(r, pu, year)) continue;
    if (!driver || VisitsPerYear(r) > VisitsPerYear(*driver)) driver = &r;
  }
  return driver;
}

bool HasRuleShortfall(const Plan& plan, const std::string& rule) {
  for (const auto& s : plan.shortfall) {
    if (s.rule == rule) return true;
  }
  return false;
}

// --- Items and teams --------------------------------------------------------------------------

RC_GTEST_PROP(PlanCompilerProperty, ItemsFallOnWorkingDaysOfThePlanYear, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  const auto& calendar = ShippedCalendar();
  const auto units = UnitsByCode(input);
  for (const auto& item : plan.items) {
    RC_ASSERT(item.date.year() == input.year);
    RC_ASSERT(calendar.IsWorkingDay(item.date));
    RC_ASSERT(item.slot >= 0);
    RC_ASSERT(item.slot < input.policy.team.slots_per_day);
    RC_ASSERT(units.count(item.unit_credit_code) == 1u);
    RC_ASSERT(units.at(item.unit_credit_code)->unit.status == UnitStatus::kOperating);
  }
  for (std::size_t k = 1; k < plan.items.size(); ++k) {
    RC_ASSERT(plan.items[k - 1].date <= plan.items[k].date);
    RC_ASSERT(plan.items[k].seq == static_cast<int>(k) + 1);
  }
}

RC_GTEST_PROP(PlanCompilerProperty, EnforcementTeamsAreCertifiedDistinctAndNotRecused, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  const auto roster = RosterByNo(input);
  for (const auto& item : plan.items) {
    if (!IsEnforcement(item.kind)) continue;
    RC_ASSERT(static_cast<int>(item.inspectors.size()) >= input.policy.team.size);
    const std::set<std::string> distinct(item.inspectors.begin(), item.inspectors.end());
    RC_ASSERT(distinct.size() == item.inspectors.size());
    for (const auto& no : item.inspectors) {
      RC_ASSERT(roster.count(no) == 1u);
      const auto& in = roster.at(no)->inspector;
      RC_ASSERT(in.active);
      RC_ASSERT(!IsCommunityStaff(in.role));
      RC_ASSERT(domain::MayPerformEnforcement(in, item.date));
      RC_ASSERT(!Recused(in, item.unit_credit_code));
      // Leaders lead only their own quota visits; a plain visit is officers only.
      if (domain::IsLeaderRole(in.role)) RC_ASSERT(item.leader == no);
    }
    if (item.kind == ItemKind::kLeaderLed) {
      RC_ASSERT(roster.count(item.leader) == 1u);
      const auto& leader = roster.at(item.leader)->inspector;
      RC_ASSERT(domain::IsLeaderRole(leader.role));
      RC_ASSERT(!Recused(leader, item.unit_credit_code));
    } else {
      RC_ASSERT(item.leader.empty());
    }
  }
}

RC_GTEST_PROP(PlanCompilerProperty, CommunityScreeningsAreCommunityStaffOnly, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  const auto roster = RosterByNo(input);
  for (const auto& item : plan.items) {
    if (item.kind != ItemKind::kCommunityScreening) continue;
    RC_ASSERT(item.leader.empty());
    for (const auto& no : item.inspectors) {
      RC_ASSERT(roster.count(no) == 1u);
      RC_ASSERT(IsCommunityStaff(roster.at(no)->inspector.role));
    }
  }
}

RC_GTEST_PROP(PlanCompilerProperty, NoInspectorIsBookedTwiceInASlotOrOverTheDailyLimit, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  std::set<std::tuple<std::string, std::int64_t, int>> booked;
  std::map<std::pair<std::string, std::int64_t>, int> per_day;
  for (const auto& item : plan.items) {
    // Screenings are the community's own work, not booked against officers' slots.
    if (!IsEnforcement(item.kind)) continue;
    std::set<std::string> people(item.inspectors.begin(), item.inspectors.end());
    if (!item.leader.empty()) people.insert(item.leader);
    for (const auto& no : people) {
      const bool first_booking = booked.insert({no, item.date.ToDays(), item.slot}).second;
      RC_ASSERT(first_booking);
      ++per_day[std::make_pair(no, item.date.ToDays())];
    }
  }
  for (const auto& [key, n] : per_day) {
    RC_ASSERT(n <= input.policy.team.max_items_per_inspector_per_day);
  }
}

// --- Demand accounted for ------------------------------------------------------------------

RC_GTEST_PROP(PlanCompilerProperty, EveryMandatoryStreetTeamVisitIsAnItemOrShortfall, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  for (const auto& pu : input.units) {
    const auto& code = pu.unit.credit_code;
    const FrequencyRule* driver =
        pu.unit.status == UnitStatus::kOperating ? Driver(input.policy, pu, input.year) : nullptr;
    int items = 0;
    for (const auto& item : plan.items) {
      if (item.unit_credit_code != code || item.kind != ItemKind::kDeterministic) continue;
      RC_ASSERT(driver != nullptr);
      RC_ASSERT(item.rule == driver->source.id);
      ++items;
    }
    int missing = 0;
    for (const auto& s : plan.shortfall) {
      if (s.unit_credit_code == code && s.kind == ItemKind::kDeterministic) {
        RC_ASSERT(driver != nullptr);
        RC_ASSERT(s.rule == driver->source.id);
        RC_ASSERT(!s.reason.empty());
        missing += s.required - s.planned;
      }
    }
    RC_ASSERT(items + missing == (driver ? VisitsPerYear(*driver) : 0));
  }
}

RC_GTEST_PROP(PlanCompilerProperty, RandomDrawsMeetTheirRatioOrReportShortfall, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  RC_ASSERT(plan.draws.size() == input.policy.random_draws.size());
  for (std::size_t k = 0; k < input.policy.random_draws.size(); ++k) {
    const auto& rule = input.policy.random_draws[k];
    int pool = 0;
    for (const auto& pu : input.units) {
      pool += pu.unit.status == UnitStatus::kOperating && Matches(rule.pool, pu.unit);
    }
    const int required =
        std::max(rule.min_count, static_cast<int>(std::ceil(rule.ratio * pool - 1e-9)));
    RC_ASSERT(plan.draws[k].pool_size == pool);
    RC_ASSERT(plan.draws[k].required == required);
    std::set<std::string> drawn;
    int items = 0;
    for (const auto& item : plan.items) {
      if (item.kind != ItemKind::kRandom || item.rule != rule.source.id) continue;
      ++items;
      drawn.insert(item.unit_credit_code);
    }
    RC_ASSERT(drawn.size() == static_cast<std::size_t>(items));  // a unit is drawn once
    for (const auto& code : drawn) {
      const auto& codes = plan.draws[k].drawn_codes;
      RC_ASSERT(std::find(codes.begin(), codes.end(), code) != codes.end());
    }
    if (items < required) RC_ASSERT(HasRuleShortfall(plan, rule.source.id));
  }
}

RC_GTEST_PROP(PlanCompilerProperty, NoUnitExceedsTheAnnualCap, ()) {
  ScenarioShape shape;
  shape.annual_cap = *rc::gen::inRange(1, 5);
  const auto input = *GenInput(shape);
  const auto plan = MustCompile(input);
  const int cap = input.policy.team.annual_cap_per_unit;
  RC_ASSERT(cap == shape.annual_cap);
  std::map<std::string, int> visits;
  for (const auto& item : plan.items) {
    if (IsEnforcement(item.kind)) ++visits[item.unit_credit_code];
  }
  for (const auto& [code, n] : visits) RC_ASSERT(n <= cap);
}

RC_GTEST_PROP(PlanCompilerProperty, TwiceAYearVisitsAreAtLeastSixtyWorkingDaysApart, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  const auto& calendar = ShippedCalendar();
  std::map<std::pair<std::string, std::string>, std::vector<CivilDate>> visits;
  for (const auto& item : plan.items) {
    if (item.kind == ItemKind::kDeterministic && item.occurrences == 2) {
      visits[{item.unit_credit_code, item.rule}].push_back(item.date);
    }
  }
  for (const auto& [key, dates] : visits) {
    RC_ASSERT(dates.size() <= 2u);
    if (dates.size() == 2) {
      const auto first = std::min(dates[0], dates[1]);
      const auto second = std::max(dates[0], dates[1]);
      // Working days after the first visit up to and including the second.
      RC_ASSERT(calendar.CountWorkingDays(first, second) - 1 >= 60);
    }
  }
}

RC_GTEST_PROP(PlanCompilerProperty, LeaderQuotasAreMetOrReported, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  std::map<std::pair<std::string, std::string>, int> led;  // (leader, rule) → items
  for (const auto& item : plan.items) {
    if (item.kind == ItemKind::kLeaderLed) ++led[{item.leader, item.rule}];
  }
  std::set<std::pair<std::string, std::string>> listed;
  for (const auto& q : plan.leader_quotas) {
    listed.insert({q.employee_no, q.rule});
    const int items = led[std::make_pair(q.employee_no, q.rule)];
    RC_ASSERT(q.planned == items);
    if (q.planned < q.required) {
      bool reported = false;
      for (const auto& s : plan.shortfall) {
        reported = reported || (s.rule == q.rule && s.kind == ItemKind::kLeaderLed &&
                                s.unit_credit_code.empty() &&
                                s.reason.find(q.employee_no) != std::string::npos);
      }
      RC_ASSERT(reported);
    } else {
      RC_ASSERT(q.planned == q.required);
    }
  }
  // Every active leader holding a quota role has an entry, with required = count × periods.
  for (const auto& quota : input.policy.leader_quotas) {
    for (const auto& pi : input.inspectors) {
      const auto& in = pi.inspector;
      if (!in.active) continue;
      if (std::find(quota.roles.begin(), quota.roles.end(), in.role) == quota.roles.end()) continue;
      RC_ASSERT(listed.count(std::make_pair(in.employee_no, quota.source.id)) == 1u);
      for (const auto& q : plan.leader_quotas) {
        if (q.employee_no == in.employee_no && q.rule == quota.source.id) {
          RC_ASSERT(q.required == quota.count * PeriodsPerYear(quota.period));
        }
      }
    }
  }
  for (const auto& [key, n] : led) RC_ASSERT(listed.count(key) == 1u);
}

RC_GTEST_PROP(PlanCompilerProperty, EveryUnitWithoutAnItemIsExplained, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  std::set<std::string> with_item;
  for (const auto& item : plan.items) with_item.insert(item.unit_credit_code);
  std::set<std::string> listed;
  for (const auto& n : plan.not_planned) {
    RC_ASSERT(!n.reason.empty());
    RC_ASSERT(with_item.count(n.unit_credit_code) == 0u);
    RC_ASSERT(listed.insert(n.unit_credit_code).second);
  }
  RC_ASSERT(listed.size() + with_item.size() == input.units.size());
}

RC_GTEST_PROP(PlanCompilerProperty, ShortfallIsOrderedByRisk, ()) {
  const auto input = *GenInput();
  const auto plan = MustCompile(input);
  const auto units = UnitsByCode(input);
  int last = -1;
  for (const auto& s : plan.shortfall) {
    if (s.unit_credit_code.empty()) continue;
    const int risk = static_cast<int>(units.at(s.unit_credit_code)->unit.risk);  // red = 0 … blue
    RC_ASSERT(risk >= last);
    last = risk;
  }
}

// --- Balance and purity ---------------------------------------------------------------------

// No scarcity: every officer covers every unit, is certified all year and recused nowhere; no
// leaders, capacity override or per-unit cap; at least three teams' worth of street officers;
// and no visit left unscheduled (no unit-level shortfall entry).
// The bound: FindTeam takes the `need` least-loaded officers free in the slot. When all officers
// are free that alone keeps the spread ≤ 1 (taking the k smallest of loads in {m, m+1} leaves
// loads in {m, m+1} or {m+1, m+2}), and an officer is unavailable only while on another visit
// the same day — so a plan whose enforcement visits are all on distinct days has max ≤ min + 1,
// which is asserted exactly. When visits share a day a later team may have to take busier
// officers (the less-loaded ones are out on the earlier visit); with three teams' worth of
// officers no team is forced and later choices pull the loads back together. Not a proof, so
// the general bound has slack: max ≤ min + 3 (observed ≤ 2 over 3,000 runs, 2 in 0.3 %). With
// only two teams' worth a same-half-day team is forced; spreads of 4 at a mean of ~100 were
// observed there, so that staffing counts as scarce.
RC_GTEST_PROP(PlanCompilerProperty, WorkloadIsBalancedWhenNoOfficerIsScarce, ()) {
  ScenarioShape shape;
  shape.balanced = true;
  shape.allow_override = false;
  shape.annual_cap = 0;
  shape.max_units = 120;
  shape.min_officer_teams = 3;
  const auto input = *GenInput(shape);
  const auto plan = MustCompile(input);
  for (const auto& s : plan.shortfall) RC_PRE(s.unit_credit_code.empty());
  int max = -1, min = 1 << 30, total = 0, officers = 0;
  for (const auto& l : plan.loads) {
    max = std::max(max, l.items);
    min = std::min(min, l.items);
    total += l.items;
    ++officers;
  }
  RC_ASSERT(officers >= 3 * input.policy.team.size);
  RC_ASSERT(plan.summary.max_load == max);
  RC_ASSERT(plan.summary.min_load == min);
  // Loads add up to the team places of the enforcement items.
  int places = 0;
  std::set<std::int64_t> days;
  bool shared_day = false;
  for (const auto& item : plan.items) {
    if (!IsEnforcement(item.kind)) continue;
    places += static_cast<int>(item.inspectors.size());
    shared_day = shared_day || !days.insert(item.date.ToDays()).second;
  }
  RC_ASSERT(places == total);
  RC_TAG(max - min, shared_day ? "visits share a day" : "one visit a day");
  if (!shared_day) RC_ASSERT(max <= min + 1);
  RC_ASSERT(max <= min + 3);
}

RC_GTEST_PROP(PlanCompilerProperty, CompilingTwiceGivesTheSamePlan, ()) {
  const auto input = *GenInput();
  const auto a = MustCompile(input);
  const auto b = MustCompile(input);
  RC_ASSERT(CanonicalInputText(input, ShippedCalendar()) ==
            CanonicalInputText(input, ShippedCalendar()));
  RC_ASSERT(PlanText(a) == PlanText(b));
  auto reordered = input;
  std::reverse(reordered.units.begin(), reordered.units.end());
  std::reverse(reordered.inspectors.begin(), reordered.inspectors.end());
  RC_ASSERT(CanonicalInputText(reordered, ShippedCalendar()) ==
            CanonicalInputText(input, ShippedCalendar()));
  RC_ASSERT(PlanText(MustCompile(reordered)) == PlanText(a));
}

}  // namespace
}  // namespace anjian::planner
