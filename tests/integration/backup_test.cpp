// `anjian backup` and `anjian restore` through the real binary, for both stores: a restore gives
// back exactly the backed-up data, refuses bad sources and busy targets without touching the
// target, and never prints a PostgreSQL password.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "integration/server_process.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::integration {
namespace {

using test_support::PgQueryValue;
using test_support::ScopedPostgresDatabase;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kNewUnitCsv =
    "统一社会信用代码,单位名称,地址,所属社区,所属网格,行业类别,监管等级,风险等级,上年度发生事故,"
    "从业人数,重大危险源,监管部门\n"
    "91310000775785552L,备份后新增单位,新路1号,东风社区,,商贸,三级,蓝,否,3,否,经发办\n";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs `anjian args` with stderr (where the commands report) captured.
CommandResult Anjian(const std::string& args) {
  return RunCommand(AnjianBinary() + " " + args + " 2>&1");
}

std::string Sqlite(const std::string& db, const std::string& sql) {
  return RunCommand("sqlite3 " + ShellQuote(db) + " " + ShellQuote(sql)).output;
}

// One line of output, the error line the commands promise on failure.
void ExpectOneErrorLine(const CommandResult& result) {
  EXPECT_NE(result.exit_code, 0);
  ASSERT_FALSE(result.output.empty());
  EXPECT_EQ(result.output.find('\n'), result.output.size() - 1) << result.output;
  EXPECT_THAT(result.output, ::testing::StartsWith("错误: ")) << result.output;
}

class BackupTest : public ::testing::Test {
 protected:
  // The demo street is built once per binary (it takes seconds under ASan) and copied per test.
  static void SetUpTestSuite() {
    demo_dir_ = new std::string(MakeTempDir());
    DemoDatabase(*demo_dir_);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*demo_dir_);
    delete demo_dir_;
  }
  void SetUp() override { dir_ = MakeTempDir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  std::string FreshDemo(const std::string& name) const {
    std::filesystem::copy_file(*demo_dir_ + "/demo.db", Path(name));
    return Path(name);
  }
  void AddUnit(const std::string& db) const {
    std::ofstream(Path("new-unit.csv")) << kNewUnitCsv;
    auto imported = Anjian("import units --db " + ShellQuote(db) + " " + Path("new-unit.csv"));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
  }

  static std::string* demo_dir_;
  std::string dir_;
};
std::string* BackupTest::demo_dir_ = nullptr;

TEST_F(BackupTest, SqliteRestoreBringsBackTheBackupAndDropsLaterChanges) {
  const auto db = FreshDemo("live.db");
  auto backup = Anjian("backup --db " + db + " --out " + Path("backup.db"));
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_EQ(Sqlite(Path("backup.db"), "PRAGMA integrity_check"), "ok\n");
  EXPECT_EQ(Sqlite(Path("backup.db"), "SELECT count(*) FROM units"), "2370\n");
  const auto inspectors = Sqlite(Path("backup.db"), "SELECT count(*) FROM inspectors");
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr(".tmp-")))
        << "no temp file is left behind";
  }

  AddUnit(db);
  ASSERT_EQ(Sqlite(db, "SELECT count(*) FROM units"), "2371\n");

  auto restored = Anjian("restore --db " + db + " --from " + Path("backup.db"));
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_THAT(restored.output, HasSubstr("单位 2370 户"));
  EXPECT_THAT(restored.output,
              HasSubstr("人员 " + inspectors.substr(0, inspectors.size() - 1) + " 名"));
  EXPECT_EQ(Sqlite(db, "SELECT count(*) FROM units WHERE credit_code = '91310000775785552L'"),
            "0\n");
  EXPECT_EQ(Sqlite(db, "SELECT count(*) FROM units"), "2370\n");
  EXPECT_EQ(Sqlite(db, "PRAGMA integrity_check"), "ok\n");
  EXPECT_FALSE(std::filesystem::exists(db + "-journal"))
      << "no journal is left beside the database";
  EXPECT_FALSE(std::filesystem::exists(Path("backup.db-wal"))) << "the backup is only read";
  EXPECT_FALSE(std::filesystem::exists(Path("backup.db-shm")));
  EXPECT_EQ(Sqlite(db, "PRAGMA journal_mode"), "wal\n") << "left in the mode the server runs it in";
  // The restored file serves: the demo accounts log in.
  ServerProcess server(db);
  EXPECT_FALSE(server.Login("admin").empty());
}

