#include "app/plan_policy_codec.hpp"

#include <set>

#include "common/text.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;
using planner::Policy;

// Reads one JSON object, remembering its path for messages and which keys were used.
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  Status CheckObject() const {
    if (!j_.is_object()) return Fail("应为对象");
    return Status();
  }
  Error Fail(const std::string& what) const {
    return Error::InvalidArgument((path_.empty() ? std::string("策略") : path_) + "：" + what,
                                  "policy");
  }
  std::string Sub(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  const json* Find(const std::string& key) {
    used_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }
  Status String(const std::string& key, std::string& out, bool required = false) {
    const json* v = Find(key);
    if (!v) return required ? Status(ObjectReader(j_, Sub(key)).Fail("不能为空")) : Status();
    if (!v->is_string()) return ObjectReader(*v, Sub(key)).Fail("应为字符串");
    out = v->get<std::string>();
    return Status();
  }
  Status Int(const std::string& key, int& out) {
    const json* v = Find(key);
    if (!v) return Status();
    if (!v->is_number_integer()) return ObjectReader(*v, Sub(key)).Fail("应为整数");
    const auto n = v->get<long long>();
    if (n < -1000000 || n > 1000000) return ObjectReader(*v, Sub(key)).Fail("数值超出范围");
    out = static_cast<int>(n);
    return Status();
  }
  Status Double(const std::string& key, double& out) {
    const json* v = Find(key);
    if (!v) return Status();
    if (!v->is_number()) return ObjectReader(*v, Sub(key)).Fail("应为数字");
    out = v->get<double>();
    return Status();
  }
  Status Bool(const std::string& key, bool& out) {
    const json* v = Find(key);
    if (!v) return Status();
    if (!v->is_boolean()) return ObjectReader(*v, Sub(key)).Fail("应为 true 或 false");
    out = v->get<bool>();
    return Status();
  }
  Status OptBool(const std::string& key, std::optional<bool>& out) {
    const json* v = Find(key);
    if (!v) return Status();
    if (!v->is_boolean()) return ObjectReader(*v, Sub(key)).Fail("应为 true 或 false");
    out = v->get<bool>();
    return Status();
  }
  template <typename T, typename Parse>
  Status List(const std::string& key, std::vector<T>& out, Parse parse) {
    const json* v = Find(key);
    if (!v) return Status();
    if (!v->is_array()) return ObjectReader(*v, Sub(key)).Fail("应为数组");
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string item_path = Sub(key) + "[" + std::to_string(i) + "]";
      auto r = parse((*v)[i], item_path);
      if (!r.ok()) return std::move(r).error();
      out.push_back(std::move(*r));
    }
    return Status();
  }
  Status Unknown() const {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!used_.count(it.key())) return Fail("未知字段“" + it.key() + "”");
    }
    return Status();
  }

 private:
  const json& j_;
  std::string path_;
  std::set<std::string> used_;
};

template <typename Parse>
auto EnumItem(Parse parse) {
  return [parse](const json& j, const std::string& path) -> decltype(parse(std::string_view())) {
    if (!j.is_string()) return ObjectReader(j, path).Fail("应为字符串");
    auto r = parse(j.get<std::string>());
    if (!r.ok()) return ObjectReader(j, path).Fail(r.error().message);
    return r;
  };
}

Result<std::string> StringItem(const json& j, const std::string& path) {
  if (!j.is_string()) return ObjectReader(j, path).Fail("应为字符串");
  return j.get<std::string>();
}

Result<int> IntItem(const json& j, const std::string& path) {
  if (!j.is_number_integer()) return ObjectReader(j, path).Fail("应为整数");
  return static_cast<int>(j.get<long long>());
}

Status ReadSource(ObjectReader& r, planner::RuleSource& s) {
  ANJIAN_TRY(r.String("id", s.id, true));
  ANJIAN_TRY(r.String("title", s.title, true));
  return r.String("basis", s.basis);
}

Result<planner::UnitSelector> ReadSelector(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ANJIAN_TRY(r.CheckObject());
  planner::UnitSelector s;
  ANJIAN_TRY(r.List("levels", s.levels, EnumItem(domain::ParseSupervisionLevel)));
  ANJIAN_TRY(r.List("risks", s.risks, EnumItem(domain::ParseRiskColour)));
  ANJIAN_TRY(r.List("categories", s.categories, EnumItem(domain::ParseSupervisionCategory)));
  ANJIAN_TRY(r.OptBool("key", s.key));
  ANJIAN_TRY(r.OptBool("accident_last_year", s.accident_last_year));
  ANJIAN_TRY(r.OptBool("major_hazard_source", s.major_hazard_source));
  ANJIAN_TRY(r.Unknown());
  return s;
}

