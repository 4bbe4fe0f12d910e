// Store contract: plans (issue #4, typed in issue #13) — a revision's status and re-approval date
// read back as written, listings leave the documents out, a status change is optimistic on the
// version, and a plan is visible only to scopes it covers or lies inside; its items and input
// unit chunks are rows written in batches and read back in order, across read batches, whole.
#include <nlohmann/json.hpp>

#include "store_contract.hpp"

namespace anjian::store {
namespace {

PlanRecord MakePlan(const std::string& scope_path) {
  PlanRecord plan;
  plan.year = 2026;
  plan.scope_path = scope_path;
  plan.title = "2026年度监督检查计划";
  plan.policy_name = "jiefang";
  plan.seed = "seed";
  plan.seed_commitment = std::string(64, 'c');
  plan.input_hash = std::string(64, 'd');
  plan.input_json = R"({"format":"anjian-plan-input-v1"})";
  plan.plan_json = R"({"summary":{}})";
  plan.summary_json = "{}";
  plan.created_by = 7;
  plan.created_at = plan.updated_at = 1'767'225'600;
  return plan;
}

TEST_P(StoreContractTest, PlanStatusAndReapprovalDateRoundTripAndChangeOptimistically) {
  SeedTree();
  std::int64_t id = 0;
  {
    auto session = WriteSession();
    auto saved = session->InsertPlan(MakePlan(tree_.street.path));
    ASSERT_OK(saved);
    id = saved->id;
    EXPECT_EQ(saved->root_id, id) << "revision 1 is its own root";
    EXPECT_EQ(saved->status, planner::PlanStatus::kDraft);
    EXPECT_EQ(saved->reapproval_due, std::nullopt);
    const auto due = CivilDate::Parse("2026-05-10").value();
    auto updated = session->UpdatePlanStatus(id, 1, planner::PlanStatus::kReapprovalRequired, due,
                                             1'767'225'700);
    ASSERT_OK(updated);
    EXPECT_EQ(updated->status, planner::PlanStatus::kReapprovalRequired);
    EXPECT_EQ(updated->reapproval_due, due);
    EXPECT_EQ(updated->version, 2);
    EXPECT_ERROR_CODE(
        session->UpdatePlanStatus(id, 1, planner::PlanStatus::kInForce, std::nullopt, 0), kConflict)
        << "version 1 is stale";
    ASSERT_OK(session->Commit());
  }
  Reopen();
  auto read = ReadSession();
  auto got = read->GetPlan(Scope::Under(tree_.street.path), id);
  ASSERT_OK(got);
  EXPECT_EQ(got->status, planner::PlanStatus::kReapprovalRequired);
  EXPECT_EQ(ToString(got->reapproval_due), "2026-05-10");
  EXPECT_EQ(got->plan_json, R"({"summary":{}})");
  auto listed = read->ListPlans(Scope::Under(tree_.community_a.path), 2026);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u) << "a street's plan is visible inside the street";
  EXPECT_EQ((*listed)[0].status, planner::PlanStatus::kReapprovalRequired);
  EXPECT_TRUE((*listed)[0].plan_json.empty()) << "listings leave the documents out";
}

PlanItemRow MakeItem(int seq) {
  PlanItemRow item;
  item.seq = seq;
  item.unit_credit_code = "91110000" + std::to_string(100000 + seq);
  item.rule = seq % 3 == 0 ? "R-LEAD-1" : "R-FREQ-1";
  item.key = item.unit_credit_code + "/" + item.rule + "/1";
  item.date = CivilDate::FromDays(CivilDate::Parse("2026-01-05").value().ToDays() + seq % 300);
  item.slot = seq % 2;
  item.kind = seq % 3 == 0 ? planner::ItemKind::kLeaderLed : planner::ItemKind::kRandom;
  // Text the engine must keep as written: non-ASCII, escapes, a nested array.
  item.body_json = R"({"seq":)" + std::to_string(seq) +
                   R"(,"note":"春节前\"专项\"检查\\n","inspectors":["E1","E2"]})";
  return item;
}

