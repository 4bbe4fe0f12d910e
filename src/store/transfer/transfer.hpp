// Moving a street's SQLite database into a PostgreSQL database (`anjian migrate`), for the day a
// street joins a district deployment. Every table is copied with its ids unchanged (history
// snapshots, plan inputs and issued documents refer to them, and a document's hash covers its
// content), in one PostgreSQL transaction, and proven lossless by row counts and a SHA-256 per
// table over a canonical text of every row read back through each engine (table_checksum.hpp).
//
// Into a database that already serves other streets the street is merged instead (merge.hpp):
// its ids move up by one offset, its district becomes the target's district of the same name,
// and hashed evidence keeps its bytes. Not thread-safe; one call at a time per target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
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
  // Unix seconds recorded as the merge's time (merged_sources, the audit entry); 0 = now.
  std::int64_t now = 0;
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

// How a table was treated. A copy into an empty database copies every table (kCopied); a merge
// into an occupied one (merge_rules.hpp) also merges content-addressed rows by key, leaves out
// transient rows and the target's own singletons, and moves the audit chain to its imported form.
enum class TableTreatment {
  kCopied,       // counts and checksums of the source's (transformed) rows and the target's
  kMergedByKey,  // rows already present are kept: target_rows counts source keys found
  kDropped,      // not copied (sessions, login throttling, idempotent replies)
  kTargetOwned,  // not copied: the target keeps its own rows (change counters, audit head)
};

struct TableReport {
  std::string table;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
  std::string source_sha256;  // hex of the canonical text of every row (TableChecksum)
  std::string target_sha256;
  TableTreatment treatment = TableTreatment::kCopied;
  std::string target_table;  // where the rows went when not the same name (merge: *_imported)
  bool Matches() const {
    switch (treatment) {
      case TableTreatment::kCopied:
        return source_rows == target_rows && source_sha256 == target_sha256;
      case TableTreatment::kMergedByKey:
        return source_rows == target_rows;
      case TableTreatment::kDropped:
      case TableTreatment::kTargetOwned:
        return true;
    }
    return false;
  }
};

// What a merge into an occupied database did (merged_sources holds the same).
struct MergeSummary {
  std::int64_t source_id = 0;  // merged_sources.id
  std::int64_t id_offset = 0;  // every id of the street + this
  std::int64_t id_ceiling = 0;
  std::string district;
  std::vector<std::string> streets;
  std::vector<std::string> narrowed_accounts;  // scoped above the street before, now to it
  std::int64_t audit_entries = 0;              // of the street's chain, now imported
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
  std::optional<MergeSummary> merge;  // set when the target already held other streets
  bool AllMatch() const;
};

// Copies every table of the SQLite database at `sqlite_path` into the PostgreSQL database at
// `pg_url` (postgresql:// URI; anjian's pool_max parameter is ignored). Both stores are opened
// first, which applies pending migrations on each side; then:
//  - kInvalidArgument: the file is missing, not SQLite, damaged, not an anjian database, or its
//    foreign keys are inconsistent; the URL is malformed;
//  - kUnavailable: PostgreSQL cannot be reached, or its tables stay locked by another session;
//  - kFailedPrecondition: the schema versions differ, a table or column exists on one side only,
//    or the target already holds data that the street cannot merge into (merge.hpp: another
//    district, the same street, a credit code, employee number or username both hold);
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