Status Selector(ObjectReader& r, const std::string& key, planner::UnitSelector& out) {
  const json* v = r.Find(key);
  if (!v) return Status();
  ANJIAN_ASSIGN_OR_RETURN(out, ReadSelector(*v, r.Sub(key)));
  return Status();
}

template <typename E, typename Parse>
Status EnumField(ObjectReader& r, const std::string& key, E& out, Parse parse) {
  std::string text;
  ANJIAN_TRY(r.String(key, text));
  if (text.empty()) return Status();
  auto v = parse(text);
  if (!v.ok()) return r.Fail(r.Sub(key) + "：" + v.error().message);
  out = *v;
  return Status();
}

Result<planner::FrequencyRule> ReadFrequency(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ANJIAN_TRY(r.CheckObject());
  planner::FrequencyRule f;
  ANJIAN_TRY(ReadSource(r, f.source));
  ANJIAN_TRY(Selector(r, "select", f.selector));
  ANJIAN_TRY(r.Int("count", f.count));
  ANJIAN_TRY(EnumField(r, "period", f.period, planner::ParsePeriod));
  ANJIAN_TRY(EnumField(r, "executor", f.executor, planner::ParseExecutor));
  ANJIAN_TRY(r.Bool("mandatory", f.mandatory));
  ANJIAN_TRY(r.Unknown());
  return f;
}

Result<planner::Stratification> ParseStratification(std::string_view text) {
  if (text == "none" || text == "不分层") return planner::Stratification::kNone;
  if (text == "community" || text == "按社区") return planner::Stratification::kCommunity;
  if (text == "risk" || text == "按风险等级") return planner::Stratification::kRisk;
  return Error::InvalidArgument("分层方式“" + std::string(text) +
                                "”不在可选值中（none、community、risk）");
}

std::string_view StratificationCode(planner::Stratification s) {
  switch (s) {
    case planner::Stratification::kNone:
      return "none";
    case planner::Stratification::kCommunity:
      return "community";
    case planner::Stratification::kRisk:
      return "risk";
  }
  return "none";
}

Result<planner::RandomDrawRule> ReadDraw(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ANJIAN_TRY(r.CheckObject());
  planner::RandomDrawRule d;
  ANJIAN_TRY(ReadSource(r, d.source));
  ANJIAN_TRY(Selector(r, "pool", d.pool));
  ANJIAN_TRY(r.Double("ratio", d.ratio));
  ANJIAN_TRY(r.Int("min_count", d.min_count));
  ANJIAN_TRY(r.Bool("exclude_planned", d.exclude_planned));
  ANJIAN_TRY(r.Int("exclude_inspected_within_months", d.exclude_inspected_within_months));
  ANJIAN_TRY(r.Bool("fill_capacity", d.fill_capacity));
  ANJIAN_TRY(EnumField(r, "stratify", d.stratify, ParseStratification));
  ANJIAN_TRY(r.Unknown());
  return d;
}

Result<planner::SpecialCampaign> ReadCampaign(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ANJIAN_TRY(r.CheckObject());
  planner::SpecialCampaign c;
  ANJIAN_TRY(ReadSource(r, c.source));
  ANJIAN_TRY(r.List("holidays", c.holidays, StringItem));
  ANJIAN_TRY(r.List("months", c.months, IntItem));
  ANJIAN_TRY(r.Int("working_days_before", c.working_days_before));
  ANJIAN_TRY(Selector(r, "select", c.selector));
  ANJIAN_TRY(r.Int("units_per_campaign", c.units_per_campaign));
  ANJIAN_TRY(r.Unknown());
  return c;
}

Result<planner::LeaderQuota> ReadQuota(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ANJIAN_TRY(r.CheckObject());
  planner::LeaderQuota q;
  ANJIAN_TRY(ReadSource(r, q.source));
  ANJIAN_TRY(r.List("roles", q.roles, EnumItem(domain::ParseInspectorRole)));
  ANJIAN_TRY(r.Int("count", q.count));
  ANJIAN_TRY(EnumField(r, "period", q.period, planner::ParsePeriod));
  ANJIAN_TRY(Selector(r, "targets", q.targets));
  ANJIAN_TRY(r.Bool("own_jurisdiction_only", q.own_jurisdiction_only));
  ANJIAN_TRY(r.Unknown());
  return q;
}

Result<planner::WorkdayItem> ReadWorkdays(const json& j, const std::string& path) {
  ObjectReader r(j, path);
  ANJIAN_TRY(r.CheckObject());
  planner::WorkdayItem w;
  ANJIAN_TRY(r.String("name", w.name, true));
  ANJIAN_TRY(r.Int("workdays", w.workdays));
  ANJIAN_TRY(r.Unknown());
  return w;
}

