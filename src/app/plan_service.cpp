#include "app/plan_service.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "app/audit_trail.hpp"
#include "app/auth_service.hpp"
#include "app/plan_policy_codec.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "planner/plan_lifecycle.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

json SummaryJson(const planner::Plan& plan) {
  const auto& s = plan.summary;
  return {{"capacity", s.capacity.inspections},
          {"deterministic", s.deterministic},
          {"random", s.random},
          {"special", s.special},
          {"leader_led", s.leader_led},
          {"community_screening", s.community_screening},
          {"items", plan.items.size()},
          {"units_total", s.units_total},
          {"units_planned", s.units_planned},
          {"shortfall", plan.shortfall.size()},
          {"not_planned", plan.not_planned.size()}};
}

// "2026-03-01 09:30:05（北京时间）".
std::string BeijingTime(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + kBeijingOffsetSeconds;
  const auto date = CivilDate::FromUnixSeconds(local);
  std::int64_t rest = local % 86400;
  if (rest < 0) rest += 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return date.ToString() + buf + "（北京时间）";
}

// "2026年度安全生产监督检查计划": the year plus the policy's title (which starts with 年度).
std::string PlanTitle(int year, const planner::Policy& policy) {
  const std::string title = policy.title.empty() ? "年度安全生产监督检查计划" : policy.title;
  return std::to_string(year) + (title.rfind("年度", 0) == 0 ? "" : "年度") + title;
}

// Rows per store call when a plan is saved: a province's four million items are serialised and
// written a batch at a time, never held as one document.
constexpr std::size_t kRowsPerBatch = 10000;

store::PlanItemRow ItemRow(const planner::PlanItem& item) {
  return {item.seq,  item.key,  item.unit_credit_code, item.date, item.slot,
          item.kind, item.rule, PlanItemJsonText(item)};
}

}  // namespace

Status SavePlanItems(store::StoreSession& session, std::int64_t plan_id,
                     const std::vector<planner::PlanItem>& items) {
  std::vector<store::PlanItemRow> batch;
  batch.reserve(std::min(items.size(), kRowsPerBatch));
  for (const auto& item : items) {
    batch.push_back(ItemRow(item));
    if (batch.size() == kRowsPerBatch) {
      ANJIAN_TRY(session.InsertPlanItems(plan_id, batch));
      batch.clear();
    }
  }
  return session.InsertPlanItems(plan_id, batch);
}

Status SavePlanInputUnits(store::StoreSession& session, std::int64_t plan_id,
                          const std::vector<planner::PlanUnit>& units) {
  // A thousand units per row: a province's two million units are 2,000 rows, not two million.
  constexpr std::size_t kUnitsPerChunk = 1000;
  std::vector<std::string> chunks;
  std::int64_t first = 1;
  for (std::size_t start = 0; start < units.size(); start += kUnitsPerChunk) {
    std::string chunk = "[";
    const auto end = std::min(units.size(), start + kUnitsPerChunk);
    for (auto i = start; i < end; ++i) {
      if (i > start) chunk += ',';
      chunk += InputUnitJsonText(units[i]);
    }
    chunk += ']';
    chunks.push_back(std::move(chunk));
    if (chunks.size() == 10) {
      ANJIAN_TRY(session.InsertPlanInputChunks(plan_id, first, chunks));
      first += static_cast<std::int64_t>(chunks.size());
      chunks.clear();
    }
  }
  return session.InsertPlanInputChunks(plan_id, first, chunks);
}

namespace {

// Revision 1's input snapshot: its head document and its unit rows.
Result<planner::PlanInput> ReadStoredInput(store::StoreSession& session,
                                           const store::PlanRecord& root,
                                           std::string& calendar_text) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto input, InputFromJson(json::parse(root.input_json, nullptr, false), calendar_text));
  ANJIAN_TRY(session.ForEachPlanInputChunk(root.id, [&](const std::string& text) -> Status {
    const auto chunk = json::parse(text, nullptr, false);
    if (!chunk.is_array()) {
      return Error::Internal("计划输入快照已损坏：计划 " + std::to_string(root.id) +
                             " 的单位分块无法读取");
    }
    for (const auto& row : chunk) {
      ANJIAN_ASSIGN_OR_RETURN(auto unit, InputUnitFromJson(row));
      input.units.push_back(std::move(unit));
    }
    return Ok();
  }));
  return input;
}

// How the stored items of a revision differ from a re-run's: every column and the body, item by
// item in plan order. `with_keys` false leaves the stable keys out (revisions adjusted before keys
// existed carry keys the migration gave them).
struct ItemComparison {
  std::size_t stored = 0;
  std::size_t differing = 0;
  std::string first;  // "第 N 项（key）" of the first difference
};

