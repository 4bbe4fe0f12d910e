// Hashing and verification of the audit chain (see domain/audit/audit_entry.hpp for what is
// hashed and store/audit_port.hpp for how entries are appended).
#pragma once

#include <cstdint>
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

// Walks the kept chain from the newest checkpoint (or the genesis) and checks every entry's
// sequence number, link and hash, then the stored head. Any edited, deleted, inserted or
// reordered row makes it not intact and names the first bad position.
Result<AuditVerification> VerifyAuditChain(AuditPort& session);

}  // namespace anjian::store
