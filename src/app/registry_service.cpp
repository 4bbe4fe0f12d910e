#include "app/registry_service.hpp"

#include "app/audit_trail.hpp"

namespace anjian::app {

RegionNamer RegionNames::Namer() const {
  return [this](RegionId id) {
    auto it = names.find(id.value);
    return it == names.end() ? std::string() : it->second;
  };
}

Status FieldErrorsToStatus(const std::vector<domain::FieldError>& errors) {
  if (errors.empty()) return Ok();
  std::string message;
  for (const auto& e : errors) {
    if (!message.empty()) message += "；";
    message += e.message;
  }
  return Error::InvalidArgument(message, errors.front().field);
}

Result<RegionNames> RegistryService::LoadRegionNames(const Principal&) {
  // Names of every region are needed even for callers scoped below the street (a unit's
  // community name is shown to its grid member), and names are not sensitive.
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(store::Scope::All()));
  RegionNames names;
  for (const auto& r : regions) names.names.emplace(r.id.value, r.name);
  return names;
}

Result<UnitPage> RegistryService::ListUnits(const Principal& who, const store::UnitQuery& query) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegistry));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return ListUnitsIn(*session, who, query);
}

namespace {

std::string PageKey(const Principal& who, const store::UnitQuery& q) {
  std::string key = who.scope.region_path;
  auto add = [&key](std::string_view part) {
    key += '\x1f';
    key += part;
  };
  add(domain::SeesPhoneNumbers(who.role) ? "phones" : "masked");
  add(who.unit_id ? std::to_string(who.unit_id->value) : "");
  add(q.text);
  add(q.risk ? domain::Code(*q.risk) : "");
  add(q.level ? domain::Code(*q.level) : "");
  add(q.region ? std::to_string(q.region->value) : "");
  add(q.key ? (*q.key ? "1" : "0") : "");
  add(q.category ? domain::Code(*q.category) : "");
  add(q.status ? domain::Code(*q.status) : "");
  add(std::to_string(q.page.page));
  add(std::to_string(q.page.page_size));
  return key;
}

}  // namespace

Result<std::shared_ptr<const std::string>> RegistryService::ListUnitsJson(
    const Principal& who, const store::UnitQuery& query) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegistry));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(const auto counter, session->ChangeCounter("registry"));
  const std::string key = PageKey(who, query);
  if (auto cached = unit_pages_.Find(key, counter)) return cached;
  ANJIAN_ASSIGN_OR_RETURN(auto page, ListUnitsIn(*session, who, query));
  auto body = std::make_shared<std::string>();
  body->reserve(1024 + page.page.items.size() * 800);
  *body += "{\"items\":[";
  const auto namer = page.regions.Namer();
  for (std::size_t i = 0; i < page.page.items.size(); ++i) {
    if (i > 0) *body += ',';
    AppendUnitJson(*body, page.page.items[i], namer);
  }
  *body += "],\"total\":" + std::to_string(page.page.total) +
           ",\"page\":" + std::to_string(query.page.page) +
           ",\"page_size\":" + std::to_string(query.page.page_size) + "}";
  std::shared_ptr<const std::string> shared = std::move(body);
  unit_pages_.Put(key, counter, shared);
  return shared;
}

Result<UnitPage> RegistryService::ListUnitsIn(store::StoreSession& session, const Principal& who,
                                              const store::UnitQuery& query) {
  UnitPage result;
  if (who.unit_id) {  // enterprise accounts: their own unit only
    auto unit = session.GetUnit(who.scope, *who.unit_id);
    if (unit.ok()) {
      result.page.items.push_back(*unit);
      result.page.total = 1;
    }
  } else {
    ANJIAN_ASSIGN_OR_RETURN(result.page, session.ListUnits(who.scope, query));
  }
  if (!domain::SeesPhoneNumbers(who.role)) {
    for (auto& unit : result.page.items)
      unit.contact_phone = domain::MaskPhoneNumber(unit.contact_phone);
  }
  // Only the regions this page mentions: a page names at most 2 × page_size regions.
  std::vector<RegionId> ids;
  for (const auto& unit : result.page.items) {
    for (auto id : {std::optional<RegionId>(unit.community_id), unit.grid_id}) {
      if (id && result.regions.names.emplace(id->value, std::string()).second) ids.push_back(*id);
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(auto names, session.RegionNamesOf(ids));
  for (auto& [id, name] : names) result.regions.names[id.value] = std::move(name);
  return result;
}

Result<std::pair<domain::Unit, RegionNames>> RegistryService::GetUnit(const Principal& who,
                                                                      UnitId id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegistry));
  if (who.unit_id && *who.unit_id != id) return Error::NotFound("单位不存在");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto unit, session->GetUnit(who.scope, id));
  if (!domain::SeesPhoneNumbers(who.role))
    unit.contact_phone = domain::MaskPhoneNumber(unit.contact_phone);
  ANJIAN_ASSIGN_OR_RETURN(auto names, LoadRegionNames(who));
  return std::make_pair(std::move(unit), std::move(names));
}

