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
  Result<store::AuditVerification> Verify();
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
