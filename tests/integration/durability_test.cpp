// Acknowledged writes survive kill -9: update 40 units through the API (each acknowledged before
// the next), fire a few more updates without waiting, SIGKILL the server, and find every
// acknowledged version and an intact file. A process kill keeps the OS page cache, so this holds
// with any `synchronous` setting: it does not test power loss (tests/store/sqlite_pragmas_test.cpp
// checks that every connection runs WAL with synchronous=FULL).
#include <gtest/gtest.h>

#include <map>

#include "integration/server_process.hpp"

namespace anjian::integration {
namespace {

TEST(DurabilityTest, EveryAcknowledgedWriteSurvivesKill9) {
  const auto dir = MakeTempDir();
  const auto db = DemoDatabase(dir);
  std::map<int, int> acknowledged;  // unit id → version the server confirmed
  {
    ServerProcess server(db);
    const auto token = server.Login("admin");
    ASSERT_FALSE(token.empty());
    auto units = server.Request("GET", "/api/v1/units?page_size=40", token).Json()["items"];
    ASSERT_EQ(units.size(), 40u);
    for (const auto& unit : units) {
      auto r = server.Request(
          "PUT", "/api/v1/units/" + std::to_string(unit["id"].get<int>()), token,
          nlohmann::json{{"version", unit["version"]}, {"address", "耐久性测试路"}}.dump());
      ASSERT_EQ(r.status, 200) << r.body;
      acknowledged[r.Json()["id"]] = r.Json()["version"];
    }
    // Writes perhaps in flight when the process dies (curl in the background; some may not have
    // connected yet): the file must still pass integrity_check with every row in place.
    RunCommand("for i in $(seq 1 20); do curl -s -o /dev/null -X PUT -H 'Authorization: Bearer " +
               token +
               "' -H 'Content-Type: application/json' --data '{\"version\":1,\"name\":\"x\"}' " +
               server.Url("/api/v1/units/2000") + " & done");
    server.Kill(SIGKILL);
  }
  for (const auto& [id, version] : acknowledged) {
    auto row = RunCommand("sqlite3 " + db + " 'select version, address from units where id=" +
                          std::to_string(id) + "'");
    EXPECT_EQ(row.output, std::to_string(version) + "|耐久性测试路\n") << "unit " << id;
  }
  auto integrity = RunCommand("sqlite3 " + db + " 'pragma integrity_check'");
  EXPECT_EQ(integrity.output, "ok\n");
  auto count = RunCommand("sqlite3 " + db + " 'select count(*) from units'");
  EXPECT_EQ(count.output, "2370\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anjian::integration
