#include "store/sqlite/sqlite_backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "platform/atomic_file.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace anjian::store::sqlite {

namespace {

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

Result<Database> OpenRaw(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    return Error::Unavailable("无法打开数据库 " + path + ": " +
                              (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

// Opens a file that nobody writes (a backup) read-only. Without a -wal file beside it, as
// `anjian backup` leaves it, it is opened immutable: no locks, and no -wal/-shm files created
// next to the backup; with one, normally, so the WAL's pages are read too.
Result<Database> OpenBackupFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path + "-wal", ec)) return OpenRaw(path, SQLITE_OPEN_READONLY);
  std::string uri = "file:";
  for (unsigned char c : std::filesystem::absolute(path, ec).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  uri += "?immutable=1";
  return OpenRaw(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
}

// Runs one statement and returns the first column of every row; `failed_rc` gets the failing
// result code.
Result<std::vector<std::string>> Rows(sqlite3* db, const char* sql, int* failed_rc = nullptr) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  std::vector<std::string> rows;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      rows.emplace_back(text ? text : "");
    }
  }
  sqlite3_finalize(stmt);
  if (rc == SQLITE_DONE) return rows;
  if (failed_rc) *failed_rc = rc;
  return Error::Internal(sqlite3_errmsg(db));
}

Result<std::string> ReadHeader(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error::NotFound("文件不存在：" + path);
  if (!std::filesystem::is_regular_file(path, ec))
    return Error::InvalidArgument(path + " 不是普通文件");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("无法读取 " + path);
  std::string header(16, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header.size()));
  header.resize(static_cast<std::size_t>(in.gcount()));
  return header;
}

// PRAGMA integrity_check answers "ok" or problems, several per row; one line for a message:
// the first problem and how many there are.
std::string IntegrityProblem(const std::vector<std::string>& rows) {
  std::string first;
  int count = 0;
  for (const auto& row : rows) {
    std::size_t start = 0;
    while (start <= row.size()) {
      auto end = row.find('\n', start);
      if (end == std::string::npos) end = row.size();
      const std::string line = row.substr(start, end - start);
      if (!line.empty() && !line.starts_with("*** in database")) {
        if (first.empty()) first = line;
        ++count;
      }
      start = end + 1;
    }
  }
  if (count == 0) return "无结果";
  return count == 1 ? first : first + "（共 " + std::to_string(count) + " 处问题）";
}

constexpr char kSqliteMagic[] = "SQLite format 3";  // the 16-byte header, NUL included

// Copies `from` into `to` in one step: one read transaction on the source (a consistent snapshot)
// and one write transaction on the target.
Status CopyDatabase(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return Error::Internal(sqlite3_errmsg(to));
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Error::Internal(sqlite3_errstr(rc));
  return Ok();
}

Status CheckIntegrity(sqlite3* db) {
  auto check = Rows(db, "PRAGMA integrity_check");
  if (!check.ok()) return check.error();
  if (check->empty() || check->front() != "ok") return Error::Internal(IntegrityProblem(*check));
  return Ok();
}

}  // namespace

Status CheckDatabaseFile(const std::string& path) {
  ANJIAN_ASSIGN_OR_RETURN(auto header, ReadHeader(path));
  if (header.starts_with("PGDMP")) {
    return Error::InvalidArgument(
        path + " 是 PostgreSQL 的 pg_dump 备份，不是 SQLite 数据库；请用 --db postgresql://… 恢复");
  }
  if (header.size() < sizeof kSqliteMagic ||
      std::memcmp(header.data(), kSqliteMagic, sizeof kSqliteMagic) != 0) {
    return Error::InvalidArgument(path + " 不是 SQLite 数据库文件");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto db, OpenBackupFile(path));
  auto rows = Rows(db.get(), "PRAGMA integrity_check");
  if (!rows.ok()) return Error::InvalidArgument(path + " 已损坏：" + rows.error().message);
  if (rows->empty() || rows->front() != "ok") {
    return Error::InvalidArgument(path + " 已损坏，完整性检查未通过：" + IntegrityProblem(*rows));
  }
  return Ok();
}

