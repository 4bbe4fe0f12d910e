// anjian migrate into a PostgreSQL database that already serves a street (issue #13 item 5): two
// demo streets of one district, each with rows in every table, end up in one database where
// every document, plan, record and audit chain of both still verifies, each street's accounts see
// only their street, counts and checksums of the merged street's rows match, and what cannot be
// merged (the same street twice, shared usernames, credit codes or employee numbers, another
// district) is refused with nothing written.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "app/audit_service.hpp"
#include "app/inspection_service.hpp"
#include "app/plan_policy_codec.hpp"
#include "app/plan_service.hpp"
#include "common/sha256.hpp"
#include "demo_street.hpp"
#include "store/audit_chain.hpp"
#include "store/transfer/merge_rules.hpp"
#include "store/transfer/transfer.hpp"
#include "support/builders.hpp"
#include "support/pg_test_db.hpp"
#include "support/result_matchers.hpp"

namespace anjian::store::transfer {
namespace {

using nlohmann::json;
using test_support::PgQueryValue;
using test_support::ScopedPostgresDatabase;

using Table = std::vector<std::vector<std::string>>;

// Rows of a query on a SQLite file, read directly (not through the store under test).
Table SqliteRows(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  Table rows;
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      row.emplace_back(text ? text : "");
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

void SqliteExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
      << (message ? message : "") << " in " << sql;
  sqlite3_free(message);
  sqlite3_close(db);
}

// A copy of a street's file (its WAL checkpointed first), to alter for a refusal.
std::string CopyOf(const std::string& from, const std::string& to) {
  SqliteExec(from, "PRAGMA wal_checkpoint(TRUNCATE)");
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  return to;
}

app::DemoIdentity Xinhua() {
  app::DemoIdentity who;
  who.street_name = "新华街道";
  who.street_code = "410802002";
  who.username_prefix = "xh-";
  who.employee_prefix = "XH";
  who.unit_code_block = 1;
  return who;
}

app::Principal Everyone() {
  app::Principal p;
  p.user_id = UserId(1);
  p.username = "admin";
  p.role = domain::UserRole::kAdmin;
  p.scope = Scope::All();
  return p;
}

class MergeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    jiefang_ = new Street();
    xinhua_ = new Street(Xinhua(), 2025);
  }
  static void TearDownTestSuite() {
    delete jiefang_;
    delete xinhua_;
  }
  void SetUp() override {
    ASSERT_TRUE(jiefang_->error.empty()) << jiefang_->error;
    ASSERT_TRUE(xinhua_->error.empty()) << xinhua_->error;
  }
  static std::string Key(const std::string& name) { return jiefang_->dir.path() + "/" + name; }

  // A district database holding 解放街道, copied as the first street.
  static void Occupy(const ScopedPostgresDatabase& db) {
    auto first = CopySqliteToPostgres(jiefang_->path, db.url());
    ASSERT_OK(first);
    ASSERT_FALSE(first->merge.has_value());
    ASSERT_TRUE(first->AllMatch());
  }

  // What a refused merge must leave as it was.
  static std::string Fingerprint(const std::string& url) {
    return PgQueryValue(
        url,
        "SELECT (SELECT count(*) FROM units) || '/' || (SELECT count(*) FROM regions) || '/' || "
        "(SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM documents) || '/' || "
        "(SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM merged_sources) || '/' "
        "|| (SELECT count(*) FROM pg_constraint WHERE contype = 'f') || '/' || (SELECT count(*) "
        "FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D') || '/' || (SELECT value "
        "FROM change_counters WHERE name = 'registry')");
  }

  static inline Street* jiefang_ = nullptr;
  static inline Street* xinhua_ = nullptr;
};

