#include "app/audit_trail.hpp"

namespace anjian::app {

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann's object is a std::map: keys come out sorted, so equal values dump equally.
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

domain::AuditEntry AuditEntryFor(const Principal& who, std::int64_t now, std::string action,
                                 std::string target_type, std::string target_id,
                                 domain::AuditOutcome outcome, const nlohmann::json& details) {
  domain::AuditEntry entry;
  entry.at = now;
  entry.actor_id = who.user_id.value;
  entry.actor = who.username;
  // The system (CLI, daily jobs) acts with administrator rights but is not an administrator.
  entry.role = who.user_id.value == 0 && who.username == "system"
                   ? std::string("system")
                   : std::string(domain::Code(who.role));
  entry.jurisdiction = who.scope.region_path;
  entry.client_address = who.client_address;
  entry.action = std::move(action);
  entry.target_type = std::move(target_type);
  entry.target_id = std::move(target_id);
  entry.outcome = outcome;
  entry.details_json = CanonicalJson(details.is_object() ? details : nlohmann::json::object());
  return entry;
}

void Audit(store::StoreSession& session, const Principal& who, std::int64_t now, std::string action,
           std::string target_type, std::string target_id, const nlohmann::json& details) {
  session.StageAudit(AuditEntryFor(who, now, std::move(action), std::move(target_type),
                                   std::move(target_id), domain::AuditOutcome::kSuccess, details));
}

nlohmann::json FieldChanges(const nlohmann::json& before, const nlohmann::json& after,
                            std::initializer_list<std::string_view> ignore) {
  nlohmann::json changes = nlohmann::json::object();
  auto ignored = [&](const std::string& key) {
    for (auto name : ignore) {
      if (key == name) return true;
    }
    return false;
  };
  const nlohmann::json empty = nlohmann::json::object();
  const auto& old_object = before.is_object() ? before : empty;
  const auto& new_object = after.is_object() ? after : empty;
  for (const auto& [key, old_value] : old_object.items()) {
    if (ignored(key)) continue;
    auto it = new_object.find(key);
    const nlohmann::json new_value = it == new_object.end() ? nlohmann::json(nullptr) : *it;
    if (old_value != new_value) changes[key] = {{"old", old_value}, {"new", new_value}};
  }
  for (const auto& [key, new_value] : new_object.items()) {
    if (ignored(key) || old_object.contains(key)) continue;
    changes[key] = {{"old", nullptr}, {"new", new_value}};
  }
  return {{"changes", std::move(changes)}};
}

Status AppendAuditEntry(store::Store& store, domain::AuditEntry entry) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store.Write());
  session->StageAudit(std::move(entry));
  return session->Commit();
}

}  // namespace anjian::app
