// Hashing and verification of the audit chain (see domain/audit/audit_entry.hpp for what is
// hashed and store/audit_port.hpp for how entries are appended).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "domain/audit/audit_entry.hpp"
#include "store/audit_port.hpp"

namespace anjian::store {

// SHA-256(prev_hash ‖ CanonicalText(entry)) as lower-case hex.
std::string AuditEntryHash(std::string_view prev_hash, const domain::AuditEntry& entry);

struct AuditVerification {
  bool intact = true;
  std::int64_t entries = 0;    // entries checked
  std::int64_t first_seq = 0;  // first kept entry (after the archive checkpoint)
  std::int64_t head_seq = 0;
  std::string head_hash;
  std::int64_t first_bad_seq = 0;  // when not intact: the first entry (or position) that fails
  std::string problem;             // when not intact: what is wrong, in Chinese
};

// Visits every stored entry of one chain in seq order (AuditPort::ForEachAudit from 0, or
// ForEachImportedAudit of one source), stopping at the first error `visit` returns.
using AuditChainWalk =
    std::function<Status(const std::function<Status(const domain::AuditEntry&)>& visit)>;

// The check every chain gets: the entries `walk` yields must continue gap-free from `checkpoint`
// (or from seq 1 on the genesis hash when there is none), each linking to the one before and
// matching its own hash (AuditEntryHash), and the last must be `head` (its seq and hash).
// `head_name` says in the problem text which head that is. Any edited, deleted, inserted or
// reordered row makes the result not intact and names the first bad position; errors are only
// failures to read.
Result<AuditVerification> VerifyAuditEntries(const std::optional<AuditCheckpoint>& checkpoint,
                                             const AuditChainWalk& walk, const AuditAnchor& head,
                                             std::string_view head_name);

// Walks the kept chain from the newest checkpoint (or the genesis) and checks every entry's
// sequence number, link and hash, then the stored head. Any edited, deleted, inserted or
// reordered row makes it not intact and names the first bad position.
Result<AuditVerification> VerifyAuditChain(AuditPort& session);

// The same walk over the imported chain of one merged street (AuditPort::ForEachImportedAudit),
// from its newest imported checkpoint (or the genesis) to the head recorded at the merge
// (source.audit_seq, source.audit_hash).
Result<AuditVerification> VerifyImportedAuditChain(AuditPort& session, const MergedSource& source);

}  // namespace anjian::store
