// Reading, exporting, verifying and archiving the audit log (issue #12). Reading is for the
// auditor role only (三权分立); verification and archiving are operator commands (CLI).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "store/audit_chain.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct AuditArchiveResult {
  std::int64_t archived = 0;  // entries written to the file and removed
  store::AuditCheckpoint checkpoint;
};

// One merged street's imported chain (store::VerifyImportedAuditChain), also checked against the
// merge's entry in this database's chain: action "migrate.merge", target "merged_source" / the
// source's id, details {"imported_head":{"seq":…,"hash":…}} equal to the source's recorded head.
struct ImportedAuditVerification {
  store::MergedSource source;
  // Not intact when the chain breaks (first_bad_seq names the entry) or when the recorded head
  // disagrees with the merge's entry or that entry is missing (first_bad_seq 0).
  store::AuditVerification chain;
  // seq of the "migrate.merge" entry in this database's chain; 0 when it was archived since.
  std::int64_t anchor_seq = 0;
};

struct AuditVerifyReport {
  store::AuditVerification main;                    // this database's own chain
  std::vector<ImportedAuditVerification> imported;  // one per merged street, in merge order
  bool intact() const;                              // every chain
};

class AuditService {
 public:
  AuditService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Newest first, entries of accounts inside the caller's jurisdiction. kPermissionDenied unless
  // the caller may read the audit log.
  Result<store::AuditPage> List(const Principal& who, store::AuditQuery query);
  Result<std::vector<store::AuditAnchor>> Anchors(const Principal& who, int days);
  // Writes the entries matching `query` (all pages, chain order) to `path`: .jsonl (one entry per
  // line, every field including the hashes) or .xlsx. The export itself is audited.
  Result<std::int64_t> Export(const Principal& who, store::AuditQuery query,
                              const std::string& path);
  // Verifies this database's chain and the imported chain of every merged street in one snapshot.
  // Errors only when the log cannot be read; a broken chain is a report that is not intact.
  Result<AuditVerifyReport> Verify();
  // Moves every entry older than `before` (Unix seconds) into a JSON-lines file and removes them
  // from the database, leaving a checkpoint so the kept chain still verifies. Refuses to cut inside
  // the retention period (at least 180 days, Cybersecurity Law art. 21) and refuses a broken chain.
  Result<AuditArchiveResult> Archive(std::int64_t before, const std::string& path,
                                     std::int64_t retention_days = 180);

 private:
  store::Store& store_;
  const Clock& clock_;
};

// One entry as JSON (the API and the .jsonl export).
nlohmann::json AuditEntryJson(const domain::AuditEntry& entry);

}  // namespace anjian::app
