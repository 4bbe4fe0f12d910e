// The store contract on PostgreSQL: every TEST_P of store_contract_*_test.cpp runs against a
// database of the throwaway cluster `make test` starts (tests/support/pg_test_db). A test's
// temp dir names its database, so re-opening the same dir re-opens the same data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/postgres/pg_store.hpp"
#include "store_contract.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::store {
namespace {

std::unique_ptr<Store> OpenPostgres(const std::string& dir) {
  auto store = OpenStore(test_support::PostgresDatabaseUrl(dir));
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest,
                         ::testing::Values(StoreBackend{"Postgres", OpenPostgres}), BackendName);

// Issue #13 item 4 on PostgreSQL (the SQLite twin is in sqlite_store_test.cpp): a database whose
// plans hold their items and input units inside the JSON documents is split on migration 15; the
// lists become rows, items get the compiler's keys ("#2" on a repeat), a revision without an input
// snapshot is left alone, and a task made under the old "{code}|{date}|{kind}|{occurrence}" key is
// relinked to its item's key.
TEST(PostgresStoreTest, MigrationMovesPlanItemsAndInputUnitsIntoRowsAndRelinksTasks) {
  test_support::TempDir dir;
  test_support::ScopedPostgresDatabase database(dir.path());
  std::int64_t plan_id = 0;
  std::int64_t revision_id = 0;
  std::int64_t task_id = 0;
  {
    auto store = OpenPostgres(dir.path());
    ASSERT_NE(store, nullptr);
    auto tree = test_support::SeedRegionTree(*store);
    ASSERT_OK(tree);
    auto session = store->Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(test_support::MakeUnit(tree->community_a.id, 703), 1);
    ASSERT_OK(unit);
    PlanRecord plan;
    plan.year = 2026;
    plan.scope_path = tree->street.path;
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
  // Back to the schema before migration 15, with the lists inside the documents.
  const std::string id = std::to_string(plan_id);
  for (const std::string& sql :
       {std::string("DROP TABLE plan_items"), std::string("DROP TABLE plan_input_chunks"),
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
    test_support::PgQueryValue(database.url(), sql);
  }

  auto store = OpenPostgres(dir.path());
  ASSERT_NE(store, nullptr);
  auto session = store->Read();
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