Result<ItemComparison> CompareStoredItems(store::StoreSession& session, std::int64_t plan_id,
                                          const std::vector<planner::PlanItem>& rerun,
                                          bool with_keys) {
  ItemComparison out;
  const auto note = [&](const store::PlanItemRow& row) {
    ++out.differing;
    if (out.first.empty())
      out.first = "第 " + std::to_string(row.seq) + " 项（" + row.unit_credit_code + "）";
  };
  ANJIAN_TRY(session.ForEachPlanItem(plan_id, {}, [&](const store::PlanItemRow& row) -> Status {
    const std::size_t index = out.stored++;
    if (index >= rerun.size()) {
      note(row);
      return Ok();
    }
    const auto& item = rerun[index];
    auto body = json::parse(row.body_json, nullptr, false);
    auto expected_body = PlanItemToJson(item);
    if (!with_keys) {
      if (body.is_object()) body.erase("key");
      expected_body.erase("key");
    }
    const bool same = row.seq == item.seq && (!with_keys || row.key == item.key) &&
                      row.unit_credit_code == item.unit_credit_code && row.date == item.date &&
                      row.slot == item.slot && row.kind == item.kind && row.rule == item.rule &&
                      body == expected_body;
    if (!same) note(row);
    return Ok();
  }));
  if (out.stored < rerun.size()) {
    out.differing += rerun.size() - out.stored;
    if (out.first.empty()) out.first = "缺少第 " + std::to_string(out.stored + 1) + " 项";
  }
  return out;
}

}  // namespace

json ServedPlanDocument(const store::PlanRecord& record, json items) {
  json doc = json::parse(record.plan_json, nullptr, false);
  json out = {{"plan_id", record.id},
              {"revision", record.revision},
              {"status", planner::Code(record.status)}};
  if (doc.is_object()) {
    for (auto it = doc.begin(); it != doc.end(); ++it) out[it.key()] = it.value();
  }
  out["items"] = std::move(items);
  return out;
}

Status PlanService::ForEachStoredItem(const Principal& who, const store::PlanRecord& record,
                                      const store::PlanItemFilter& filter,
                                      const std::function<Status(const json&)>& visit) {
  ANJIAN_TRY(Require(who, domain::Action::kReadPlans));
  ANJIAN_ASSIGN_OR_RETURN(auto visible, VisibleUnitCodes(who, record));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  // The record was read through Get with the caller's scope; re-read it so a record from
  // elsewhere cannot name another jurisdiction's plan.
  ANJIAN_TRY(session->GetPlan(who.scope, record.id));
  return session->ForEachPlanItem(record.id, filter, [&](const store::PlanItemRow& row) -> Status {
    if (visible && !visible->contains(row.unit_credit_code)) return Ok();
    auto item = json::parse(row.body_json, nullptr, false);
    if (!item.is_object()) {
      return Error::Internal("计划 " + std::to_string(record.id) + " 第 " +
                             std::to_string(row.seq) + " 项的存储数据无法读取");
    }
    return visit(item);
  });
}

Result<json> PlanService::StoredDocument(const Principal& who, const store::PlanRecord& record) {
  json items = json::array();
  ANJIAN_TRY(ForEachStoredItem(who, record, {}, [&](const json& item) -> Status {
    items.push_back(item);
    return Ok();
  }));
  return ServedPlanDocument(record, std::move(items));
}

json PlanRecordToJson(const store::PlanRecord& r, bool with_document, const Principal* who) {
  json j;
  j["plan_id"] = r.id;
  j["root_id"] = r.root_id;
  j["revision"] = r.revision;
  j["year"] = r.year;
  j["title"] = r.title;
  j["policy"] = r.policy_name;
  j["status"] = planner::Code(r.status);
  j["status_label"] = planner::Label(r.status);
  j["allowed_actions"] = json::array();
  for (auto a : planner::AllowedActions(r.status)) {
    const auto needs = a == planner::PlanAction::kSubmit ? domain::Action::kCompilePlan
                                                         : domain::Action::kApprovePlan;
    if (who && !domain::MayPerform(who->role, needs)) continue;
    j["allowed_actions"].push_back(
        {{"action", std::string(planner::Code(a))}, {"label", std::string(planner::Label(a))}});
  }
  j["seed"] = r.seed;
  j["seed_commitment"] = r.seed_commitment;
  j["committed_at"] = r.committed_at;
  j["input_hash"] = r.input_hash;
  j["reapproval_due"] = ToString(r.reapproval_due);
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  j["version"] = r.version;
  j["may_adjust"] = !who || domain::MayPerform(who->role, domain::Action::kCompilePlan);
  j["summary"] = json::parse(r.summary_json, nullptr, false);
  j["adjustment"] =
      r.adjustment_json.empty() ? json(nullptr) : json::parse(r.adjustment_json, nullptr, false);
  if (with_document) j["document"] = json::parse(r.plan_json, nullptr, false);
  return j;
}