Status RegistryService::PrepareUnit(store::StoreSession& session, const Principal& who,
                                    domain::Unit& unit) const {
  ANJIAN_TRY(FieldErrorsToStatus(domain::ValidateUnit(unit)));
  if (unit.community_id.value == 0) {
    return Error::InvalidArgument("须指定所属社区（community_id）", "community_id");
  }
  auto community = session.GetRegion(who.scope, unit.community_id);
  if (!community.ok()) {
    // Only "missing" is the caller's mistake; a database failure must stay a 503.
    if (community.error().code != ErrorCode::kNotFound) return community.error();
    return Error::InvalidArgument("所属社区不存在或不在您的管辖范围内", "community_id");
  }
  if (community->level != domain::RegionLevel::kCommunity &&
      community->level != domain::RegionLevel::kVillage) {
    return Error::InvalidArgument("所属社区须为社区或村，“" + community->name + "”是" +
                                      std::string(domain::Label(community->level)),
                                  "community_id");
  }
  if (unit.grid_id) {
    auto grid = session.GetRegion(who.scope, *unit.grid_id);
    if (!grid.ok() && grid.error().code != ErrorCode::kNotFound) return grid.error();
    if (!grid.ok() || grid->level != domain::RegionLevel::kGrid ||
        grid->parent_id != unit.community_id) {
      return Error::InvalidArgument("所属网格不存在或不属于所选社区", "grid_id");
    }
  }
  unit.is_key = domain::IsKeyUnit(key_policy_, unit);
  return Ok();
}

namespace {

store::HistoryEntry UnitHistoryEntry(const domain::Unit& unit, std::string action,
                                     const Principal& who, std::int64_t now) {
  std::string snapshot;
  AppendUnitJson(snapshot, unit, [](RegionId) { return std::string(); });
  return {"unit",       unit.id.value, unit.version,       std::move(action),
          who.username, now,           std::move(snapshot)};
}

}  // namespace

Result<domain::Unit> RegistryService::CreateUnit(const Principal& who, const nlohmann::json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRegistry));
  domain::Unit unit;
  ANJIAN_TRY(MergeUnitJson(body, unit));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(PrepareUnit(*session, who, unit));
  const auto now = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->InsertUnit(unit, now));
  auto history = UnitHistoryEntry(saved, "create", who, now);
  Audit(*session, who, now, "unit.create", "unit", std::to_string(saved.id.value),
        FieldChanges(nlohmann::json::object(),
                     nlohmann::json::parse(history.snapshot_json, nullptr, false)));
  ANJIAN_TRY(session->AppendHistory(history));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Result<domain::Unit> RegistryService::UpdateUnit(const Principal& who, UnitId id,
                                                 const nlohmann::json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRegistry));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_ASSIGN_OR_RETURN(int version, RequiredVersion(body));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto unit, session->GetUnit(who.scope, id));
  const auto now = clock_.NowUnixSeconds();
  const auto before = UnitHistoryEntry(unit, "update", who, now);
  ANJIAN_TRY(MergeUnitJson(body, unit));
  unit.version = version;
  ANJIAN_TRY(PrepareUnit(*session, who, unit));
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->UpdateUnit(unit, now));
  auto after = UnitHistoryEntry(saved, "update", who, now);
  Audit(*session, who, now, "unit.update", "unit", std::to_string(saved.id.value),
        FieldChanges(nlohmann::json::parse(before.snapshot_json, nullptr, false),
                     nlohmann::json::parse(after.snapshot_json, nullptr, false)));
  ANJIAN_TRY(session->AppendHistory(after));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Status RegistryService::DeleteUnit(const Principal& who, UnitId id, int expected_version) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRegistry));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto unit, session->GetUnit(who.scope, id));
  ANJIAN_TRY(session->DeleteUnit(id, expected_version));
  const auto now = clock_.NowUnixSeconds();
  auto history = UnitHistoryEntry(unit, "delete", who, now);
  Audit(*session, who, now, "unit.delete", "unit", std::to_string(id.value),
        FieldChanges(nlohmann::json::parse(history.snapshot_json, nullptr, false),
                     nlohmann::json::object()));
  ANJIAN_TRY(session->AppendHistory(history));
  return session->Commit();
}