TEST_F(MergeTest, MergesASecondStreetAndEverythingOfBothStillVerifies) {
  ScopedPostgresDatabase db(Key("district"));
  Occupy(db);
  const std::string audit_before = PgQueryValue(db.url(), "SELECT seq FROM audit_head");

  std::vector<TransferProgress> seen;
  auto report = CopySqliteToPostgres(xinhua_->path, db.url(), {.now = kMondayMorning + 3600},
                                     [&](const TransferProgress& p) { seen.push_back(p); });
  ASSERT_OK(report);
  ASSERT_TRUE(report->committed);
  ASSERT_TRUE(report->merge.has_value());
  for (const auto& table : report->tables) {
    EXPECT_TRUE(table.Matches()) << table.table << " " << table.source_rows << " vs "
                                 << table.target_rows;
  }
  const MergeSummary& merge = *report->merge;
  EXPECT_EQ(merge.source_id, 1);
  EXPECT_EQ(merge.id_offset % 1'000'000, 0);
  EXPECT_GT(merge.id_offset, jiefang_->max_unit_id);
  EXPECT_EQ(merge.district, "解放区");
  EXPECT_EQ(merge.streets, std::vector<std::string>{"新华街道"});
  // The demo's district viewer (区应急管理局) came with the street: in the district's database it
  // would read every street, so it is narrowed to its street; the district's own accounts decide.
  EXPECT_EQ(merge.narrowed_accounts, std::vector<std::string>{"xh-viewer"});
  const std::int64_t offset = merge.id_offset;

  // Counts: PostgreSQL's own, against both files read directly.
  const auto count = [](const std::string& path, const std::string& table) {
    return std::stoll(SqliteRows(path, "SELECT count(*) FROM " + table)[0][0]);
  };
  const auto pg_count = [&](const std::string& table) {
    return std::stoll(PgQueryValue(db.url(), "SELECT count(*) FROM " + table));
  };
  for (const char* table :
       {"units", "inspectors", "users", "plans", "plan_items", "hazards", "inspection_records",
        "documents", "signature_attestations", "self_inspections", "notice_receipts", "history"}) {
    EXPECT_EQ(pg_count(table), count(jiefang_->path, table) + count(xinhua_->path, table)) << table;
  }
  // One district: the incoming district row maps onto the one already there.
  EXPECT_EQ(pg_count("regions"),
            count(jiefang_->path, "regions") + count(xinhua_->path, "regions") - 1);
  EXPECT_EQ(PgQueryValue(db.url(), "SELECT count(*) FROM regions WHERE parent_id IS NULL"), "1");
  // Sessions, idempotent replies and login throttling stay behind: the street's users sign in
  // again on the district server.
  EXPECT_EQ(pg_count("sessions"), count(jiefang_->path, "sessions"));
  EXPECT_EQ(pg_count("idempotency_keys"), count(jiefang_->path, "idempotency_keys"));
  // The street's chain is imported whole; the district's chain gains one entry for the merge.
  EXPECT_EQ(pg_count("audit_log_imported"), count(xinhua_->path, "audit_log"));
  EXPECT_EQ(pg_count("audit_checkpoints_imported"), count(xinhua_->path, "audit_checkpoints"));
  EXPECT_EQ(std::stoll(PgQueryValue(db.url(), "SELECT seq FROM audit_head")),
            std::stoll(audit_before) + 1);
  const json entry = json::parse(
      PgQueryValue(db.url(), "SELECT details FROM audit_log WHERE action = 'migrate.merge'"));
  const auto source_head = SqliteRows(xinhua_->path, "SELECT seq, hash FROM audit_head");
  EXPECT_EQ(entry["imported_head"]["hash"], source_head[0][1]);
  EXPECT_EQ(entry["id_offset"], offset);
  EXPECT_EQ(PgQueryValue(db.url(), "SELECT id_offset || '/' || audit_hash FROM merged_sources"),
            std::to_string(offset) + "/" + source_head[0][1]);
  // Suspended triggers and foreign keys are back (the keys were validated over both streets).
  EXPECT_EQ(
      PgQueryValue(db.url(),
                   "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'"),
      "0");
  // Progress: every table copied, verified and rechecked.
  ASSERT_EQ(seen.size(), 3 * report->tables.size());
  EXPECT_EQ(seen.back().stage, TransferProgress::Stage::kRechecked);

  auto store = OpenStore(db.url());
  ASSERT_OK(store);
  FixedClock clock(kMondayMorning + 7200);
  auto calendar = planner::WorkingCalendar::Parse(app::BuiltinCalendarText());
  ASSERT_OK(calendar);

  // Every record's body still hashes to its content hash (bodies are copied byte for byte, so
  // the hashes in both audit chains still name them).
  EXPECT_EQ(pg_count("inspection_records"), count(jiefang_->path, "inspection_records") +
                                                count(xinhua_->path, "inspection_records"));
  EXPECT_EQ(PgQueryValue(db.url(),
                         "SELECT count(*) FROM inspection_records WHERE content_hash <> "
                         "encode(sha256(convert_to(body_json, 'UTF8')), 'hex')"),
            "0");
  // Every document of both streets verifies by the code printed on it before the merge, and the
  // merged street's also by its new id.
  io::BlobStore files(jiefang_->dir.File("district-files"));
  app::DocumentIssuer issuer(app::DocumentIssuerOptions{"https://anjian.example.cn", ""});
  app::InspectionService inspections(**store, clock, files, issuer, *calendar);
  int documents = 0;
  for (const auto* street : {jiefang_, xinhua_}) {
    for (const auto& row :
         SqliteRows(street->path, "SELECT id, content_hash, number, content_json FROM documents")) {
      const std::int64_t printed_id = std::stoll(row[0]);
      const std::string printed_hash = row[1].substr(0, 32);
      auto printed = inspections.Verify(printed_id, printed_hash);
      ASSERT_OK(printed);
      EXPECT_TRUE((*printed)["valid"].get<bool>()) << row[2];
      EXPECT_EQ((*printed)["number"], row[2]);
      const std::int64_t now_id = street == xinhua_ ? printed_id + offset : printed_id;
      EXPECT_EQ((*printed)["id"], now_id) << row[2];
      auto by_new_id = inspections.Verify(now_id, printed_hash);
      ASSERT_OK(by_new_id);
      EXPECT_TRUE((*by_new_id)["valid"].get<bool>()) << row[2];
      // The stored content still hashes to its hash.
      EXPECT_EQ(PgQueryValue(db.url(), "SELECT content_hash FROM documents WHERE id = " +
                                           std::to_string(now_id)),
                Sha256Hex(row[3]));
      ++documents;
    }
  }
  EXPECT_GE(documents, 4);
  auto forged = inspections.Verify(1, std::string(32, 'a'));
  ASSERT_OK(forged);
  EXPECT_FALSE((*forged)["valid"].get<bool>());

  // Every plan of both streets verifies (from its stored snapshot, which kept its bytes).
  app::PlanService plans(**store, clock, *calendar, std::string(app::BuiltinCalendarText()));
  for (const std::int64_t plan : {jiefang_->plan_id, xinhua_->plan_id + offset}) {
    auto verified = plans.Verify(Everyone(), plan);
    ASSERT_OK(verified);
    std::string failed;
    for (const auto& check : verified->checks) {
      if (!check.ok) failed += check.name + ": " + check.detail + "\n";
    }
    EXPECT_TRUE(verified->ok) << "plan " << plan << "\n" << failed;
  }

  // The merged street's plan is found by the seed commitment printed on it.
  const auto commitment =
      SqliteRows(xinhua_->path, "SELECT seed_commitment FROM plans WHERE id = " +
                                    std::to_string(xinhua_->plan_id))[0][0];
  auto named = plans.FindByCommitment(Everyone(), commitment);
  ASSERT_OK(named);
  EXPECT_EQ(*named, xinhua_->plan_id + offset);

  // Both audit chains verify: the district's own (with the merge entry) and the imported one.
  {
    auto session = (*store)->Read();
    ASSERT_OK(session);
    auto chain = VerifyAuditChain(**session);
    ASSERT_OK(chain);
    EXPECT_TRUE(chain->intact) << chain->problem;
  }
  app::AuditService audit(**store, clock);
  auto audited = audit.Verify();
  ASSERT_OK(audited);
  EXPECT_TRUE(audited->intact()) << audited->main.problem;
  ASSERT_EQ(audited->imported.size(), 1u);

  // Each street's accounts see their street only; the district sees both.
  {
    auto session = (*store)->Read();
    ASSERT_OK(session);
    auto users = (*session)->ListUsers();
    ASSERT_OK(users);
    std::map<std::string, std::int64_t> scope_of;
    for (const auto& user : *users) {
      ASSERT_TRUE(user.jurisdiction_id.has_value()) << user.username;
      scope_of[user.username] = user.jurisdiction_id->value;
    }
    auto xinhua_admin = (*session)->GetRegion(Scope::All(), RegionId(scope_of.at("xh-admin")));
    ASSERT_OK(xinhua_admin);
    EXPECT_EQ(xinhua_admin->name, "新华街道");
    EXPECT_EQ(scope_of.at("xh-viewer"), scope_of.at("xh-admin"));
    auto district_viewer = (*session)->GetRegion(Scope::All(), RegionId(scope_of.at("viewer")));
    ASSERT_OK(district_viewer);
    EXPECT_EQ(district_viewer->name, "解放区");
    auto jiefang_admin = (*session)->GetRegion(Scope::All(), RegionId(scope_of.at("admin")));
    ASSERT_OK(jiefang_admin);
    EXPECT_EQ(jiefang_admin->name, "解放街道");
    auto xinhua_units = (*session)->CountUnits(Scope::Under(xinhua_admin->path));
    ASSERT_OK(xinhua_units);
    EXPECT_EQ(*xinhua_units, count(xinhua_->path, "units"));
    auto jiefang_units = (*session)->CountUnits(Scope::Under(jiefang_admin->path));
    ASSERT_OK(jiefang_units);
    EXPECT_EQ(*jiefang_units, count(jiefang_->path, "units"));
    auto all = (*session)->CountUnits(
        Scope::Under(xinhua_admin->path.substr(0, xinhua_admin->path.find('/', 1) + 1)));
    ASSERT_OK(all);
    EXPECT_EQ(*all, *xinhua_units + *jiefang_units);
    // A merged unit is found under its new id, with its path rewritten.
    auto awkward = (*session)->GetUnit(Scope::All(), UnitId(xinhua_->awkward_unit.value + offset));
    ASSERT_OK(awkward);
    EXPECT_EQ(awkward->address, kAwkwardAddress);
    auto community = (*session)->GetRegion(Scope::All(), awkward->community_id);
    ASSERT_OK(community);
    EXPECT_TRUE(community->path.starts_with(xinhua_admin->path)) << community->path;
    EXPECT_EQ(PgQueryValue(db.url(), "SELECT region_path FROM units WHERE id = " +
                                         std::to_string(awkward->id.value)),
              community->path);
  }

  // --verify-only recognises the merged street (by its audit head) and compares its rows only.
  auto verified = VerifySqliteAgainstPostgres(xinhua_->path, db.url());
  ASSERT_OK(verified);
  ASSERT_TRUE(verified->merge.has_value());
  EXPECT_EQ(verified->merge->id_offset, offset);
  for (const auto& table : verified->tables) {
    EXPECT_TRUE(table.Matches()) << table.table << " " << table.source_rows << " vs "
                                 << table.target_rows;
  }

  // New rows after the merge get ids above every copied one.
  {
    auto session = (*store)->Write();
    ASSERT_OK(session);
    auto unit = (*session)->GetUnit(Scope::All(), UnitId(xinhua_->awkward_unit.value + offset));
    ASSERT_OK(unit);
    auto fresh = test_support::MakeUnit(unit->community_id, 555'001);
    auto inserted = (*session)->InsertUnit(fresh, kMondayMorning + 7200);
    ASSERT_OK(inserted);
    EXPECT_GT(inserted->id.value, offset + merge.id_ceiling);
  }
  // Still equal after the district's own new rows; a merged row changed since is caught.
  auto after_insert = VerifySqliteAgainstPostgres(xinhua_->path, db.url());
  ASSERT_OK(after_insert);
  EXPECT_TRUE(after_insert->AllMatch());
  PgQueryValue(db.url(), "UPDATE units SET name = name || '（改）' WHERE id = " +
                             std::to_string(xinhua_->awkward_unit.value + offset) +
                             " RETURNING id");
  auto tampered = VerifySqliteAgainstPostgres(xinhua_->path, db.url());
  ASSERT_OK(tampered);
  std::vector<std::string> differing;
  for (const auto& table : tampered->tables) {
    if (!table.Matches()) differing.push_back(table.table);
  }
  EXPECT_EQ(differing, std::vector<std::string>{"units"});
}

TEST_F(MergeTest, RefusesWhatCannotBeMergedAndWritesNothing) {
  ScopedPostgresDatabase db(Key("refusals"));
  Occupy(db);
  ASSERT_OK(CopySqliteToPostgres(xinhua_->path, db.url()));
  const std::string before = Fingerprint(db.url());
  const auto refused = [&](const std::string& path, const std::vector<std::string>& words) {
    auto result = CopySqliteToPostgres(path, db.url());
    ASSERT_ERROR_CODE(result, kFailedPrecondition);
    for (const auto& word : words) {
      EXPECT_NE(result.error().message.find(word), std::string::npos)
          << word << " not in: " << result.error().message;
    }
    EXPECT_EQ(Fingerprint(db.url()), before);
  };
  // The same street again.
  refused(xinhua_->path, {"新华街道", "不能合并两次"});
  // Another name for the street, but the same people and units: usernames, employee numbers and
  // credit codes would each name two things.
  const std::string renamed = CopyOf(xinhua_->path, Key("renamed.db"));
  SqliteExec(renamed, "UPDATE regions SET name = '和平街道' WHERE level = 'street'");
  refused(renamed, {"用户名", "xh-admin", "执法人员工号", "XH", "统一社会信用代码"});
  // A street of another district.
  const std::string elsewhere = CopyOf(xinhua_->path, Key("elsewhere.db"));
  SqliteExec(elsewhere, "UPDATE regions SET name = '西城区' WHERE level = 'district'");
  refused(elsewhere, {"西城区", "解放区"});
}

TEST_F(MergeTest, NarrowsAnAccountScopedAboveItsStreetToThatStreet) {
  ScopedPostgresDatabase db(Key("narrowed"));
  Occupy(db);
  const std::string wide = CopyOf(xinhua_->path, Key("wide.db"));
  SqliteExec(wide,
             "UPDATE users SET jurisdiction_id = (SELECT id FROM regions WHERE level = "
             "'district') WHERE username = 'xh-auditor'");
  auto report = CopySqliteToPostgres(wide, db.url());
  ASSERT_OK(report);
  ASSERT_TRUE(report->merge.has_value());
  EXPECT_EQ(report->merge->narrowed_accounts,
            (std::vector<std::string>{"xh-viewer", "xh-auditor"}));
  EXPECT_EQ(PgQueryValue(db.url(),
                         "SELECT r.name FROM users u JOIN regions r ON r.id = u.jurisdiction_id "
                         "WHERE u.username = 'xh-auditor'"),
            "新华街道");
  EXPECT_NE(PgQueryValue(db.url(), "SELECT details FROM audit_log WHERE action = 'migrate.merge'")
                .find("xh-auditor"),
            std::string::npos);
}

TEST(MergeRulesTest, PathsMapComponentByComponentAndTheDistrictOntoTheTargets) {
  IdMapping mapping{.offset = 1'000'000, .district_from = 1, .district_to = 9};
  EXPECT_EQ(*mapping.Path("/1/2/7/"), "/9/1000002/1000007/");
  EXPECT_EQ(*mapping.Path(""), "");
  EXPECT_EQ(mapping.Id(0), 0) << "0 is the system user";
  EXPECT_EQ(mapping.Region(1), 9);
  EXPECT_FALSE(mapping.Path("/1/x/").ok());
  EXPECT_FALSE(mapping.Path("1/2/").ok());
}

TEST(MergeRulesTest, AnUnclassifiedTableOrColumnRefusesTheMerge) {
  TableShape units{"units", {{"id", ColumnKind::kInteger}, {"name", ColumnKind::kText}}, {0}};
  EXPECT_OK(CheckCatalogue({units}));
  TableShape extra = units;
  extra.columns.push_back({"owner_id", ColumnKind::kInteger});
  extra.columns.push_back({"home_path", ColumnKind::kText});
  auto refused = CheckCatalogue({extra, {"new_table", {{"id", ColumnKind::kInteger}}, {0}}});
  ASSERT_ERROR_CODE(refused, kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("units.owner_id"), std::string::npos);
  EXPECT_NE(refused.error().message.find("units.home_path"), std::string::npos);
  EXPECT_NE(refused.error().message.find("new_table"), std::string::npos);
}

TEST(MergeRulesTest, RowsAreRenumberedAndHashedEvidenceIsLeftAlone) {
  const TableRule* rule = FindTableRule("inspection_records");
  ASSERT_NE(rule, nullptr);
  TableShape records{"inspection_records",
                     {{"id", ColumnKind::kInteger},
                      {"task_id", ColumnKind::kInteger},
                      {"region_path", ColumnKind::kText},
                      {"supersedes_id", ColumnKind::kInteger},
                      {"body_json", ColumnKind::kText},
                      {"signed_by", ColumnKind::kInteger}},
                     {0}};
  IdMapping mapping{.offset = 2'000'000, .district_from = 1, .district_to = 1};
  RowValues row = {
      {false, "5"}, {false, "3"}, {false, "/1/2/8/"}, {true, ""}, {false, "{\"task_id\":3}"},
      {false, "0"}};
  auto moved = TransformRow(*rule, records, mapping, 1, row);
  ASSERT_OK(moved);
  EXPECT_EQ((*moved)[0].bytes, "2000005");
  EXPECT_EQ((*moved)[1].bytes, "2000003");
  EXPECT_EQ((*moved)[2].bytes, "/1/2000002/2000008/");
  EXPECT_TRUE((*moved)[3].null);
  EXPECT_EQ((*moved)[4].bytes, "{\"task_id\":3}");
  EXPECT_EQ((*moved)[5].bytes, "0");
  // The audit chain moves whole into its imported table, behind the source id.
  const TableRule* audit = FindTableRule("audit_log");
  ASSERT_NE(audit, nullptr);
  TableShape log{
      "audit_log", {{"seq", ColumnKind::kInteger}, {"actor_id", ColumnKind::kInteger}}, {0}};
  auto imported = TransformRow(*audit, log, mapping, 7, {{false, "4"}, {false, "12"}});
  ASSERT_OK(imported);
  ASSERT_EQ(imported->size(), 3u);
  EXPECT_EQ((*imported)[0].bytes, "7");
  EXPECT_EQ((*imported)[1].bytes, "4");
  EXPECT_EQ((*imported)[2].bytes, "12");
}

}  // namespace
}  // namespace anjian::store::transfer
