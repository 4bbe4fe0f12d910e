// `anjian migrate` through the real binary: the demo street moves into an empty database of the
// throwaway PostgreSQL cluster with one report line per table; exit codes 0 (every table matches),
// 1 (server unreachable), 2 (bad input or refused, one error line), 3 (a difference).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "integration/server_process.hpp"
#include "support/pg_test_db.hpp"

namespace anjian::integration {
namespace {

using test_support::PgQueryValue;
using test_support::ScopedPostgresDatabase;
using ::testing::HasSubstr;

class TransferCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  // stdout only (the report), or stdout and stderr together.
  static CommandResult Report(const std::string& args) {
    return RunCommand(AnjianBinary() + " migrate " + args + " 2>/dev/null");
  }
  static CommandResult All(const std::string& args) {
    return RunCommand(AnjianBinary() + " migrate " + args + " 2>&1");
  }
  static CommandResult Errors(const std::string& args) {
    return RunCommand(AnjianBinary() + " migrate " + args + " 2>&1 >/dev/null");
  }
  static std::string Args(const std::string& db, const std::string& url) {
    return "--from " + ShellQuote("sqlite:" + db) + " --to " + ShellQuote(url);
  }
  std::string dir_;
};

// The report line of `table`, or "".
std::string LineOf(const std::string& report, const std::string& table) {
  std::istringstream lines(report);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(table + " ")) return line;
  }
  return "";
}

void ExpectOneErrorLine(const CommandResult& result, const std::string& text) {
  EXPECT_THAT(result.output, HasSubstr(text));
  EXPECT_TRUE(result.output.starts_with("错误: ")) << result.output;
  EXPECT_EQ(result.output.find('\n'), result.output.size() - 1) << result.output;
}

TEST_F(TransferCliTest, MigratesTheDemoStreetAndReportsEveryTable) {
  const auto db = DemoDatabase(dir_);
  ScopedPostgresDatabase target(Path("street"));
  const auto migrated = Report(Args(db, target.url()));
  ASSERT_EQ(migrated.exit_code, 0) << All(Args(db, target.url())).output;
  EXPECT_THAT(LineOf(migrated.output, "units"), HasSubstr(" 2,370 "));
  EXPECT_THAT(LineOf(migrated.output, "units"), HasSubstr("是"));
  EXPECT_THAT(LineOf(migrated.output, "regions"), HasSubstr("是"));
  EXPECT_EQ(LineOf(migrated.output, "hazard_search"), "") << "SQLite's search tables stay behind";
  EXPECT_THAT(migrated.output, HasSubstr("全部一致"));
  EXPECT_THAT(migrated.output, ::testing::Not(HasSubstr("否")));
  EXPECT_EQ(PgQueryValue(target.url(), "SELECT count(*) FROM units"), "2370");
  // The accounts came along with their ids.
  EXPECT_EQ(PgQueryValue(target.url(), "SELECT username FROM users ORDER BY id LIMIT 1"), "admin");

  // A second run would merge the same street again: refused, nothing changes.
  const auto again = Errors(Args(db, target.url()));
  EXPECT_EQ(again.exit_code, 2);
  ExpectOneErrorLine(again, "不能合并两次");
  EXPECT_EQ(PgQueryValue(target.url(), "SELECT count(*) FROM units"), "2370");

  // Verification alone: equal now, a difference after a row changes (exit 3).
  const auto verified = Report("--verify-only " + Args(db, target.url()));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("全部一致"));
  PgQueryValue(target.url(), "UPDATE units SET name = name || '（改）' WHERE id = 1");
  const auto differs = Report("--verify-only " + Args(db, target.url()));
  EXPECT_EQ(differs.exit_code, 3) << differs.output;
  EXPECT_THAT(LineOf(differs.output, "units"), HasSubstr("否"));
  EXPECT_THAT(differs.output, HasSubstr("PostgreSQL"));
  EXPECT_THAT(LineOf(differs.output, "regions"), HasSubstr("是"));
}