Result<std::vector<store::HistoryEntry>> RegistryService::UnitHistory(const Principal& who,
                                                                      UnitId id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegistry));
  // Enterprise accounts: their own unit only, as for the unit itself (issue #12, defect 3).
  if (who.unit_id && *who.unit_id != id) return Error::NotFound("单位不存在");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_TRY(session->GetUnit(who.scope, id));  // scope check
  ANJIAN_ASSIGN_OR_RETURN(auto entries, session->ListHistory("unit", id.value, 200));
  if (!domain::SeesPhoneNumbers(who.role)) {
    // Snapshots hold the contact phone as it was; masked like the unit itself.
    for (auto& e : entries) {
      auto snapshot = nlohmann::json::parse(e.snapshot_json, nullptr, false);
      if (!snapshot.is_object() || !snapshot.contains("contact_phone") ||
          !snapshot["contact_phone"].is_string())
        continue;
      snapshot["contact_phone"] =
          domain::MaskPhoneNumber(snapshot["contact_phone"].get<std::string>());
      e.snapshot_json = snapshot.dump();
    }
  }
  return entries;
}

Result<store::RegistryStats> RegistryService::Stats(const Principal& who) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegistry));
  if (who.unit_id) return Error::PermissionDenied("企业账号不提供辖区统计");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->UnitStats(who.scope);
}

Result<std::vector<domain::Region>> RegistryService::ListRegions(const Principal& who) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegions));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->ListRegions(who.scope);
}

Result<domain::Region> RegistryService::GetRegion(const Principal& who, RegionId id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegions));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->GetRegion(who.scope, id);
}

Result<domain::Region> RegistryService::CreateRegion(const Principal& who,
                                                     const nlohmann::json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRegistry));
  domain::Region region;
  if (!body.is_object() || !body.contains("level")) {
    return Error::InvalidArgument("须指定区划层级 level", "level");
  }
  ANJIAN_TRY(MergeRegionJson(body, region));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  std::optional<domain::RegionLevel> parent_level;
  if (region.parent_id) {
    auto parent = session->GetRegion(who.scope, *region.parent_id);
    if (!parent.ok() && parent.error().code != ErrorCode::kNotFound) return parent.error();
    if (!parent.ok())
      return Error::InvalidArgument("上级区划不存在或不在您的管辖范围内", "parent_id");
    parent_level = parent->level;
  } else if (!who.scope.region_path.empty()) {
    return Error::PermissionDenied("只能在您的管辖范围内新建区划");
  }
  ANJIAN_TRY(domain::ValidateRegion(region, parent_level));
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->InsertRegion(region));
  Audit(*session, who, clock_.NowUnixSeconds(), "region.create", "region",
        std::to_string(saved.id.value),
        FieldChanges(nlohmann::json::object(), RegionToJson(saved)));
  ANJIAN_TRY(
      session->AppendHistory({"region", saved.id.value, saved.version, "create", who.username,
                              clock_.NowUnixSeconds(), RegionToJson(saved).dump()}));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Result<domain::Region> RegistryService::UpdateRegion(const Principal& who, RegionId id,
                                                     const nlohmann::json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRegistry));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_ASSIGN_OR_RETURN(int version, RequiredVersion(body));
  if (body.contains("parent_id") || body.contains("level")) {
    return Error::InvalidArgument("区划的上级和层级创建后不能修改", "parent_id");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto region, session->GetRegion(who.scope, id));
  const auto before = RegionToJson(region);
  ANJIAN_TRY(MergeRegionJson(body, region));
  region.version = version;
  std::optional<domain::RegionLevel> parent_level;
  if (region.parent_id) {
    ANJIAN_ASSIGN_OR_RETURN(auto parent,
                            session->GetRegion(store::Scope::All(), *region.parent_id));
    parent_level = parent.level;
  }
  ANJIAN_TRY(domain::ValidateRegion(region, parent_level));
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->UpdateRegion(region));
  Audit(*session, who, clock_.NowUnixSeconds(), "region.update", "region",
        std::to_string(saved.id.value), FieldChanges(before, RegionToJson(saved)));
  ANJIAN_TRY(
      session->AppendHistory({"region", saved.id.value, saved.version, "update", who.username,
                              clock_.NowUnixSeconds(), RegionToJson(saved).dump()}));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Status RegistryService::DeleteRegion(const Principal& who, RegionId id, int expected_version) {
  ANJIAN_TRY(Require(who, domain::Action::kWriteRegistry));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto region, session->GetRegion(who.scope, id));
  ANJIAN_TRY(session->DeleteRegion(id, expected_version));
  Audit(*session, who, clock_.NowUnixSeconds(), "region.delete", "region", std::to_string(id.value),
        FieldChanges(RegionToJson(region), nlohmann::json::object()));
  ANJIAN_TRY(
      session->AppendHistory({"region", region.id.value, region.version, "delete", who.username,
                              clock_.NowUnixSeconds(), RegionToJson(region).dump()}));
  return session->Commit();
}

}  // namespace anjian::app
