// anjian migrate (store/transfer): a street with rows in every table — the demo street plus an
// inspection with signatures, documents, hazards, a plan, sessions, notices, self-inspections,
// history, imports, job runs and awkward text — moves into an empty PostgreSQL database with every
// table's count and checksum equal, and the PostgreSQL store then answers as the SQLite store did.
// Refusals (target not empty, bad files, bad URLs, differing schemas) leave the target as it was,
// and a row changed after the copy is caught.
#include "store/transfer/transfer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "app/plan_service.hpp"
#include "demo_street.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/transfer/pg_copy.hpp"
#include "store/transfer/table_checksum.hpp"
#include "support/builders.hpp"
#include "support/pg_test_db.hpp"
#include "support/result_matchers.hpp"
#include "support/temp_dir.hpp"

namespace anjian::store::transfer {
namespace {

using nlohmann::json;
using test_support::PgQueryValue;
using test_support::ScopedPostgresDatabase;

class TransferTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { street_ = new Street(); }
  static void TearDownTestSuite() {
    delete street_;
    street_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(street_->error.empty()) << street_->error; }

  // A database of its own for each test.
  static std::string Key(const std::string& name) { return street_->dir.path() + "/" + name; }

  static std::string Count(const std::string& url, const std::string& table) {
    return PgQueryValue(url, "SELECT count(*) FROM " + table);
  }

