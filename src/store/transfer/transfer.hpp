// Moving a street's SQLite database into a PostgreSQL database (`anjian migrate`), for the day a
// street joins a district deployment. Every table is copied with its ids unchanged (history
// snapshots, plan inputs and issued documents refer to them, and a document's hash covers its
// content), in one PostgreSQL transaction, and proven lossless by row counts and a SHA-256 per
// table over a canonical text of every row read back through each engine (table_checksum.hpp).
//
// The target must hold no data: ids of two streets collide (each street numbers its regions from
// 1), so merging into a database that already serves another street is refused rather than
// renumbered. Not thread-safe; one call at a time per target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace anjian::store::transfer {

struct TransferOptions {
  // Rows per page when checksumming (pages walk the primary key, so memory stays bounded).
  int page_rows = 2000;
  // COPY data handed to libpq per call.
  std::size_t copy_buffer_bytes = std::size_t{1} << 20;
  // After COMMIT, read every table of the target again through a fresh connection and snapshot
  // (the copy is also verified inside its transaction, before COMMIT).
  bool verify_after_commit = true;
};

struct TransferProgress {
  // kCopied: a table is loaded; kVerified: both sides checksummed inside the load's transaction
  // (or by a verification-only run); kRechecked: the target read again after COMMIT.
  enum class Stage { kCopied, kVerified, kRechecked };
  Stage stage = Stage::kCopied;
  std::string table;
  std::int64_t rows = 0;
  std::size_t index = 0;  // 1-based position of `table` among `count` tables
  std::size_t count = 0;
};
using ProgressCallback = std::function<void(const TransferProgress&)>;

struct TableReport {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
  std::string source_sha256;  // hex of the canonical text of every row (TableChecksum)
  std::string target_sha256;
  bool Matches() const { return source_rows == target_rows && source_sha256 == target_sha256; }
};

struct TransferReport {
  int schema_version = 0;           // max(schema_migrations.version), equal on both sides
  std::vector<TableReport> tables;  // in the source's creation order
  // True once the copy is committed. A difference found before COMMIT rolls the copy back and
  // leaves this false; a verification-only run never commits.
  bool committed = false;
  std::int64_t rows = 0;  // rows in the source's tables
  double copy_seconds = 0;
  double verify_seconds = 0;
  bool AllMatch() const;
};

// Copies every table of the SQLite database at `sqlite_path` into the PostgreSQL database at
// `pg_url` (postgresql:// URI; anjian's pool_max parameter is ignored). Both stores are opened
// first, which applies pending migrations on each side; then:
//  - kInvalidArgument: the file is missing, not SQLite, damaged, not an anjian database, or its
//    foreign keys are inconsistent; the URL is malformed;
//  - kUnavailable: PostgreSQL cannot be reached, or its tables stay locked by another session;
//  - kFailedPrecondition: the schema versions differ, a table or column exists on one side only,
//    or the target already holds data (every table but change_counters, whose seed rows are
//    replaced, must be empty);
//  - other codes for database failures during the copy.
// On any of these nothing is committed to PostgreSQL; the one error after COMMIT, when the
// re-check cannot be read, says so in its message. Otherwise the report holds both sides'
// counts and checksums per table. A difference found before COMMIT rolls the copy back
// (committed=false); one found by the re-check after COMMIT (options.verify_after_commit) is
// reported with committed=true.
// The source is read in one snapshot: stop `anjian serve` on it first, or later writes stay
// behind. Identity sequences continue after the largest copied id.
Result<TransferReport> CopySqliteToPostgres(const std::string& sqlite_path,
                                            const std::string& pg_url,
                                            const TransferOptions& options = {},
                                            const ProgressCallback& progress = {});

// Compares the two databases table by table without writing to either (no migrations are
// applied): the same errors as above for bad inputs or differing schemas, else the report
// (committed=false). For a second look after a copy, e.g. before the SQLite file is retired.
Result<TransferReport> VerifySqliteAgainstPostgres(const std::string& sqlite_path,
                                                   const std::string& pg_url,
                                                   const TransferOptions& options = {},
                                                   const ProgressCallback& progress = {});

}  // namespace anjian::store::transfer