json SelectorJson(const planner::UnitSelector& s) {
  json j = json::object();
  auto codes = [](const auto& values) {
    json a = json::array();
    for (auto v : values) a.push_back(std::string(domain::Code(v)));
    return a;
  };
  if (!s.levels.empty()) j["levels"] = codes(s.levels);
  if (!s.risks.empty()) j["risks"] = codes(s.risks);
  if (!s.categories.empty()) j["categories"] = codes(s.categories);
  if (s.key) j["key"] = *s.key;
  if (s.accident_last_year) j["accident_last_year"] = *s.accident_last_year;
  if (s.major_hazard_source) j["major_hazard_source"] = *s.major_hazard_source;
  return j;
}

json SourceJson(const planner::RuleSource& s) {
  return {{"id", s.id}, {"title", s.title}, {"basis", s.basis}};
}

}  // namespace

Result<Policy> PolicyFromJson(const json& j) {
  ObjectReader r(j, "");
  ANJIAN_TRY(r.CheckObject());
  Policy p;
  ANJIAN_TRY(r.String("name", p.name, true));
  ANJIAN_TRY(r.String("title", p.title));
  ANJIAN_TRY(r.String("authority", p.authority));
  ANJIAN_TRY(r.String("source", p.source));
  ANJIAN_TRY(r.List("basis", p.basis, StringItem));
  ANJIAN_TRY(r.List("frequency_rules", p.frequency_rules, ReadFrequency));
  ANJIAN_TRY(r.List("random_draws", p.random_draws, ReadDraw));
  ANJIAN_TRY(r.List("special_campaigns", p.special_campaigns, ReadCampaign));
  if (const json* k = r.Find("key_periods")) {
    ObjectReader kr(*k, "key_periods");
    ANJIAN_TRY(kr.CheckObject());
    auto& kp = p.key_periods;
    ANJIAN_TRY(kr.String("id", kp.source.id));
    ANJIAN_TRY(kr.String("title", kp.source.title));
    ANJIAN_TRY(kr.String("basis", kp.source.basis));
    ANJIAN_TRY(kr.List("months", kp.months, IntItem));
    ANJIAN_TRY(kr.Double("month_weight", kp.month_weight));
    ANJIAN_TRY(kr.Int("days_before_holidays", kp.days_before_holidays));
    ANJIAN_TRY(kr.Double("holiday_weight", kp.holiday_weight));
    ANJIAN_TRY(kr.Unknown());
  }
  ANJIAN_TRY(r.List("leader_quotas", p.leader_quotas, ReadQuota));
  if (const json* t = r.Find("team")) {
    ObjectReader tr(*t, "team");
    ANJIAN_TRY(tr.CheckObject());
    ANJIAN_TRY(tr.Int("size", p.team.size));
    ANJIAN_TRY(tr.Int("slots_per_day", p.team.slots_per_day));
    ANJIAN_TRY(tr.Int("max_items_per_inspector_per_day", p.team.max_items_per_inspector_per_day));
    ANJIAN_TRY(tr.Int("community_daily_cap", p.team.community_daily_cap));
    ANJIAN_TRY(tr.Int("annual_cap_per_unit", p.team.annual_cap_per_unit));
    ANJIAN_TRY(tr.Unknown());
  }
  if (const json* c = r.Find("capacity")) {
    ObjectReader cr(*c, "capacity");
    ANJIAN_TRY(cr.CheckObject());
    auto& cp = p.capacity;
    ANJIAN_TRY(cr.Double("key_share", cp.key_share));
    ANJIAN_TRY(cr.Double("onsite_days", cp.onsite_days));
    ANJIAN_TRY(cr.Double("document_days", cp.document_days));
    ANJIAN_TRY(cr.Double("reinspection_days", cp.reinspection_days));
    ANJIAN_TRY(cr.Double("case_days", cp.case_days));
    ANJIAN_TRY(cr.List("other_enforcement", cp.other_enforcement, ReadWorkdays));
    ANJIAN_TRY(cr.List("non_enforcement", cp.non_enforcement, ReadWorkdays));
    ANJIAN_TRY(cr.Unknown());
  }
  ANJIAN_TRY(r.List("methods", p.methods, StringItem));
  ANJIAN_TRY(r.List("content", p.content, StringItem));
  ANJIAN_TRY(r.List("requirements", p.requirements, StringItem));
  ANJIAN_TRY(r.Unknown());
  const auto problems = planner::ValidatePolicy(p);
  if (!problems.empty()) {
    std::string message = "检查策略有误：";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "；" : "") + problems[i];
    return Error::InvalidArgument(message, "policy");
  }
  return p;
}

