#include "store/transfer/transfer_support.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/transfer/table_checksum.hpp"

namespace anjian::store::transfer::detail {

namespace {

// --- the source file, looked at read-only before anything opens it for writing -----------------

class ReadOnlySqlite {
 public:
  ~ReadOnlySqlite() { sqlite3_close_v2(db_); }
  Status Open(const std::string& path) {
    path_ = path;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) return Failure("无法打开");
    return Ok();
  }
  // Runs `sql` and returns the first column of each row as text (at most `limit` rows).
  Result<std::vector<std::string>> Column(const char* sql, std::size_t limit) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) return Failure("无法读取");
    std::vector<std::string> values;
    int rc = SQLITE_ROW;
    while (values.size() < limit && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      values.emplace_back(text ? text : "");
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Failure("无法读取");
    return values;
  }

 private:
  Error Failure(const char* what) const {
    return Error::InvalidArgument(std::string("SQLite 数据库文件") + what + "（可能已损坏）: " +
                                  path_ + ": " + (db_ ? sqlite3_errmsg(db_) : "内存不足"));
  }
  sqlite3* db_ = nullptr;
  std::string path_;
};

// The source must be an existing, undamaged anjian SQLite database whose foreign keys hold; all
// of this is checked before a store opens it, because opening creates a missing file and applies
// migrations (anjian's schema must not be written into someone else's database).
Status InspectSqliteSource(const std::string& path) {
  if (path.empty()) return Error::InvalidArgument("缺少 SQLite 数据库路径（--from sqlite:路径）");
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    return Error::InvalidArgument("SQLite 数据库文件不存在: " + path);
  if (!std::filesystem::is_regular_file(status)) return Error::InvalidArgument("不是文件: " + path);
  {
    std::ifstream file(path, std::ios::binary);
    char header[16] = {};
    if (!file) return Error::InvalidArgument("无法读取文件: " + path);
    file.read(header, sizeof header);
    if (file.gcount() != sizeof header ||
        std::string_view(header, sizeof header) != std::string_view("SQLite format 3\0", 16)) {
      return Error::InvalidArgument("不是 SQLite 数据库文件: " + path);
    }
  }
  ReadOnlySqlite db;
  ANJIAN_TRY(db.Open(path));
  ANJIAN_ASSIGN_OR_RETURN(
      auto migrations,
      db.Column(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
          1));
  if (migrations.empty() || migrations[0] != "1") {
    return Error::InvalidArgument("不是安监（anjian）数据库（没有 schema_migrations 表）: " + path);
  }
  ANJIAN_ASSIGN_OR_RETURN(auto check, db.Column("PRAGMA quick_check", 3));
  if (check.empty() || check[0] != "ok") {
    std::string problems;
    for (const auto& line : check) problems += (problems.empty() ? "" : "；") + line;
    return Error::InvalidArgument("SQLite 数据库文件已损坏: " + path + ": " + problems);
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto orphans,
      db.Column("SELECT \"table\" || ' 表 rowid ' || rowid || ' 引用的 ' || parent || ' 不存在' "
                "FROM pragma_foreign_key_check",
                5));
  if (!orphans.empty()) {
    std::string problems;
    for (const auto& line : orphans) problems += (problems.empty() ? "" : "；") + line;
    return Error::InvalidArgument(
        "SQLite 数据库的外键不一致，迁移后无法通过 PostgreSQL 的约束检查，请先修复: " + problems);
  }
  return Ok();
}

}  // namespace

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// --- connections ---------------------------------------------------------------------------

