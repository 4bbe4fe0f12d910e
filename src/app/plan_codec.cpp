#include "app/plan_codec.hpp"

#include <array>
#include <cmath>

#include "app/json_writer.hpp"
#include "app/plan_policy_codec.hpp"
#include "common/sha256.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

double Percent(int part, int whole) {
  if (whole <= 0) return 0.0;
  return std::round(1000.0 * part / whole) / 10.0;
}

json CapacityJson(const planner::Plan& plan) {
  const auto& s = plan.summary;
  const auto& c = s.capacity;
  const int drawn_or_fixed = s.deterministic + s.random;
  return {{"inspections", c.inspections},
          {"computed_inspections", c.computed_inspections},
          {"overridden", c.overridden},
          {"deterministic", s.deterministic},
          {"random", s.random},
          {"special", s.special},
          {"leader_led", s.leader_led},
          {"community_screening", s.community_screening},
          {"deterministic_percent", Percent(s.deterministic, drawn_or_fixed)},
          {"random_percent", Percent(s.random, drawn_or_fixed)},
          {"enforcement_staff", s.enforcement_staff},
          {"total_workdays", c.total_workdays},
          {"other_enforcement_workdays", c.other_enforcement_workdays},
          {"non_enforcement_workdays", c.non_enforcement_workdays},
          {"inspection_workdays", c.inspection_workdays},
          {"key_workdays", c.key_workdays},
          {"general_workdays", c.general_workdays},
          {"person_days_per_inspection", c.person_days_per_inspection},
          {"steps", c.steps}};
}

Result<CivilDate> DateField(const json& j, const std::string& key, const std::string& what) {
  if (!j.contains(key) || !j[key].is_string()) {
    return Error::InvalidArgument(what + "：缺少日期（" + key + "）", key);
  }
  auto d = CivilDate::Parse(j[key].get<std::string>());
  if (!d.ok()) return Error::InvalidArgument(what + "：" + d.error().message, key);
  return *d;
}

Result<int> SlotField(const json& j) {
  if (!j.contains("slot")) return 0;
  const auto& v = j["slot"];
  if (v.is_number_integer()) return static_cast<int>(v.get<long long>());
  if (v.is_string()) {
    const auto t = v.get<std::string>();
    if (t == "am" || t == "上午") return 0;
    if (t == "pm" || t == "下午") return 1;
  }
  return Error::InvalidArgument("时段应为 0/1 或 上午/下午", "slot");
}

}  // namespace

json PlanItemToJson(const planner::PlanItem& item) {
  return {{"seq", item.seq},
          {"key", item.key},
          {"unit_credit_code", item.unit_credit_code},
          {"unit_name", item.unit_name},
          {"kind", std::string(planner::Code(item.kind))},
          {"kind_label", std::string(planner::Label(item.kind))},
          {"rule", item.rule},
          {"also_rules", item.also_rules},
          {"date", item.date.ToString()},
          {"slot", item.slot},
          {"inspectors", item.inspectors},
          {"leader", item.leader},
          {"community", item.community},
          {"grid", item.grid},
          {"occurrence", item.occurrence},
          {"occurrences", item.occurrences},
          {"key_period", item.key_period},
          {"note", item.note}};
}

namespace {

void StringArray(JsonWriter& w, const std::vector<std::string>& values) {
  w.BeginArray();
  for (const auto& value : values) w.String(value);
  w.EndArray();
}

}  // namespace

