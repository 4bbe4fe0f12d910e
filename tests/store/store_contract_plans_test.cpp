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

// Issue #13 item 4, migration 15: a database whose plans hold their items and input units inside
// the JSON documents is split on migration 15; the lists become rows, items get the compiler's keys
// ("#2" on a repeat), a revision without an input snapshot is left alone, and a task made under the
// old "{code}|{date}|{kind}|{occurrence}" key is relinked to its item's key.
TEST_P(StoreContractTest, MigrationMovesPlanItemsAndInputUnitsIntoRowsAndRelinksTasks) {
  SeedTree();
  std::int64_t plan_id = 0;
  std::int64_t revision_id = 0;
  std::int64_t task_id = 0;
  {
    auto session = store_->Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(test_support::MakeUnit(tree_.community_a.id, 703), 1);
    ASSERT_OK(unit);
    PlanRecord plan;
    plan.year = 2026;
    plan.scope_path = tree_.street.path;
    plan.title = "计划";
    plan.policy_name = "xingan";
    plan.seed_commitment = std::string(64, 'c');
    plan.input_hash = std::string(64, 'd');
    plan.input_json = "{}";
    plan.plan_json = "{}";
    plan.summary_json = "{}";
    auto saved = (*session)->InsertPlan(plan);
    ASSERT_OK(saved);
    plan_id = saved->id;
    plan.root_id = plan_id;
    plan.revision = 2;
    plan.input_json = "";
    auto revision = (*session)->InsertPlan(plan);
    ASSERT_OK(revision);
    revision_id = revision->id;
    TaskRecord task;
    task.unit_id = unit->id;
    task.kind = domain::TaskKind::kPlanned;
    task.scheduled_on = CivilDate::Parse("2026-03-03").value();
    task.checklist_id = "general";
    task.plan_id = plan_id;
    task.plan_item_key = "A1|2026-03-03|deterministic|1";
    auto inserted = (*session)->InsertTask(task);
    ASSERT_OK(inserted);
    task_id = inserted->id;
    ASSERT_OK((*session)->Commit());
  }
  // Back to the schema before migration 15 (16's tables go too), with the lists inside the
  // documents.
  store_.reset();
  const std::string id = std::to_string(plan_id);
  for (const std::string& sql :
       {std::string("DROP TABLE audit_checkpoints_imported"),
        std::string("DROP TABLE audit_log_imported"), std::string("DROP TABLE merged_sources"),
        std::string("DROP INDEX documents_by_hash_prefix"), std::string("DROP TABLE plan_items"),
        std::string("DROP TABLE plan_input_chunks"),
        std::string("DELETE FROM schema_migrations WHERE version >= 15"),
        "UPDATE plans SET plan_json = '{\"year\":2026,\"items\":["
        "{\"seq\":1,\"unit_credit_code\":\"A1\",\"rule\":\"R-FREQ-1\",\"occurrence\":1,"
        "\"date\":\"2026-03-02\",\"slot\":0,\"kind\":\"deterministic\",\"note\":\"春节前\"},"
        "{\"seq\":2,\"unit_credit_code\":\"A1\",\"rule\":\"R-FREQ-1\",\"occurrence\":1,"
        "\"date\":\"2026-03-03\",\"slot\":1,\"kind\":\"deterministic\",\"note\":\"\"},"
        "{\"seq\":3,\"unit_credit_code\":\"B2\",\"rule\":\"R-LEAD-1\",\"occurrence\":2,"
        "\"date\":\"2026-04-01\",\"slot\":0,\"kind\":\"leader_led\",\"note\":\"\"}],"
        "\"summary\":{\"items\":3}}', input_json = '{\"format\":\"anjian-plan-input-v1\","
        "\"units\":[[\"A1\",\"甲\"],[\"B2\",\"乙\"]],\"inspectors\":[]}' WHERE id = " +
            id,
        "UPDATE plans SET plan_json = '{\"items\":[{\"seq\":1,\"unit_credit_code\":\"A1\","
        "\"rule\":\"ADJ\",\"occurrence\":1,\"date\":\"2026-05-06\",\"slot\":0,\"kind\":"
        "\"special\"}]}' WHERE id = " +
            std::to_string(revision_id)}) {
    GetParam().exec_raw(dir_.path(), sql);
  }

  Reopen();
  auto session = store_->Read();
  ASSERT_OK(session);
  std::vector<PlanItemRow> items;
  ASSERT_OK((*session)->ForEachPlanItem(plan_id, {}, [&](const PlanItemRow& row) -> Status {
    items.push_back(row);
    return Ok();
  }));
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].key, "A1/R-FREQ-1/1");
  EXPECT_EQ(items[1].key, "A1/R-FREQ-1/1#2") << "the repeat in plan order";
  EXPECT_EQ(items[2].key, "B2/R-LEAD-1/2");
  EXPECT_EQ(items[2].kind, planner::ItemKind::kLeaderLed);
  EXPECT_EQ(items[1].date.ToString(), "2026-03-03");
  EXPECT_EQ(items[1].slot, 1);
  const auto body = nlohmann::json::parse(items[0].body_json);
  EXPECT_EQ(body["key"], "A1/R-FREQ-1/1") << "the body carries its key";
  EXPECT_EQ(body["note"], "春节前");
  int revision_items = 0;
  ASSERT_OK((*session)->ForEachPlanItem(revision_id, {}, [&](const PlanItemRow& row) -> Status {
    EXPECT_EQ(row.kind, planner::ItemKind::kSpecial);
    ++revision_items;
    return Ok();
  }));
  EXPECT_EQ(revision_items, 1);
  std::vector<std::string> chunks;
  ASSERT_OK((*session)->ForEachPlanInputChunk(plan_id, [&](const std::string& chunk) -> Status {
    chunks.push_back(chunk);
    return Ok();
  }));
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(chunks[0]),
            nlohmann::json::parse(R"([["A1","甲"],["B2","乙"]])"));
  int revision_chunks = 0;
  ASSERT_OK((*session)->ForEachPlanInputChunk(revision_id, [&](const std::string&) -> Status {
    ++revision_chunks;
    return Ok();
  }));
  EXPECT_EQ(revision_chunks, 0) << "a revision has no input snapshot";
  auto plan = (*session)->GetPlan(Scope::All(), plan_id);
  ASSERT_OK(plan);
  const auto head = nlohmann::json::parse(plan->plan_json);
  EXPECT_FALSE(head.contains("items"));
  EXPECT_EQ(head["summary"]["items"], 3);
  const auto input = nlohmann::json::parse(plan->input_json);
  EXPECT_FALSE(input.contains("units"));
  EXPECT_EQ(input["format"], "anjian-plan-input-v1");
  auto revision = (*session)->GetPlan(Scope::All(), revision_id);
  ASSERT_OK(revision);
  EXPECT_EQ(revision->input_json, "");
  auto task = (*session)->GetTask(Scope::All(), task_id);
  ASSERT_OK(task);
  EXPECT_EQ(task->plan_item_key, "A1/R-FREQ-1/1#2");
  auto found = (*session)->FindTaskByPlanItem(revision_id, "A1/R-FREQ-1/1#2");
  ASSERT_OK(found);
  EXPECT_EQ(*found, std::optional<std::int64_t>(task_id)) << "found from another revision";
}

}  // namespace
}  // namespace anjian::store
