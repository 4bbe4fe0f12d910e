#include "app/json_codec.hpp"

#include "app/json_writer.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

Error TypeError(std::string_view field, std::string_view expected) {
  return Error::InvalidArgument("字段 " + std::string(field) + " 应为" + std::string(expected),
                                std::string(field));
}

Status ReadString(const json& body, const char* field, std::string& out,
                  std::size_t max_bytes = 4096) {
  auto it = body.find(field);
  if (it == body.end()) return Ok();
  if (it->is_null()) {
    out.clear();
    return Ok();
  }
  if (!it->is_string()) return TypeError(field, "字符串");
  const auto& value = it->get_ref<const std::string&>();
  if (value.size() > max_bytes)
    return Error::InvalidArgument(std::string("字段 ") + field + " 过长", field);
  out = std::string(Trim(value));
  return Ok();
}

Status ReadBool(const json& body, const char* field, bool& out) {
  auto it = body.find(field);
  if (it == body.end()) return Ok();
  if (!it->is_boolean()) return TypeError(field, "布尔值 true/false");
  out = it->get<bool>();
  return Ok();
}

Status ReadInt(const json& body, const char* field, int& out) {
  auto it = body.find(field);
  if (it == body.end()) return Ok();
  if (!it->is_number_integer()) return TypeError(field, "整数");
  const auto value = it->get<std::int64_t>();
  if (value < INT32_MIN || value > INT32_MAX) return TypeError(field, "范围内的整数");
  out = static_cast<int>(value);
  return Ok();
}

template <typename T, typename Parser>
Status ReadEnum(const json& body, const char* field, T& out, Parser parse) {
  auto it = body.find(field);
  if (it == body.end()) return Ok();
  if (!it->is_string()) return TypeError(field, "字符串");
  auto parsed = parse(it->get<std::string>());
  if (!parsed.ok()) return Error::InvalidArgument(parsed.error().message, std::string(field));
  out = *parsed;
  return Ok();
}

Status ReadRegionId(const json& body, const char* field, RegionId& out) {
  auto it = body.find(field);
  if (it == body.end()) return Ok();
  if (!it->is_number_integer() || it->get<std::int64_t>() <= 0)
    return TypeError(field, "正整数 id");
  out = RegionId(it->get<std::int64_t>());
  return Ok();
}

Status ReadOptionalRegionId(const json& body, const char* field, std::optional<RegionId>& out) {
  auto it = body.find(field);
  if (it == body.end()) return Ok();
  if (it->is_null()) {
    out.reset();
    return Ok();
  }
  RegionId id;
  ANJIAN_TRY(ReadRegionId(body, field, id));
  out = id;
  return Ok();
}

json OptionalRegion(const std::optional<RegionId>& id) {
  return id ? json(id->value) : json(nullptr);
}

}  // namespace

void AppendUnitJson(std::string& out, const domain::Unit& u, const RegionNamer& namer) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("id", u.id.value);
  w.Field("credit_code", u.credit_code);
  w.Field("credit_code_override", u.credit_code_override);
  w.Field("credit_code_override_reason", u.credit_code_override_reason);
  w.Field("name", u.name);
  w.Field("address", u.address);
  w.Field("community_id", u.community_id.value);
  w.Field("community_name", namer(u.community_id));
  w.Key("grid_id");
  if (u.grid_id)
    w.Int(u.grid_id->value);
  else
    w.Null();
  w.Field("grid_name", u.grid_id ? namer(*u.grid_id) : std::string());
  w.Key("categories").BeginArray();
  for (auto c : u.categories) w.String(domain::Code(c));
  w.EndArray();
  w.Key("category_labels").BeginArray();
  for (auto c : u.categories) w.String(domain::Label(c));
  w.EndArray();
  w.Field("industry_section", u.industry_section);
  w.Field("level", domain::Code(u.level));
  w.Field("level_label", domain::Label(u.level));
  w.Field("risk", domain::Code(u.risk));
  w.Field("risk_label", domain::Label(u.risk));
  w.Field("accident_last_year", u.accident_last_year);
  w.Field("major_hazard_source", u.major_hazard_source);
  w.Field("employees", u.employees);
  w.Field("supervising_department", u.supervising_department);
  w.Field("safety_manager", u.safety_manager);
  w.Field("contact_phone", u.contact_phone);
  w.Field("status", domain::Code(u.status));
  w.Field("status_label", domain::Label(u.status));
  w.Field("is_key", u.is_key);
  w.Field("version", u.version);
  w.Field("created_at", u.created_at);
  w.Field("updated_at", u.updated_at);
  w.EndObject();
}

json UnitToJson(const domain::Unit& u, const RegionNamer& namer) {
  std::string text;
  AppendUnitJson(text, u, namer);
  return json::parse(text);
}

json InspectorToJson(const domain::Inspector& i, const RegionNamer& namer) {
  return json{
      {"id", i.id.value},
      {"name", i.name},
      {"employee_no", i.employee_no},
      {"department", i.department},
      {"role", domain::Code(i.role)},
      {"role_label", domain::Label(i.role)},
      {"is_leader", domain::IsLeaderRole(i.role)},
      {"certificate_no", i.certificate_no},
      {"certificate_valid_until",
       i.certificate_valid_until ? json(i.certificate_valid_until->ToString()) : json(nullptr)},
      {"jurisdiction_id", i.jurisdiction_id.value},
      {"jurisdiction_name", namer(i.jurisdiction_id)},
      {"recusal_codes", i.recusal_codes},
      {"phone", i.phone},
      {"leave_days", i.leave_days},
      {"active", i.active},
      {"version", i.version},
      {"created_at", i.created_at},
      {"updated_at", i.updated_at},
  };
}

