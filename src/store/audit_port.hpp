// The audit area of the store (issue #12): the hash-chained, append-only audit log.
//
// Contract:
// - StageAudit (write sessions only) queues an entry; Commit() gives the queued entries the next
//   sequence numbers, chains their hashes onto the current head and inserts them in the same
//   transaction as the change they describe, so a change and its entries commit or vanish together.
//   Concurrent writers (threads or instances on one PostgreSQL database) are serialised on the
//   chain head only for the moment of appending, right before COMMIT.
// - A write session opened on a store whose audit is required (Store::RequireAudit) refuses to
//   commit without at least one staged entry (kInternal): a write cannot forget its entry. Pure
//   bookkeeping (session last-seen times) opts out with MarkBookkeeping().
// - Entries are never updated or deleted: the database refuses it by trigger. The only way to
//   remove old entries is ArchiveAuditBefore, which keeps a checkpoint (last archived seq and hash)
//   so the remaining chain still verifies.
// - A street merged into this database by `anjian migrate` (issue #13) brings its own chain, kept
//   beside this one (audit_log_imported, one chain per merged source) and read only: its hashes
//   cover the street's sequence numbers and ids, so it is verified on its own up to the head
//   recorded at the merge, and the merge's entry in this database's chain records that head.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/audit/audit_entry.hpp"

namespace anjian::store {

struct AuditQuery {
  // Entries of accounts inside this region path ("" = every entry, the system's own included).
  std::string jurisdiction;
  std::string actor;        // exact username
  std::string action;       // prefix, e.g. "unit." or "auth.login_failed"
  std::string target_type;  // exact
  std::string target_id;    // exact
  std::optional<domain::AuditOutcome> outcome;
  std::int64_t from = 0;  // Unix seconds, inclusive; 0 = open
  std::int64_t to = 0;    // Unix seconds, exclusive; 0 = open
  int page = 1;
  int page_size = 50;
};

struct AuditPage {
  std::vector<domain::AuditEntry> items;  // newest first
  std::int64_t total = 0;
};

// The last entry of a day (Beijing time): publishing it lets anyone prove later that the log up
// to that point was not rewritten.
struct AuditAnchor {
  std::string day;  // YYYY-MM-DD
  std::int64_t seq = 0;
  std::string hash;
};

// Where the kept chain starts after an archive: the last archived entry's seq and hash.
struct AuditCheckpoint {
  std::int64_t seq = 0;
  std::string hash;
  std::int64_t archived_at = 0;
  std::int64_t archived_before = 0;  // entries with at < this were archived
  std::string file_sha256;           // of the archive file written by `anjian audit archive`
};

// A street database merged into this one (merged_sources, migration 16). Rows of the street have
// every id moved up by id_offset (ids id_offset+1 … id_offset+id_ceiling came from it); its audit
// chain, its own ids unchanged, ends at audit_seq / audit_hash (the head when it was merged).
struct MergedSource {
  std::int64_t id = 0;
  std::string street_name;
  std::string source_file;  // the SQLite file it came from, as given to `anjian migrate`
  std::int64_t id_offset = 0;
  std::int64_t id_ceiling = 0;
  std::int64_t district_from = 0;  // the street's district region id in its own database
  std::int64_t district_to = 0;    // the same district's id here
  std::int64_t street_id = 0;      // the street's region id here
  std::int64_t merged_at = 0;      // Unix seconds
  std::int64_t schema_version = 0;
  std::int64_t audit_seq = 0;  // the imported chain's head: seq 0 and the genesis hash when empty
  std::string audit_hash;
  std::string report_json;  // the merge's report (counts, checksums) as JSON
};

class AuditPort {
 public:
  virtual ~AuditPort() = default;

  // Write sessions only; see the contract above.
  virtual void StageAudit(domain::AuditEntry entry) = 0;
  // Declares this write session bookkeeping (no business change), so it may commit unaudited.
  virtual void MarkBookkeeping() = 0;

  virtual Result<AuditPage> ListAudit(const AuditQuery& query) = 0;
  // Every kept entry with seq ≥ from_seq in chain order; stops at the first error `visit` returns.
  virtual Status ForEachAudit(std::int64_t from_seq,
                              const std::function<Status(const domain::AuditEntry&)>& visit) = 0;
  // The chain head as stored (seq 0 and the genesis hash when empty); day is the head entry's.
  virtual Result<AuditAnchor> AuditHead() = 0;
  // The last entry of each of the most recent `days` days that have entries, newest first.
  virtual Result<std::vector<AuditAnchor>> AuditAnchors(int days) = 0;
  // The newest archive checkpoint, if any archive was made.
  virtual Result<std::optional<AuditCheckpoint>> LatestAuditCheckpoint() = 0;
  // Write sessions only. Deletes the entries with seq ≤ checkpoint.seq and records the
  // checkpoint; kFailedPrecondition when checkpoint.seq is not a kept entry with that hash.
  virtual Status ArchiveAudit(const AuditCheckpoint& checkpoint) = 0;

  // Every merged street, in the order merged (by id); empty when none was merged.
  virtual Result<std::vector<MergedSource>> ListMergedSources() = 0;
  // The imported chain of merged source `source_id`: every entry with seq ≥ from_seq in chain order
  // (seq, prev_hash and hash as the street wrote them); stops at the first error `visit` returns.
  // Visits nothing for an unknown source.
  virtual Status ForEachImportedAudit(
      std::int64_t source_id, std::int64_t from_seq,
      const std::function<Status(const domain::AuditEntry&)>& visit) = 0;
  // The newest archive checkpoint the street's chain had when it was merged, if any.
  virtual Result<std::optional<AuditCheckpoint>> LatestImportedAuditCheckpoint(
      std::int64_t source_id) = 0;
};

}  // namespace anjian::store