Status RequirePlanInsideJurisdiction(const Principal& who, const store::PlanRecord& plan) {
  // A plan above the caller's jurisdiction (a district plan seen from a street) can be read, for
  // the caller's part of it, but never changed or turned into tasks from below (issue #12, defect
  // 2).
  if (plan.scope_path.starts_with(who.scope.region_path)) return Ok();
  return Error::PermissionDenied(
      "该计划的范围（上级辖区）超出您的管辖范围，只能由上级辖区的人员办理");
}

Result<store::SeedCommitment> PlanService::Commit(const Principal& who, int year,
                                                  const std::string& commitment) {
  ANJIAN_TRY(Require(who, domain::Action::kCompilePlan));
  if (year < 2000 || year > 2100) return Error::InvalidArgument("计划年度无效", "year");
  if (!IsHex64(commitment)) {
    return Error::InvalidArgument("种子承诺应为 64 位小写十六进制 SHA-256 值", "commitment");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  store::SeedCommitment c;
  c.year = year;
  c.scope_path = who.scope.region_path;
  c.commitment = commitment;
  c.committed_at = clock_.NowUnixSeconds();
  c.committed_by = who.user_id.value;
  ANJIAN_ASSIGN_OR_RETURN(auto inserted, session->InsertSeedCommitment(c));
  Audit(*session, who, c.committed_at, "plan.commit_seed", "seed_commitment",
        std::to_string(inserted.id), {{"year", year}, {"commitment", commitment}});
  ANJIAN_TRY(session->Commit());
  return inserted;
}

Result<planner::Policy> PlanService::ResolvePolicy(const CompileRequest& request) {
  if (!request.policy_text.empty()) return ParsePolicy(request.policy_text);
  ANJIAN_ASSIGN_OR_RETURN(auto text, PresetText(request.policy));
  return ParsePolicy(text);
}

Result<std::size_t> ReadPlanUnitsAndInspectors(store::StoreSession& session,
                                               const store::Scope& scope,
                                               planner::PlanInput& input) {
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session.ListRegions(scope));
  std::map<std::int64_t, const domain::Region*> by_id;
  for (const auto& r : regions) by_id[r.id.value] = &r;
  auto path_of = [&](RegionId id) {
    auto it = by_id.find(id.value);
    return it == by_id.end() ? std::string() : it->second->path;
  };
  auto name_of = [&](RegionId id) {
    auto it = by_id.find(id.value);
    return it == by_id.end() ? std::string() : it->second->name;
  };
  // Every unit's last inspection, from signed records (ordered by unit id, as units are).
  std::vector<std::pair<UnitId, CivilDate>> last_inspections;
  ANJIAN_TRY(session.ForEachLastInspection(
      scope, [&](UnitId unit, CivilDate on) { last_inspections.emplace_back(unit, on); }));
  auto last_inspected = [&](UnitId unit) -> std::optional<CivilDate> {
    auto it = std::lower_bound(last_inspections.begin(), last_inspections.end(), unit,
                               [](const auto& entry, UnitId id) { return entry.first < id; });
    if (it == last_inspections.end() || it->first != unit) return std::nullopt;
    return it->second;
  };
  ANJIAN_TRY(session.ForEachUnit(scope, [&](const domain::Unit& unit) {
    planner::PlanUnit pu;
    pu.unit = unit;
    pu.last_inspected = last_inspected(unit.id);
    pu.region_path = unit.grid_id ? path_of(*unit.grid_id) : path_of(unit.community_id);
    pu.community_name = name_of(unit.community_id);
    pu.grid_name = unit.grid_id ? name_of(*unit.grid_id) : std::string();
    input.units.push_back(std::move(pu));
  }));
  ANJIAN_TRY(session.ForEachInspector(scope, [&](const domain::Inspector& inspector) {
    input.inspectors.push_back({inspector, path_of(inspector.jurisdiction_id)});
  }));
  return regions.size();
}

Result<planner::PlanInput> PlanService::LoadInput(store::StoreSession& session,
                                                  const Principal& who,
                                                  const CompileRequest& request) {
  planner::PlanInput input;
  input.year = request.year;
  input.capacity_override = request.capacity;
  ANJIAN_ASSIGN_OR_RETURN(input.policy, ResolvePolicy(request));
  ANJIAN_TRY(ReadPlanUnitsAndInspectors(session, who.scope, input));
  return input;
}

