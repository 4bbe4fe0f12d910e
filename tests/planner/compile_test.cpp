// CompilePlan on small hand-built inputs (PRODUCT.md C4): determinism, the random draw, capacity
// shortfall by risk (R-CAP), explanations for unplanned units, recusal and certificate expiry
// (R-ROLE-15, R-DR-7), leader quotas (R-LEAD), the per-unit cap (R-FREQ-13), community
// screenings and the input errors. Expected figures are worked out by hand in each test.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "planner/plan.hpp"
#include "planner/plan_fixture.hpp"
#include "support/result_matchers.hpp"

namespace anjian::planner {
namespace {

using namespace plan_fixture;  // NOLINT: test-local builders

Result<Plan> Compile(const PlanInput& input) { return CompilePlan(input, ShippedCalendar()); }

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Four street officers JF01–JF04, year 2026, seed 42.
PlanInput BaseInput(Policy policy) {
  PlanInput in;
  in.year = 2026;
  in.policy = std::move(policy);
  in.draw_seed = 42;
  for (const char* no : {"JF01", "JF02", "JF03", "JF04"})
    in.inspectors.push_back(MakePlanInspector(no));
  return in;
}

PlanUnit KeyUnit(int index, RiskColour risk = RiskColour::kYellow, int community = 0) {
  auto pu = MakePlanUnit(index, community);
  pu.unit.level = SupervisionLevel::kLevel2;
  pu.unit.risk = risk;
  pu.unit.is_key = true;
  return pu;
}

UnitSelector KeySelector() {
  UnitSelector s;
  s.key = true;
  return s;
}

std::vector<const PlanItem*> ItemsOf(const Plan& plan, const std::string& code) {
  std::vector<const PlanItem*> out;
  for (const auto& i : plan.items) {
    if (i.unit_credit_code == code) out.push_back(&i);
  }
  return out;
}

int EnforcementItemsOf(const Plan& plan, const std::string& code) {
  int n = 0;
  for (const auto* i : ItemsOf(plan, code)) n += IsEnforcement(i->kind) ? 1 : 0;
  return n;
}

// Missing visits the shortfall list records for (unit, rule, kind).
int ShortOf(const Plan& plan, const std::string& code, const std::string& rule, ItemKind kind) {
  int n = 0;
  for (const auto& s : plan.shortfall) {
    if (s.unit_credit_code == code && s.rule == rule && s.kind == kind) n += s.required - s.planned;
  }
  return n;
}

TEST(PlanCompilerTest, SameInputAndSeedGiveTheSamePlan) {
  for (std::uint64_t seed : {1u, 2u, 3u, 17u, 99u}) {
    const auto input = SeededInput(seed);
    auto a = Compile(input);
    auto b = Compile(input);
    ASSERT_OK(a);
    ASSERT_OK(b);
    EXPECT_FALSE(a->items.empty() && a->shortfall.empty()) << "seed " << seed;
    EXPECT_EQ(PlanText(*a), PlanText(*b)) << "seed " << seed;
    EXPECT_EQ(CanonicalInputText(input, ShippedCalendar()),
              CanonicalInputText(input, ShippedCalendar()));

    // The order units and inspectors are handed in does not matter.
    auto shuffled = input;
    std::reverse(shuffled.units.begin(), shuffled.units.end());
    std::rotate(shuffled.inspectors.begin(),
                shuffled.inspectors.begin() + static_cast<long>(shuffled.inspectors.size() / 2),
                shuffled.inspectors.end());
    auto c = Compile(shuffled);
    ASSERT_OK(c);
    EXPECT_EQ(PlanText(*a), PlanText(*c)) << "seed " << seed;
    EXPECT_EQ(CanonicalInputText(input, ShippedCalendar()),
              CanonicalInputText(shuffled, ShippedCalendar()));
  }
}

TEST(PlanCompilerTest, CanonicalInputTextChangesWithTheSeedlessInputs) {
  const auto input = SeededInput(5);
  const auto base = CanonicalInputText(input, ShippedCalendar());
  auto changed = input;
  changed.units[0].unit.risk =
      changed.units[0].unit.risk == RiskColour::kRed ? RiskColour::kBlue : RiskColour::kRed;
  EXPECT_NE(CanonicalInputText(changed, ShippedCalendar()), base);
  changed = input;
  changed.policy.team.size += 1;
  EXPECT_NE(CanonicalInputText(changed, ShippedCalendar()), base);
  changed = input;
  changed.inspectors.push_back(MakePlanInspector("JF99"));
  EXPECT_NE(CanonicalInputText(changed, ShippedCalendar()), base);
}

TEST(PlanCompilerTest, DifferentSeedsDrawDifferentUnits) {
  auto policy = StreetPolicy();
  policy.random_draws[0].stratify = Stratification::kNone;
  auto input = BaseInput(policy);
  for (int k = 0; k < 30; ++k) input.units.push_back(MakePlanUnit(k, k % 3));  // non-key, blue
  input.draw_seed = 1;
  auto a = Compile(input);
  input.draw_seed = 2;
  auto b = Compile(input);
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_EQ(a->draws.size(), 1u);
  ASSERT_EQ(b->draws.size(), 1u);
  // 30 % of 30 → 9 drawn either way (R-FREQ-9), but not the same 9 (1 in C(30,9) to collide).
  EXPECT_EQ(a->draws[0].pool_size, 30);
  EXPECT_EQ(a->draws[0].required, 9);
  EXPECT_EQ(a->draws[0].drawn, 9);
  EXPECT_EQ(b->draws[0].drawn, 9);
  std::set<std::string> drawn_a(a->draws[0].drawn_codes.begin(), a->draws[0].drawn_codes.end());
  std::set<std::string> drawn_b(b->draws[0].drawn_codes.begin(), b->draws[0].drawn_codes.end());
  EXPECT_EQ(drawn_a.size(), 9u);
  EXPECT_NE(drawn_a, drawn_b);
  // The drawn units are the random items.
  std::set<std::string> random_items;
  for (const auto& i : a->items) {
    if (i.kind == ItemKind::kRandom) random_items.insert(i.unit_credit_code);
  }
  EXPECT_EQ(random_items, drawn_a);
}

TEST(PlanCompilerTest, ListsShortfallByRiskWhenCapacityIsShort) {
  auto input = BaseInput(SingleRulePolicy(KeySelector(), 1, Period::kYear));
  // Codes 0–7 (in code order): blue, red, yellow, orange, blue, red, orange, yellow.
  const RiskColour risks[] = {RiskColour::kBlue,   RiskColour::kRed,   RiskColour::kYellow,
                              RiskColour::kOrange, RiskColour::kBlue,  RiskColour::kRed,
                              RiskColour::kOrange, RiskColour::kYellow};
  for (int k = 0; k < 8; ++k) input.units.push_back(KeyUnit(k, risks[k]));
  input.capacity_override = 3;
  auto plan = Compile(input);
  ASSERT_OK(plan);
  // Capacity 3 goes to the two red units and the first orange one (by code).
  std::set<std::string> planned;
  for (const auto& i : plan->items) planned.insert(i.unit_credit_code);
  EXPECT_EQ(planned, (std::set<std::string>{UnitCode(1), UnitCode(5), UnitCode(3)}));
  // The other five are shortfall, red before orange before yellow before blue.
  std::vector<std::string> short_codes;
  for (const auto& s : plan->shortfall) short_codes.push_back(s.unit_credit_code);
  EXPECT_EQ(short_codes, (std::vector<std::string>{UnitCode(6), UnitCode(2), UnitCode(7),
                                                   UnitCode(0), UnitCode(4)}));
  for (const auto& s : plan->shortfall) {
    EXPECT_EQ(s.rule, "R-ONE");
    EXPECT_EQ(s.kind, ItemKind::kDeterministic);
    EXPECT_TRUE(Contains(s.reason, "能力")) << s.reason;
  }
  // Nothing mandatory dropped silently: items + shortfall = the 8 required visits.
  int accounted = static_cast<int>(plan->items.size());
  for (const auto& s : plan->shortfall) accounted += s.required - s.planned;
  EXPECT_EQ(accounted, 8);
  EXPECT_TRUE(plan->summary.capacity.overridden);
  EXPECT_EQ(plan->summary.capacity.inspections, 3);
}

TEST(PlanCompilerTest, ExplainsEveryUnitWithoutAnItemAndNoOther) {
  for (std::uint64_t seed : {4u, 8u, 15u, 16u, 23u, 42u}) {
    const auto input = SeededInput(seed);
    auto plan = Compile(input);
    ASSERT_OK(plan);
    std::set<std::string> with_item;
    for (const auto& i : plan->items) with_item.insert(i.unit_credit_code);
    std::set<std::string> expected;
    for (const auto& u : input.units) {
      if (!with_item.count(u.unit.credit_code)) expected.insert(u.unit.credit_code);
    }
    std::set<std::string> listed;
    for (const auto& n : plan->not_planned) {
      EXPECT_TRUE(listed.insert(n.unit_credit_code).second)
          << "listed twice: " << n.unit_credit_code;
      EXPECT_FALSE(n.reason.empty()) << n.unit_credit_code;
      EXPECT_EQ(ExplainUnit(*plan, n.unit_credit_code), n.reason);
    }
    EXPECT_EQ(listed, expected) << "seed " << seed;
    for (const auto& code : with_item) EXPECT_EQ(ExplainUnit(*plan, code), "");
    EXPECT_EQ(plan->summary.units_planned, static_cast<int>(with_item.size()));
    EXPECT_EQ(plan->summary.units_total, static_cast<int>(input.units.size()));
  }
}

TEST(PlanCompilerTest, ClosedAndSuspendedUnitsAreNotPlannedAndTheReasonNamesTheStatus) {
  auto input = BaseInput(StreetPolicy());
  input.units.push_back(KeyUnit(0, RiskColour::kRed));
  input.units.push_back(KeyUnit(1, RiskColour::kRed));
  input.units.push_back(KeyUnit(2, RiskColour::kRed));
  input.units[0].unit.status = UnitStatus::kClosed;
  input.units[1].unit.status = UnitStatus::kSuspended;
  auto plan = Compile(input);
  ASSERT_OK(plan);
  EXPECT_TRUE(ItemsOf(*plan, UnitCode(0)).empty());
  EXPECT_TRUE(ItemsOf(*plan, UnitCode(1)).empty());
  EXPECT_FALSE(ItemsOf(*plan, UnitCode(2)).empty());
  EXPECT_TRUE(Contains(ExplainUnit(*plan, UnitCode(0)), "状态")) << ExplainUnit(*plan, UnitCode(0));
  EXPECT_TRUE(Contains(ExplainUnit(*plan, UnitCode(1)), "状态")) << ExplainUnit(*plan, UnitCode(1));
  for (const auto& s : plan->shortfall) {
    EXPECT_NE(s.unit_credit_code, UnitCode(0));
    EXPECT_NE(s.unit_credit_code, UnitCode(1));
  }
}

TEST(PlanCompilerTest, RecusedInspectorIsNeverSentToTheUnit) {
  auto input = BaseInput(SingleRulePolicy(KeySelector(), 1, Period::kMonth));
  input.inspectors.resize(3);  // JF01–JF03
  input.inspectors[1].inspector.recusal_codes = {UnitCode(0)};
  input.units.push_back(KeyUnit(0));
  input.units.push_back(KeyUnit(1));
  auto plan = Compile(input);
  ASSERT_OK(plan);
  // Monthly: 12 visits each. JF02 may go to unit 1 but never to unit 0.
  ASSERT_EQ(ItemsOf(*plan, UnitCode(0)).size(), 12u);
  for (const auto* i : ItemsOf(*plan, UnitCode(0))) {
    EXPECT_FALSE(Has(i->inspectors, "JF02")) << i->date.ToString();
    EXPECT_EQ(i->inspectors.size(), 2u);
  }
  bool jf02_used = false;
  for (const auto* i : ItemsOf(*plan, UnitCode(1)))
    jf02_used = jf02_used || Has(i->inspectors, "JF02");
  EXPECT_TRUE(jf02_used);
}

TEST(PlanCompilerTest, RecusalThatLeavesNoTeamIsShortfallNotASilentDrop) {
  auto input = BaseInput(SingleRulePolicy(KeySelector(), 2, Period::kYear));
  input.inspectors.resize(2);  // JF01, JF02
  input.inspectors[1].inspector.recusal_codes = {UnitCode(0)};
  input.units.push_back(KeyUnit(0));
  input.units.push_back(KeyUnit(1));
  auto plan = Compile(input);
  ASSERT_OK(plan);
  EXPECT_TRUE(ItemsOf(*plan, UnitCode(0)).empty());
  EXPECT_EQ(ShortOf(*plan, UnitCode(0), "R-ONE", ItemKind::kDeterministic), 2);
  EXPECT_EQ(ItemsOf(*plan, UnitCode(1)).size(), 2u);
  EXPECT_TRUE(Contains(ExplainUnit(*plan, UnitCode(0)), "缺口")) << ExplainUnit(*plan, UnitCode(0));
}

TEST(PlanCompilerTest, ExpiredCertificateIsNotUsedAfterItsLastDay) {
  UnitSelector red;
  red.risks = {RiskColour::kRed};
  auto input = BaseInput(SingleRulePolicy(red, 1, Period::kMonth));
  input.inspectors.resize(3);
  input.inspectors[2].inspector.certificate_valid_until = D(2026, 6, 30);  // JF03
  for (int k = 0; k < 6; ++k) input.units.push_back(KeyUnit(k, RiskColour::kRed));
  auto plan = Compile(input);
  ASSERT_OK(plan);
  ASSERT_EQ(plan->items.size(), 72u);  // 6 units × 12 months
  int before = 0;
  for (const auto& i : plan->items) {
    if (!Has(i.inspectors, "JF03")) continue;
    EXPECT_LE(i.date, D(2026, 6, 30)) << "JF03 on " << i.date.ToString();
    ++before;
  }
  EXPECT_GT(before, 0);  // still used while the certificate holds
  bool warned = false;
  for (const auto& w : plan->warnings)
    warned = warned || (Contains(w, "JF03") && Contains(w, "2026-06-30"));
  EXPECT_TRUE(warned);
}

TEST(PlanCompilerTest, LeaderQuotaIsMetWhenThereAreEnoughOfficers) {
  auto policy = StreetPolicy();
  policy.random_draws.clear();
  policy.special_campaigns.clear();
  auto input = BaseInput(policy);
  input.inspectors.push_back(MakePlanInspector("LD01", InspectorRole::kPrincipal));
  for (int k = 0; k < 3; ++k) input.units.push_back(KeyUnit(k));
  auto plan = Compile(input);
  ASSERT_OK(plan);
  // S-LEAD: the principal once a quarter at a key unit → 4.
  ASSERT_EQ(plan->leader_quotas.size(), 1u);
  const auto& q = plan->leader_quotas[0];
  EXPECT_EQ(q.employee_no, "LD01");
  EXPECT_EQ(q.rule, "S-LEAD");
  EXPECT_EQ(q.required, 4);
  EXPECT_EQ(q.planned, 4);
  std::set<int> quarters;
  int led = 0;
  for (const auto& i : plan->items) {
    if (i.kind != ItemKind::kLeaderLed) continue;
    ++led;
    EXPECT_EQ(i.leader, "LD01");
    EXPECT_EQ(i.rule, "S-LEAD");
    EXPECT_TRUE(Has(i.inspectors, "LD01"));  // certified: counts as a team member
    EXPECT_GE(i.inspectors.size(), 2u);
    quarters.insert((i.date.month() - 1) / 3);
  }
  EXPECT_EQ(led, 4);
  EXPECT_EQ(quarters.size(), 4u);
  for (const auto& s : plan->shortfall) EXPECT_NE(s.kind, ItemKind::kLeaderLed) << s.reason;
}

TEST(PlanCompilerTest, LeaderWithoutTargetUnitsIsReportedAsShortfall) {
  auto input = BaseInput(StreetPolicy());
  // A community leader of community 3, which has no unit (R-LEAD-6: own jurisdiction only).
  input.inspectors.push_back(
      MakePlanInspector("CL01", InspectorRole::kCommunityLeader, CommunityPath(3)));
  for (int k = 0; k < 3; ++k) input.units.push_back(KeyUnit(k, RiskColour::kYellow, k));
  auto plan = Compile(input);
  ASSERT_OK(plan);
  ASSERT_EQ(plan->leader_quotas.size(), 1u);
  EXPECT_EQ(plan->leader_quotas[0].employee_no, "CL01");
  EXPECT_EQ(plan->leader_quotas[0].rule, "S-LEAD-C");
  EXPECT_EQ(plan->leader_quotas[0].required, 1);
  EXPECT_EQ(plan->leader_quotas[0].planned, 0);
  bool reported = false;
  for (const auto& s : plan->shortfall) {
    if (s.rule == "S-LEAD-C" && s.kind == ItemKind::kLeaderLed) {
      reported = true;
      EXPECT_EQ(s.required, 1);
      EXPECT_EQ(s.planned, 0);
      EXPECT_TRUE(Contains(s.reason, "CL01")) << s.reason;
    }
  }
  EXPECT_TRUE(reported);
}

TEST(PlanCompilerTest, AnnualCapPerUnitLimitsTheVisitsAndReportsTheRest) {
  UnitSelector red;
  red.risks = {RiskColour::kRed};
  auto policy = SingleRulePolicy(red, 1, Period::kQuarter);
  policy.team.annual_cap_per_unit = 2;
  auto input = BaseInput(policy);
  input.units.push_back(KeyUnit(0, RiskColour::kRed));
  auto plan = Compile(input);
  ASSERT_OK(plan);
  // Quarterly = 4 a year, capped at 2 (R-FREQ-13): 2 items, the other 2 in the shortfall list.
  const auto items = ItemsOf(*plan, UnitCode(0));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(ShortOf(*plan, UnitCode(0), "R-ONE", ItemKind::kDeterministic), 2);
  // The two kept visits are spread: Q1 and Q3.
  EXPECT_LE(items[0]->date.month(), 3);
  EXPECT_GE(items[1]->date.month(), 7);
  EXPECT_LE(items[1]->date.month(), 9);
}

TEST(PlanCompilerTest, AnnualCapCountsLeaderLedAndRandomVisitsToo) {
  auto policy = StreetPolicy();
  policy.special_campaigns.clear();
  policy.team.annual_cap_per_unit = 2;
  policy.random_draws[0].exclude_planned = false;
  policy.random_draws[0].ratio = 1.0;
  policy.random_draws[0].pool = {};  // every unit
  auto input = BaseInput(policy);
  input.inspectors.push_back(MakePlanInspector("LD01", InspectorRole::kPrincipal));
  input.units.push_back(KeyUnit(0, RiskColour::kRed));  // S-RED 4 → capped to 2; S-LEAD ×4
  input.units.push_back(MakePlanUnit(1));               // blue, non-key: random only
  auto plan = Compile(input);
  ASSERT_OK(plan);
  EXPECT_LE(EnforcementItemsOf(*plan, UnitCode(0)), 2) << PlanText(*plan);
  EXPECT_EQ(EnforcementItemsOf(*plan, UnitCode(1)), 1) << PlanText(*plan);
  // Every visit the rules asked for unit 0 is an item or a shortfall entry.
  int det = 0;
  for (const auto* i : ItemsOf(*plan, UnitCode(0))) det += i->kind == ItemKind::kDeterministic;
  EXPECT_EQ(det + ShortOf(*plan, UnitCode(0), "S-RED", ItemKind::kDeterministic), 4);
}

TEST(PlanCompilerTest, RandomDrawSkipsUnitsAlreadyAtTheCap) {
  UnitSelector red;
  red.risks = {RiskColour::kRed};
  auto policy = SingleRulePolicy(red, 1, Period::kQuarter);
  policy.team.annual_cap_per_unit = 2;
  RandomDrawRule draw;
  draw.source = Source("R-DR", "双随机抽查");
  draw.ratio = 0.5;  // 1 of the 2 units
  draw.exclude_planned = false;
  policy.random_draws.push_back(draw);
  auto input = BaseInput(policy);
  input.units.push_back(KeyUnit(0, RiskColour::kRed));  // 2 capped deterministic visits
  input.units.push_back(MakePlanUnit(1));
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    input.draw_seed = seed;
    auto plan = Compile(input);
    ASSERT_OK(plan);
    ASSERT_EQ(plan->draws.size(), 1u);
    EXPECT_EQ(plan->draws[0].pool_size, 2);
    EXPECT_EQ(plan->draws[0].eligible, 1) << "seed " << seed;
    EXPECT_EQ(plan->draws[0].drawn_codes, std::vector<std::string>{UnitCode(1)}) << "seed " << seed;
    EXPECT_EQ(EnforcementItemsOf(*plan, UnitCode(0)), 2);
    EXPECT_EQ(EnforcementItemsOf(*plan, UnitCode(1)), 1);
  }
}

TEST(PlanCompilerTest, CommunityScreeningsGoToCommunityStaffOnly) {
  Policy policy = StreetPolicy();
  policy.frequency_rules = {policy.frequency_rules[3]};  // S-GRID only
  policy.random_draws.clear();
  policy.special_campaigns.clear();
  policy.leader_quotas.clear();
  auto input = BaseInput(policy);
  input.inspectors.push_back(MakePlanInspector("GM01", InspectorRole::kGridMember, GridPath(0, 0)));
  input.inspectors.push_back(
      MakePlanInspector("CS01", InspectorRole::kCommunitySafetyOfficer, CommunityPath(0)));
  input.inspectors.push_back(
      MakePlanInspector("CS02", InspectorRole::kCommunitySafetyOfficer, CommunityPath(1)));
  input.units.push_back(MakePlanUnit(0, 0, 0));  // in grid 0 of community 0
  input.units.push_back(MakePlanUnit(1, 0));     // community 0, no grid
  input.units.push_back(MakePlanUnit(2, 1, 0));  // grid 0 of community 1 (no grid member)
  input.units.push_back(KeyUnit(3));             // key, but only S-GRID applies
  auto plan = Compile(input);
  ASSERT_OK(plan);
  const std::map<std::string, std::vector<std::string>> expected = {{UnitCode(0), {"GM01"}},
                                                                    {UnitCode(1), {"CS01"}},
                                                                    {UnitCode(2), {"CS02"}},
                                                                    {UnitCode(3), {"CS01"}}};
  ASSERT_EQ(plan->items.size(), 8u);  // 4 units × half-yearly
  for (const auto& i : plan->items) {
    EXPECT_EQ(i.kind, ItemKind::kCommunityScreening);
    EXPECT_EQ(i.leader, "");
    EXPECT_EQ(i.inspectors, expected.at(i.unit_credit_code)) << i.unit_credit_code;
    for (const auto& m : i.inspectors) EXPECT_NE(m.substr(0, 2), "JF");
  }
  for (const auto& l : plan->loads) EXPECT_EQ(l.items, 0) << l.employee_no;
}

TEST(PlanCompilerTest, RejectsATeamOfOne) {
  auto policy = StreetPolicy();
  policy.team.size = 1;
  auto input = BaseInput(policy);
  input.units.push_back(KeyUnit(0));
  auto plan = Compile(input);
  ASSERT_ERROR_CODE(plan, kInvalidArgument);
  EXPECT_TRUE(Contains(plan.error().message, "检查组人数")) << plan.error().message;
}

TEST(PlanCompilerTest, RejectsAYearTheCalendarDoesNotCover) {
  auto input = BaseInput(StreetPolicy());
  input.year = 2027;
  input.units.push_back(KeyUnit(0));
  auto plan = Compile(input);
  ASSERT_ERROR_CODE(plan, kFailedPrecondition);
  EXPECT_TRUE(Contains(plan.error().message, "2027")) << plan.error().message;
}

TEST(PlanCompilerTest, RejectsAnEmptyRegistry) {
  auto input = BaseInput(StreetPolicy());
  EXPECT_ERROR_CODE(Compile(input), kFailedPrecondition);
}

}  // namespace
}  // namespace anjian::planner
