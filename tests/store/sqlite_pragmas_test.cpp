// Every SQLite connection the store opens runs the durability pragmas (issue #2,
// docs/architecture.md: "durable: WAL + synchronous=FULL"): journal_mode=WAL, synchronous=FULL (2),
// foreign_keys=ON. `synchronous` and `foreign_keys` are per connection and not stored in the file,
// and the store's sessions do not expose their connection, so the test registers an SQLite
// auto-extension (run by sqlite3_open_v2 for every connection the process opens), keeps the handles
// opened on the test's database file, and asks each of them while the store's read and write
// sessions are open. The library's own default is already synchronous=FULL (DEFAULT_SYNCHRONOUS=2
// in common builds), so the recorder first turns it OFF on each new connection: the test passes
// only if the store itself sets FULL.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/result_matchers.hpp"
#include "support/temp_dir.hpp"

namespace anjian::store {
namespace {

namespace fs = std::filesystem;

// The connections opened in this process while the recorder is installed.
std::mutex opened_mutex;
std::vector<sqlite3*> opened;

int RecordConnection(sqlite3* db, char** /*error*/, const sqlite3_api_routines* /*api*/) {
  // Undo the library defaults, so only the store's own pragmas can make the checks pass.
  sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF", nullptr, nullptr, nullptr);
  std::lock_guard lock(opened_mutex);
  opened.push_back(db);
  return SQLITE_OK;
}

using EntryPoint = void (*)();

// Installs the recorder for its lifetime; the handles are only read while the store is alive.
class ConnectionRecorder {
 public:
  ConnectionRecorder() {
    std::lock_guard lock(opened_mutex);
    opened.clear();
    EXPECT_EQ(sqlite3_auto_extension(reinterpret_cast<EntryPoint>(&RecordConnection)), SQLITE_OK);
  }
  ~ConnectionRecorder() {
    sqlite3_cancel_auto_extension(reinterpret_cast<EntryPoint>(&RecordConnection));
    std::lock_guard lock(opened_mutex);
    opened.clear();
  }
  ConnectionRecorder(const ConnectionRecorder&) = delete;
  ConnectionRecorder& operator=(const ConnectionRecorder&) = delete;

  // The connections, in the order opened, whose main database is `path` (SQLite reports the
  // file with symbolic links resolved, so the last two components are compared).
  std::vector<sqlite3*> On(const std::string& path) const {
    const fs::path p(path);
    const std::string tail =
        "/" + p.parent_path().filename().string() + "/" + p.filename().string();
    std::vector<sqlite3*> found;
    std::lock_guard lock(opened_mutex);
    for (auto* db : opened) {
      const std::string file =
          sqlite3_db_filename(db, "main") ? sqlite3_db_filename(db, "main") : "";
      if (file.size() >= tail.size() &&
          file.compare(file.size() - tail.size(), tail.size(), tail) == 0) {
        found.push_back(db);
      }
    }
    return found;
  }
};

// One pragma's value on a connection, as text ("" and a test failure when it cannot be read).
std::string Pragma(sqlite3* db, const std::string& name) {
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  const std::string sql = "PRAGMA " + name;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    value = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  return value;
}

void ExpectDurable(sqlite3* db, const std::string& which) {
  EXPECT_EQ(Pragma(db, "journal_mode"), "wal") << which;
  EXPECT_EQ(Pragma(db, "synchronous"), "2") << which << ": synchronous must be FULL";
  EXPECT_EQ(Pragma(db, "foreign_keys"), "1") << which;
}

class SqlitePragmasTest : public ::testing::Test {
 protected:
  test_support::TempDir dir_;
  std::string path_ = dir_.File("anjian.db");
};

TEST_F(SqlitePragmasTest, EveryConnectionOfTheStoreRunsWalWithSynchronousFull) {
  ConnectionRecorder recorder;
  auto opened_store = sqlite::SqliteStore::Open(path_);
  ASSERT_OK(opened_store);
  auto& store = **opened_store;
  {
    // The writer, and two readers at once (so the pool opens a second connection).
    auto write = store.Write();
    ASSERT_OK(write);
    auto read = store.Read();
    ASSERT_OK(read);
    auto second_read = store.Read();
    ASSERT_OK(second_read);
    const auto connections = recorder.On(path_);
    ASSERT_EQ(connections.size(), 3u) << "expected the writer and two readers";
    for (std::size_t i = 0; i < connections.size(); ++i) {
      ExpectDurable(connections[i], i == 0 ? "writer" : "reader " + std::to_string(i));
    }
  }
  // A reader taken again from the pool is one of those; a third concurrent one is new and set up
  // the same way.
  auto a = store.Read();
  auto b = store.Read();
  auto c = store.Read();
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  const auto connections = recorder.On(path_);
  ASSERT_EQ(connections.size(), 4u);
  ExpectDurable(connections.back(), "third reader");
}

TEST_F(SqlitePragmasTest, ConnectionOpenAppliesTheDurabilityPragmas) {
  // The seam every store connection goes through, with the library defaults turned off first.
  ConnectionRecorder recorder;
  auto connection = sqlite::Connection::Open(path_);
  ASSERT_OK(connection);
  ExpectDurable((*connection)->raw(), "Connection::Open");
  EXPECT_EQ(Pragma((*connection)->raw(), "busy_timeout"), "10000");
}

TEST_F(SqlitePragmasTest, TheFileStaysInWalModeForAnyoneWhoOpensIt) {
  // journal_mode=WAL is persistent: a plain connection that sets nothing sees it too.
  auto store = sqlite::SqliteStore::Open(path_);
  ASSERT_OK(store);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(Pragma(db, "journal_mode"), "wal");
  sqlite3_close(db);
}

}  // namespace
}  // namespace anjian::store
