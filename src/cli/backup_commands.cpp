// backup / restore, for both stores (docs/deployment.md, "Backups"): SQLite through the online
// backup API, PostgreSQL through pg_dump/pg_restore; photos copied by id, since the photo
// directory only ever gains files.
#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "io/blob_store.hpp"
#include "io/table_writer.hpp"
#include "store/postgres/pg_archive.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace anjian::cli {

namespace {

bool IsPostgresUrl(const std::string& db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string SqlitePath(const std::string& db) {
  return db.starts_with("sqlite:") ? db.substr(7) : db;
}

// The database as it may be printed: a PostgreSQL URI without its password.
std::string Printable(const std::string& db) {
  if (!IsPostgresUrl(db)) return SqlitePath(db);
  auto connection = store::postgres::ToolConnectionFor(db);
  return connection.ok() ? connection->url : "PostgreSQL";
}

struct PhotoCopy {
  int copied = 0;
  int present = 0;
  std::vector<std::string> damaged;  // files whose bytes no longer hash to their name
};

// Copies every blob of `from` that `to` lacks. Blobs are named by the SHA-256 of their bytes and
// never change once written, so "missing" is "not yet copied" and an incremental copy is a full
// one; BlobStore::Put re-hashes each file, so a damaged source file is reported, not copied.
Result<PhotoCopy> CopyPhotos(const std::filesystem::path& from, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  PhotoCopy result;
  std::error_code ec;
  if (!fs::exists(from, ec)) return result;
  io::BlobStore target(to);
  for (const auto& prefix : fs::directory_iterator(from, ec)) {
    if (!prefix.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(prefix.path(), ec)) {
      const std::string id = prefix.path().filename().string() + entry.path().filename().string();
      if (!entry.is_regular_file() || !io::IsBlobId(id))
        continue;  // e.g. a crashed upload's .tmp-…
      if (target.Contains(id)) {
        ++result.present;
        continue;
      }
      ANJIAN_ASSIGN_OR_RETURN(auto bytes, io::ReadFileBytes(entry.path().string()));
      ANJIAN_ASSIGN_OR_RETURN(auto stored, target.Put(bytes));
      if (stored != id) {
        result.damaged.push_back(entry.path().string());
        std::error_code ignored;
        fs::remove(target.PathOf(stored), ignored);
        continue;
      }
      ++result.copied;
    }
  }
  if (ec) return Error::Unavailable("无法读取照片目录 " + from.string() + ": " + ec.message());
  return result;
}

struct Counts {
  std::int64_t units = 0, inspectors = 0, hazards = 0, documents = 0, schema_version = 0;
};

Result<Counts> CountRows(store::sql::Connection& db) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare("SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM inspectors), "
                 "(SELECT COUNT(*) FROM hazards), (SELECT COUNT(*) FROM documents), "
                 "(SELECT COALESCE(MAX(version), 0) FROM schema_migrations)"));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::Internal("无法统计恢复结果");
  return Counts{stmt.Int(0), stmt.Int(1), stmt.Int(2), stmt.Int(3), stmt.Int(4)};
}

// Opens the restored database as the server would (applying migrations when the backup is older
// than this binary) and counts what it holds.
Result<Counts> OpenAndCount(const std::string& db) {
  { ANJIAN_ASSIGN_OR_RETURN(auto opened, store::OpenStore(db)); }
  if (IsPostgresUrl(db)) {
    ANJIAN_ASSIGN_OR_RETURN(auto parsed, store::postgres::ParsePgUrl(db));
    ANJIAN_ASSIGN_OR_RETURN(auto connection, store::postgres::PgConnection::Open(parsed.first));
    return CountRows(*connection);
  }
  ANJIAN_ASSIGN_OR_RETURN(auto connection, store::sqlite::Connection::Open(SqlitePath(db)));
  return CountRows(*connection);
}

}  // namespace

int RunBackup(const BackupOptions& options) {
  const auto backed_up = IsPostgresUrl(options.db)
                             ? store::postgres::DumpDatabase(options.db, options.out)
                             : store::sqlite::BackupDatabase(SqlitePath(options.db), options.out);
  if (!backed_up.ok()) {
    PrintError(backed_up.error());
    return 1;
  }
  std::fprintf(stderr, "已备份 %s 到 %s\n", Printable(options.db).c_str(), options.out.c_str());
  if (options.files_out.empty()) return 0;
  // After the database: a photo is durable before the row naming it commits, so every photo the
  // copied rows name is already in the directory.
  const std::string from = FilesDirectory(options.db, options.files_dir);
  auto photos = CopyPhotos(from, options.files_out);
  if (!photos.ok()) {
    PrintError(photos.error());
    return 1;
  }
  if (!photos->damaged.empty()) {
    PrintError(Error::Internal("照片目录中有 " + std::to_string(photos->damaged.size()) +
                               " 个文件内容与其编号不符（已损坏，未复制），如 " +
                               photos->damaged.front()));
    return 1;
  }
  std::fprintf(stderr, "已复制照片 %d 个到 %s（已有 %d 个）\n", photos->copied,
               options.files_out.c_str(), photos->present);
  return 0;
}

int RunRestore(const RestoreOptions& options) {
  const auto restored = IsPostgresUrl(options.db)
                            ? store::postgres::RestoreDatabase(options.db, options.from)
                            : store::sqlite::RestoreDatabase(options.from, SqlitePath(options.db));
  if (!restored.ok()) {
    PrintError(restored.error());
    return 1;
  }
  auto counts = OpenAndCount(options.db);
  if (!counts.ok()) {
    PrintError(
        Error{counts.error().code, "已恢复，但打开恢复后的数据库失败: " + counts.error().message});
    return 1;
  }
  std::fprintf(stderr,
               "已从 %s 恢复到 %s：单位 %lld 户，人员 %lld 名，隐患 %lld 条，文书 %lld "
               "份（数据库结构版本 %lld）\n",
               options.from.c_str(), Printable(options.db).c_str(),
               static_cast<long long>(counts->units), static_cast<long long>(counts->inspectors),
               static_cast<long long>(counts->hazards), static_cast<long long>(counts->documents),
               static_cast<long long>(counts->schema_version));
  return 0;
}

}  // namespace anjian::cli
