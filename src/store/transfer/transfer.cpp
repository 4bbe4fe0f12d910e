#include "store/transfer/transfer.hpp"

#include "store/transfer/merge.hpp"
#include "store/transfer/pg_copy.hpp"
#include "store/transfer/table_checksum.hpp"
#include "store/transfer/table_shape.hpp"
#include "store/transfer/transfer_support.hpp"

namespace anjian::store::transfer {

bool TransferReport::AllMatch() const {
  for (const auto& table : tables) {
    if (!table.Matches()) return false;
  }
  return true;
}

namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): this file's own helpers

// Tables the target's own migrations fill (change_counters' seed rows, the audit chain's genesis
// head); the copy replaces their rows rather than counting them as data already there.
bool IsReplacedTable(const std::string& name) {
  return name == "change_counters" || name == "audit_head";
}

// True when any table but the target's own singletons holds rows: the street is then merged.
Result<bool> TargetHoldsData(sql::Connection& db, const std::vector<TableShape>& tables) {
  for (const auto& table : tables) {
    if (IsReplacedTable(table.name)) continue;
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt, db.Prepare("SELECT EXISTS (SELECT 1 FROM " + QuoteIdentifier(table.name) + ")"));
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row && stmt.Int(0) != 0) return true;
  }
  return false;
}

}  // namespace

Result<TransferReport> CopySqliteToPostgres(const std::string& sqlite_path,
                                            const std::string& pg_url,
                                            const TransferOptions& options,
                                            const ProgressCallback& progress) {
  ANJIAN_ASSIGN_OR_RETURN(auto ends, Connect(sqlite_path, pg_url, /*migrate=*/true));
  TransferReport report;
  report.schema_version = ends.version;
  sql::Connection& source = *ends.sqlite;
  postgres::PgConnection& target = *ends.postgres;

  // One snapshot of the source for the copy and its verification.
  TransactionGuard source_snapshot(source);
  ANJIAN_TRY(source_snapshot.Begin("BEGIN"));
  TransactionGuard load(target);
  ANJIAN_TRY(load.Begin("BEGIN"));
  ANJIAN_TRY(LockTarget(target, ends.tables));
  ANJIAN_ASSIGN_OR_RETURN(const bool occupied, TargetHoldsData(target, ends.tables));
  if (occupied) return MergeIntoOccupiedTarget(ends, load, sqlite_path, options, progress);

  const auto copy_started = SteadyClock::now();
  TargetConstraints constraints;
  ANJIAN_TRY(constraints.Suspend(target));
  for (std::size_t i = 0; i < ends.tables.size(); ++i) {
    const TableShape& table = ends.tables[i];
    if (IsReplacedTable(table.name))
      ANJIAN_TRY(target.Exec("DELETE FROM " + QuoteIdentifier(table.name)));
    ANJIAN_ASSIGN_OR_RETURN(const std::int64_t rows,
                            CopyTable(source, target, table, options.copy_buffer_bytes));
    report.rows += rows;
    if (progress)
      progress({TransferProgress::Stage::kCopied, table.name, rows, i + 1, ends.tables.size()});
  }
  ANJIAN_TRY(constraints.Restore(target));
  ANJIAN_TRY(AdvanceSequences(target, ends.tables));
  // Fresh statistics, so the district server's first queries are planned for the real sizes
  // rather than for the empty tables autovacuum last saw.
  ANJIAN_TRY(target.Exec("ANALYZE " + TableList(ends.tables)));
  report.copy_seconds = SecondsSince(copy_started);

  // Verified inside the load's transaction: a difference rolls everything back.
  const auto verify_started = SteadyClock::now();
  ANJIAN_TRY(Compare(&source, target, ends.tables, options, progress,
                     TransferProgress::Stage::kVerified, report.tables));
  if (!report.AllMatch()) {
    report.verify_seconds = SecondsSince(verify_started);
    return report;  // the guards roll back
  }
  ANJIAN_TRY(load.Commit());
  report.committed = true;

  if (options.verify_after_commit) {
    // Read back what the server now holds, through a new session.
    Status rechecked = Recheck(ends.conninfo, ends.tables, options, progress, report.tables);
    if (!rechecked.ok()) {
      return Error{rechecked.error().code,
                   "数据已迁入并提交，但提交后复核未能完成（可用 --verify-only 重新核对）: " +
                       rechecked.error().message};
    }
  }
  report.verify_seconds = SecondsSince(verify_started);
  return report;
}

Result<TransferReport> VerifySqliteAgainstPostgres(const std::string& sqlite_path,
                                                   const std::string& pg_url,
                                                   const TransferOptions& options,
                                                   const ProgressCallback& progress) {
  ANJIAN_ASSIGN_OR_RETURN(auto ends, Connect(sqlite_path, pg_url, /*migrate=*/false));
  TransferReport report;
  report.schema_version = ends.version;
  TransactionGuard source_snapshot(*ends.sqlite);
  ANJIAN_TRY(source_snapshot.Begin("BEGIN"));
  TransactionGuard target_snapshot(*ends.postgres);
  ANJIAN_TRY(target_snapshot.Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  // A street merged into a database of several streets is compared with its own rows only.
  ANJIAN_ASSIGN_OR_RETURN(const auto merged, FindMergedSource(ends));
  if (merged) return VerifyMergedStreet(ends, *merged, options, progress);
  const auto started = SteadyClock::now();
  ANJIAN_TRY(Compare(ends.sqlite.get(), *ends.postgres, ends.tables, options, progress,
                     TransferProgress::Stage::kVerified, report.tables));
  for (const auto& table : report.tables) report.rows += table.source_rows;
  report.verify_seconds = SecondsSince(started);
  return report;
}

}  // namespace anjian::store::transfer