std::string PlanItemJsonText(const planner::PlanItem& item) {
  // The keys in nlohmann's (std::map) order, as dump() writes them.
  std::string out;
  out.reserve(384);
  JsonWriter w(out);
  w.BeginObject().Key("also_rules");
  StringArray(w, item.also_rules);
  w.Field("community", item.community)
      .Field("date", item.date.ToString())
      .Field("grid", item.grid)
      .Key("inspectors");
  StringArray(w, item.inspectors);
  w.Field("key", item.key)
      .Field("key_period", item.key_period)
      .Field("kind", planner::Code(item.kind))
      .Field("kind_label", planner::Label(item.kind))
      .Field("leader", item.leader)
      .Field("note", item.note)
      .Field("occurrence", item.occurrence)
      .Field("occurrences", item.occurrences)
      .Field("rule", item.rule)
      .Field("seq", item.seq)
      .Field("slot", item.slot)
      .Field("unit_credit_code", item.unit_credit_code)
      .Field("unit_name", item.unit_name)
      .EndObject();
  return out;
}

json PlanHeadToJson(const planner::Plan& plan, const PlanMeta& meta,
                    const planner::Policy* policy) {
  json j;
  j["year"] = meta.year;
  j["title"] = meta.title;
  j["authority"] = meta.authority;
  j["policy"] = meta.policy;
  j["seed"] = meta.seed;
  j["seed_commitment"] = meta.seed_commitment;
  j["committed_at"] = meta.committed_at;
  j["input_hash"] = meta.input_hash;
  j["capacity"] = CapacityJson(plan);
  const auto& s = plan.summary;
  j["summary"] = {{"units_total", s.units_total},
                  {"units_planned", s.units_planned},
                  {"key_units", s.key_units},
                  {"max_load", s.max_load},
                  {"min_load", s.min_load},
                  {"items_per_month", s.items_per_month},
                  {"items", plan.items.size()},
                  {"shortfall", plan.shortfall.size()},
                  {"not_planned", plan.not_planned.size()}};
  j["shortfall"] = json::array();
  for (const auto& e : plan.shortfall) {
    j["shortfall"].push_back({{"unit_credit_code", e.unit_credit_code},
                              {"unit_name", e.unit_name},
                              {"rule", e.rule},
                              {"kind", std::string(planner::Code(e.kind))},
                              {"required", e.required},
                              {"planned", e.planned},
                              {"reason", e.reason}});
  }
  j["not_planned"] = json::array();
  for (const auto& n : plan.not_planned) {
    j["not_planned"].push_back({{"unit_credit_code", n.unit_credit_code},
                                {"unit_name", n.unit_name},
                                {"reason", n.reason}});
  }
  j["draws"] = json::array();
  for (const auto& d : plan.draws) {
    j["draws"].push_back({{"rule", d.rule},
                          {"title", d.title},
                          {"pool_size", d.pool_size},
                          {"eligible", d.eligible},
                          {"required", d.required},
                          {"drawn", d.drawn},
                          {"ratio", std::round(d.ratio * 10000.0) / 10000.0},
                          {"drawn_codes", d.drawn_codes}});
  }
  j["loads"] = json::array();
  for (const auto& l : plan.loads) {
    j["loads"].push_back({{"employee_no", l.employee_no},
                          {"name", l.name},
                          {"items", l.items},
                          {"leader_items", l.leader_items}});
  }
  j["leader_quotas"] = json::array();
  for (const auto& q : plan.leader_quotas) {
    j["leader_quotas"].push_back({{"employee_no", q.employee_no},
                                  {"name", q.name},
                                  {"rule", q.rule},
                                  {"required", q.required},
                                  {"planned", q.planned},
                                  {"met", q.planned >= q.required}});
  }
  j["warnings"] = plan.warnings;
  if (policy) {
    json rules = json::array();
    auto add = [&](const planner::RuleSource& r, std::string_view kind) {
      rules.push_back(
          {{"id", r.id}, {"title", r.title}, {"basis", r.basis}, {"kind", std::string(kind)}});
    };
    for (const auto& r : policy->frequency_rules) add(r.source, "frequency");
    for (const auto& r : policy->random_draws) add(r.source, "random_draw");
    for (const auto& r : policy->special_campaigns) add(r.source, "special");
    for (const auto& r : policy->leader_quotas) add(r.source, "leader_quota");
    j["rules"] = std::move(rules);
  }
  return j;
}