Result<CompiledPlan> PlanService::Compile(const Principal& who, const CompileRequest& request) {
  ANJIAN_TRY(Require(who, domain::Action::kCompilePlan));
  if (request.year < 2000 || request.year > 2100)
    return Error::InvalidArgument("计划年度无效", "year");
  if (request.seed.size() < 8) {
    return Error::InvalidArgument("随机种子至少 8 个字符（建议使用系统生成的随机种子）", "seed");
  }
  if (request.capacity && (*request.capacity < 0 || *request.capacity > 10000000)) {
    return Error::InvalidArgument("检查能力应为 0 到 10000000 之间的整数", "capacity");
  }
  const std::string commitment = Sha256Hex(request.seed);
  const auto now = clock_.NowUnixSeconds();
  store::SeedCommitment committed;
  planner::PlanInput input;
  {
    // The input comes from one read snapshot on either engine (a write session on PostgreSQL is
    // READ COMMITTED, so batches read there could straddle a concurrent edit), and compiling does
    // not hold SQLite's single writer for the minute a province takes.
    ANJIAN_ASSIGN_OR_RETURN(auto snapshot, store_.Read());
    if (request.commitment_id != 0) {
      ANJIAN_ASSIGN_OR_RETURN(committed, snapshot->GetSeedCommitment(request.commitment_id));
      if (committed.scope_path != who.scope.region_path || committed.year != request.year) {
        return Error::InvalidArgument("该种子承诺不属于本辖区或本年度", "commitment_id");
      }
      if (committed.plan_id != 0) return Error::Conflict("该种子承诺已被使用，请重新承诺新的种子");
      if (committed.commitment != commitment) {
        return Error::InvalidArgument("公布的种子与事先承诺的哈希值不符（SHA-256 不一致）", "seed");
      }
    } else {
      committed = {0, request.year, who.scope.region_path, commitment, now, who.user_id.value, 0};
    }
    ANJIAN_ASSIGN_OR_RETURN(input, LoadInput(*snapshot, who, request));
  }
  const std::string input_hash = Sha256Hex(planner::CanonicalInputText(input, calendar_));
  input.draw_seed = DrawSeed(request.seed, input_hash);
  ANJIAN_ASSIGN_OR_RETURN(auto plan, planner::CompilePlan(input, calendar_));

  PlanMeta meta{request.year,           PlanTitle(request.year, input.policy),
                input.policy.authority, input.policy.name,
                request.seed,           commitment,
                committed.committed_at, input_hash};
  store::PlanRecord record;
  record.revision = 1;
  record.year = request.year;
  record.scope_path = who.scope.region_path;
  record.title = meta.title;
  record.policy_name = input.policy.name;
  record.status = planner::PlanStatus::kDraft;
  record.seed = request.seed;
  record.seed_commitment = commitment;
  record.committed_at = committed.committed_at;
  record.input_hash = input_hash;
  record.input_json = InputHeadToJson(input, calendar_text_).dump();
  record.plan_json = PlanHeadToJson(plan, meta, &input.policy).dump();
  record.summary_json = SummaryJson(plan).dump();
  record.created_by = who.user_id.value;
  record.created_at = now;
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  if (committed.id == 0) {
    ANJIAN_ASSIGN_OR_RETURN(committed, session->InsertSeedCommitment(committed));
  }
  ANJIAN_ASSIGN_OR_RETURN(record, session->InsertPlan(record));
  ANJIAN_TRY(SavePlanInputUnits(*session, record.id, input.units));
  ANJIAN_TRY(SavePlanItems(*session, record.id, plan.items));
  // kConflict when another compile used the commitment since the snapshot was read.
  ANJIAN_TRY(session->MarkSeedCommitmentUsed(committed.id, record.id));
  ANJIAN_TRY(session->AppendPlanEvent({record.id, now, who.user_id.value, "compile", "",
                                       std::string(planner::Code(record.status)),
                                       "编制计划（策略 " + input.policy.name + "）"}));
  // The draw is what 双随机 accountability rests on: who drew, with which committed seed, on what
  // input.
  Audit(*session, who, now, "plan.draw", "plan", std::to_string(record.id),
        {{"year", record.year},
         {"policy", record.policy_name},
         {"seed_commitment", commitment},
         {"input_hash", input_hash},
         {"scope", record.scope_path}});
  ANJIAN_TRY(session->Commit());
  return CompiledPlan{std::move(record), std::move(plan)};
}

