#include "app/roster_service.hpp"

#include "app/audit_trail.hpp"

namespace anjian::app {
namespace {

store::HistoryEntry InspectorHistoryEntry(const domain::Inspector& inspector, std::string action,
                                          const Principal& who, std::int64_t now) {
  auto snapshot = InspectorToJson(inspector, [](RegionId) { return std::string(); });
  return {"inspector", inspector.id.value, inspector.version, std::move(action), who.username,
          now,         snapshot.dump()};
}

}  // namespace

Result<RegionNames> RosterService::Names(store::StoreSession& session) {
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session.ListRegions(store::Scope::All()));
  RegionNames names;
  for (const auto& r : regions) names.names.emplace(r.id.value, r.name);
  return names;
}

Status RosterService::Prepare(store::StoreSession& session, const Principal& who,
                              const domain::Inspector& inspector) {
  ANJIAN_TRY(FieldErrorsToStatus(domain::ValidateInspector(inspector)));
  if (inspector.jurisdiction_id.value == 0) {
    return Error::InvalidArgument("须指定所属区划（jurisdiction_id）", "jurisdiction_id");
  }
  auto region = session.GetRegion(who.scope, inspector.jurisdiction_id);
  if (!region.ok() && region.error().code != ErrorCode::kNotFound) return region.error();
  if (!region.ok())
    return Error::InvalidArgument("所属区划不存在或不在您的管辖范围内", "jurisdiction_id");
  if (region->level == domain::RegionLevel::kGrid &&
      inspector.role != domain::InspectorRole::kGridMember) {
    return Error::InvalidArgument("只有网格员可以归属到网格", "jurisdiction_id");
  }
  return Ok();
}

Result<InspectorPage> RosterService::List(const Principal& who,
                                          const store::InspectorQuery& query) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRoster));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  InspectorPage result;
  ANJIAN_ASSIGN_OR_RETURN(result.page, session->ListInspectors(who.scope, query));
  if (!domain::SeesPhoneNumbers(who.role)) {
    for (auto& person : result.page.items) person.phone = domain::MaskPhoneNumber(person.phone);
  }
  ANJIAN_ASSIGN_OR_RETURN(result.regions, Names(*session));
  return result;
}

Result<std::pair<domain::Inspector, RegionNames>> RosterService::Get(const Principal& who,
                                                                     InspectorId id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRoster));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto inspector, session->GetInspector(who.scope, id));
  if (!domain::SeesPhoneNumbers(who.role))
    inspector.phone = domain::MaskPhoneNumber(inspector.phone);
  ANJIAN_ASSIGN_OR_RETURN(auto names, Names(*session));
  return std::make_pair(std::move(inspector), std::move(names));
}

Result<domain::Inspector> RosterService::Create(const Principal& who, const nlohmann::json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRoster));
  domain::Inspector inspector;
  ANJIAN_TRY(MergeInspectorJson(body, inspector));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(Prepare(*session, who, inspector));
  const auto now = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->InsertInspector(inspector, now));
  auto history = InspectorHistoryEntry(saved, "create", who, now);
  Audit(*session, who, now, "inspector.create", "inspector", std::to_string(saved.id.value),
        FieldChanges(nlohmann::json::object(),
                     nlohmann::json::parse(history.snapshot_json, nullptr, false)));
  ANJIAN_TRY(session->AppendHistory(history));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Result<domain::Inspector> RosterService::Update(const Principal& who, InspectorId id,
                                                const nlohmann::json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRoster));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_ASSIGN_OR_RETURN(int version, RequiredVersion(body));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto inspector, session->GetInspector(who.scope, id));
  const auto now = clock_.NowUnixSeconds();
  const auto before = InspectorHistoryEntry(inspector, "update", who, now);
  ANJIAN_TRY(MergeInspectorJson(body, inspector));
  inspector.version = version;
  ANJIAN_TRY(Prepare(*session, who, inspector));
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->UpdateInspector(inspector, now));
  auto after = InspectorHistoryEntry(saved, "update", who, now);
  Audit(*session, who, now, "inspector.update", "inspector", std::to_string(saved.id.value),
        FieldChanges(nlohmann::json::parse(before.snapshot_json, nullptr, false),
                     nlohmann::json::parse(after.snapshot_json, nullptr, false)));
  ANJIAN_TRY(session->AppendHistory(after));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Status RosterService::Delete(const Principal& who, InspectorId id, int expected_version) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRoster));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto inspector, session->GetInspector(who.scope, id));
  ANJIAN_TRY(session->DeleteInspector(id, expected_version));
  auto history = InspectorHistoryEntry(inspector, "delete", who, clock_.NowUnixSeconds());
  Audit(*session, who, history.at, "inspector.delete", "inspector", std::to_string(id.value),
        FieldChanges(nlohmann::json::parse(history.snapshot_json, nullptr, false),
                     nlohmann::json::object()));
  ANJIAN_TRY(session->AppendHistory(history));
  return session->Commit();
}

}  // namespace anjian::app
