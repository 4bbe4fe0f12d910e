// Pieces `anjian migrate` shares between the copy into an empty database (transfer.cpp) and the
// merge into an occupied one (merge.cpp): the inspected source, both connections, transactions,
// the target's suspended constraints, locks and sequences. Internal to store/transfer.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sql/sql_connection.hpp"
#include "store/sqlite/connection.hpp"
#include "store/transfer/table_shape.hpp"
#include "store/transfer/transfer.hpp"

namespace anjian::store::transfer::detail {

using SteadyClock = std::chrono::steady_clock;
double SecondsSince(SteadyClock::time_point start);

struct Endpoints {
  std::unique_ptr<sqlite::Connection> sqlite;
  std::unique_ptr<postgres::PgConnection> postgres;
  std::string conninfo;
  int version = 0;
  std::vector<TableShape> tables;
};

// Inspects the source read-only, opens both sides (applying pending migrations when `migrate`)
// and matches their tables.
Result<Endpoints> Connect(const std::string& sqlite_path, const std::string& pg_url, bool migrate);

// Ends a transaction that was not committed (errors, refusals, read-only snapshots).
class TransactionGuard {
 public:
  explicit TransactionGuard(sql::Connection& db) : db_(db) {}
  ~TransactionGuard() {
    if (open_ && db_.Healthy()) (void)db_.Exec("ROLLBACK");
  }
  TransactionGuard(const TransactionGuard&) = delete;
  TransactionGuard& operator=(const TransactionGuard&) = delete;
  Status Begin(std::string_view begin) {
    ANJIAN_TRY(db_.Exec(begin));
    open_ = true;
    return Ok();
  }
  Status Commit() {
    open_ = false;
    return db_.Exec("COMMIT");
  }

 private:
  sql::Connection& db_;
  bool open_ = false;
};

// Triggers of the schema that are enabled, with how ('O' origin, 'A' always, 'R' replica).
struct TriggerState {
  std::string table;
  std::string name;
  std::string enabled;
};

// While loading, the target's triggers must not fire (hazard_counts and change_counters are
// copied as tables, not recomputed) and its foreign keys must not be checked row by row (hazards
// and inspection_tasks refer to each other, so no table order satisfies them). Foreign keys are
// dropped and added back after the load, which checks them all in one pass; both steps need only
// table ownership, unlike session_replication_role (superuser).
struct TargetConstraints {
  std::vector<TriggerState> triggers;
  std::vector<std::vector<std::string>> foreign_keys;  // table, name, definition
  Status Suspend(sql::Connection& db);
  Status Restore(sql::Connection& db);
};

// Rows of a query, each as its columns' text.
Result<std::vector<std::vector<std::string>>> Rows(sql::Connection& db, const std::string& sql,
                                                   int columns);
// Identity (and serial) sequences continue after the largest id, so the next INSERT on the
// district server does not collide with a copied row.
Status AdvanceSequences(sql::Connection& db, const std::vector<TableShape>& tables);
std::string TableList(const std::vector<TableShape>& tables);
// Every table ACCESS EXCLUSIVE (a running `anjian serve` on the target makes this fail after 5 s).
Status LockTarget(sql::Connection& db, const std::vector<TableShape>& tables);
// Counts and checksums of both sides. With `source` null only the target's are (re)computed.
Status Compare(sql::Connection* source, sql::Connection& target,
               const std::vector<TableShape>& tables, const TransferOptions& options,
               const ProgressCallback& progress, TransferProgress::Stage stage,
               std::vector<TableReport>& reports);
// The target's side again, through a new connection and snapshot.
Status Recheck(const std::string& conninfo, const std::vector<TableShape>& tables,
               const TransferOptions& options, const ProgressCallback& progress,
               std::vector<TableReport>& reports);

}  // namespace anjian::store::transfer::detail