Result<json> PlanService::Preview(const Principal& who, const CompileRequest& request) {
  ANJIAN_TRY(Require(who, domain::Action::kCompilePlan));
  if (request.year < 2000 || request.year > 2100)
    return Error::InvalidArgument("计划年度无效", "year");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto input, LoadInput(*session, who, request));
  input.draw_seed = DrawSeed("preview", "");
  ANJIAN_ASSIGN_OR_RETURN(auto plan, planner::CompilePlan(input, calendar_));
  PlanMeta meta{
      request.year, input.policy.title, input.policy.authority, input.policy.name, "", "", 0, ""};
  auto doc = PlanHeadToJson(plan, meta, &input.policy);
  json out;
  out["capacity"] = doc["capacity"];
  out["summary"] = doc["summary"];
  out["shortfall"] = doc["shortfall"];
  out["warnings"] = doc["warnings"];
  out["policy"] = PolicyToJson(input.policy);
  out["working_days"] = calendar_.WorkingDaysInYear(request.year);
  return out;
}

Result<store::PlanRecord> PlanService::Get(const Principal& who, std::int64_t id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadPlans));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->GetPlan(who.scope, id);
}

Result<std::optional<std::set<std::string>>> PlanService::VisibleUnitCodes(
    const Principal& who, const store::PlanRecord& plan) {
  // A plan of one's own jurisdiction is shown whole; a plan above it (a district plan seen from a
  // street, a street plan seen by a community or grid account) only for the units inside it, so
  // nobody below learns when and by whom the rest will be inspected (四不两直).
  if (plan.scope_path.starts_with(who.scope.region_path))
    return std::optional<std::set<std::string>>();
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  std::set<std::string> codes;
  ANJIAN_TRY(
      session->ForEachUnit(who.scope, [&](const domain::Unit& u) { codes.insert(u.credit_code); }));
  return std::optional<std::set<std::string>>(std::move(codes));
}

Result<std::vector<store::PlanRecord>> PlanService::List(const Principal& who, int year) {
  ANJIAN_TRY(Require(who, domain::Action::kReadPlans));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->ListPlans(who.scope, year);
}

Result<std::vector<std::pair<store::PlanEvent, std::string>>> PlanService::Events(
    const Principal& who, std::int64_t id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadPlans));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_TRY(session->GetPlan(who.scope, id));
  ANJIAN_ASSIGN_OR_RETURN(auto events, session->ListPlanEvents(id));
  UserNames names(*session);
  std::vector<std::pair<store::PlanEvent, std::string>> out;
  for (auto& e : events) {
    const auto& name = names.Of(e.user_id);
    out.emplace_back(std::move(e), name);
  }
  return out;
}

namespace {

// Revisions 1..record.revision of the record's plan, oldest first.
Result<std::vector<store::PlanRecord>> Chain(store::StoreSession& session,
                                             const store::PlanRecord& record) {
  ANJIAN_ASSIGN_OR_RETURN(auto all, session.ListPlans(store::Scope::All(), record.year));
  std::vector<store::PlanRecord> chain;
  for (auto& r : all) {
    if (r.root_id == record.root_id && r.revision <= record.revision) chain.push_back(std::move(r));
  }
  std::sort(chain.begin(), chain.end(),
            [](const auto& a, const auto& b) { return a.revision < b.revision; });
  return chain;
}

}  // namespace

Result<LoadedPlan> PlanService::RebuildRecord(const Principal& who, store::PlanRecord record) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto root, session->GetPlan(who.scope, record.root_id));
  LoadedPlan loaded;
  std::string calendar_text;
  ANJIAN_ASSIGN_OR_RETURN(loaded.input, ReadStoredInput(*session, root, calendar_text));
  ANJIAN_ASSIGN_OR_RETURN(loaded.calendar, planner::WorkingCalendar::Parse(calendar_text));
  const auto& calendar = loaded.calendar;
  loaded.input.draw_seed = DrawSeed(root.seed, root.input_hash);
  ANJIAN_ASSIGN_OR_RETURN(loaded.original, planner::CompilePlan(loaded.input, calendar));
  loaded.plan = loaded.original;
  ANJIAN_ASSIGN_OR_RETURN(auto chain, Chain(*session, record));
  for (const auto& r : chain) {
    if (r.revision == 1) continue;
    const auto stored = json::parse(r.adjustment_json, nullptr, false);
    if (stored.is_discarded() || !stored.contains("request")) {
      return Error::Internal("第 " + std::to_string(r.revision) + " 版的调整记录已损坏");
    }
    ANJIAN_ASSIGN_OR_RETURN(auto adjustment, AdjustmentFromJson(stored["request"], CivilDate()));
    adjustment.revision = r.revision;
    ANJIAN_TRY(
        planner::ApplyAdjustment(loaded.plan, loaded.original, adjustment, loaded.input, calendar));
  }
  loaded.record = std::move(record);
  loaded.root = std::move(root);
  return loaded;
}