Result<Endpoints> Connect(const std::string& sqlite_path, const std::string& pg_url, bool migrate) {
  ANJIAN_TRY(InspectSqliteSource(sqlite_path));
  Endpoints ends;
  ANJIAN_ASSIGN_OR_RETURN(auto parsed, postgres::ParsePgUrl(pg_url));
  ends.conninfo = parsed.first;
  if (migrate) {
    // Opening each store brings its schema to this binary's version (the target's first, so an
    // unreachable server leaves the street's file untouched).
    ANJIAN_ASSIGN_OR_RETURN(auto target, postgres::PgStore::Open(pg_url));
    ANJIAN_ASSIGN_OR_RETURN(auto source, sqlite::SqliteStore::Open(sqlite_path));
  }
  ANJIAN_ASSIGN_OR_RETURN(ends.postgres, postgres::PgConnection::Open(ends.conninfo));
  ANJIAN_ASSIGN_OR_RETURN(ends.sqlite, sqlite::Connection::Open(sqlite_path));
  {
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt, ends.postgres->Prepare("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row || stmt.Int(0) == 0) {
      return Error::FailedPrecondition("目标 PostgreSQL 数据库中没有安监的表结构（从未迁移过）");
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(const int source_version, SchemaVersion(*ends.sqlite));
  ANJIAN_ASSIGN_OR_RETURN(const int target_version, SchemaVersion(*ends.postgres));
  if (source_version != target_version) {
    return Error::FailedPrecondition(
        "两个数据库的结构版本不同（SQLite " + std::to_string(source_version) + "，PostgreSQL " +
        std::to_string(target_version) + "）：请用同一版本的 anjian 打开两边后再迁移");
  }
  ends.version = source_version;
  ANJIAN_ASSIGN_OR_RETURN(ends.tables, MatchTables(*ends.sqlite, *ends.postgres));
  return ends;
}

// Counts and checksums of both sides. With `source` null only the target's are (re)computed.
Status Compare(sql::Connection* source, sql::Connection& target,
               const std::vector<TableShape>& tables, const TransferOptions& options,
               const ProgressCallback& progress, TransferProgress::Stage stage,
               std::vector<TableReport>& reports) {
  reports.resize(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReport& report = reports[i];
    report.table = tables[i].name;
    if (source != nullptr) {
      ANJIAN_ASSIGN_OR_RETURN(auto sum, ChecksumTable(*source, tables[i], options.page_rows));
      report.source_rows = sum.rows;
      report.source_sha256 = sum.sha256;
    }
    ANJIAN_ASSIGN_OR_RETURN(auto sum, ChecksumTable(target, tables[i], options.page_rows));
    report.target_rows = sum.rows;
    report.target_sha256 = sum.sha256;
    if (progress) progress({stage, report.table, sum.rows, i + 1, tables.size()});
  }
  return Ok();
}

// The target's side again, through a new connection and snapshot.
Status Recheck(const std::string& conninfo, const std::vector<TableShape>& tables,
               const TransferOptions& options, const ProgressCallback& progress,
               std::vector<TableReport>& reports) {
  ANJIAN_ASSIGN_OR_RETURN(auto fresh, postgres::PgConnection::Open(conninfo));
  TransactionGuard snapshot(*fresh);
  ANJIAN_TRY(snapshot.Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  return Compare(nullptr, *fresh, tables, options, progress, TransferProgress::Stage::kRechecked,
                 reports);
}

// --- preparing the target --------------------------------------------------------------------

// Rows of a query on the target, each as its columns' text.
Result<std::vector<std::vector<std::string>>> Rows(sql::Connection& db, const std::string& sql,
                                                   int columns) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    auto& values = rows.emplace_back();
    for (int c = 0; c < columns; ++c) values.push_back(stmt.Text(c));
  }
  return rows;
}

Status TargetConstraints::Suspend(sql::Connection& db) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto triggers_found,
      Rows(db,
           "SELECT c.relname::text, t.tgname::text, t.tgenabled::text FROM pg_trigger t "
           "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'D' "
           "ORDER BY 1, 2",
           3));
  for (auto& row : triggers_found) triggers.push_back({row[0], row[1], row[2]});
  ANJIAN_ASSIGN_OR_RETURN(
      foreign_keys,
      Rows(db,
           "SELECT c.relname::text, k.conname::text, pg_get_constraintdef(k.oid) FROM "
           "pg_constraint k "
           "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = k.connamespace "
           "WHERE k.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2",
           3));
  std::string sql;
  for (const auto& t : triggers) {
    sql += "ALTER TABLE " + QuoteIdentifier(t.table) + " DISABLE TRIGGER " +
           QuoteIdentifier(t.name) + ";\n";
  }
  for (const auto& fk : foreign_keys) {
    sql += "ALTER TABLE " + QuoteIdentifier(fk[0]) + " DROP CONSTRAINT " + QuoteIdentifier(fk[1]) +
           ";\n";
  }
  if (sql.empty()) return Ok();
  auto done = db.Exec(sql);
  if (!done.ok())
    return Error{done.error().code,
                 "无法暂停目标库的触发器和外键（迁移需要表的属主权限）: " + done.error().message};
  return Ok();
}