TEST_P(StoreContractTest, PlanItemsAndInputChunksAreRowsReadBackInOrder) {
  SeedTree();
  // More than one read batch (5,000) and more than one write call.
  constexpr int kItems = 5003;
  std::int64_t id = 0;
  {
    auto session = WriteSession();
    auto saved = session->InsertPlan(MakePlan(tree_.street.path));
    ASSERT_OK(saved);
    id = saved->id;
    std::vector<PlanItemRow> first, second;
    for (int seq = 1; seq <= kItems; ++seq) (seq <= 4000 ? first : second).push_back(MakeItem(seq));
    ASSERT_OK(session->InsertPlanItems(id, first));
    ASSERT_OK(session->InsertPlanItems(id, second));
    ASSERT_OK(session->InsertPlanItems(id, {}));
    std::vector<std::string> chunks;
    for (int i = 0; i < 25; ++i) {
      chunks.push_back(R"([["9111", "单位)" + std::to_string(i) + R"("], ["9112", "二"]])");
    }
    const std::vector<std::string> head(chunks.begin(), chunks.begin() + 10);
    const std::vector<std::string> rest(chunks.begin() + 10, chunks.end());
    ASSERT_OK(session->InsertPlanInputChunks(id, 1, head));
    ASSERT_OK(session->InsertPlanInputChunks(id, 11, rest));
    ASSERT_OK(session->Commit());
  }
  Reopen();
  auto read = ReadSession();
  int expected = 0;
  ASSERT_OK(read->ForEachPlanItem(id, {}, [&](const PlanItemRow& row) -> Status {
    const auto want = MakeItem(++expected);
    EXPECT_EQ(row.seq, want.seq);
    EXPECT_EQ(row.key, want.key);
    EXPECT_EQ(row.unit_credit_code, want.unit_credit_code);
    EXPECT_EQ(row.date, want.date);
    EXPECT_EQ(row.slot, want.slot);
    EXPECT_EQ(row.kind, want.kind);
    EXPECT_EQ(row.rule, want.rule);
    EXPECT_EQ(row.body_json, want.body_json);
    return Ok();
  }));
  EXPECT_EQ(expected, kItems);
  // A date range: only the items dated in it, still in seq order.
  PlanItemFilter january{CivilDate::Parse("2026-01-05").value(),
                         CivilDate::Parse("2026-01-31").value()};
  int in_january = 0, last_seq = 0;
  ASSERT_OK(read->ForEachPlanItem(id, january, [&](const PlanItemRow& row) -> Status {
    EXPECT_GE(row.date, *january.from);
    EXPECT_LE(row.date, *january.to);
    EXPECT_GT(row.seq, last_seq);
    last_seq = row.seq;
    ++in_january;
    return Ok();
  }));
  int want_january = 0;
  for (int seq = 1; seq <= kItems; ++seq) {
    const auto day = MakeItem(seq).date;
    want_january += day >= *january.from && day <= *january.to;
  }
  EXPECT_EQ(in_january, want_january);
  // The visitor's error stops the walk and is returned.
  int visited = 0;
  EXPECT_ERROR_CODE(read->ForEachPlanItem(id, {},
                                          [&](const PlanItemRow&) -> Status {
                                            return ++visited == 3 ? Error::Internal("stop")
                                                                  : Status(Ok());
                                          }),
                    kInternal);
  EXPECT_EQ(visited, 3);
  std::vector<std::string> chunks;
  ASSERT_OK(read->ForEachPlanInputChunk(id, [&](const std::string& chunk) -> Status {
    chunks.push_back(chunk);
    return Ok();
  }));
  ASSERT_EQ(chunks.size(), 25u);
  EXPECT_EQ(nlohmann::json::parse(chunks[24]),
            nlohmann::json::parse(R"([["9111","单位24"],["9112","二"]])"));
  EXPECT_EQ(nlohmann::json::parse(chunks[0])[0][1], "单位0");
  // Another plan has none.
  int other = 0;
  ASSERT_OK(read->ForEachPlanItem(id + 1000, {}, [&](const PlanItemRow&) -> Status {
    ++other;
    return Ok();
  }));
  EXPECT_EQ(other, 0);
}

TEST_P(StoreContractTest, PlanItemRowsRefuseRepeatsAndLeaveNothingBehind) {
  SeedTree();
  std::int64_t id = 0;
  {
    auto session = WriteSession();
    auto saved = session->InsertPlan(MakePlan(tree_.street.path));
    ASSERT_OK(saved);
    id = saved->id;
    const std::vector<PlanItemRow> two{MakeItem(1), MakeItem(2)};
    ASSERT_OK(session->InsertPlanItems(id, two));
    ASSERT_OK(session->Commit());
  }
  {
    auto session = WriteSession();
    EXPECT_ERROR_CODE(session->InsertPlanItems(id, {MakeItem(2)}), kConflict) << "seq 2 again";
  }
  {
    auto session = WriteSession();
    ASSERT_OK(session->InsertPlanInputChunks(id, 1, {"[1]"}));
    EXPECT_ERROR_CODE(session->InsertPlanInputChunks(id, 1, {"[2]"}), kConflict);
  }
  auto read = ReadSession();
  int count = 0;
  ASSERT_OK(read->ForEachPlanItem(id, {}, [&](const PlanItemRow&) -> Status {
    ++count;
    return Ok();
  }));
  EXPECT_EQ(count, 2) << "the refused writes left nothing behind";
}

}  // namespace
}  // namespace anjian::store
