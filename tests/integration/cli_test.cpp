// The `anjian` command line: exit codes, error lines and JSON output are contracts.
#include <gtest/gtest.h>

#include <fstream>

#include "integration/server_process.hpp"

namespace anjian::integration {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir(); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  CommandResult Anjian(const std::string& args) const {
    return RunCommand(AnjianBinary() + " " + args + " 2>/dev/null");
  }
  std::string dir_;
};

constexpr const char* kHeader =
    "统一社会信用代码,单位名称,地址,所属社区,所属网格,行业类别,监管等级,风险等级,上年度发生事故,"
    "从业人数,重大危险源,监管部门\n";

TEST_F(CliTest, ImportWithBadRowsExitsTwoAndWritesNothing) {
  const auto db = DemoDatabase(dir_);
  std::ofstream(Path("bad.csv"))
      << kHeader << "91310000775785552L,好单位,路1号,东风社区,,商贸,三级,蓝,否,3,否,经发办\n"
      << "9.13501E+17,坏单位,路2号,东风社区,,商贸,三级,蓝,否,3,否,经发办\n"
      << "91350100M000100Y43,另一单位,路3号,东风社区,,火箭,五级,蓝,否,3,否,经发办\n";
  auto result = Anjian("import units --db " + db + " " + Path("bad.csv"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("第3行 [统一社会信用代码]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("第4行 [行业类别]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("第4行 [监管等级]"), std::string::npos) << result.output;
  auto json = Anjian("import units --json --db " + db + " " + Path("bad.csv"));
  EXPECT_EQ(json.exit_code, 2);
  auto errors = nlohmann::json::parse(json.output);
  ASSERT_TRUE(errors.is_array());
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0]["row"], 3);
  EXPECT_EQ(errors[0]["column"], "统一社会信用代码");
  // The good first row was not written either (atomic).
  EXPECT_EQ(Anjian("export units --db " + db + " --out " + Path("after.csv")).exit_code, 0);
  auto exported = RunCommand("grep -c 91310000775785552L " + Path("after.csv"));
  EXPECT_EQ(exported.output, "0\n");
}