Result<LoadedPlan> PlanService::Load(const Principal& who, std::int64_t id) {
  ANJIAN_ASSIGN_OR_RETURN(auto record, Get(who, id));
  return RebuildRecord(who, std::move(record));
}

Result<std::int64_t> PlanService::FindByCommitment(const Principal& who,
                                                   std::string_view commitment, int revision) {
  std::string wanted(Trim(commitment));
  std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (wanted.size() != 64 || wanted.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Error::InvalidArgument("种子承诺应为 64 位十六进制（SHA-256）", "commitment");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto plans, session->ListPlans(who.scope, 0));
  std::optional<store::PlanRecord> found;
  for (auto& plan : plans) {
    if (plan.seed_commitment != wanted) continue;
    if (revision > 0 ? plan.revision == revision : (!found || plan.revision > found->revision)) {
      found = std::move(plan);
    }
  }
  if (!found) {
    return Error::NotFound(revision > 0 ? "没有种子承诺为 " + wanted + " 的第 " +
                                              std::to_string(revision) + " 版计划"
                                        : "没有种子承诺为 " + wanted + " 的计划");
  }
  return found->id;
}

Result<VerifyReport> PlanService::Verify(const Principal& who, std::int64_t id) {
  ANJIAN_ASSIGN_OR_RETURN(auto record, Get(who, id));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto root, session->GetPlan(who.scope, record.root_id));
  VerifyReport report;
  auto add = [&](std::string name, bool ok, std::string detail) {
    report.checks.push_back({std::move(name), ok, std::move(detail)});
  };
  const auto commitment = Sha256Hex(root.seed);
  add("种子承诺", commitment == root.seed_commitment,
      commitment == root.seed_commitment
          ? "SHA-256(种子) = " + commitment
          : "SHA-256(种子) = " + commitment + "，与承诺 " + root.seed_commitment + " 不符");
  add("承诺时间", root.committed_at <= root.created_at,
      "承诺于 " + BeijingTime(root.committed_at) + "，抽取于 " + BeijingTime(root.created_at));
  std::string calendar_text;
  auto input = ReadStoredInput(*session, root, calendar_text);
  if (!input.ok()) {
    add("输入快照", false, input.error().message);
    return report;
  }
  auto calendar = planner::WorkingCalendar::Parse(calendar_text);
  if (!calendar.ok()) {
    add("输入快照", false, "快照中的工作日历无法解析：" + calendar.error().message);
    return report;
  }
  const auto input_hash = Sha256Hex(planner::CanonicalInputText(*input, *calendar));
  add("输入快照哈希", input_hash == root.input_hash,
      input_hash == root.input_hash ? input_hash
                                    : "重新计算为 " + input_hash + "，记录为 " + root.input_hash);
  input->draw_seed = DrawSeed(root.seed, root.input_hash);
  auto plan = planner::CompilePlan(*input, *calendar);
  if (!plan.ok()) {
    add("重新编制", false, plan.error().message);
    return report;
  }
  PlanMeta meta{root.year, root.title,           input->policy.authority, input->policy.name,
                root.seed, root.seed_commitment, root.committed_at,       root.input_hash};
  // Compared as parsed values, column by column and item by item: the database may re-render a
  // document's text (PostgreSQL's jsonb in migration 15), never its meaning.
  const auto rerun = PlanHeadToJson(*plan, meta, &input->policy);
  const auto stored = json::parse(root.plan_json, nullptr, false);
  const auto head_diff = json::diff(stored, rerun);
  ANJIAN_ASSIGN_OR_RETURN(auto items, CompareStoredItems(*session, root.id, plan->items, true));
  const bool same = head_diff.empty() && items.differing == 0;
  std::string detail = "重新抽取并编制，共 " + std::to_string(plan->items.size()) + " 项";
  if (!same) {
    detail = "与存档计划不一致";
    if (!head_diff.empty()) {
      detail += "：计划文档 " + std::to_string(head_diff.size()) + " 处差异，首处 " +
                head_diff[0].value("path", "") + "（" + head_diff[0].value("op", "") + "）";
    }
    if (items.differing != 0) {
      detail += "：存档 " + std::to_string(items.stored) + " 项，重新编制 " +
                std::to_string(plan->items.size()) + " 项，" + std::to_string(items.differing) +
                " 项不一致，首项 " + items.first;
    }
  }
  add("抽取与编制结果", same, detail);
  if (record.revision > 1) {
    auto rebuilt = RebuildRecord(who, record);
    if (!rebuilt.ok()) {
      add("调整记录", false, rebuilt.error().message);
    } else {
      // The revision's stored items against the replay; keys left out, since revisions adjusted
      // before items had keys carry the ones migration 15 gave them.
      ANJIAN_ASSIGN_OR_RETURN(auto replayed,
                              CompareStoredItems(*session, record.id, rebuilt->plan.items, false));
      add("调整记录", replayed.differing == 0,
          replayed.differing == 0
              ? "第 2–" + std::to_string(record.revision) + " 版调整已逐一重放，第 " +
                    std::to_string(record.revision) + " 版 " + std::to_string(replayed.stored) +
                    " 项与重放结果一致"
              : "重放第 2–" + std::to_string(record.revision) + " 版调整后，第 " +
                    std::to_string(record.revision) + " 版存档 " + std::to_string(replayed.stored) +
                    " 项中 " + std::to_string(replayed.differing) + " 项不一致，首项 " +
                    replayed.first);
    }
  }
  report.ok =
      std::all_of(report.checks.begin(), report.checks.end(), [](const auto& c) { return c.ok; });
  return report;
}