Status TargetConstraints::Restore(sql::Connection& db) {
  std::string sql;
  for (const auto& fk : foreign_keys) {
    sql += "ALTER TABLE " + QuoteIdentifier(fk[0]) + " ADD CONSTRAINT " + QuoteIdentifier(fk[1]) +
           " " + fk[2] + ";\n";
  }
  if (!sql.empty()) {
    auto checked = db.Exec(sql);
    if (!checked.ok())
      return Error{checked.error().code, "迁入的数据未通过外键检查: " + checked.error().message};
  }
  sql.clear();
  for (const auto& t : triggers) {
    const char* how = t.enabled == "A"   ? " ENABLE ALWAYS TRIGGER "
                      : t.enabled == "R" ? " ENABLE REPLICA TRIGGER "
                                         : " ENABLE TRIGGER ";
    sql += "ALTER TABLE " + QuoteIdentifier(t.table) + how + QuoteIdentifier(t.name) + ";\n";
  }
  return sql.empty() ? Ok() : db.Exec(sql);
}

// Identity (and serial) sequences continue after the largest copied id, so the next INSERT on
// the district server does not collide with a copied row.
Status AdvanceSequences(sql::Connection& db, const std::vector<TableShape>& tables) {
  for (const auto& table : tables) {
    if (table.key.size() != 1) continue;
    const ColumnShape& key = table.columns[static_cast<std::size_t>(table.key[0])];
    if (key.kind != ColumnKind::kInteger) continue;
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt,
        db.Prepare(
            "SELECT setval(s::regclass, m) FROM (SELECT pg_get_serial_sequence(?1, ?2) AS s, "
            "(SELECT MAX(" +
            QuoteIdentifier(key.name) + ") FROM " + QuoteIdentifier(table.name) +
            ") AS m) x WHERE s IS NOT NULL AND m IS NOT NULL"));
    stmt.Bind(1, QuoteIdentifier(table.name)).Bind(2, key.name);
    ANJIAN_TRY(stmt.Run());
  }
  return Ok();
}

std::string TableList(const std::vector<TableShape>& tables) {
  std::string names;
  for (const auto& table : tables)
    names += (names.empty() ? "" : ", ") + QuoteIdentifier(table.name);
  return names;
}

Status LockTarget(sql::Connection& db, const std::vector<TableShape>& tables) {
  const std::string names = TableList(tables);
  // A running `anjian serve` on the target would hold locks; wait a little, then say so.
  auto locked =
      db.Exec("SET LOCAL lock_timeout = '5s'; LOCK TABLE " + names + " IN ACCESS EXCLUSIVE MODE");
  if (!locked.ok()) {
    return Error::Unavailable(
        "目标数据库正被其他连接使用，无法加锁（请先停止连接该库的 anjian serve）: " +
        locked.error().message);
  }
  return Ok();
}

}  // namespace anjian::store::transfer::detail