TEST_F(CliTest, ExportedXlsxReimportsIntoAnEmptiedStreetWithTheSameRows) {
  const auto db = DemoDatabase(dir_);
  ASSERT_EQ(Anjian("export units --db " + db + " --out " + Path("units.xlsx")).exit_code, 0);
  ASSERT_EQ(Anjian("export units --db " + db + " --out " + Path("before.csv")).exit_code, 0);
  auto dry = Anjian("import units --dry-run --db " + db + " " + Path("units.xlsx"));
  EXPECT_EQ(dry.exit_code, 2) << "every code already exists in the source database";
  EXPECT_NE(dry.output.find("已登记"), std::string::npos);
  // Keep the street and communities, drop units and grids: the import recreates the grids.
  ASSERT_EQ(
      RunCommand(
          "sqlite3 " + db +
          " \"DELETE FROM history; DELETE FROM sessions; DELETE FROM users; "
          "DELETE FROM inspectors; DELETE FROM units; DELETE FROM regions WHERE level='grid';\"")
          .exit_code,
      0);
  auto imported = Anjian("import units --db " + db + " --street 解放街道 " + Path("units.xlsx"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(Anjian("export units --db " + db + " --out " + Path("after.csv")).exit_code, 0);
  auto diff = RunCommand("cmp " + Path("before.csv") + " " + Path("after.csv") + " && echo same");
  EXPECT_EQ(diff.output, "same\n") << "the registry round-trips through xlsx unchanged";
  auto grids =
      RunCommand("sqlite3 " + db + " \"select count(*) > 30 from regions where level='grid'\"");
  EXPECT_EQ(grids.output, "1\n");
}

// What a user does: fill the template in LibreOffice Calc (here: convert a csv with soffice, which
// also stores the 从业人数 column as numbers and writes shared strings) and import the xlsx.
TEST_F(CliTest, ImportsAnXlsxMadeByLibreOffice) {
  const auto db = DemoDatabase(dir_);
  std::ofstream(Path("lo.csv")) << kHeader
                                << "91310000775785552L,办公软件导入甲公司,新路1号,东风社区,"
                                   "东风社区第一网格,商贸、有限空间,二级,橙,否,35,否,街道应急办\n"
                                << "91350100M000100Y43,办公软件导入乙商店,新路2号,新设社区,,"
                                   "九小场所,三级,蓝,是,4,否,街道市场所\n";
  auto convert = RunCommand("cd " + dir_ + " && soffice -env:UserInstallation=file://" + dir_ +
                            "/lo-profile --headless --infilter=CSV:44,34,76,1 --convert-to xlsx "
                            "lo.csv >/dev/null 2>&1; ls lo.xlsx");
  ASSERT_EQ(convert.output, "lo.xlsx\n")
      << "LibreOffice (soffice) must be installed by scripts/setup";
  auto imported = Anjian("import units --db " + db + " " + Path("lo.xlsx"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  auto rows =
      RunCommand("sqlite3 " + db +
                 " \"select name, employees, risk, is_key, level from units where "
                 "credit_code in ('91310000775785552L','91350100M000100Y43') order by name\"");
  EXPECT_EQ(rows.output,
            "办公软件导入乙商店|4|blue|1|level3\n办公软件导入甲公司|35|orange|1|level2\n");
}

TEST_F(CliTest, UserAddReadsThePasswordFromStdin) {
  const auto db = DemoDatabase(dir_);
  auto added =
      RunCommand("printf 'Kq7#mW2!xZ9p\\n' | " + AnjianBinary() + " user add --db " + db +
                 " --username newadmin --role admin --jurisdiction 解放街道 --password-stdin");
  EXPECT_EQ(added.exit_code, 0);
  auto duplicate =
      RunCommand("printf 'Kq7#mW2!xZ9p\\n' | " + AnjianBinary() + " user add --db " + db +
                 " --username newadmin --role admin --password-stdin 2>/dev/null");
  EXPECT_EQ(duplicate.exit_code, 2);
  auto short_password =
      RunCommand("printf 'short\\n' | " + AnjianBinary() + " user add --db " + db +
                 " --username other --role viewer --password-stdin 2>/dev/null");
  EXPECT_EQ(short_password.exit_code, 2);
  auto bad_role = RunCommand("printf 'Kq7#mW2!xZ9p\\n' | " + AnjianBinary() + " user add --db " +
                             db + " --username other --role emperor --password-stdin 2>/dev/null");
  EXPECT_EQ(bad_role.exit_code, 2);
}

// ---- a street starting on its own data (issue #13) ---------------------------------------------

constexpr const char* kAdminPassword = "Kq7#mW2!xZ9p-river";

std::string OneTimePasswordIn(const std::string& output) {
  const std::string marker = "一次性密码：";
  const auto at = output.find(marker);
  if (at == std::string::npos) return "";
  return output.substr(at + marker.size(), 17);  // XXXXXXXX-XXXXXXXX
}

TEST_F(CliTest, AStreetStartsOnAnEmptyDatabaseWithInitRegionAddAndImport) {
  const std::string db = Path("new.db");
  const std::string init = "printf '%s\\n' '" + std::string(kAdminPassword) + "' | " +
                           AnjianBinary() + " init --db " + db +
                           " --district 示例区 --district-code 410802 --street 示例街道"
                           " --admin jdadmin --password-stdin";
  auto first = RunCommand(init + " 2>&1");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const std::string one_time = OneTimePasswordIn(first.output);
  ASSERT_EQ(one_time.size(), 17u) << first.output;
  EXPECT_NE(first.output.find("import units"), std::string::npos) << "the next steps are shown";
  auto again = RunCommand(init + " 2>&1");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.output.find("已初始化"), std::string::npos) << again.output;

  auto community =
      Anjian("region add --db " + db + " --parent 示例街道 --level community --name 东风社区");
  ASSERT_EQ(community.exit_code, 0) << community.output;
  EXPECT_EQ(Anjian("region add --db " + db + " --parent 不存在街道 --level community --name 甲")
                .exit_code,
            2);
  EXPECT_EQ(
      Anjian("region add --db " + db + " --parent 示例区 --level community --name 乙").exit_code, 2)
      << "a community belongs under a street";
  auto tree = Anjian("region list --db " + db);
  EXPECT_NE(tree.output.find("示例区"), std::string::npos) << tree.output;
  EXPECT_NE(tree.output.find("    社区 东风社区"), std::string::npos) << tree.output;

  std::ofstream(Path("units.csv"))
      << kHeader << "91310000775785552L,好单位,路1号,东风社区,,商贸,三级,蓝,否,3,否,经发办\n";
  auto imported = Anjian("import units --db " + db + " --street 示例街道 " + Path("units.csv"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(Anjian("export units --db " + db + " --out " + Path("out.csv")).exit_code, 0);
  EXPECT_EQ(RunCommand("grep -c 91310000775785552L " + Path("out.csv")).output, "1\n");

  // Both accounts work; the security administrator must first change the one-time password.
  ServerProcess server(db);
  EXPECT_FALSE(server.Login("jdadmin", kAdminPassword).empty());
  auto security =
      server.Request("POST", "/api/v1/auth/login", "",
                     nlohmann::json{{"username", "security"}, {"password", one_time}}.dump());
  ASSERT_EQ(security.status, 200) << security.body;
  EXPECT_EQ(security.Json()["must_change_password"], true);
  EXPECT_EQ(security.Json()["user"]["role"], "security_admin");
}

TEST_F(CliTest, InitRefusesAWeakPasswordAndWritesNothing) {
  const std::string db = Path("weak.db");
  auto weak =
      RunCommand("printf '12345678\\n' | " + AnjianBinary() + " init --db " + db +
                 " --district 示例区 --street 示例街道 --admin jdadmin --password-stdin 2>&1");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.output.find("--password-stdin"), std::string::npos) << weak.output;
  auto tree = Anjian("region list --db " + db);
  EXPECT_EQ(tree.exit_code, 0);
  EXPECT_EQ(tree.output, "") << "no district or street was left behind";
}

TEST_F(CliTest, AnEmptyDatabaseOpensTheFirstRunScreenOnlyWithTheConsoleCode) {
  const std::string db = Path("first-run.db");
  ServerProcess server(db);
  const std::string& output = server.startup_output();
  const std::string marker = "设置码 ";
  const auto at = output.find(marker);
  ASSERT_NE(at, std::string::npos) << output;
  const std::string code = output.substr(at + marker.size(), 17);
  EXPECT_EQ(server.Request("GET", "/api/v1/setup").Json()["initialized"], false);
  nlohmann::json body = {{"setup_code", "AAAAAAAA-AAAAAAAA"},
                         {"district_name", "示例区"},
                         {"street_name", "示例街道"},
                         {"admin_username", "jdadmin"},
                         {"admin_password", kAdminPassword}};
  auto wrong = server.Request("POST", "/api/v1/setup", "", body.dump());
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(server.Request("GET", "/api/v1/setup").Json()["initialized"], false);
  body["setup_code"] = code;
  auto done = server.Request("POST", "/api/v1/setup", "", body.dump());
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.Json()["street"]["name"], "示例街道");
  EXPECT_EQ(done.Json()["security"]["one_time_password"].get<std::string>().size(), 17u);
  EXPECT_EQ(server.Request("GET", "/api/v1/setup").Json()["initialized"], true);
  EXPECT_EQ(server.Request("POST", "/api/v1/setup", "", body.dump()).status, 409)
      << "a second setup is refused even with the code";
  EXPECT_FALSE(server.Login("jdadmin", kAdminPassword).empty());
}

TEST_F(CliTest, BackupProducesAnOpenableCopy) {
  const auto db = DemoDatabase(dir_);
  ASSERT_EQ(Anjian("backup --db " + db + " --out " + Path("copy.db")).exit_code, 0);
  auto count = RunCommand("sqlite3 " + Path("copy.db") + " 'select count(*) from units'");
  EXPECT_EQ(count.output, "2370\n");
}

}  // namespace
}  // namespace anjian::integration