Result<json> PlanService::Explain(const Principal& who, std::int64_t id,
                                  const std::string& credit_code) {
  ANJIAN_ASSIGN_OR_RETURN(auto loaded, Load(who, id));
  ANJIAN_ASSIGN_OR_RETURN(auto visible, VisibleUnitCodes(who, loaded.record));
  if (visible && !visible->contains(credit_code)) {
    return Error::NotFound("计划的单位名录快照中没有统一社会信用代码 " + credit_code);
  }
  const auto& plan = loaded.plan;
  const auto& input = loaded.input;
  const planner::PlanUnit* unit = nullptr;
  for (const auto& u : input.units) {
    if (u.unit.credit_code == credit_code) unit = &u;
  }
  if (!unit) return Error::NotFound("计划的单位名录快照中没有统一社会信用代码 " + credit_code);
  std::map<std::string, const planner::RuleSource*> rules;
  for (const auto& r : input.policy.frequency_rules) rules[r.source.id] = &r.source;
  for (const auto& r : input.policy.random_draws) rules[r.source.id] = &r.source;
  for (const auto& r : input.policy.special_campaigns) rules[r.source.id] = &r.source;
  for (const auto& r : input.policy.leader_quotas) rules[r.source.id] = &r.source;
  json out;
  out["unit_credit_code"] = credit_code;
  out["unit_name"] = unit->unit.name;
  out["community"] = unit->community_name;
  out["level"] = std::string(domain::Label(unit->unit.level));
  out["risk"] = std::string(domain::Label(unit->unit.risk));
  out["is_key"] = unit->unit.is_key;
  out["items"] = json::array();
  out["rules"] = json::array();
  std::set<std::string> cited;
  for (const auto& item : plan.items) {
    if (item.unit_credit_code != credit_code) continue;
    out["items"].push_back(PlanItemToJson(item));
    cited.insert(item.rule);
    cited.insert(item.also_rules.begin(), item.also_rules.end());
  }
  for (const auto& id_cited : cited) {
    auto it = rules.find(id_cited);
    if (it != rules.end()) {
      out["rules"].push_back(
          {{"id", it->second->id}, {"title", it->second->title}, {"basis", it->second->basis}});
    } else {
      out["rules"].push_back(
          {{"id", id_cited}, {"title", id_cited == "ADJ" ? "计划调整" : id_cited}, {"basis", ""}});
    }
  }
  out["planned"] = !out["items"].empty();
  out["reason"] = planner::ExplainUnit(plan, credit_code);
  for (const auto& e : plan.shortfall) {
    if (e.unit_credit_code == credit_code)
      out["shortfall"].push_back({{"rule", e.rule}, {"reason", e.reason}});
  }
  return out;
}

Result<store::PlanRecord> PlanService::Transition(const Principal& who, std::int64_t id,
                                                  const std::string& action_text,
                                                  int expected_version, const std::string& note) {
  ANJIAN_ASSIGN_OR_RETURN(auto action, planner::ParsePlanAction(action_text));
  ANJIAN_TRY(Require(who, action == planner::PlanAction::kSubmit ? domain::Action::kCompilePlan
                                                                 : domain::Action::kApprovePlan));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto record, session->GetPlan(who.scope, id));
  ANJIAN_TRY(RequirePlanInsideJurisdiction(who, record));
  if ((action == planner::PlanAction::kApprove || action == planner::PlanAction::kEnact) &&
      record.created_by == who.user_id.value) {
    // R-PLAN: the plan is approved by the government, not by its author.
    return Error::PermissionDenied(
        "计划的编制人或最近调整人不能批准或发布本版本，须由另一名领导审批");
  }
  if (record.version != expected_version) {
    return Error::Conflict("计划已被他人修改（当前版本 " + std::to_string(record.version) +
                           "），请刷新后重试");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto to, planner::NextStatus(record.status, action));
  const std::optional<CivilDate> due = to == planner::PlanStatus::kReapprovalRequired
                                           ? record.reapproval_due
                                           : std::optional<CivilDate>();
  const auto now = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto updated,
                          session->UpdatePlanStatus(id, expected_version, to, due, now));
  const std::string from_code(planner::Code(record.status));
  const std::string to_code(planner::Code(updated.status));
  ANJIAN_TRY(session->AppendPlanEvent(
      {id, now, who.user_id.value, std::string(planner::Code(action)), from_code, to_code, note}));
  Audit(*session, who, now, "plan." + std::string(planner::Code(action)), "plan",
        std::to_string(id),
        {{"changes", {{"status", {{"old", from_code}, {"new", to_code}}}}}, {"note", note}});
  ANJIAN_TRY(session->Commit());
  return updated;
}