  static inline Street* street_ = nullptr;
};

std::set<std::string> EmptyTables(const TransferReport& report) {
  std::set<std::string> empty;
  for (const auto& table : report.tables) {
    // The archive gate holds a row only inside `anjian audit archive`'s transaction.
    // The merge bookkeeping is filled only on a district server (merge_test).
    const bool merge_only = table.table == "merged_sources" || table.table.ends_with("_imported");
    if (table.source_rows == 0 && table.table != "audit_archive_gate" && !merge_only)
      empty.insert(table.table);
  }
  return empty;
}

TEST_F(TransferTest, CopiesEveryTableWithEqualCountsAndChecksums) {
  ScopedPostgresDatabase db(Key("full"));
  std::vector<TransferProgress> seen;
  auto report = CopySqliteToPostgres(street_->path, db.url(), {},
                                     [&](const TransferProgress& p) { seen.push_back(p); });
  ASSERT_OK(report);
  EXPECT_TRUE(report->committed);
  EXPECT_TRUE(report->AllMatch());
  EXPECT_EQ(EmptyTables(*report), std::set<std::string>{})
      << "the street must have rows in every table";

  std::map<std::string, TableReport> by_name;
  for (const auto& table : report->tables) {
    by_name[table.table] = table;
    EXPECT_EQ(table.source_rows, table.target_rows) << table.table;
    EXPECT_EQ(table.source_sha256, table.target_sha256) << table.table;
    EXPECT_EQ(table.source_sha256.size(), 64u) << table.table;
    // Counted independently of the tool: PostgreSQL's own count(*).
    EXPECT_EQ(Count(db.url(), table.table), std::to_string(table.source_rows)) << table.table;
  }
  // The demo street's figures (seed 000): 2,370 units + the awkward one; SQLite's FTS tables stay
  // behind (PostgreSQL searches with trigram indexes).
  EXPECT_EQ(by_name["units"].source_rows, 2371);
  for (const char* copied : {"regions",
                             "inspectors",
                             "users",
                             "sessions",
                             "history",
                             "imports",
                             "change_counters",
                             "seed_commitments",
                             "plans",
                             "plan_events",
                             "hazards",
                             "hazard_counts",
                             "hazard_transitions",
                             "document_counters",
                             "inspection_tasks",
                             "inspection_task_members",
                             "inspection_records",
                             "uploads",
                             "upload_bytes",
                             "documents",
                             "idempotency_keys",
                             "signature_attestations",
                             "job_runs",
                             "self_inspections",
                             "notices",
                             "notice_receipts",
                             "login_throttle"}) {
    EXPECT_TRUE(by_name.contains(copied)) << copied;
  }
  for (const auto& [name, table] : by_name) {
    EXPECT_FALSE(name.starts_with("hazard_search")) << name;
    EXPECT_FALSE(name.starts_with("sqlite_")) << name;
    EXPECT_NE(name, "schema_migrations");
  }
  std::int64_t rows = 0;
  for (const auto& table : report->tables) rows += table.source_rows;
  EXPECT_EQ(report->rows, rows);
  // Progress: every table copied, verified, then read again after COMMIT, in order.
  ASSERT_EQ(seen.size(), 3 * report->tables.size());
  EXPECT_EQ(seen.front().stage, TransferProgress::Stage::kCopied);
  EXPECT_EQ(seen.back().stage, TransferProgress::Stage::kRechecked);
  EXPECT_EQ(seen.back().index, report->tables.size());
  // The triggers and foreign keys suspended for the load are back.
  EXPECT_EQ(
      PgQueryValue(db.url(),
                   "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'"),
      "0");
  EXPECT_NE(PgQueryValue(db.url(), "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "0");
}

TEST_F(TransferTest, ThePostgresStoreAnswersAsTheSqliteStoreDid) {
  ScopedPostgresDatabase db(Key("read-back"));
  auto report = CopySqliteToPostgres(street_->path, db.url());
  ASSERT_OK(report);
  ASSERT_TRUE(report->AllMatch());
  auto sqlite_store = OpenStore(street_->path);
  auto pg_store = OpenStore(db.url());
  ASSERT_OK(sqlite_store);
  ASSERT_OK(pg_store);
  auto before = (*sqlite_store)->Read();
  auto after = (*pg_store)->Read();
  ASSERT_OK(before);
  ASSERT_OK(after);
  StoreSession& a = **before;
  StoreSession& b = **after;

  UnitQuery page;
  page.page = {3, 50};
  auto units_a = a.ListUnits(Scope::All(), page);
  auto units_b = b.ListUnits(Scope::All(), page);
  ASSERT_OK(units_a);
  ASSERT_OK(units_b);
  EXPECT_EQ(units_b->total, units_a->total);
  ASSERT_EQ(units_b->items.size(), units_a->items.size());
  for (std::size_t i = 0; i < units_a->items.size(); ++i) {
    EXPECT_EQ(units_b->items[i].id, units_a->items[i].id);
    EXPECT_EQ(units_b->items[i].name, units_a->items[i].name);
    EXPECT_EQ(units_b->items[i].credit_code, units_a->items[i].credit_code);
    EXPECT_EQ(units_b->items[i].version, units_a->items[i].version);
  }
  auto awkward = b.GetUnit(Scope::All(), street_->awkward_unit);
  ASSERT_OK(awkward);
  EXPECT_EQ(awkward->address, kAwkwardAddress);
  EXPECT_EQ(awkward->name, "迁移测试单位😀");

  auto hazard_a = a.GetHazard(Scope::All(), HazardId(street_->hazard_id));
  auto hazard_b = b.GetHazard(Scope::All(), HazardId(street_->hazard_id));
  ASSERT_OK(hazard_a);
  ASSERT_OK(hazard_b);
  EXPECT_EQ(hazard_b->description, hazard_a->description);
  EXPECT_EQ(hazard_b->state, hazard_a->state);
  EXPECT_EQ(hazard_b->deadline, hazard_a->deadline);
  EXPECT_EQ(hazard_b->unit_name, hazard_a->unit_name);
  EXPECT_EQ(hazard_b->task_id, hazard_a->task_id);
  EXPECT_EQ(hazard_b->record_id, hazard_a->record_id);
  auto counts_a = a.CountHazardsByState(Scope::All(), {});
  auto counts_b = b.CountHazardsByState(Scope::All(), {});
  ASSERT_OK(counts_a);
  ASSERT_OK(counts_b);
  EXPECT_EQ(*counts_b, *counts_a);
  // Free-text search works on PostgreSQL's trigram index though the FTS table was not copied.
  HazardQuery search;
  search.text = "警示标志";
  auto found = b.ListHazards(Scope::All(), search);
  ASSERT_OK(found);
  EXPECT_EQ(found->total, 1);

  auto documents_a = a.ListDocuments(Scope::All(), {});
  auto documents_b = b.ListDocuments(Scope::All(), {});
  ASSERT_OK(documents_a);
  ASSERT_OK(documents_b);
  ASSERT_EQ(documents_b->total, documents_a->total);
  ASSERT_GT(documents_a->total, 0);
  for (std::size_t i = 0; i < documents_a->items.size(); ++i) {
    EXPECT_EQ(documents_b->items[i].id, documents_a->items[i].id);
    EXPECT_EQ(documents_b->items[i].number, documents_a->items[i].number);
    EXPECT_EQ(documents_b->items[i].content_json, documents_a->items[i].content_json);
    EXPECT_EQ(documents_b->items[i].content_hash, documents_a->items[i].content_hash);
  }

  auto session_a = a.FindSession(street_->token_hash);
  auto session_b = b.FindSession(street_->token_hash);
  ASSERT_OK(session_a);
  ASSERT_OK(session_b);
  ASSERT_TRUE(session_a->has_value());
  ASSERT_TRUE(session_b->has_value());
  EXPECT_EQ((*session_b)->user_id, (*session_a)->user_id);
  EXPECT_EQ((*session_b)->expires_at, (*session_a)->expires_at);

  for (const char* counter : {"registry", "roster"}) {
    auto value_a = a.ChangeCounter(counter);
    auto value_b = b.ChangeCounter(counter);
    ASSERT_OK(value_a);
    ASSERT_OK(value_b);
    EXPECT_EQ(*value_b, *value_a) << counter;
  }

  const std::string signature =
      PgQueryValue(db.url(), "SELECT sha256 FROM upload_bytes ORDER BY sha256 LIMIT 1");
  auto bytes_a = a.GetUploadBytes(signature);
  auto bytes_b = b.GetUploadBytes(signature);
  ASSERT_OK(bytes_a);
  ASSERT_OK(bytes_b);
  ASSERT_TRUE(bytes_b->has_value());
  EXPECT_EQ(**bytes_b, **bytes_a);
  EXPECT_TRUE(bytes_b->value().starts_with("\x89PNG\r\n\x1a\n"));

  auto plan_a = a.GetPlan(Scope::All(), street_->plan_id);
  auto plan_b = b.GetPlan(Scope::All(), street_->plan_id);
  ASSERT_OK(plan_a);
  ASSERT_OK(plan_b);
  EXPECT_EQ(plan_b->plan_json, plan_a->plan_json);
  EXPECT_EQ(plan_b->input_hash, plan_a->input_hash);
  EXPECT_EQ(plan_b->status, plan_a->status);

  // Writes continue where the street left off: the next document number, the next unit id.
  const auto& last = documents_a->items.front();  // newest first
  auto writer = (*pg_store)->Write();
  ASSERT_OK(writer);
  int last_serial = 0;
  for (const auto& d : documents_a->items) {
    if (d.issuer_path == last.issuer_path && d.doc_type == last.doc_type && d.year == last.year) {
      last_serial = std::max(last_serial, d.serial);
    }
  }
  auto serial = (*writer)->NextDocumentSerial(
      last.issuer_path, std::string(domain::InfoOf(last.doc_type).code), last.year);
  ASSERT_OK(serial);
  EXPECT_EQ(*serial, last_serial + 1);
  auto community = a.GetUnit(Scope::All(), street_->awkward_unit);
  ASSERT_OK(community);
  auto inserted = (*writer)->InsertUnit(test_support::MakeUnit(community->community_id, 424'242),
                                        kMondayMorning);
  ASSERT_OK(inserted);
  EXPECT_GT(inserted->id.value, street_->max_unit_id);
  EXPECT_GT(inserted->id.value, street_->awkward_unit.value);
  ASSERT_OK((*writer)->Commit());
}

TEST_F(TransferTest, ChecksumsDoNotDependOnPageOrBufferSize) {
  ScopedPostgresDatabase large(Key("pages-large"));
  ScopedPostgresDatabase small(Key("pages-small"));
  auto usual = CopySqliteToPostgres(street_->path, large.url());
  TransferOptions tiny;
  tiny.page_rows = 7;  // keyset pages end inside every table, on composite and text keys too
  tiny.copy_buffer_bytes = 100;
  tiny.verify_after_commit = false;
  auto paged = CopySqliteToPostgres(street_->path, small.url(), tiny);
  ASSERT_OK(usual);
  ASSERT_OK(paged);
  ASSERT_TRUE(usual->AllMatch());
  ASSERT_TRUE(paged->AllMatch());
  ASSERT_EQ(paged->tables.size(), usual->tables.size());
  for (std::size_t i = 0; i < usual->tables.size(); ++i) {
    EXPECT_EQ(paged->tables[i].source_sha256, usual->tables[i].source_sha256)
        << usual->tables[i].table;
    EXPECT_EQ(paged->tables[i].target_sha256, usual->tables[i].target_sha256)
        << usual->tables[i].table;
  }
}

TEST_F(TransferTest, VerificationCatchesRowsChangedAfterTheCopy) {
  ScopedPostgresDatabase db(Key("tampered"));
  ASSERT_OK(CopySqliteToPostgres(street_->path, db.url()));
  auto clean = VerifySqliteAgainstPostgres(street_->path, db.url());
  ASSERT_OK(clean);
  EXPECT_TRUE(clean->AllMatch());
  EXPECT_FALSE(clean->committed);

  const auto differing = [&]() {
    std::set<std::string> names;
    auto report = VerifySqliteAgainstPostgres(street_->path, db.url());
    EXPECT_OK(report);
    if (report.ok()) {
      for (const auto& table : report->tables) {
        if (!table.Matches()) names.insert(table.table);
      }
    }
    return names;
  };
  // One character of one value.
  const std::string first_history = "(SELECT min(id) FROM history)";
  PgQueryValue(db.url(),
               "UPDATE history SET snapshot = snapshot || ' ' WHERE id = " + first_history);
  EXPECT_EQ(differing(), std::set<std::string>{"history"});
  PgQueryValue(db.url(),
               "UPDATE history SET snapshot = left(snapshot, -1) WHERE id = " + first_history);
  ASSERT_EQ(differing(), std::set<std::string>{}) << "restoring the value restores the checksum";
  // NULL becomes 0, and NULL becomes '': equal as text, yet different values. (Changing an
  // inspector bumps the roster's change counter, as any write does.)
  ASSERT_EQ(
      PgQueryValue(db.url(), "SELECT count(*) > 0 FROM inspection_tasks WHERE record_id IS NULL"),
      "t");
  PgQueryValue(db.url(),
               "UPDATE inspection_tasks SET record_id = 0 WHERE id = "
               "(SELECT min(id) FROM inspection_tasks WHERE record_id IS NULL)");
  EXPECT_EQ(differing(), std::set<std::string>{"inspection_tasks"});
  ASSERT_EQ(
      PgQueryValue(db.url(),
                   "SELECT count(*) > 0 FROM inspectors WHERE certificate_valid_until IS NULL"),
      "t");
  PgQueryValue(db.url(),
               "UPDATE inspectors SET certificate_valid_until = '' WHERE id = "
               "(SELECT min(id) FROM inspectors WHERE certificate_valid_until IS NULL)");
  EXPECT_EQ(differing(),
            (std::set<std::string>{"inspection_tasks", "inspectors", "change_counters"}));
  // One bit of a signature image, and rows gone.
  PgQueryValue(db.url(),
               "UPDATE upload_bytes SET bytes = set_byte(bytes, 20, get_byte(bytes, 20) # 1) "
               "WHERE sha256 = (SELECT min(sha256) FROM upload_bytes)");
  PgQueryValue(db.url(), "DELETE FROM job_runs");
  EXPECT_EQ(differing(), (std::set<std::string>{"inspection_tasks", "inspectors", "change_counters",
                                                "upload_bytes", "job_runs"}));
}

TEST_F(TransferTest, RefusesToCopyTheSameStreetTwiceAndLeavesTheTargetUnchanged) {
  ScopedPostgresDatabase db(Key("occupied"));
  // The street already lives there; a second copy would be a merge of the same street
  // (merge_test covers merging other streets).
  ASSERT_OK(CopySqliteToPostgres(street_->path, db.url()));
  const auto fingerprint = [&]() {
    return PgQueryValue(
        db.url(),
        "SELECT (SELECT count(*) FROM units) || '/' || (SELECT count(*) FROM documents) || '/' || "
        "(SELECT max(updated_at) FROM units) || '/' || (SELECT count(*) FROM pg_constraint WHERE "
        "contype = 'f') "
        "|| '/' || (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D') "
        "|| '/' || "
        "(SELECT value FROM change_counters WHERE name = 'registry')");
  };
  const std::string before = fingerprint();
  auto again = CopySqliteToPostgres(street_->path, db.url());
  ASSERT_ERROR_CODE(again, kFailedPrecondition);
  EXPECT_NE(again.error().message.find("不能合并两次"), std::string::npos) << again.error().message;
  EXPECT_NE(again.error().message.find("解放街道"), std::string::npos) << again.error().message;
  EXPECT_EQ(fingerprint(), before);

  // A database that has only the empty schema and its seed rows is fine.
  ScopedPostgresDatabase fresh(Key("schema-only"));
  ASSERT_OK(OpenStore(fresh.url()));
  EXPECT_EQ(PgQueryValue(fresh.url(), "SELECT count(*) FROM change_counters"), "2");
  auto copied = CopySqliteToPostgres(street_->path, fresh.url());
  ASSERT_OK(copied);
  EXPECT_TRUE(copied->AllMatch());
}

// A copy of the street's file with everything in it (the WAL checkpointed into the main file).
std::string CopyOfStreet(const std::string& from, const std::string& to) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(from.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  return to;
}

TEST_F(TransferTest, RefusesMissingDamagedAndForeignSourceFilesBeforeTouchingTheTarget) {
  ScopedPostgresDatabase db(Key("bad-sources"));
  const auto refused = [&](const std::string& path, const std::string& expected) {
    auto result = CopySqliteToPostgres(path, db.url());
    EXPECT_ERROR_CODE(result, kInvalidArgument);
    if (!result.ok()) {
      EXPECT_NE(result.error().message.find(expected), std::string::npos) << result.error().message;
    }
    // Nothing reached the target, not even anjian's schema.
    EXPECT_EQ(PgQueryValue(db.url(), "SELECT to_regclass('units') IS NULL"), "t") << path;
  };
  const auto& dir = street_->dir;
  refused(dir.File("no-such.db"), "不存在");
  EXPECT_FALSE(std::filesystem::exists(dir.File("no-such.db")))
      << "a missing source must not be created";
  refused(dir.path(), "不是文件");
  { std::ofstream(dir.File("notes.txt")) << "单位台账\n"; }
  refused(dir.File("notes.txt"), "不是 SQLite");
  {
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(dir.File("other-app.db").c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "CREATE TABLE things(id INTEGER PRIMARY KEY)", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(other);
  }
  refused(dir.File("other-app.db"), "不是安监");
  // A street file with a page overwritten, and one cut short.
  const std::string damaged = CopyOfStreet(street_->path, dir.File("damaged.db"));
  {
    std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096 * 6);
    const std::string garbage(4096, '\xA5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  refused(damaged, "损坏");
  const std::string truncated = CopyOfStreet(street_->path, dir.File("truncated.db"));
  std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) / 2);
  refused(truncated, "损坏");
  // Foreign keys that do not hold would fail PostgreSQL's constraints: said before copying.
  const std::string orphaned = CopyOfStreet(street_->path, dir.File("orphaned.db"));
  {
    sqlite3* file = nullptr;
    ASSERT_EQ(sqlite3_open(orphaned.c_str(), &file), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(
            file, "PRAGMA foreign_keys = OFF; UPDATE units SET community_id = 999999 WHERE id = 1",
            nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(file);
  }
  refused(orphaned, "外键");
}

TEST_F(TransferTest, AValuePostgresRefusesRollsBackTheWholeCopy) {
  // SQLite keeps text that is not a number in an INTEGER column; PostgreSQL's BIGINT refuses it,
  // in the last unit, after every other table before it was loaded.
  const std::string odd = CopyOfStreet(street_->path, street_->dir.File("odd-value.db"));
  {
    sqlite3* file = nullptr;
    ASSERT_EQ(sqlite3_open(odd.c_str(), &file), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(file,
                     "UPDATE units SET employees = 'many' WHERE id = (SELECT max(id) FROM units)",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(file);
  }
  ScopedPostgresDatabase db(Key("odd-value"));
  auto result = CopySqliteToPostgres(odd, db.url());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("units"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("employees"), std::string::npos) << result.error().message;
  for (const char* table : {"regions", "units", "users", "change_counters"}) {
    EXPECT_EQ(Count(db.url(), table),
              std::string(table) == std::string("change_counters") ? "2" : "0")
        << table;
  }
  EXPECT_EQ(
      PgQueryValue(db.url(),
                   "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'"),
      "0");
  EXPECT_NE(PgQueryValue(db.url(), "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "0");
  // Fixed at the source, the same target takes the copy.
  {
    sqlite3* file = nullptr;
    ASSERT_EQ(sqlite3_open(odd.c_str(), &file), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(file, "UPDATE units SET employees = 12 WHERE employees = 'many'",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(file);
  }
  auto copied = CopySqliteToPostgres(odd, db.url());
  ASSERT_OK(copied);
  EXPECT_TRUE(copied->AllMatch());
}

TEST_F(TransferTest, RefusesUnreachableAndMalformedTargets) {
  const auto refused = [&](const std::string& url, ErrorCode code) {
    auto result = CopySqliteToPostgres(street_->path, url);
    ASSERT_FALSE(result.ok()) << url;
    EXPECT_EQ(result.error().code, code) << url << ": " << result.error().message;
    EXPECT_NE(result.error().message.find("PostgreSQL"), std::string::npos)
        << result.error().message;
  };
  refused("postgresql://anjian@/anjian?host=" + street_->dir.File("no-server") + "&port=5432",
          ErrorCode::kUnavailable);
  refused("postgresql://anjian@/anjian?no_such_option=1", ErrorCode::kInvalidArgument);
  refused("postgresql://anjian@/anjian?pool_max=many", ErrorCode::kInvalidArgument);
}

TEST_F(TransferTest, RefusesSchemasThatDiffer) {
  {
    ScopedPostgresDatabase db(Key("newer-schema"));
    ASSERT_OK(OpenStore(db.url()));
    PgQueryValue(db.url(),
                 "INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, "
                 "'9999_future.sql', 0)");
    auto result = CopySqliteToPostgres(street_->path, db.url());
    ASSERT_ERROR_CODE(result, kFailedPrecondition);
    EXPECT_NE(result.error().message.find("版本"), std::string::npos) << result.error().message;
    EXPECT_EQ(Count(db.url(), "units"), "0");
  }
  {
    ScopedPostgresDatabase db(Key("extra-column"));
    ASSERT_OK(OpenStore(db.url()));
    PgQueryValue(db.url(), "ALTER TABLE units ADD COLUMN nickname TEXT");
    auto result = CopySqliteToPostgres(street_->path, db.url());
    ASSERT_ERROR_CODE(result, kFailedPrecondition);
    EXPECT_NE(result.error().message.find("units.nickname 只在 PostgreSQL 中存在"),
              std::string::npos)
        << result.error().message;
    EXPECT_EQ(Count(db.url(), "units"), "0");
  }
  {
    ScopedPostgresDatabase db(Key("not-migrated"));
    auto result = VerifySqliteAgainstPostgres(street_->path, db.url());
    ASSERT_ERROR_CODE(result, kFailedPrecondition);
    EXPECT_EQ(PgQueryValue(db.url(), "SELECT to_regclass('units') IS NULL"), "t")
        << "verification writes nothing";
  }
}

TEST(CopyTextTest, EscapesWhatTheTextFormatReserves) {
  std::string out;
  AppendCopyText(out, "a\tb\nc\\d\re\\N");
  EXPECT_EQ(out, "a\\tb\\nc\\\\d\\re\\\\N");
  out.clear();
  AppendCopyText(out, "");
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace anjian::store::transfer