json InputHeadToJson(const planner::PlanInput& input, std::string_view calendar_text) {
  json j;
  j["format"] = "anjian-plan-input-v1";
  j["year"] = input.year;
  j["capacity_override"] = input.capacity_override ? json(*input.capacity_override) : json(nullptr);
  j["policy"] = PolicyToJson(input.policy);
  j["calendar"] = std::string(calendar_text);
  j["inspectors"] = json::array();
  for (const auto& pi : input.inspectors) {
    const auto& i = pi.inspector;
    j["inspectors"].push_back(
        {i.employee_no, i.name, std::string(domain::Code(i.role)), i.certificate_no,
         i.certificate_valid_until ? i.certificate_valid_until->ToString() : "",
         pi.jurisdiction_path, i.recusal_codes, i.leave_days, i.active});
  }
  return j;
}

json InputUnitToJson(const planner::PlanUnit& pu) {
  const auto& u = pu.unit;
  json categories = json::array();
  for (auto c : u.categories) categories.push_back(std::string(domain::Code(c)));
  return {u.credit_code,
          u.name,
          pu.region_path,
          pu.community_name,
          pu.grid_name,
          std::string(domain::Code(u.level)),
          std::string(domain::Code(u.risk)),
          categories,
          u.is_key,
          u.accident_last_year,
          u.major_hazard_source,
          std::string(domain::Code(u.status)),
          pu.last_inspected ? pu.last_inspected->ToString() : ""};
}

std::string InputUnitJsonText(const planner::PlanUnit& pu) {
  const auto& u = pu.unit;
  std::string out;
  out.reserve(256);
  JsonWriter w(out);
  w.BeginArray()
      .String(u.credit_code)
      .String(u.name)
      .String(pu.region_path)
      .String(pu.community_name)
      .String(pu.grid_name)
      .String(domain::Code(u.level))
      .String(domain::Code(u.risk))
      .BeginArray();
  for (auto c : u.categories) w.String(domain::Code(c));
  w.EndArray()
      .Bool(u.is_key)
      .Bool(u.accident_last_year)
      .Bool(u.major_hazard_source)
      .String(domain::Code(u.status))
      .String(pu.last_inspected ? pu.last_inspected->ToString() : "")
      .EndArray();
  return out;
}

namespace {

Error CorruptInput(const std::string& what) {
  return Error::Internal("计划输入快照已损坏：" + what);
}

}  // namespace

Result<planner::PlanUnit> InputUnitFromJson(const json& row) {
  try {
    planner::PlanUnit pu;
    auto& u = pu.unit;
    u.credit_code = row.at(0).get<std::string>();
    u.name = row.at(1).get<std::string>();
    pu.region_path = row.at(2).get<std::string>();
    pu.community_name = row.at(3).get<std::string>();
    pu.grid_name = row.at(4).get<std::string>();
    auto level = domain::ParseSupervisionLevel(row.at(5).get<std::string>());
    auto risk = domain::ParseRiskColour(row.at(6).get<std::string>());
    auto status = domain::ParseUnitStatus(row.at(11).get<std::string>());
    if (!level.ok() || !risk.ok() || !status.ok())
      return CorruptInput("单位 " + u.credit_code + " 的枚举值无效");
    u.level = *level;
    u.risk = *risk;
    u.status = *status;
    for (const auto& c : row.at(7)) {
      auto cat = domain::ParseSupervisionCategory(c.get<std::string>());
      if (!cat.ok()) return CorruptInput("单位 " + u.credit_code + " 的行业类别无效");
      u.categories.push_back(*cat);
    }
    u.is_key = row.at(8).get<bool>();
    u.accident_last_year = row.at(9).get<bool>();
    u.major_hazard_source = row.at(10).get<bool>();
    if (const auto last = row.at(12).get<std::string>(); !last.empty()) {
      auto d = CivilDate::Parse(last);
      if (!d.ok()) return CorruptInput("单位 " + u.credit_code + " 的检查日期无效");
      pu.last_inspected = *d;
    }
    return pu;
  } catch (const json::exception& e) {
    return CorruptInput(e.what());
  }
}

