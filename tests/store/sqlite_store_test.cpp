// Instantiates the store contract for SQLite and checks what only SQLite has: the file's WAL
// journal mode (durability, issue #2) and the embedded migrations' bookkeeping.
#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "store_contract.hpp"

namespace anjian::store {
namespace {

std::string DatabaseFile(const std::string& dir) { return dir + "/anjian.db"; }

void ExecSqlite(const std::string& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(DatabaseFile(dir).c_str(), &db, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
}

std::unique_ptr<Store> OpenSqlite(const std::string& dir) {
  auto store = sqlite::SqliteStore::Open(DatabaseFile(dir));
  if (!store.ok()) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreBackend{"Sqlite", OpenSqlite, ExecSqlite}),
                         BackendName);

// A raw connection to the database file, bypassing the store.
class RawSqlite {
 public:
  explicit RawSqlite(const std::string& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  }
  ~RawSqlite() { sqlite3_close(db_); }
  std::string Text(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out = text ? reinterpret_cast<const char*>(text) : "";
    } else {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    }
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::size_t MigrationFilesInSource() {
  std::size_t count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(ANJIAN_SOURCE_DIR "/src/store/sqlite/migrations")) {
    if (entry.path().extension() == ".sql") ++count;
  }
  return count;
}

// A task for `unit` on `day` with one signed record of that day and `body`, both inserted.
Result<std::pair<TaskRecord, InspectionRecordRow>> InsertSignedRecord(StoreSession& session,
                                                                      UnitId unit, const char* day,
                                                                      std::string body) {
  TaskRecord task;
  task.unit_id = unit;
  task.kind = domain::TaskKind::kPlanned;
  ANJIAN_ASSIGN_OR_RETURN(task.scheduled_on, CivilDate::Parse(day));
  task.checklist_id = "general";
  ANJIAN_ASSIGN_OR_RETURN(task, session.InsertTask(task));
  InspectionRecordRow record;
  record.task_id = task.id;
  record.unit_id = unit;
  record.region_path = task.region_path;
  record.body_json = std::move(body);
  record.content_hash = std::string(64, 'a');
  record.inspected_on = task.scheduled_on;
  ANJIAN_ASSIGN_OR_RETURN(record, session.InsertInspectionRecord(record));
  return std::make_pair(std::move(task), std::move(record));
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  test_support::TempDir dir_;
};

TEST_F(SqliteStoreTest, DatabaseFileIsInWalMode) {
  auto store = OpenSqlite(dir_.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Kind(), "sqlite");
  RawSqlite raw(DatabaseFile(dir_.path()));
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteStoreTest, MigrationsCreateTheSchemaTables) {
  auto store = OpenSqlite(dir_.path());
  ASSERT_NE(store, nullptr);
  RawSqlite raw(DatabaseFile(dir_.path()));
  for (const char* table : {"regions", "units", "inspectors", "users", "sessions", "history",
                            "imports", "schema_migrations"}) {
    const std::string sql =
        std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") + table +
        "'";
    EXPECT_EQ(raw.Text(sql.c_str()), "1") << table;
  }
}

TEST_F(SqliteStoreTest, ReopeningAppliesEachMigrationOnce) {
  ASSERT_NE(OpenSqlite(dir_.path()), nullptr);
  ASSERT_NE(OpenSqlite(dir_.path()), nullptr);
  const auto expected = MigrationFilesInSource();
  ASSERT_GT(expected, 0u);
  EXPECT_EQ(sqlite::SqliteMigrations().size(), expected);
  RawSqlite raw(DatabaseFile(dir_.path()));
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM schema_migrations"), std::to_string(expected));
  EXPECT_EQ(raw.Text("SELECT COUNT(DISTINCT version) FROM schema_migrations"),
            std::to_string(expected));
}

TEST_F(SqliteStoreTest, UnopenablePathIsUnavailableWithOneLineMessage) {
  auto store = OpenStore(dir_.path() + "/missing-dir/anjian.db");
  ASSERT_ERROR_CODE(store, kUnavailable);
  EXPECT_EQ(store.error().message.find('\n'), std::string::npos);
}

TEST_F(SqliteStoreTest, OpenStoreAcceptsSqlitePrefix) {
  auto store = OpenStore("sqlite:" + DatabaseFile(dir_.path()));
  ASSERT_OK(store);
  EXPECT_EQ((*store)->Kind(), "sqlite");
  EXPECT_TRUE(std::filesystem::exists(DatabaseFile(dir_.path())));
}

TEST_F(SqliteStoreTest, BackupCopiesCommittedData) {
  auto opened = sqlite::SqliteStore::Open(DatabaseFile(dir_.path()));
  ASSERT_OK(opened);
  auto& store = **opened;
  ASSERT_OK(test_support::SeedRegionTree(store));
  ASSERT_OK(store.Backup(dir_.File("backup.db")));
  auto copy = sqlite::SqliteStore::Open(dir_.File("backup.db"));
  ASSERT_OK(copy);
  auto session = (*copy)->Read();
  ASSERT_OK(session);
  auto regions = (*session)->ListRegions(Scope::All());
  ASSERT_OK(regions);
  EXPECT_EQ(regions->size(), 8u);
}

// Signed records and issued documents are evidence (issue #5): the database itself refuses to
// change or remove them, whoever connects, not only the store's code.
TEST_F(SqliteStoreTest, SignedRecordsAndIssuedDocumentsRefuseUpdateAndDelete) {
  auto opened = sqlite::SqliteStore::Open(DatabaseFile(dir_.path()));
  ASSERT_OK(opened);
  auto& store = **opened;
  auto tree = test_support::SeedRegionTree(store);
  ASSERT_OK(tree);
  {
    auto session = store.Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(test_support::MakeUnit(tree->community_a.id, 601), 0);
    ASSERT_OK(unit);
    auto signed_record =
        InsertSignedRecord(**session, unit->id, "2026-03-02", "{\"place\":\"车间\"}");
    ASSERT_OK(signed_record);
    const auto& [saved_task, saved_record] = *signed_record;
    DocumentRow document;
    document.doc_type = domain::DocumentType::kInspectionRecord;
    document.number = "（解）应急检记〔2026〕第1号";
    document.year = 2026;
    document.serial = 1;
    document.issuer_path = tree->street.path;
    document.unit_id = unit->id;
    document.region_path = saved_task.region_path;
    document.record_id = saved_record.id;
    document.content_json = "{}";
    document.content_hash = std::string(64, 'b');
    ASSERT_OK((*session)->InsertDocument(document));
    ASSERT_OK((*session)->Commit());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(DatabaseFile(dir_.path()).c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  const auto refused = [&](const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const std::string text = message ? message : "";
    sqlite3_free(message);
    EXPECT_NE(rc, SQLITE_OK) << sql;
    EXPECT_NE(text.find("immutable"), std::string::npos) << sql << ": " << text;
  };
  refused("UPDATE inspection_records SET body_json = '{}'");
  refused("UPDATE inspection_records SET content_hash = 'x'");
  refused("DELETE FROM inspection_records");
  refused("UPDATE documents SET number = '（解）应急检记〔2026〕第9号'");
  refused("DELETE FROM documents");
  sqlite3_close(db);
  RawSqlite raw(DatabaseFile(dir_.path()));
  EXPECT_EQ(raw.Text("SELECT body_json FROM inspection_records"), "{\"place\":\"车间\"}");
  EXPECT_EQ(raw.Text("SELECT number FROM documents"), "（解）应急检记〔2026〕第1号");
  EXPECT_EQ(raw.Text("SELECT COUNT(*) FROM inspection_records"), "1");
}

// Issue #13: a stored value the code does not know is an error naming the row and the value, never
// a default (the hazard service once read an unknown state as "registered").
TEST_F(SqliteStoreTest, AnUnknownStoredHazardValueIsAnErrorNotADefault) {
  auto store = OpenSqlite(dir_.path());
  ASSERT_NE(store, nullptr);
  auto tree = test_support::SeedRegionTree(*store);
  ASSERT_OK(tree);
  HazardId id;
  {
    auto session = store->Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(test_support::MakeUnit(tree->community_a.id, 501), 1);
    ASSERT_OK(unit);
    HazardRecord h;
    h.unit_id = unit->id;
    h.state = domain::HazardState::kRectifying;
    h.description = "消防通道堵塞";
    h.found_on = CivilDate::Parse("2026-03-01").value();
    h.deadline = CivilDate::Parse("2026-03-10").value();
    auto saved = (*session)->InsertHazard(h);
    ASSERT_OK(saved);
    id = saved->id;
    ASSERT_OK((*session)->AppendHazardTransition(
        {id, 1, 1, "register", std::nullopt, domain::HazardState::kRectifying, "", {}}));
    ASSERT_OK((*session)->Commit());
  }
  const auto read_back = [&] {
    auto session = store->Read();
    EXPECT_OK(session);
    return (*session)->GetHazard(Scope::All(), id);
  };
  ASSERT_OK(read_back()) << "the row as the store wrote it reads";

  const std::string where = " WHERE id = " + std::to_string(id.value);
  const struct {
    const char* column_and_value;
    const char* named;
  } kBadValues[] = {
      {"state = 'under_review'", "under_review"},
      {"signatures = 'enterprise_principal,mayor'", "mayor"},
      {"deadline = '2026-13-45'", "2026-13-45"},
      {"found_on = ''", "发现日期"},
      {"overdue_since = '03/17/2026'", "03/17/2026"},
  };
  for (const auto& bad : kBadValues) {
    ExecSqlite(dir_.path(), std::string("UPDATE hazards SET ") + bad.column_and_value + where);
    auto got = read_back();
    ASSERT_ERROR_CODE(got, kInternal) << bad.column_and_value;
    EXPECT_NE(got.error().message.find(bad.named), std::string::npos) << got.error().message;
    EXPECT_NE(got.error().message.find("隐患 " + std::to_string(id.value)), std::string::npos)
        << got.error().message;
    // Lists fail the same way: no page shows the row with a made-up value.
    auto session = store->Read();
    ASSERT_OK(session);
    EXPECT_ERROR_CODE((*session)->ListHazards(Scope::All(), {}), kInternal) << bad.column_and_value;
    session->reset();
    ExecSqlite(dir_.path(),
               "UPDATE hazards SET state = 'rectifying', signatures = '', deadline = "
               "'2026-03-10', found_on = '2026-03-01', overdue_since = ''" +
                   where);
    ASSERT_OK(read_back()) << "restored after " << bad.column_and_value;
  }
  ExecSqlite(dir_.path(), "UPDATE hazard_transitions SET to_state = 'reopened'");
  auto session = store->Read();
  ASSERT_OK(session);
  EXPECT_ERROR_CODE((*session)->ListHazardTransitions(id), kInternal);
}

// Issue #13 item 4: databases signed before the inspection day had a column of its own get it from
// the start time inside each signed body when they migrate; a day that does not read is an error.
TEST_F(SqliteStoreTest, MigrationFillsTheInspectionDayOfSignedRecordsFromTheirBodies) {
  std::int64_t unit_id = 0;
  std::int64_t record_id = 0;
  {
    auto store = OpenSqlite(dir_.path());
    ASSERT_NE(store, nullptr);
    auto tree = test_support::SeedRegionTree(*store);
    ASSERT_OK(tree);
    auto session = store->Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(test_support::MakeUnit(tree->community_a.id, 701), 1);
    ASSERT_OK(unit);
    unit_id = unit->id.value;
    auto saved = InsertSignedRecord(**session, unit->id, "2025-11-03",
                                    R"({"started_at":"2025-11-03T09:30","place":"车间"})");
    ASSERT_OK(saved);
    record_id = saved->second.id;
    ASSERT_OK((*session)->Commit());
  }
  // Back to the schema before migration 14: no inspection day column (and none of 15's or 16's
  // tables).
  const std::string file = DatabaseFile(dir_.path());
  ExecSqlite(
      dir_.path(),
      "DROP TABLE audit_checkpoints_imported; DROP TABLE audit_log_imported; DROP TABLE "
      "merged_sources; DROP INDEX documents_by_hash_prefix; "
      "DROP TABLE plan_items; DROP TABLE plan_input_chunks; DROP INDEX records_by_unit_day; "
      "DROP INDEX records_by_supersedes; DROP TRIGGER "
      "inspection_records_no_update; ALTER TABLE inspection_records DROP COLUMN inspected_on; "
      "CREATE TRIGGER inspection_records_no_update BEFORE UPDATE ON inspection_records BEGIN "
      "SELECT RAISE(ABORT, 'signed inspection records are immutable'); END; DELETE FROM "
      "schema_migrations WHERE version >= 14");

  auto store = OpenSqlite(dir_.path());
  ASSERT_NE(store, nullptr);
  auto session = store->Read();
  ASSERT_OK(session);
  auto got = (*session)->GetInspectionRecord(Scope::All(), record_id);
  ASSERT_OK(got);
  EXPECT_EQ(got->inspected_on.ToString(), "2025-11-03");
  std::vector<std::pair<std::int64_t, std::string>> last;
  ASSERT_OK((*session)->ForEachLastInspection(Scope::All(), [&](UnitId unit, CivilDate on) {
    last.emplace_back(unit.value, on.ToString());
  }));
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0], std::make_pair(unit_id, std::string("2025-11-03")));
  session->reset();
  // The trigger is back: the record still refuses to change.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    EXPECT_NE(sqlite3_exec(db, "UPDATE inspection_records SET inspected_on = '2020-01-01'", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }

  // A day that does not read is kInternal naming the record, on the record and on the walk.
  ExecSqlite(
      dir_.path(),
      "DROP TRIGGER inspection_records_no_update; UPDATE inspection_records SET inspected_on = "
      "'2025-02-30'");
  auto again = store->Read();
  ASSERT_OK(again);
  auto bad = (*again)->GetInspectionRecord(Scope::All(), record_id);
  ASSERT_ERROR_CODE(bad, kInternal);
  EXPECT_NE(bad.error().message.find("2025-02-30"), std::string::npos) << bad.error().message;
  EXPECT_ERROR_CODE(Status((*again)->ForEachLastInspection(Scope::All(), [](UnitId, CivilDate) {})),
                    kInternal);
}

// Issue #13: a stored task value the code does not know is an error naming the task, never a
// default (the task list once showed an unknown kind with an empty label).
TEST_F(SqliteStoreTest, AnUnknownStoredTaskValueIsAnErrorNotADefault) {
  auto store = OpenSqlite(dir_.path());
  ASSERT_NE(store, nullptr);
  auto tree = test_support::SeedRegionTree(*store);
  ASSERT_OK(tree);
  std::int64_t id = 0;
  {
    auto session = store->Write();
    ASSERT_OK(session);
    auto unit = (*session)->InsertUnit(test_support::MakeUnit(tree->community_a.id, 801), 1);
    ASSERT_OK(unit);
    TaskRecord task;
    task.unit_id = unit->id;
    task.kind = domain::TaskKind::kComplaint;
    task.scheduled_on = CivilDate::Parse("2026-03-02").value();
    task.half_day = domain::HalfDay::kAfternoon;
    task.checklist_id = "general";
    auto saved = (*session)->InsertTask(task);
    ASSERT_OK(saved);
    id = saved->id;
    ASSERT_OK((*session)->Commit());
  }
  const auto read_back = [&] {
    auto session = store->Read();
    EXPECT_OK(session);
    return (*session)->GetTask(Scope::All(), id);
  };
  auto good = read_back();
  ASSERT_OK(good);
  EXPECT_EQ(good->kind, domain::TaskKind::kComplaint);
  EXPECT_EQ(good->half_day, domain::HalfDay::kAfternoon);

  const std::string where = " WHERE id = " + std::to_string(id);
  const struct {
    const char* column_and_value;
    const char* named;
  } kBadValues[] = {
      {"kind = 'raid'", "raid"},
      {"scheduled_on = '2026-02-30'", "2026-02-30"},
  };
  for (const auto& bad : kBadValues) {
    ExecSqlite(dir_.path(),
               std::string("UPDATE inspection_tasks SET ") + bad.column_and_value + where);
    auto got = read_back();
    ASSERT_ERROR_CODE(got, kInternal) << bad.column_and_value;
    EXPECT_NE(got.error().message.find(bad.named), std::string::npos) << got.error().message;
    EXPECT_NE(got.error().message.find("检查任务 " + std::to_string(id)), std::string::npos)
        << got.error().message;
    auto session = store->Read();
    ASSERT_OK(session);
    EXPECT_ERROR_CODE((*session)->ListTasks(Scope::All(), {}), kInternal) << bad.column_and_value;
    session->reset();
    ExecSqlite(dir_.path(),
               "UPDATE inspection_tasks SET kind = 'complaint', half_day = 'pm', scheduled_on = "
               "'2026-03-02'" +
                   where);
    ASSERT_OK(read_back()) << "restored after " << bad.column_and_value;
  }
}

// Issue #13: a stored plan status or re-approval date the code does not know is an error naming
// the plan, never shown as a made-up state.
TEST_F(SqliteStoreTest, AnUnknownStoredPlanStatusIsAnErrorNotADefault) {
  auto store = OpenSqlite(dir_.path());
  ASSERT_NE(store, nullptr);
  auto tree = test_support::SeedRegionTree(*store);
  ASSERT_OK(tree);
  std::int64_t id = 0;
  {
    auto session = store->Write();
    ASSERT_OK(session);
    PlanRecord plan;
    plan.year = 2026;
    plan.scope_path = tree->street.path;
    plan.title = "计划";
    auto saved = (*session)->InsertPlan(plan);
    ASSERT_OK(saved);
    id = saved->id;
    ASSERT_OK((*session)->Commit());
  }
  for (const char* bad : {"status = 'archived'", "reapproval_due = '2026-13-01'"}) {
    ExecSqlite(dir_.path(),
               std::string("UPDATE plans SET ") + bad + " WHERE id = " + std::to_string(id));
    auto session = store->Read();
    ASSERT_OK(session);
    auto got = (*session)->GetPlan(Scope::All(), id);
    ASSERT_ERROR_CODE(got, kInternal) << bad;
    EXPECT_NE(got.error().message.find("计划 " + std::to_string(id)), std::string::npos)
        << got.error().message;
    EXPECT_ERROR_CODE((*session)->ListPlans(Scope::All(), 0), kInternal) << bad;
    session->reset();
    ExecSqlite(dir_.path(), "UPDATE plans SET status = 'draft', reapproval_due = ''");
  }
}

}  // namespace
}  // namespace anjian::store