Result<Policy> ParsePolicy(std::string_view text) {
  if (JsonNestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    return Error::InvalidArgument("策略文件嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层",
                                  "policy");
  }
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false,
                       /*ignore_comments=*/true);
  if (j.is_discarded()) return Error::InvalidArgument("策略文件不是有效的 JSON", "policy");
  return PolicyFromJson(j);
}

json PolicyToJson(const Policy& p) {
  json j;
  j["name"] = p.name;
  j["title"] = p.title;
  j["authority"] = p.authority;
  j["source"] = p.source;
  j["basis"] = p.basis;
  j["frequency_rules"] = json::array();
  for (const auto& f : p.frequency_rules) {
    json r = SourceJson(f.source);
    r["select"] = SelectorJson(f.selector);
    r["count"] = f.count;
    r["period"] = std::string(planner::Code(f.period));
    r["executor"] = std::string(planner::Code(f.executor));
    r["mandatory"] = f.mandatory;
    j["frequency_rules"].push_back(std::move(r));
  }
  j["random_draws"] = json::array();
  for (const auto& d : p.random_draws) {
    json r = SourceJson(d.source);
    r["pool"] = SelectorJson(d.pool);
    r["ratio"] = d.ratio;
    r["min_count"] = d.min_count;
    r["exclude_planned"] = d.exclude_planned;
    r["exclude_inspected_within_months"] = d.exclude_inspected_within_months;
    r["fill_capacity"] = d.fill_capacity;
    r["stratify"] = std::string(StratificationCode(d.stratify));
    j["random_draws"].push_back(std::move(r));
  }
  j["special_campaigns"] = json::array();
  for (const auto& c : p.special_campaigns) {
    json r = SourceJson(c.source);
    r["holidays"] = c.holidays;
    r["months"] = c.months;
    r["working_days_before"] = c.working_days_before;
    r["select"] = SelectorJson(c.selector);
    r["units_per_campaign"] = c.units_per_campaign;
    j["special_campaigns"].push_back(std::move(r));
  }
  const auto& k = p.key_periods;
  j["key_periods"] = SourceJson(k.source);
  j["key_periods"]["months"] = k.months;
  j["key_periods"]["month_weight"] = k.month_weight;
  j["key_periods"]["days_before_holidays"] = k.days_before_holidays;
  j["key_periods"]["holiday_weight"] = k.holiday_weight;
  j["leader_quotas"] = json::array();
  for (const auto& q : p.leader_quotas) {
    json r = SourceJson(q.source);
    r["roles"] = json::array();
    for (auto role : q.roles) r["roles"].push_back(std::string(domain::Code(role)));
    r["count"] = q.count;
    r["period"] = std::string(planner::Code(q.period));
    r["targets"] = SelectorJson(q.targets);
    r["own_jurisdiction_only"] = q.own_jurisdiction_only;
    j["leader_quotas"].push_back(std::move(r));
  }
  j["team"] = {{"size", p.team.size},
               {"slots_per_day", p.team.slots_per_day},
               {"max_items_per_inspector_per_day", p.team.max_items_per_inspector_per_day},
               {"community_daily_cap", p.team.community_daily_cap},
               {"annual_cap_per_unit", p.team.annual_cap_per_unit}};
  const auto& c = p.capacity;
  auto items = [](const std::vector<planner::WorkdayItem>& v) {
    json a = json::array();
    for (const auto& w : v) a.push_back({{"name", w.name}, {"workdays", w.workdays}});
    return a;
  };
  j["capacity"] = {{"key_share", c.key_share},
                   {"onsite_days", c.onsite_days},
                   {"document_days", c.document_days},
                   {"reinspection_days", c.reinspection_days},
                   {"case_days", c.case_days},
                   {"other_enforcement", items(c.other_enforcement)},
                   {"non_enforcement", items(c.non_enforcement)}};
  j["methods"] = p.methods;
  j["content"] = p.content;
  j["requirements"] = p.requirements;
  return j;
}

}  // namespace anjian::app

namespace anjian::app {
namespace builtin {
const std::vector<std::pair<std::string_view, std::string_view>>& Presets();
std::string_view Calendar();
}  // namespace builtin

std::vector<std::string> PresetNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : builtin::Presets()) names.emplace_back(name);
  return names;
}

Result<std::string> PresetText(std::string_view name) {
  for (const auto& [preset, text] : builtin::Presets()) {
    if (preset == name) return std::string(text);
  }
  std::string known;
  for (const auto& n : PresetNames()) known += (known.empty() ? "" : "、") + n;
  return Error::NotFound("没有名为“" + std::string(name) + "”的检查策略预设（可选：" + known +
                         "）");
}

std::string_view BuiltinCalendarText() { return builtin::Calendar(); }

}  // namespace anjian::app
