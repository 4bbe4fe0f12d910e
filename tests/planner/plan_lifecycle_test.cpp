// The plan lifecycle (planner/plan_lifecycle.hpp, PRODUCT.md C4, R-PLAN-1..3): every allowed and
// every refused transition of the status machine, and (rapidcheck) that no sequence of actions
// reaches a status the machine cannot reach or puts a plan in force without an approval. Then
// adjustments (R-PLAN-2): what is checked (every problem listed, the plan left as it was), when
// a change is major (key scope, more than 20 % of units, declared) and what a partial one does to
// the plan. The module does not encode who may act (PlanService checks the access table).
#include "planner/plan_lifecycle.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/plan.hpp"
#include "planner/plan_fixture.hpp"
#include "support/result_matchers.hpp"

namespace anjian::planner {
namespace {

using namespace plan_fixture;  // NOLINT: test-local builders

using S = PlanStatus;
using A = PlanAction;

const std::vector<PlanStatus> kStatuses = {S::kDraft,   S::kSubmitted,          S::kApproved,
                                           S::kInForce, S::kReapprovalRequired, S::kSuperseded};
const std::vector<PlanAction> kActions = {A::kSubmit, A::kApprove, A::kReject, A::kEnact};

// The machine as PRODUCT.md C4 states it, written out here independently of the module's table:
// draft → submitted → approved → in force; a submission may be sent back; a plan awaiting
// re-approval (after a major adjustment) is approved straight back into force or sent back.
std::optional<PlanStatus> Expected(PlanStatus from, PlanAction action) {
  static const std::map<std::pair<PlanStatus, PlanAction>, PlanStatus> kAllowed = {
      {{S::kDraft, A::kSubmit}, S::kSubmitted},
      {{S::kSubmitted, A::kApprove}, S::kApproved},
      {{S::kSubmitted, A::kReject}, S::kDraft},
      {{S::kApproved, A::kEnact}, S::kInForce},
      {{S::kReapprovalRequired, A::kApprove}, S::kInForce},
      {{S::kReapprovalRequired, A::kReject}, S::kDraft},
  };
  auto it = kAllowed.find({from, action});
  if (it == kAllowed.end()) return std::nullopt;
  return it->second;
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(PlanLifecycleTest, EveryStatusAndActionPairIsAllowedOrRefusedAsTheMachineSays) {
  int allowed = 0;
  for (auto from : kStatuses) {
    for (auto action : kActions) {
      SCOPED_TRACE(std::string(Code(from)) + " + " + std::string(Code(action)));
      const auto next = NextStatus(from, action);
      const auto expected = Expected(from, action);
      if (expected) {
        ++allowed;
        ASSERT_OK(next);
        EXPECT_EQ(*next, *expected) << "→ " << Code(*next);
      } else {
        ASSERT_ERROR_CODE(next, kConflict);
        // The 409 message says where the plan is and what was refused.
        EXPECT_TRUE(Contains(next.error().message, Label(from))) << next.error().message;
        EXPECT_TRUE(Contains(next.error().message, Label(action))) << next.error().message;
      }
    }
  }
  EXPECT_EQ(allowed, 6);
}

TEST(PlanLifecycleTest, TheHappyPathRunsDraftToInForce) {
  auto status = NextStatus(S::kDraft, A::kSubmit);
  ASSERT_OK(status);
  EXPECT_EQ(*status, S::kSubmitted);
  status = NextStatus(*status, A::kApprove);
  ASSERT_OK(status);
  EXPECT_EQ(*status, S::kApproved);
  status = NextStatus(*status, A::kEnact);
  ASSERT_OK(status);
  EXPECT_EQ(*status, S::kInForce);
}

TEST(PlanLifecycleTest, ARejectedSubmissionIsADraftAgainAndCanBeResubmitted) {
  auto status = NextStatus(S::kSubmitted, A::kReject);
  ASSERT_OK(status);
  EXPECT_EQ(*status, S::kDraft);
  EXPECT_OK(NextStatus(*status, A::kSubmit));
}

TEST(PlanLifecycleTest, ReapprovalEitherPutsThePlanBackInForceOrSendsItBack) {
  EXPECT_EQ(NextStatus(S::kReapprovalRequired, A::kApprove).value(), S::kInForce);
  EXPECT_EQ(NextStatus(S::kReapprovalRequired, A::kReject).value(), S::kDraft);
  EXPECT_ERROR_CODE(NextStatus(S::kReapprovalRequired, A::kEnact), kConflict);
  EXPECT_ERROR_CODE(NextStatus(S::kReapprovalRequired, A::kSubmit), kConflict);
}

TEST(PlanLifecycleTest, NothingSkipsApproval) {
  EXPECT_ERROR_CODE(NextStatus(S::kDraft, A::kApprove), kConflict);
  EXPECT_ERROR_CODE(NextStatus(S::kDraft, A::kEnact), kConflict);
  EXPECT_ERROR_CODE(NextStatus(S::kSubmitted, A::kEnact), kConflict);
  EXPECT_ERROR_CODE(NextStatus(S::kApproved, A::kApprove), kConflict);
  EXPECT_ERROR_CODE(NextStatus(S::kApproved, A::kReject), kConflict);
}

TEST(PlanLifecycleTest, InForceAndSupersededPlansTakeNoActionAndSayNoneIsPossible) {
  for (auto from : {S::kInForce, S::kSuperseded}) {
    EXPECT_TRUE(AllowedActions(from).empty()) << Code(from);
    for (auto action : kActions) {
      auto next = NextStatus(from, action);
      ASSERT_ERROR_CODE(next, kConflict);
      EXPECT_TRUE(Contains(next.error().message, "没有可执行的操作")) << next.error().message;
    }
  }
}

TEST(PlanLifecycleTest, RefusalNamesTheActionsThatAreAllowed) {
  auto next = NextStatus(S::kSubmitted, A::kEnact);
  ASSERT_ERROR_CODE(next, kConflict);
  EXPECT_TRUE(Contains(next.error().message, Label(A::kApprove))) << next.error().message;
  EXPECT_TRUE(Contains(next.error().message, Label(A::kReject))) << next.error().message;
}

TEST(PlanLifecycleTest, AllowedActionsAreExactlyTheOnesNextStatusAccepts) {
  for (auto from : kStatuses) {
    std::vector<PlanAction> accepted;
    for (auto action : kActions) {
      if (NextStatus(from, action).ok()) accepted.push_back(action);
    }
    auto allowed = AllowedActions(from);
    std::sort(allowed.begin(), allowed.end());
    EXPECT_EQ(allowed, accepted) << Code(from);
  }
}

TEST(PlanLifecycleTest, NoActionLeadsToReapprovalRequiredOrSuperseded) {
  // Those two are entered by a major adjustment and by a new revision, never by an action.
  for (auto from : kStatuses) {
    for (auto action : kActions) {
      auto next = NextStatus(from, action);
      if (!next.ok()) continue;
      EXPECT_NE(*next, S::kReapprovalRequired) << Code(from) << " + " << Code(action);
      EXPECT_NE(*next, S::kSuperseded) << Code(from) << " + " << Code(action);
    }
  }
}

TEST(PlanLifecycleTest, CodesAndLabelsParseBackAndUnknownTextIsRefused) {
  std::set<std::string_view> codes, labels;
  for (auto s : kStatuses) {
    EXPECT_EQ(ParsePlanStatus(Code(s)).value(), s);
    EXPECT_EQ(ParsePlanStatus(Label(s)).value(), s);
    codes.insert(Code(s));
    labels.insert(Label(s));
  }
  EXPECT_EQ(codes.size(), kStatuses.size());
  EXPECT_EQ(labels.size(), kStatuses.size());
  for (auto a : kActions) {
    EXPECT_EQ(ParsePlanAction(Code(a)).value(), a);
    EXPECT_EQ(ParsePlanAction(Label(a)).value(), a);
  }
  EXPECT_EQ(ParsePlanStatus(" IN_FORCE ").value(), S::kInForce);
  EXPECT_ERROR_CODE(ParsePlanStatus("published"), kInvalidArgument);
  EXPECT_ERROR_CODE(ParsePlanAction("delete"), kInvalidArgument);
  EXPECT_ERROR_CODE(ParsePlanAction(""), kInvalidArgument);
}

// Random action sequences from any status. Checked at every step: an action is accepted exactly
// when the machine above allows it, and then gives its status; a refused one is a kConflict and
// the plan keeps its status; from a draft the plan never reaches a status only adjustments and
// revisions lead to; and a plan is in force only after an approval since it last became a draft.
RC_GTEST_PROP(PlanLifecycleProperty, ActionsFollowTheMachineAndNothingIsInForceUnapproved, ()) {
  const auto start = *rc::gen::elementOf(kStatuses);
  const auto steps = *rc::gen::inRange(1, 60);
  PlanStatus status = start;
  // Whether the plan has been approved since it was (last) a draft; a plan that starts awaiting
  // re-approval or later has been approved once already.
  bool approved = start != S::kDraft && start != S::kSubmitted;
  for (int i = 0; i < steps; ++i) {
    const auto action = *rc::gen::elementOf(kActions);
    const auto expected = Expected(status, action);
    const auto allowed = AllowedActions(status);
    const bool listed = std::find(allowed.begin(), allowed.end(), action) != allowed.end();
    const auto next = NextStatus(status, action);
    RC_ASSERT(next.ok() == expected.has_value());
    RC_ASSERT(listed == expected.has_value());
    if (!next.ok()) {
      RC_ASSERT(next.error().code == ErrorCode::kConflict);
      continue;  // the caller keeps `status`; a refusal has no status to give
    }
    RC_ASSERT(*next == *expected);
    if (*next == S::kDraft) approved = false;
    if (action == A::kApprove) approved = true;
    if (*next == S::kInForce) RC_ASSERT(approved);
    if (start == S::kDraft) RC_ASSERT(*next != S::kReapprovalRequired && *next != S::kSuperseded);
    status = *next;
  }
  RC_CLASSIFY(status == S::kInForce, "in force");
}

// ---- Adjustments (R-PLAN-2) --------------------------------------------------------------------

// `n` operating units, the first `key` of them key units, one enforcement visit each in 2026 by
// four street officers JF01–JF04: a plan of n items, one per unit.
PlanInput AdjustmentInput(int n = 10, int key = 2) {
  UnitSelector every;
  PlanInput in;
  in.year = 2026;
  in.policy = SingleRulePolicy(every, 1, Period::kYear);
  in.draw_seed = 7;
  for (const char* no : {"JF01", "JF02", "JF03", "JF04"})
    in.inspectors.push_back(MakePlanInspector(no));
  for (int k = 0; k < n; ++k) {
    auto pu = MakePlanUnit(k);
    if (k < key) {
      pu.unit.level = SupervisionLevel::kLevel2;
      pu.unit.is_key = true;
    }
    in.units.push_back(std::move(pu));
  }
  return in;
}

Plan MustCompile(const PlanInput& input) {
  auto plan = CompilePlan(input, ShippedCalendar());
  EXPECT_OK(plan);
  return plan.ok() ? *plan : Plan{};
}

int SeqOf(const Plan& plan, const std::string& code) {
  for (const auto& item : plan.items) {
    if (item.unit_credit_code == code) return item.seq;
  }
  return -1;
}

// A working day of 2026 on which the plan has no item at all (so anyone is free on it).
CivilDate FreeWorkingDay(const Plan& plan, CivilDate from) {
  std::set<std::int64_t> busy;
  for (const auto& item : plan.items) busy.insert(item.date.ToDays());
  for (auto days = from.ToDays();; ++days) {
    const auto date = CivilDate::FromDays(days);
    if (ShippedCalendar().IsWorkingDay(date) && !busy.count(days)) return date;
  }
}

Adjustment Removing(std::vector<int> seqs, std::string reason = "单位停产") {
  Adjustment adj;
  adj.reason = std::move(reason);
  adj.decided_on = D(2026, 5, 11);
  adj.remove = std::move(seqs);
  return adj;
}

TEST(PlanAdjustmentTest, RemovingAFifthOfTheUnitsIsPartialAndMoreIsMajor) {
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  ASSERT_EQ(original.items.size(), 10u);
  ASSERT_EQ(UnitsInspected(original), 10);

  // 10 → 8 units: exactly 20 %, not more than 20 %, so partial.
  auto plan = original;
  auto outcome = ApplyAdjustment(
      plan, original, Removing({SeqOf(original, UnitCode(5)), SeqOf(original, UnitCode(6))}), input,
      ShippedCalendar());
  ASSERT_OK(outcome);
  EXPECT_FALSE(outcome->major) << outcome->major_reasons.front();
  EXPECT_FALSE(outcome->reapproval_due.has_value());
  EXPECT_EQ(outcome->units_original, 10);
  EXPECT_EQ(outcome->units_after, 8);
  EXPECT_EQ(outcome->removed.size(), 2u);
  EXPECT_EQ(plan.items.size(), 8u);

  // 10 → 7: more than 20 %, major, re-approval due 30 days after the decision.
  plan = original;
  outcome = ApplyAdjustment(plan, original,
                            Removing({SeqOf(original, UnitCode(5)), SeqOf(original, UnitCode(6)),
                                      SeqOf(original, UnitCode(7))}),
                            input, ShippedCalendar());
  ASSERT_OK(outcome);
  EXPECT_TRUE(outcome->major);
  ASSERT_EQ(outcome->major_reasons.size(), 1u);
  EXPECT_TRUE(Contains(outcome->major_reasons[0], "20%")) << outcome->major_reasons[0];
  ASSERT_TRUE(outcome->reapproval_due.has_value());
  EXPECT_EQ(*outcome->reapproval_due, D(2026, 6, 10));
}

TEST(PlanAdjustmentTest, ChangingTheKeyScopeIsMajorEvenForOneUnit) {
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  auto plan = original;
  auto outcome = ApplyAdjustment(plan, original, Removing({SeqOf(original, UnitCode(0))}), input,
                                 ShippedCalendar());
  ASSERT_OK(outcome);
  EXPECT_TRUE(outcome->major);
  ASSERT_EQ(outcome->major_reasons.size(), 1u);
  EXPECT_TRUE(Contains(outcome->major_reasons[0], "重点单位")) << outcome->major_reasons[0];
}

TEST(PlanAdjustmentTest, ADeclaredMajorChangeIsMajorWhateverItChanges) {
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  auto plan = original;
  auto adj = Removing({SeqOf(original, UnitCode(9))});
  adj.declared_major = true;
  auto outcome = ApplyAdjustment(plan, original, adj, input, ShippedCalendar());
  ASSERT_OK(outcome);
  EXPECT_TRUE(outcome->major);
  EXPECT_TRUE(outcome->reapproval_due.has_value());
}

TEST(PlanAdjustmentTest, MajorityIsMeasuredAgainstTheOriginalNotThePreviousRevision) {
  // Two partial removals of two units each: 10 → 8 → 6 is 40 % off the original plan.
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  auto plan = original;
  ASSERT_OK(ApplyAdjustment(plan, original,
                            Removing({SeqOf(plan, UnitCode(5)), SeqOf(plan, UnitCode(6))}), input,
                            ShippedCalendar()));
  auto outcome = ApplyAdjustment(plan, original,
                                 Removing({SeqOf(plan, UnitCode(7)), SeqOf(plan, UnitCode(8))}),
                                 input, ShippedCalendar());
  ASSERT_OK(outcome);
  EXPECT_EQ(outcome->units_original, 10);
  EXPECT_EQ(outcome->units_after, 6);
  EXPECT_TRUE(outcome->major);
}

TEST(PlanAdjustmentTest, ARemovedUnitIsExplainedAndTheItemsAreRenumberedByDate) {
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  auto plan = original;
  ASSERT_OK(ApplyAdjustment(plan, original, Removing({SeqOf(original, UnitCode(4))}, "单位已注销"),
                            input, ShippedCalendar()));
  EXPECT_EQ(SeqOf(plan, UnitCode(4)), -1);
  const auto listed =
      std::find_if(plan.not_planned.begin(), plan.not_planned.end(),
                   [](const NotPlanned& n) { return n.unit_credit_code == UnitCode(4); });
  ASSERT_NE(listed, plan.not_planned.end());
  EXPECT_TRUE(Contains(listed->reason, "单位已注销")) << listed->reason;
  EXPECT_FALSE(ExplainUnit(plan, UnitCode(4)).empty());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    EXPECT_EQ(plan.items[i].seq, static_cast<int>(i) + 1);
    if (i > 0) {
      const auto& a = plan.items[i - 1];
      const auto& b = plan.items[i];
      EXPECT_TRUE(a.date < b.date || (a.date == b.date && a.slot <= b.slot)) << b.seq;
    }
  }
}

TEST(PlanAdjustmentTest, AMovedItemKeepsItsTeamAndAnAddedOneIsMarkedAsAnAdjustment) {
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  auto plan = original;
  const auto free_day = FreeWorkingDay(original, D(2026, 9, 1));
  const auto moved_code = UnitCode(3);
  const auto moved_team =
      plan.items[static_cast<std::size_t>(SeqOf(plan, moved_code) - 1)].inspectors;
  Adjustment adj;
  adj.reason = "企业申请改期";
  adj.decided_on = D(2026, 5, 11);
  adj.move.push_back({SeqOf(plan, moved_code), free_day, 0});
  ItemAddition add;
  add.unit_credit_code = UnitCode(8);
  add.kind = ItemKind::kSpecial;
  add.date = free_day;
  add.slot = 1;
  add.inspectors = moved_team;  // the same team, the other half of the day
  adj.add.push_back(add);
  auto outcome = ApplyAdjustment(plan, original, adj, input, ShippedCalendar());
  ASSERT_OK(outcome);
  EXPECT_FALSE(outcome->major);  // same units, same key scope
  ASSERT_EQ(outcome->moved.size(), 1u);
  EXPECT_EQ(outcome->moved[0].second.date, free_day);
  EXPECT_EQ(outcome->moved[0].second.inspectors, moved_team);
  ASSERT_EQ(outcome->added.size(), 1u);
  EXPECT_EQ(outcome->added[0].rule, "ADJ");
  EXPECT_EQ(outcome->added[0].note, "计划调整：企业申请改期");
  EXPECT_EQ(plan.items.size(), 11u);
  int on_free_day = 0;
  for (const auto& item : plan.items) on_free_day += item.date == free_day ? 1 : 0;
  EXPECT_EQ(on_free_day, 2);
}

TEST(PlanAdjustmentTest, EveryProblemIsListedAndThePlanIsLeftAsItWas) {
  auto input = AdjustmentInput(10, 2);
  input.inspectors[2].inspector.recusal_codes = {UnitCode(8)};  // JF03
  const auto original = MustCompile(input);
  auto plan = original;
  const auto before = PlanText(plan);
  const auto free_day = FreeWorkingDay(original, D(2026, 9, 1));
  Adjustment adj;  // no reason
  adj.decided_on = D(2026, 5, 11);
  adj.remove = {999, 1};
  adj.move.push_back({1, D(2026, 1, 1), 5});  // removed too; 元旦; no such slot
  adj.move.push_back({2, D(2027, 3, 1), 0});  // outside the plan year
  ItemAddition unknown;
  unknown.unit_credit_code = "91410100MA99999999";
  unknown.date = free_day;
  adj.add.push_back(unknown);
  ItemAddition short_team;
  short_team.unit_credit_code = UnitCode(8);
  short_team.date = free_day;
  short_team.inspectors = {"JF03"};  // one inspector, recused from the unit
  adj.add.push_back(short_team);
  ItemAddition stranger;
  stranger.unit_credit_code = UnitCode(9);
  stranger.date = free_day;
  stranger.slot = 1;
  stranger.inspectors = {"JF01", "JF99"};
  adj.add.push_back(stranger);

  auto outcome = ApplyAdjustment(plan, original, adj, input, ShippedCalendar());
  ASSERT_ERROR_CODE(outcome, kInvalidArgument);
  const auto& message = outcome.error().message;
  for (const char* expected :
       {"请填写调整原因", "没有序号 999", "既删除又改期", "不是工作日", "元旦", "时段无效",
        "不在计划年度", "没有统一社会信用代码 91410100MA99999999", "至少 2 人", "须回避",
        "没有工号 JF99"}) {
    EXPECT_TRUE(Contains(message, expected)) << expected << " missing from: " << message;
  }
  EXPECT_EQ(PlanText(plan), before) << "a refused adjustment changed the plan";
}

TEST(PlanAdjustmentTest, AnEmptyAdjustmentAndADoubleBookingAreRefused) {
  const auto input = AdjustmentInput(10, 2);
  const auto original = MustCompile(input);
  auto plan = original;
  Adjustment empty;
  empty.reason = "无";
  auto refused = ApplyAdjustment(plan, original, empty, input, ShippedCalendar());
  ASSERT_ERROR_CODE(refused, kInvalidArgument);
  EXPECT_TRUE(Contains(refused.error().message, "调整内容为空")) << refused.error().message;
  // An added visit by the team of an existing item, in that item's slot.
  const auto& busy = original.items.front();
  Adjustment adj;
  adj.reason = "加查";
  ItemAddition add;
  add.unit_credit_code = busy.unit_credit_code == UnitCode(9) ? UnitCode(8) : UnitCode(9);
  add.date = busy.date;
  add.slot = busy.slot;
  add.inspectors = busy.inspectors;
  adj.add.push_back(add);
  auto outcome = ApplyAdjustment(plan, original, adj, input, ShippedCalendar());
  ASSERT_ERROR_CODE(outcome, kInvalidArgument);
  EXPECT_TRUE(Contains(outcome.error().message, "已有检查安排")) << outcome.error().message;
  EXPECT_EQ(PlanText(plan), PlanText(original));
}

// Random removals from random small plans: an accepted adjustment renumbers the items in date
// order, counts units as the plan now stands, explains every unit left without an item, and is
// major exactly when R-PLAN-2 says so (computed here from the plans); one bad seq among them
// refuses the whole adjustment and leaves the plan exactly as it was.
RC_GTEST_PROP(PlanAdjustmentProperty, RemovalsAreClassifiedByRPlan2AndRefusalsChangeNothing, ()) {
  const auto n = *rc::gen::inRange(1, 16);
  const auto key = *rc::gen::inRange(0, n + 1);
  const auto input = AdjustmentInput(n, key);
  auto compiled = CompilePlan(input, ShippedCalendar());
  RC_ASSERT(compiled.ok());
  const Plan original = *compiled;
  Plan plan = original;
  // Each item removed with chance 1 in `odds`: from about half the plan down to one item, so
  // runs land on both sides of the 20 % line and on key-scope-only changes.
  const auto odds = *rc::gen::inRange(2, 12);
  std::vector<int> remove;
  for (const auto& item : original.items) {
    if (*rc::gen::inRange(0, odds) == 0) remove.push_back(item.seq);
  }
  if (remove.empty())
    remove.push_back(*rc::gen::inRange(1, static_cast<int>(original.items.size()) + 1));
  Adjustment adj = Removing(remove);
  adj.declared_major = *rc::gen::inRange(0, 5) == 0;

  if (*rc::gen::inRange(0, 4) == 0) {
    const auto before = PlanText(plan);
    adj.remove.push_back(static_cast<int>(original.items.size()) + *rc::gen::inRange(1, 5));
    RC_ASSERT(!ApplyAdjustment(plan, original, adj, input, ShippedCalendar()).ok());
    RC_ASSERT(PlanText(plan) == before);
    return;
  }
  auto outcome = ApplyAdjustment(plan, original, adj, input, ShippedCalendar());
  RC_ASSERT(outcome.ok());
  RC_ASSERT(plan.items.size() == original.items.size() - remove.size());
  RC_ASSERT(outcome->removed.size() == remove.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    RC_ASSERT(plan.items[i].seq == static_cast<int>(i) + 1);
    if (i > 0) RC_ASSERT(!(plan.items[i].date < plan.items[i - 1].date));
  }
  // Oracles from the plans themselves.
  std::set<std::string> key_codes;
  for (const auto& u : input.units) {
    if (u.unit.is_key) key_codes.insert(u.unit.credit_code);
  }
  auto units_of = [](const Plan& p) {
    std::set<std::string> units;
    for (const auto& item : p.items) {
      if (IsEnforcement(item.kind)) units.insert(item.unit_credit_code);
    }
    return units;
  };
  const auto before_units = units_of(original);
  const auto after_units = units_of(plan);
  RC_ASSERT(outcome->units_original == static_cast<int>(before_units.size()));
  RC_ASSERT(outcome->units_after == static_cast<int>(after_units.size()));
  std::set<std::string> key_before, key_after;
  for (const auto& c : before_units) {
    if (key_codes.count(c)) key_before.insert(c);
  }
  for (const auto& c : after_units) {
    if (key_codes.count(c)) key_after.insert(c);
  }
  const int dropped = static_cast<int>(before_units.size() - after_units.size());
  const bool major = adj.declared_major || key_before != key_after ||
                     dropped * 5 > static_cast<int>(before_units.size());
  RC_ASSERT(outcome->major == major);
  RC_ASSERT(outcome->reapproval_due.has_value() == major);
  if (major)
    RC_ASSERT(*outcome->reapproval_due == CivilDate::FromDays(adj.decided_on.ToDays() + 30));
  for (const auto& u : input.units) {
    const auto& code = u.unit.credit_code;
    if (after_units.count(code)) continue;
    RC_ASSERT(std::any_of(plan.not_planned.begin(), plan.not_planned.end(),
                          [&](const NotPlanned& np) { return np.unit_credit_code == code; }));
  }
  RC_CLASSIFY(major, "major");
  RC_CLASSIFY(key_before != key_after && dropped * 5 <= static_cast<int>(before_units.size()),
              "key scope only");
  RC_CLASSIFY(dropped * 5 == static_cast<int>(before_units.size()), "exactly 20 %");
}

}  // namespace
}  // namespace anjian::planner
