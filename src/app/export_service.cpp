#include "app/export_service.hpp"

#include <fstream>
#include <unordered_map>

#include "app/import_service.hpp"
#include "io/table_writer.hpp"

namespace anjian::app {
namespace {

io::Cell Text(std::string text) { return io::Cell{std::move(text), false, false}; }
io::Cell Number(std::int64_t value) { return io::Cell{std::to_string(value), true, false}; }
std::string YesNo(bool value) { return value ? "是" : "否"; }

io::Row Header(const std::vector<std::string>& names) {
  io::Row row;
  for (const auto& n : names) row.push_back(Text(n));
  return row;
}

const std::vector<std::string>& UnitExportHeaders() {
  static const std::vector<std::string> kHeaders = [] {
    auto h = UnitTemplateHeaders();
    h.insert(h.end(), {"安全管理员", "联系电话", "经营状态", "国民经济行业门类", "校验位例外说明",
                       "是否重点"});
    return h;
  }();
  return kHeaders;
}

const std::vector<std::string>& InspectorExportHeaders() {
  static const std::vector<std::string> kHeaders = [] {
    auto h = InspectorTemplateHeaders();
    h.insert(h.end(), {"联系电话", "请假天数"});
    return h;
  }();
  return kHeaders;
}

io::Row UnitRow(const domain::Unit& u, const std::unordered_map<std::int64_t, std::string>& names) {
  auto name_of = [&](std::optional<RegionId> id) {
    if (!id) return std::string();
    auto it = names.find(id->value);
    return it == names.end() ? std::string() : it->second;
  };
  return {Text(u.credit_code),
          Text(u.name),
          Text(u.address),
          Text(name_of(u.community_id)),
          Text(name_of(u.grid_id)),
          Text(domain::JoinCategoryLabels(u.categories)),
          Text(std::string(domain::Label(u.level))),
          Text(std::string(domain::Label(u.risk))),
          Text(YesNo(u.accident_last_year)),
          Number(u.employees),
          Text(YesNo(u.major_hazard_source)),
          Text(u.supervising_department),
          Text(u.safety_manager),
          Text(u.contact_phone),
          Text(std::string(domain::Label(u.status))),
          Text(u.industry_section),
          Text(u.credit_code_override ? u.credit_code_override_reason : std::string()),
          Text(YesNo(u.is_key))};
}

io::Row InspectorRow(const domain::Inspector& i,
                     const std::unordered_map<std::int64_t, std::string>& names,
                     const std::unordered_map<std::int64_t, domain::RegionLevel>& levels) {
  std::string community;
  if (auto level = levels.find(i.jurisdiction_id.value);
      level != levels.end() && level->second != domain::RegionLevel::kStreet &&
      level->second != domain::RegionLevel::kDistrict) {
    community = names.at(i.jurisdiction_id.value);
  }
  std::string recusal;
  for (const auto& code : i.recusal_codes) recusal += (recusal.empty() ? "" : ";") + code;
  return {Text(i.name),
          Text(i.employee_no),
          Text(i.department),
          Text(std::string(domain::Label(i.role))),
          Text(i.certificate_no),
          Text(i.certificate_valid_until ? i.certificate_valid_until->ToString() : ""),
          Text(community),
          Text(recusal),
          Text(i.phone),
          Number(i.leave_days)};
}

// Collects rows then writes them; an export of a street (thousands of rows) fits in memory,
// and the xlsx writer streams rows in constant memory.
Status WriteRows(const std::string& path, ExportFormat format, const io::Row& header,
                 const std::vector<io::Row>& rows, const char* sheet_name) {
  if (format == ExportFormat::kCsv) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return Error::InvalidArgument("无法写入文件 " + path);
    const auto csv = io::WriteCsv(header, rows);
    out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    out.close();
    if (!out) return Error::Unavailable("写入文件失败 " + path);
    return Ok();
  }
  std::size_t next = 0;
  io::WriteOptions options;
  options.sheet_name = sheet_name;
  return io::WriteXlsxFile(
      path, header,
      [&](io::Row& row) {
        if (next >= rows.size()) return false;
        row = rows[next++];
        return true;
      },
      options);
}

}  // namespace

Result<ExportFormat> ExportFormatForPath(const std::string& path) {
  if (path.ends_with(".xlsx")) return ExportFormat::kXlsx;
  if (path.ends_with(".csv")) return ExportFormat::kCsv;
  return Error::InvalidArgument("导出文件须以 .xlsx 或 .csv 结尾");
}

Result<std::int64_t> ExportService::ExportUnits(const Principal& who, const std::string& path,
                                                ExportFormat format) {
  ANJIAN_TRY(Require(who, domain::Action::kExport));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(store::Scope::All()));
  std::unordered_map<std::int64_t, std::string> names;
  for (const auto& r : regions) names.emplace(r.id.value, r.name);
  std::vector<io::Row> rows;
  ANJIAN_TRY(session->ForEachUnit(who.scope, [&](const domain::Unit& u) {
    if (!who.unit_id || *who.unit_id == u.id) rows.push_back(UnitRow(u, names));
  }));
  session.reset();
  ANJIAN_TRY(WriteRows(path, format, Header(UnitExportHeaders()), rows, "生产经营单位台账"));
  return static_cast<std::int64_t>(rows.size());
}

Result<std::int64_t> ExportService::ExportInspectors(const Principal& who, const std::string& path,
                                                     ExportFormat format) {
  ANJIAN_TRY(Require(who, domain::Action::kExport));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(store::Scope::All()));
  std::unordered_map<std::int64_t, std::string> names;
  std::unordered_map<std::int64_t, domain::RegionLevel> levels;
  for (const auto& r : regions) {
    names.emplace(r.id.value, r.name);
    levels.emplace(r.id.value, r.level);
  }
  std::vector<io::Row> rows;
  ANJIAN_TRY(session->ForEachInspector(who.scope, [&](const domain::Inspector& i) {
    rows.push_back(InspectorRow(i, names, levels));
  }));
  session.reset();
  ANJIAN_TRY(WriteRows(path, format, Header(InspectorExportHeaders()), rows, "执法检查人员名录库"));
  return static_cast<std::int64_t>(rows.size());
}

Status ExportService::WriteTemplate(std::string_view kind, const std::string& path) {
  ANJIAN_ASSIGN_OR_RETURN(auto format, ExportFormatForPath(path));
  if (kind == "units") {
    std::vector<io::Row> example = {{Text("91350100M000100Y43"), Text("示例化工有限公司"),
                                     Text("解放路1号"), Text("东风社区"), Text("东风社区第一网格"),
                                     Text("危险化学品；有限空间"), Text("一级"), Text("橙"),
                                     Text("否"), Number(56), Text("是"), Text("街道应急办")}};
    return WriteRows(path, format, Header(UnitTemplateHeaders()), example, "生产经营单位台账");
  }
  if (kind == "inspectors") {
    std::vector<io::Row> example = {{Text("张三"), Text("JF001"), Text("街道应急办"),
                                     Text("执法人员"), Text("14010020230001"), Text("2027-12-31"),
                                     Text(""), Text("91350100M000100Y43")}};
    return WriteRows(path, format, Header(InspectorTemplateHeaders()), example,
                     "执法检查人员名录库");
  }
  return Error::InvalidArgument("模板类型应为 units 或 inspectors");
}

}  // namespace anjian::app
