// The audit side of the one write path: every use case that changes data stages an entry built
// here on the same write session before it commits (the store refuses a write without one, see
// store/audit_port.hpp); denials, failed logins and audited reads (exports, downloads) are written
// in a short transaction of their own. Details are canonical JSON (sorted keys), so the hash of an
// entry does not depend on who serialised it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "domain/audit/audit_entry.hpp"
#include "store/store.hpp"

namespace anjian::app {

// An entry for `who` at `now`; target_type/id may be empty.
domain::AuditEntry AuditEntryFor(const Principal& who, std::int64_t now, std::string action,
                                 std::string target_type, std::string target_id,
                                 domain::AuditOutcome outcome = domain::AuditOutcome::kSuccess,
                                 const nlohmann::json& details = nlohmann::json::object());

// Stages a success entry on the session (the usual last step of a write use case).
void Audit(store::StoreSession& session, const Principal& who, std::int64_t now, std::string action,
           std::string target_type, std::string target_id,
           const nlohmann::json& details = nlohmann::json::object());

// {"changes":{field:{"old":…,"new":…}}} for the top-level fields of two JSON objects that differ
// (fields present on one side only count, with null on the other). Fields named in `ignore`
// (e.g. "version", "updated_at") are left out.
nlohmann::json FieldChanges(const nlohmann::json& before, const nlohmann::json& after,
                            std::initializer_list<std::string_view> ignore = {"version",
                                                                              "updated_at"});

// Writes one entry in its own write transaction.
Status AppendAuditEntry(store::Store& store, domain::AuditEntry entry);

// Canonical JSON text of details: sorted keys, UTF-8 kept, invalid bytes replaced.
std::string CanonicalJson(const nlohmann::json& value);

}  // namespace anjian::app