Result<planner::PlanInput> InputFromJson(const json& j, std::string& calendar_text) {
  try {
    if (!j.is_object() || j.value("format", "") != "anjian-plan-input-v1")
      return CorruptInput("格式标识不符");
    planner::PlanInput in;
    in.year = j.at("year").get<int>();
    if (!j.at("capacity_override").is_null())
      in.capacity_override = j["capacity_override"].get<int>();
    auto policy = PolicyFromJson(j.at("policy"));
    if (!policy.ok()) return CorruptInput(policy.error().message);
    in.policy = std::move(*policy);
    calendar_text = j.at("calendar").get<std::string>();
    if (j.contains("units")) {
      for (const auto& row : j.at("units")) {
        ANJIAN_ASSIGN_OR_RETURN(auto unit, InputUnitFromJson(row));
        in.units.push_back(std::move(unit));
      }
    }
    for (const auto& row : j.at("inspectors")) {
      planner::PlanInspector pi;
      auto& i = pi.inspector;
      i.employee_no = row.at(0).get<std::string>();
      i.name = row.at(1).get<std::string>();
      auto role = domain::ParseInspectorRole(row.at(2).get<std::string>());
      if (!role.ok()) return CorruptInput("人员 " + i.employee_no + " 的角色无效");
      i.role = *role;
      i.certificate_no = row.at(3).get<std::string>();
      if (const auto until = row.at(4).get<std::string>(); !until.empty()) {
        auto d = CivilDate::Parse(until);
        if (!d.ok()) return CorruptInput("人员 " + i.employee_no + " 的证件有效期无效");
        i.certificate_valid_until = *d;
      }
      pi.jurisdiction_path = row.at(5).get<std::string>();
      i.recusal_codes = row.at(6).get<std::vector<std::string>>();
      i.leave_days = row.at(7).get<int>();
      i.active = row.at(8).get<bool>();
      in.inspectors.push_back(std::move(pi));
    }
    return in;
  } catch (const json::exception& e) {
    return CorruptInput(e.what());
  }
}

