// One entry of the hash-chained audit log (等保2.0 三级 安全审计 L3-CES1-12..15): who did what to
// which record, from where, with which outcome, and the field-level changes of an update. Entries
// form a chain: hash = SHA-256(prev_hash ‖ CanonicalText(entry)), so editing, deleting, inserting
// or reordering any entry breaks every hash after it. The hashing itself lives with the store (it
// needs a crypto library); this header defines what is hashed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

enum class AuditOutcome { kSuccess, kDenied, kFailure };

const std::vector<EnumEntry<AuditOutcome>>& AuditOutcomes();
std::string_view Code(AuditOutcome outcome);
std::string_view Label(AuditOutcome outcome);
Result<AuditOutcome> ParseAuditOutcome(std::string_view text);

struct AuditEntry {
  std::int64_t seq = 0;        // position in the chain, assigned by the store (1, 2, …)
  std::int64_t at = 0;         // server time, Unix seconds
  std::int64_t actor_id = 0;   // the account; 0 = the system (CLI, daily jobs)
  std::string actor;           // username at the time ("system" for the system)
  std::string role;            // role code at the time
  std::string jurisdiction;    // region path of the account ("" = whole system)
  std::string client_address;  // as the server saw it (behind a trusted proxy: the client)
  std::string action;          // e.g. "unit.update", "auth.login_failed", "plan.approve"
  std::string target_type;     // e.g. "unit", "plan", "user"; "" when none
  std::string target_id;       // "" when none
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::string details_json = "{}";  // JSON object, e.g. {"changes":{"name":{"old":…,"new":…}}}
  std::string prev_hash;            // hash of entry seq-1 (64 zeros for the first entry)
  std::string hash;
};

// The hash of "no previous entry".
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Deterministic text of everything an entry says except its own hash: every field in a fixed
// order, each as "<byte length>:<bytes>\n", so no value can be shifted into another field.
std::string CanonicalText(const AuditEntry& entry);

// The day an entry belongs to in Beijing time (UTC+8, no DST), "YYYY-MM-DD": anchors are daily.
std::string AuditDay(std::int64_t unix_seconds);

}  // namespace anjian::domain