Status BackupDatabase(const std::string& source, const std::string& target) {
  ANJIAN_ASSIGN_OR_RETURN(auto header, ReadHeader(source));
  if (header.size() < sizeof kSqliteMagic ||
      std::memcmp(header.data(), kSqliteMagic, sizeof kSqliteMagic) != 0) {
    return Error::InvalidArgument(source + " 不是 SQLite 数据库文件");
  }
  std::error_code ec;
  if (std::filesystem::exists(target, ec) && std::filesystem::equivalent(source, target, ec)) {
    return Error::InvalidArgument("备份文件不能是数据库本身：" + target);
  }
  ANJIAN_ASSIGN_OR_RETURN(auto from, OpenRaw(source, SQLITE_OPEN_READONLY));
  sqlite3_busy_timeout(from.get(), 10000);
  const auto copy = [&](const std::string& temp) -> Status {
    ANJIAN_ASSIGN_OR_RETURN(auto to, OpenRaw(temp, SQLITE_OPEN_READWRITE));
    // FULL: the copy is on disk when it is renamed into place.
    if (sqlite3_exec(to.get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
      return Error::Unavailable(sqlite3_errmsg(to.get()));
    }
    if (auto copied = CopyDatabase(from.get(), to.get()); !copied.ok()) {
      return Error::Unavailable("备份失败: " + copied.error().message);
    }
    if (auto checked = CheckIntegrity(to.get()); !checked.ok()) {
      return Error::Internal("备份副本未通过完整性检查: " + checked.error().message);
    }
    return Ok();
  };
  return platform::ReplaceFileAtomically(
      target,
      [&](const std::string& temp) {
        Status copied = copy(temp);  // closes the copy's connection before the rename
        ::unlink((temp + "-journal").c_str());
        return copied;
      },
      " " + target);
}

Status RestoreDatabase(const std::string& source, const std::string& target) {
  ANJIAN_TRY(CheckDatabaseFile(source));
  ANJIAN_ASSIGN_OR_RETURN(auto from, OpenBackupFile(source));
  auto version = Rows(from.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version.ok() || version->empty()) {
    return Error::FailedPrecondition(source + " 不是 Anjian 数据库（没有 schema_migrations 表）");
  }
  const int backup_version = std::atoi(version->front().c_str());
  const int known_version = SqliteMigrations().empty() ? 0 : SqliteMigrations().back().version;
  if (backup_version > known_version) {
    return Error::FailedPrecondition("备份的数据库结构版本 " + std::to_string(backup_version) +
                                     " 比本程序支持的 " + std::to_string(known_version) +
                                     " 新，请用更新版本的 anjian 恢复");
  }
  std::error_code ec;
  if (std::filesystem::exists(target, ec) && std::filesystem::equivalent(source, target, ec)) {
    return Error::InvalidArgument("备份文件与目标数据库是同一个文件：" + target);
  }

  ANJIAN_ASSIGN_OR_RETURN(auto to, OpenRaw(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  const std::string in_use =
      "数据库 " + target +
      " 正在被使用（anjian serve 是否仍在运行？请先停止使用它的所有进程再恢复）";
  // An Anjian database is in WAL mode, where every process that has it open keeps a shared lock
  // on the file; leaving WAL needs the only connection, so it is the test for "nobody else has
  // it open" that BEGIN EXCLUSIVE (which WAL readers do not block) cannot give. EXCLUSIVE locking
  // mode then keeps the file locked until we close it, and the rollback journal of DELETE mode
  // makes the one-step copy below a single atomic transaction (a crash rolls it back).
  int rc = sqlite3_exec(
      to.get(), "PRAGMA busy_timeout=3000; PRAGMA synchronous=FULL; PRAGMA locking_mode=EXCLUSIVE",
      nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK)
    return Error::Unavailable("无法打开数据库 " + target + ": " + sqlite3_errmsg(to.get()));
  auto mode = Rows(to.get(), "PRAGMA journal_mode=DELETE", &rc);
  if (!mode.ok()) {
    if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
      return Error::Unavailable(in_use);
    return Error::Unavailable("无法打开数据库 " + target + ": " + mode.error().message);
  }
  if (mode->empty() || mode->front() != "delete") return Error::Unavailable(in_use);
  auto locked = Rows(to.get(), "BEGIN EXCLUSIVE", &rc);
  if (locked.ok()) locked = Rows(to.get(), "COMMIT", &rc);
  if (!locked.ok()) return Error::Unavailable(in_use);

  if (auto copied = CopyDatabase(from.get(), to.get()); !copied.ok()) {
    return Error::Internal("恢复失败，目标数据库未改变: " + copied.error().message);
  }
  if (auto checked = CheckIntegrity(to.get()); !checked.ok()) {
    return Error::Internal("恢复后的数据库未通过完整性检查: " + checked.error().message);
  }
  // Back to WAL, as SqliteStore runs it. In EXCLUSIVE locking mode SQLite keeps the journal
  // file (zeroed) instead of deleting it, and deletes it only when a PERSIST journal becomes a
  // DELETE one outside that mode; hence the detour. The restored data is committed already.
  rc = sqlite3_exec(to.get(),
                    "PRAGMA journal_mode=PERSIST; PRAGMA locking_mode=NORMAL; SELECT count(*) FROM "
                    "sqlite_master; "
                    "PRAGMA journal_mode=DELETE; PRAGMA journal_mode=WAL",
                    nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return Error::Internal("已恢复，但无法切换回 WAL 模式: " +
                           std::string(sqlite3_errmsg(to.get())));
  }
  return Ok();
}

}  // namespace anjian::store::sqlite