Result<store::PlanRecord> PlanService::Adjust(const Principal& who, std::int64_t id,
                                              const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kCompilePlan));
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) {
    return Error::InvalidArgument("请提供读取时的版本号（version）", "version");
  }
  const int expected_version = body["version"].get<int>();
  ANJIAN_ASSIGN_OR_RETURN(auto adjustment, AdjustmentFromJson(body, BeijingDate(clock_)));
  ANJIAN_ASSIGN_OR_RETURN(auto record, Get(who, id));
  ANJIAN_TRY(RequirePlanInsideJurisdiction(who, record));
  const planner::PlanStatus status = record.status;
  if (status == planner::PlanStatus::kSuperseded) {
    return Error::Conflict("该版本已被新版本取代，请在最新版本上调整");
  }
  if (record.version != expected_version) {
    return Error::Conflict("计划已被他人修改（当前版本 " + std::to_string(record.version) +
                           "），请刷新后重试");
  }
  if (status == planner::PlanStatus::kSubmitted) {
    return Error::Conflict("计划已报批，不能调整；请先退回后再调整");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto loaded, RebuildRecord(who, record));
  adjustment.revision = record.revision + 1;
  auto& plan = loaded.plan;
  const auto& input = loaded.input;
  const auto& original = loaded.original;
  const auto& root = loaded.root;
  ANJIAN_ASSIGN_OR_RETURN(
      auto outcome, planner::ApplyAdjustment(plan, original, adjustment, input, loaded.calendar));

  planner::PlanStatus next = status;
  std::optional<CivilDate> due = record.reapproval_due;
  if (outcome.major &&
      (status == planner::PlanStatus::kApproved || status == planner::PlanStatus::kInForce ||
       status == planner::PlanStatus::kReapprovalRequired)) {
    next = planner::PlanStatus::kReapprovalRequired;
    const CivilDate new_due = *outcome.reapproval_due;
    if (!due || new_due < *due) due = new_due;
  }
  const auto now = clock_.NowUnixSeconds();
  PlanMeta meta{root.year, root.title,           input.policy.authority, input.policy.name,
                root.seed, root.seed_commitment, root.committed_at,      root.input_hash};
  store::PlanRecord revision = record;
  revision.id = 0;
  revision.revision = record.revision + 1;
  revision.status = next;
  revision.input_json = "";
  revision.plan_json = PlanHeadToJson(plan, meta, &input.policy).dump();
  revision.summary_json = SummaryJson(plan).dump();
  revision.adjustment_json = AdjustmentToJson(adjustment, outcome).dump();
  revision.reapproval_due = due;
  revision.created_by = who.user_id.value;
  revision.created_at = now;
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(session->UpdatePlanStatus(
      record.id, expected_version, planner::PlanStatus::kSuperseded, record.reapproval_due, now));
  ANJIAN_ASSIGN_OR_RETURN(revision, session->InsertPlan(revision));
  ANJIAN_TRY(SavePlanItems(*session, revision.id, plan.items));
  const std::string kind = outcome.major ? "重大调整：" : "部分调整（存档备查）：";
  std::string reasons;
  for (const auto& r : outcome.major_reasons) reasons += "；" + r;
  const std::string from_code(planner::Code(record.status));
  const std::string to_code(planner::Code(revision.status));
  ANJIAN_TRY(session->AppendPlanEvent({revision.id, now, who.user_id.value, "adjust", from_code,
                                       to_code, kind + adjustment.reason + reasons}));
  Audit(*session, who, now, "plan.adjust", "plan", std::to_string(revision.id),
        {{"from_revision", record.id},
         {"major", outcome.major},
         {"reason", adjustment.reason},
         {"changes", {{"status", {{"old", from_code}, {"new", to_code}}}}}});
  ANJIAN_TRY(session->Commit());
  return revision;
}

}  // namespace anjian::app