TEST_F(TransferCliTest, BadInputIsOneErrorLineAndTheTargetStaysEmpty) {
  ScopedPostgresDatabase target(Path("untouched"));
  const auto nothing_written = [&] {
    EXPECT_EQ(PgQueryValue(target.url(), "SELECT to_regclass('units') IS NULL"), "t");
  };
  auto missing = Errors(Args(Path("missing.db"), target.url()));
  EXPECT_EQ(missing.exit_code, 2);
  ExpectOneErrorLine(missing, "SQLite 数据库文件不存在");
  nothing_written();

  RunCommand("echo 'not a database' > " + ShellQuote(Path("notes.db")));
  auto not_sqlite = Errors(Args(Path("notes.db"), target.url()));
  EXPECT_EQ(not_sqlite.exit_code, 2);
  ExpectOneErrorLine(not_sqlite, "不是 SQLite 数据库文件");
  nothing_written();

  const auto db = DemoDatabase(dir_);
  auto wrong_scheme =
      Errors("--from " + ShellQuote("sqlite:" + db) + " --to mysql://localhost/anjian");
  EXPECT_EQ(wrong_scheme.exit_code, 2);
  ExpectOneErrorLine(wrong_scheme, "--to");
  auto swapped = Errors("--from " + ShellQuote(target.url()) + " --to " + ShellQuote(target.url()));
  EXPECT_EQ(swapped.exit_code, 2);
  ExpectOneErrorLine(swapped, "--from");
  auto malformed = Errors(Args(db, "postgresql://anjian@/anjian?no_such_option=1"));
  EXPECT_EQ(malformed.exit_code, 2);
  ExpectOneErrorLine(malformed, "PostgreSQL 连接串无效");
  auto unreachable =
      Errors(Args(db, "postgresql://anjian@/anjian?host=" + Path("no-server") + "&port=5432"));
  EXPECT_EQ(unreachable.exit_code, 1);
  ExpectOneErrorLine(unreachable, "无法连接 PostgreSQL");
  nothing_written();
}

// The path a district takes: the first street's demo migrated as is, a second street of the same
// district (`anjian demo` with its own name, usernames, employee numbers and codes) merged into
// it; both verify, and the audit verification covers the imported chain.
TEST_F(TransferCliTest, MergesASecondDemoStreetIntoTheDistrictDatabase) {
  const auto first = DemoDatabase(dir_);
  const std::string second = Path("xinhua.db");
  const auto built = RunCommand(AnjianBinary() + " demo --db " + ShellQuote(second) +
                                " --street 新华街道 --street-code 410802002 --username-prefix xh- "
                                "--employee-prefix XH --unit-code-block 1 --seed 7 2>&1");
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_THAT(built.output, HasSubstr("xh-admin"));
  ScopedPostgresDatabase target(Path("district"));
  ASSERT_EQ(Report(Args(first, target.url())).exit_code, 0);

  const auto merged = Report(Args(second, target.url()));
  ASSERT_EQ(merged.exit_code, 0) << All(Args(second, target.url())).output;
  EXPECT_THAT(merged.output, HasSubstr("合并：新华街道 并入 解放区"));
  EXPECT_THAT(merged.output, HasSubstr("+ 1,000,000"));
  EXPECT_THAT(LineOf(merged.output, "sessions"), HasSubstr("未迁入"));
  EXPECT_THAT(LineOf(merged.output, "audit_log"), HasSubstr("audit_log_imported"));
  EXPECT_THAT(merged.output, ::testing::Not(HasSubstr("否")));
  EXPECT_EQ(PgQueryValue(target.url(), "SELECT count(*) FROM units"), "4740");
  EXPECT_EQ(PgQueryValue(target.url(), "SELECT count(*) FROM regions WHERE level = 'street'"), "2");

  const auto verified = Report("--verify-only " + Args(second, target.url()));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("全部一致"));

  const auto audit =
      RunCommand(AnjianBinary() + " audit verify --db " + ShellQuote(target.url()) + " 2>&1");
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  EXPECT_THAT(audit.output, HasSubstr("导入审计链完好"));
  EXPECT_THAT(audit.output, HasSubstr("新华街道"));
}

}  // namespace
}  // namespace anjian::integration