TEST_F(BackupTest, SqliteRestoreIntoAMissingFileCreatesIt) {
  const auto db = FreshDemo("live.db");
  ASSERT_EQ(Anjian("backup --db " + db + " --out " + Path("backup.db")).exit_code, 0);
  auto restored = Anjian("restore --db " + Path("new.db") + " --from " + Path("backup.db"));
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_EQ(Sqlite(Path("new.db"), "SELECT count(*) FROM units"), "2370\n");
}

TEST_F(BackupTest, CorruptOrForeignBackupIsRefusedAndTheTargetIsUnchanged) {
  const auto db = FreshDemo("live.db");
  ASSERT_EQ(Anjian("backup --db " + db + " --out " + Path("backup.db")).exit_code, 0);
  AddUnit(db);
  const std::string before = ReadFile(db);

  // Overwrite page 3 onwards with garbage: a valid header, broken b-trees.
  std::filesystem::copy_file(Path("backup.db"), Path("corrupt.db"));
  {
    std::fstream file(Path("corrupt.db"), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(8192);
    const std::string garbage(16384, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto corrupt = Anjian("restore --db " + db + " --from " + Path("corrupt.db"));
  ExpectOneErrorLine(corrupt);
  EXPECT_THAT(corrupt.output, HasSubstr("已损坏"));

  std::ofstream(Path("notes.txt")) << "这不是数据库\n";
  auto text = Anjian("restore --db " + db + " --from " + Path("notes.txt"));
  ExpectOneErrorLine(text);
  EXPECT_THAT(text.output, HasSubstr("不是 SQLite 数据库文件"));

  auto missing = Anjian("restore --db " + db + " --from " + Path("nothing.db"));
  ExpectOneErrorLine(missing);
  EXPECT_THAT(missing.output, HasSubstr("不存在"));

  Sqlite(Path("other.db"), "CREATE TABLE t(x)");
  auto foreign = Anjian("restore --db " + db + " --from " + Path("other.db"));
  ExpectOneErrorLine(foreign);
  EXPECT_THAT(foreign.output, HasSubstr("不是 Anjian 数据库"));

  EXPECT_TRUE(ReadFile(db) == before) << "the target file is byte for byte what it was";
  EXPECT_EQ(Sqlite(db, "SELECT count(*) FROM units"), "2371\n");
}

TEST_F(BackupTest, SqliteRestoreRefusesADatabaseARunningServerHasOpen) {
  const auto db = FreshDemo("live.db");
  ASSERT_EQ(Anjian("backup --db " + db + " --out " + Path("backup.db")).exit_code, 0);
  AddUnit(db);
  {
    ServerProcess server(db);
    auto busy = Anjian("restore --db " + db + " --from " + Path("backup.db"));
    ExpectOneErrorLine(busy);
    EXPECT_THAT(busy.output, HasSubstr("正在被使用"));
    EXPECT_EQ(server.Request("GET", "/api/v1/health").status, 200) << "the server is unaffected";
  }
  EXPECT_EQ(Sqlite(db, "SELECT count(*) FROM units"), "2371\n");
  auto restored = Anjian("restore --db " + db + " --from " + Path("backup.db"));
  EXPECT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_EQ(Sqlite(db, "SELECT count(*) FROM units"), "2370\n");
}

TEST_F(BackupTest, BackupOfAMissingDatabaseFailsAndCreatesNothing) {
  auto result = Anjian("backup --db " + Path("typo.db") + " --out " + Path("backup.db"));
  ExpectOneErrorLine(result);
  EXPECT_FALSE(std::filesystem::exists(Path("typo.db")));
  EXPECT_FALSE(std::filesystem::exists(Path("backup.db")));
}

// Photos are named by their SHA-256; --files-out copies the ones the copy lacks and re-checks
// each name against the bytes.
TEST_F(BackupTest, FilesOutCopiesMissingPhotosAndReportsDamagedOnes) {
  const auto db = FreshDemo("live.db");
  const std::string files = db + ".files";
  auto put = [&](const std::string& content) {
    std::ofstream(Path("photo")) << content;
    std::string id = RunCommand("sha256sum " + Path("photo") + " | cut -c1-64").output;
    id.pop_back();
    std::filesystem::create_directories(files + "/" + id.substr(0, 2));
    std::filesystem::rename(Path("photo"), files + "/" + id.substr(0, 2) + "/" + id.substr(2));
    return id;
  };
  const auto first = put("photo one");
  const auto second = put("photo two");
  std::ofstream(files + "/" + first.substr(0, 2) + "/.tmp-leftover-abc123") << "partial";

  auto backup = Anjian("backup --db " + db + " --out " + Path("backup.db") + " --files-out " +
                       Path("photos"));
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_THAT(backup.output, HasSubstr("已复制照片 2 个"));
  EXPECT_EQ(ReadFile(Path("photos") + "/" + first.substr(0, 2) + "/" + first.substr(2)),
            "photo one");
  EXPECT_EQ(ReadFile(Path("photos") + "/" + second.substr(0, 2) + "/" + second.substr(2)),
            "photo two");
  EXPECT_FALSE(
      std::filesystem::exists(Path("photos") + "/" + first.substr(0, 2) + "/.tmp-leftover-abc123"));

  const auto third = put("photo three");
  auto again = Anjian("backup --db " + db + " --out " + Path("backup.db") + " --files-out " +
                      Path("photos"));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr("已复制照片 1 个"));
  EXPECT_THAT(again.output, HasSubstr("已有 2 个"));

  // A file whose bytes no longer match its name is not copied under that name.
  const auto fourth = put("photo four");
  std::ofstream(files + "/" + fourth.substr(0, 2) + "/" + fourth.substr(2)) << "bit rot";
  auto damaged = Anjian("backup --db " + db + " --out " + Path("backup.db") + " --files-out " +
                        Path("photos"));
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_THAT(damaged.output, HasSubstr("已损坏"));
  EXPECT_FALSE(
      std::filesystem::exists(Path("photos") + "/" + fourth.substr(0, 2) + "/" + fourth.substr(2)));
}

std::string WithPassword(const std::string& url, const std::string& password) {
  const std::string user = "postgresql://postgres";
  EXPECT_EQ(url.rfind(user, 0), 0u) << url;
  return user + ":" + password + url.substr(user.size());
}

// The demo street in PostgreSQL, then pg_dump, a change, and pg_restore into a fresh database
// and into the changed one.
TEST_F(BackupTest, PostgresRoundTripThroughPgDumpAndPgRestore) {
  ScopedPostgresDatabase live(dir_ + "/live");
  ScopedPostgresDatabase fresh(dir_ + "/fresh");
  // pool_max is anjian's own parameter; pg_dump would refuse it.
  const std::string live_url = live.url() + "&pool_max=4";
  auto demo = Anjian("demo --db " + ShellQuote(live_url) + " > /dev/null");
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  const auto inspectors = PgQueryValue(live.url(), "SELECT count(*) FROM inspectors");

  auto backup = Anjian("backup --db " + ShellQuote(live_url) + " --out " + Path("live.dump"));
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_EQ(ReadFile(Path("live.dump")).substr(0, 5), "PGDMP");

  std::ofstream(Path("new-unit.csv")) << kNewUnitCsv;
  auto imported =
      Anjian("import units --db " + ShellQuote(live.url()) + " " + Path("new-unit.csv"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(PgQueryValue(live.url(), "SELECT count(*) FROM units"), "2371");

  auto into_fresh =
      Anjian("restore --db " + ShellQuote(fresh.url()) + " --from " + Path("live.dump"));
  ASSERT_EQ(into_fresh.exit_code, 0) << into_fresh.output;
  EXPECT_THAT(into_fresh.output, HasSubstr("单位 2370 户"));
  EXPECT_THAT(into_fresh.output, HasSubstr("人员 " + inspectors + " 名"));
  EXPECT_EQ(PgQueryValue(fresh.url(), "SELECT count(*) FROM units"), "2370");

  // A failure inside pg_restore undoes all of it: a view on units makes DROP TABLE units fail
  // after other objects were already dropped.
  PgQueryValue(live.url(), "CREATE VIEW unit_names AS SELECT name FROM units");
  auto blocked = Anjian("restore --db " + ShellQuote(live_url) + " --from " + Path("live.dump"));
  ExpectOneErrorLine(blocked);
  EXPECT_THAT(blocked.output, HasSubstr("已回滚"));
  EXPECT_EQ(PgQueryValue(live.url(), "SELECT count(*) FROM units"), "2371");
  EXPECT_EQ(
      PgQueryValue(live.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
      PgQueryValue(fresh.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
  PgQueryValue(live.url(), "DROP VIEW unit_names");

  auto into_live = Anjian("restore --db " + ShellQuote(live_url) + " --from " + Path("live.dump"));
  ASSERT_EQ(into_live.exit_code, 0) << into_live.output;
  EXPECT_THAT(into_live.output, HasSubstr("单位 2370 户"));
  EXPECT_EQ(PgQueryValue(live.url(), "SELECT count(*) FROM units"), "2370");
  EXPECT_EQ(PgQueryValue(live.url(),
                         "SELECT count(*) FROM units WHERE credit_code = '91310000775785552L'"),
            "0");
  // The restored database serves: the demo accounts log in.
  ServerProcess server(live_url);
  EXPECT_FALSE(server.Login("admin").empty());
}

TEST_F(BackupTest, PostgresRestoreRefusesAnSqliteFileAndLeavesTheDatabaseAlone) {
  ScopedPostgresDatabase target(dir_ + "/target");
  PgQueryValue(target.url(), "CREATE TABLE keep_me (x int)");
  Sqlite(Path("sqlite.db"), "CREATE TABLE t(x)");
  auto result = Anjian("restore --db " + ShellQuote(target.url()) + " --from " + Path("sqlite.db"));
  ExpectOneErrorLine(result);
  EXPECT_THAT(result.output, HasSubstr("是 SQLite 数据库文件，不是 pg_dump 备份"));
  EXPECT_EQ(
      PgQueryValue(target.url(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
      "1");

  // And the other way round: a pg_dump archive is not an SQLite backup.
  std::ofstream(Path("fake.dump")) << "PGDMP\x01\x0e\x00";
  auto swapped = Anjian("restore --db " + Path("live.db") + " --from " + Path("fake.dump"));
  ExpectOneErrorLine(swapped);
  EXPECT_THAT(swapped.output, HasSubstr("pg_dump 备份"));
  EXPECT_FALSE(std::filesystem::exists(Path("live.db")));
}

TEST_F(BackupTest, PostgresPasswordIsNeverPrinted) {
  ScopedPostgresDatabase live(dir_ + "/live");
  // The test cluster trusts local connections, so the password is accepted and ignored.
  const auto with_password = WithPassword(live.url(), "s3cr%40t-pw");
  auto backup = Anjian("backup --db " + ShellQuote(with_password) + " --out " + Path("ok.dump"));
  EXPECT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_THAT(backup.output, Not(HasSubstr("s3cr")));
  EXPECT_THAT(backup.output, HasSubstr("postgresql://postgres@/"));

  const auto db_name = test_support::PostgresDatabaseName(dir_ + "/live");
  auto missing_url = with_password;
  missing_url.replace(missing_url.find(db_name), db_name.size(), "t_no_such_database");
  auto failed = Anjian("backup --db " + ShellQuote(missing_url) + " --out " + Path("missing.dump"));
  ExpectOneErrorLine(failed);
  EXPECT_THAT(failed.output, HasSubstr("t_no_such_database"));
  EXPECT_THAT(failed.output, Not(HasSubstr("s3cr")));
  EXPECT_FALSE(std::filesystem::exists(Path("missing.dump")));

  auto restore = Anjian("restore --db " + ShellQuote(missing_url) + " --from " + Path("ok.dump"));
  ExpectOneErrorLine(restore);
  EXPECT_THAT(restore.output, Not(HasSubstr("s3cr")));
}

}  // namespace
}  // namespace anjian::integration