json RegionToJson(const domain::Region& r) {
  return json{{"id", r.id.value},
              {"parent_id", OptionalRegion(r.parent_id)},
              {"level", domain::Code(r.level)},
              {"level_label", domain::Label(r.level)},
              {"code", r.code},
              {"name", r.name},
              {"path", r.path},
              {"version", r.version}};
}

json UserToJson(const store::User& u) {
  return json{{"id", u.id.value},
              {"username", u.username},
              {"display_name", u.display_name},
              {"role", domain::Code(u.role)},
              {"role_label", domain::Label(u.role)},
              {"jurisdiction_id", OptionalRegion(u.jurisdiction_id)},
              {"unit_id", u.unit_id ? json(u.unit_id->value) : json(nullptr)},
              {"inspector_id", u.inspector_id ? json(u.inspector_id->value) : json(nullptr)}};
}

Status MergeUnitJson(const json& body, domain::Unit& u) {
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_TRY(ReadString(body, "credit_code", u.credit_code, 64));
  ANJIAN_TRY(ReadBool(body, "credit_code_override", u.credit_code_override));
  ANJIAN_TRY(ReadString(body, "credit_code_override_reason", u.credit_code_override_reason));
  ANJIAN_TRY(ReadString(body, "name", u.name));
  ANJIAN_TRY(ReadString(body, "address", u.address));
  ANJIAN_TRY(ReadRegionId(body, "community_id", u.community_id));
  ANJIAN_TRY(ReadOptionalRegionId(body, "grid_id", u.grid_id));
  if (auto it = body.find("categories"); it != body.end()) {
    if (!it->is_array()) return TypeError("categories", "字符串数组");
    std::vector<domain::SupervisionCategory> categories;
    for (const auto& item : *it) {
      if (!item.is_string()) return TypeError("categories", "字符串数组");
      auto c = domain::ParseSupervisionCategory(item.get<std::string>());
      if (!c.ok()) return Error::InvalidArgument(c.error().message, "categories");
      if (std::find(categories.begin(), categories.end(), *c) == categories.end())
        categories.push_back(*c);
    }
    u.categories = std::move(categories);
  }
  ANJIAN_TRY(ReadString(body, "industry_section", u.industry_section, 8));
  ANJIAN_TRY(ReadEnum(body, "level", u.level, domain::ParseSupervisionLevel));
  ANJIAN_TRY(ReadEnum(body, "risk", u.risk, domain::ParseRiskColour));
  ANJIAN_TRY(ReadBool(body, "accident_last_year", u.accident_last_year));
  ANJIAN_TRY(ReadBool(body, "major_hazard_source", u.major_hazard_source));
  ANJIAN_TRY(ReadInt(body, "employees", u.employees));
  ANJIAN_TRY(ReadString(body, "supervising_department", u.supervising_department));
  ANJIAN_TRY(ReadString(body, "safety_manager", u.safety_manager));
  ANJIAN_TRY(ReadString(body, "contact_phone", u.contact_phone));
  ANJIAN_TRY(ReadEnum(body, "status", u.status, domain::ParseUnitStatus));
  for (char& c : u.credit_code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Ok();
}

Status MergeInspectorJson(const json& body, domain::Inspector& i) {
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_TRY(ReadString(body, "name", i.name));
  ANJIAN_TRY(ReadString(body, "employee_no", i.employee_no));
  ANJIAN_TRY(ReadString(body, "department", i.department));
  ANJIAN_TRY(ReadEnum(body, "role", i.role, domain::ParseInspectorRole));
  ANJIAN_TRY(ReadString(body, "certificate_no", i.certificate_no));
  if (auto it = body.find("certificate_valid_until"); it != body.end()) {
    if (it->is_null()) {
      i.certificate_valid_until.reset();
    } else if (!it->is_string()) {
      return TypeError("certificate_valid_until", "日期字符串 YYYY-MM-DD");
    } else {
      auto date = CivilDate::Parse(it->get<std::string>());
      if (!date.ok())
        return Error::InvalidArgument("执法证有效期：" + date.error().message,
                                      "certificate_valid_until");
      i.certificate_valid_until = *date;
    }
  }
  ANJIAN_TRY(ReadRegionId(body, "jurisdiction_id", i.jurisdiction_id));
  if (auto it = body.find("recusal_codes"); it != body.end()) {
    if (!it->is_array()) return TypeError("recusal_codes", "字符串数组");
    std::vector<std::string> codes;
    for (const auto& item : *it) {
      if (!item.is_string()) return TypeError("recusal_codes", "字符串数组");
      codes.emplace_back(Trim(item.get<std::string>()));
    }
    i.recusal_codes = std::move(codes);
  }
  ANJIAN_TRY(ReadString(body, "phone", i.phone));
  ANJIAN_TRY(ReadInt(body, "leave_days", i.leave_days));
  ANJIAN_TRY(ReadBool(body, "active", i.active));
  return Ok();
}

Status MergeRegionJson(const json& body, domain::Region& r) {
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_TRY(ReadString(body, "name", r.name));
  ANJIAN_TRY(ReadString(body, "code", r.code, 64));
  ANJIAN_TRY(ReadEnum(body, "level", r.level, domain::ParseRegionLevel));
  ANJIAN_TRY(ReadOptionalRegionId(body, "parent_id", r.parent_id));
  return Ok();
}

Result<int> RequiredVersion(const json& body) {
  auto it = body.find("version");
  if (it == body.end())
    return Error::InvalidArgument("更新时须提交读取时的 version（乐观锁）", "version");
  if (!it->is_number_integer()) return TypeError("version", "整数");
  return static_cast<int>(it->get<std::int64_t>());
}

}  // namespace anjian::app