Result<planner::Adjustment> AdjustmentFromJson(const json& j, CivilDate today) {
  if (!j.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  planner::Adjustment a;
  a.decided_on = today;
  if (j.contains("reason")) {
    if (!j["reason"].is_string()) return Error::InvalidArgument("调整原因应为字符串", "reason");
    a.reason = j["reason"].get<std::string>();
  }
  if (j.contains("decided_on")) {
    ANJIAN_ASSIGN_OR_RETURN(a.decided_on, DateField(j, "decided_on", "决定日期"));
  }
  if (j.contains("declared_major")) {
    if (!j["declared_major"].is_boolean())
      return Error::InvalidArgument("declared_major 应为 true 或 false", "declared_major");
    a.declared_major = j["declared_major"].get<bool>();
  }
  if (j.contains("remove")) {
    if (!j["remove"].is_array()) return Error::InvalidArgument("remove 应为序号数组", "remove");
    for (const auto& v : j["remove"]) {
      if (!v.is_number_integer()) return Error::InvalidArgument("remove 应为序号数组", "remove");
      a.remove.push_back(static_cast<int>(v.get<long long>()));
    }
  }
  if (j.contains("move")) {
    if (!j["move"].is_array()) return Error::InvalidArgument("move 应为数组", "move");
    for (const auto& m : j["move"]) {
      if (!m.is_object() || !m.contains("seq") || !m["seq"].is_number_integer()) {
        return Error::InvalidArgument("move 的每一项需要 seq 和 date", "move");
      }
      planner::ItemMove move;
      move.seq = static_cast<int>(m["seq"].get<long long>());
      ANJIAN_ASSIGN_OR_RETURN(move.date, DateField(m, "date", "改期"));
      ANJIAN_ASSIGN_OR_RETURN(move.slot, SlotField(m));
      a.move.push_back(move);
    }
  }
  if (j.contains("add")) {
    if (!j["add"].is_array()) return Error::InvalidArgument("add 应为数组", "add");
    for (const auto& v : j["add"]) {
      if (!v.is_object() || !v.contains("unit_credit_code") || !v["unit_credit_code"].is_string()) {
        return Error::InvalidArgument("add 的每一项需要 unit_credit_code", "add");
      }
      planner::ItemAddition add;
      add.unit_credit_code = v["unit_credit_code"].get<std::string>();
      ANJIAN_ASSIGN_OR_RETURN(add.date, DateField(v, "date", "新增检查"));
      ANJIAN_ASSIGN_OR_RETURN(add.slot, SlotField(v));
      if (v.contains("kind")) {
        if (!v["kind"].is_string()) return Error::InvalidArgument("kind 应为字符串", "kind");
        ANJIAN_ASSIGN_OR_RETURN(add.kind, planner::ParseItemKind(v["kind"].get<std::string>()));
      }
      if (v.contains("inspectors")) {
        if (!v["inspectors"].is_array())
          return Error::InvalidArgument("inspectors 应为工号数组", "inspectors");
        for (const auto& e : v["inspectors"]) {
          if (!e.is_string())
            return Error::InvalidArgument("inspectors 应为工号数组", "inspectors");
          add.inspectors.push_back(e.get<std::string>());
        }
      }
      if (v.contains("rule") && v["rule"].is_string()) add.rule = v["rule"].get<std::string>();
      if (v.contains("note") && v["note"].is_string()) add.note = v["note"].get<std::string>();
      a.add.push_back(std::move(add));
    }
  }
  return a;
}

json AdjustmentToJson(const planner::Adjustment& a, const planner::AdjustmentOutcome& o) {
  json request;
  request["reason"] = a.reason;
  request["decided_on"] = a.decided_on.ToString();
  request["declared_major"] = a.declared_major;
  request["remove"] = a.remove;
  request["move"] = json::array();
  for (const auto& m : a.move)
    request["move"].push_back({{"seq", m.seq}, {"date", m.date.ToString()}, {"slot", m.slot}});
  request["add"] = json::array();
  for (const auto& add : a.add) {
    request["add"].push_back({{"unit_credit_code", add.unit_credit_code},
                              {"kind", std::string(planner::Code(add.kind))},
                              {"date", add.date.ToString()},
                              {"slot", add.slot},
                              {"inspectors", add.inspectors},
                              {"rule", add.rule},
                              {"note", add.note}});
  }
  json diff;
  diff["major"] = o.major;
  diff["major_reasons"] = o.major_reasons;
  diff["reapproval_due"] = o.reapproval_due ? o.reapproval_due->ToString() : "";
  diff["units_original"] = o.units_original;
  diff["units_after"] = o.units_after;
  diff["added"] = json::array();
  for (const auto& i : o.added) diff["added"].push_back(PlanItemToJson(i));
  diff["removed"] = json::array();
  for (const auto& i : o.removed) diff["removed"].push_back(PlanItemToJson(i));
  diff["moved"] = json::array();
  for (const auto& [before, after] : o.moved) {
    diff["moved"].push_back({{"before", PlanItemToJson(before)}, {"after", PlanItemToJson(after)}});
  }
  return {{"request", request}, {"diff", diff}};
}

std::uint64_t DrawSeed(std::string_view seed, std::string_view input_hash) {
  std::string material = "anjian-plan-draw-v1\n";
  material.append(seed);
  material += '\n';
  material.append(input_hash);
  const auto digest = Sha256().Update(material).Finish();
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | digest[i];
  return value;
}

}  // namespace anjian::app
