// ImportService::ImportInspectors: the roster template, validated fully before one transaction.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/audit_trail.hpp"
#include "app/import_sheet.hpp"
#include "app/json_codec.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

namespace col {
const std::string kName = "姓名";
const std::string kEmployeeNo = "工号";
const std::string kDepartment = "所属部门";
const std::string kRole = "角色";
const std::string kCertificate = "执法证号";
const std::string kValidUntil = "执法证有效期至";
const std::string kCommunity = "所属社区";
const std::string kRecusal = "回避单位";
const std::string kPhone = "联系电话";
const std::string kLeaveDays = "请假天数";
}  // namespace col

const std::map<std::string, std::string>& FieldToColumn() {
  static const std::map<std::string, std::string> kMap = {
      {"name", col::kName},
      {"employee_no", col::kEmployeeNo},
      {"department", col::kDepartment},
      {"certificate_no", col::kCertificate},
      {"certificate_valid_until", col::kValidUntil},
      {"recusal_codes", col::kRecusal},
      {"phone", col::kPhone},
      {"leave_days", col::kLeaveDays}};
  return kMap;
}

struct PendingInspector {
  int row = 0;
  domain::Inspector inspector;
  std::string community;
};

}  // namespace

const std::vector<std::string>& InspectorTemplateHeaders() {
  static const std::vector<std::string> kHeaders = {
      col::kName,        col::kEmployeeNo, col::kDepartment, col::kRole,
      col::kCertificate, col::kValidUntil, col::kCommunity,  col::kRecusal};
  return kHeaders;
}

Result<ImportReport> ImportService::ImportInspectors(const Principal& who, std::string_view bytes,
                                                     const ImportOptions& options) {
  ANJIAN_TRY(Require(who, domain::Action::kImport));
  ImportReport report;
  report.dry_run = options.dry_run;
  ErrorSink errors;
  ANJIAN_ASSIGN_OR_RETURN(
      auto opened,
      OpenImport(store_, who, bytes, options, {col::kName, col::kEmployeeNo, col::kRole}, errors));
  if (!opened) {
    errors.FinishInto(report);
    return report;
  }
  const auto& table = opened->table;
  const auto& sheet = opened->sheet;
  auto& read = opened->read;
  const auto* street = &opened->street;
  ANJIAN_ASSIGN_OR_RETURN(auto regions, read->ListRegions(who.scope));
  report.street = street->name;
  std::map<std::string, RegionId> communities;
  for (const auto& r : regions) {
    if (r.parent_id == street->id) communities.emplace(r.name, r.id);
  }

  std::vector<PendingInspector> pending;
  std::map<std::string, int> first_row_of_number;
  for (std::size_t index = 1; index < table.rows.size(); ++index) {
    const auto& row = table.rows[index];
    const int n = static_cast<int>(index) + 1;
    if (SheetView::IsBlank(row)) continue;
    ++report.rows;
    if (!sheet.CheckShape(row, n, errors)) continue;
    const int before = errors.count();
    PendingInspector p;
    p.row = n;
    auto& i = p.inspector;
    i.name = sheet.Text(row, col::kName);
    i.employee_no = sheet.Text(row, col::kEmployeeNo);
    i.department = sheet.Text(row, col::kDepartment);
    auto role = domain::ParseInspectorRole(sheet.Text(row, col::kRole));
    if (role.ok())
      i.role = *role;
    else
      errors.Add(n, col::kRole, role.error().message);
    i.certificate_no = sheet.Text(row, col::kCertificate);
    bool date_reported = false;
    if (const auto* cell = sheet.CellAt(row, col::kValidUntil); cell && !Trim(cell->text).empty()) {
      auto date = CivilDate::Parse(cell->text);
      if (date.ok()) {
        i.certificate_valid_until = *date;
      } else {
        date_reported = true;
        errors.Add(n, col::kValidUntil,
                   cell->numeric
                       ? "执法证有效期应为日期（YYYY-MM-DD），实际为数字“" + cell->text + "”"
                       : date.error().message + "，实际为“" + cell->text + "”");
      }
    }
    p.community = sheet.Text(row, col::kCommunity);
    if (p.community.empty()) {
      i.jurisdiction_id = street->id;
    } else if (auto it = communities.find(p.community); it != communities.end()) {
      i.jurisdiction_id = it->second;
    } else {
      errors.Add(n, col::kCommunity,
                 "街道“" + street->name + "”下没有社区“" + p.community +
                     "”（请先导入单位或在区划中建立该社区）");
    }
    i.recusal_codes = SplitAny(sheet.Text(row, col::kRecusal), {";", "；", "、", ",", "，"});
    for (auto& code : i.recusal_codes) {
      for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    i.phone = sheet.Text(row, col::kPhone);
    if (const auto leave = sheet.Text(row, col::kLeaveDays); !leave.empty()) {
      if (leave.size() > 3 || leave.find_first_not_of("0123456789") != std::string::npos) {
        errors.Add(n, col::kLeaveDays, "请假天数应为 0 到 366 之间的整数，实际为“" + leave + "”");
      } else {
        i.leave_days = std::stoi(leave);
      }
    }
    for (const auto& field_error : domain::ValidateInspector(i)) {
      if (date_reported && field_error.field == "certificate_valid_until") continue;
      auto it = FieldToColumn().find(field_error.field);
      errors.Add(n, it == FieldToColumn().end() ? "" : it->second, field_error.message);
    }
    if (!i.employee_no.empty()) {
      auto [it, inserted] = first_row_of_number.emplace(i.employee_no, n);
      if (!inserted) {
        errors.Add(n, col::kEmployeeNo,
                   "工号 " + i.employee_no + " 与第" + std::to_string(it->second) + "行重复");
      }
    }
    if (errors.count() == before) pending.push_back(std::move(p));
  }
  std::vector<std::string> numbers;
  numbers.reserve(pending.size());
  for (const auto& p : pending) numbers.push_back(p.inspector.employee_no);
  ANJIAN_ASSIGN_OR_RETURN(auto existing, read->ExistingEmployeeNumbers(numbers));
  std::set<std::string> taken(existing.begin(), existing.end());
  for (const auto& p : pending) {
    if (taken.count(p.inspector.employee_no)) {
      errors.Add(p.row, col::kEmployeeNo, "工号 " + p.inspector.employee_no + " 已在名录库中");
    }
  }
  report.valid_rows = static_cast<int>(pending.size()) - static_cast<int>(taken.size());
  read.reset();
  if (!errors.empty() || options.dry_run) {
    errors.FinishInto(report);
    if (!options.dry_run) ANJIAN_TRY(LogFailedImport("inspectors", who, options, report));
    return report;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto write, store_.Write());
  const auto now = clock_.NowUnixSeconds();
  for (const auto& p : pending) {
    ANJIAN_ASSIGN_OR_RETURN(auto saved, write->InsertInspector(p.inspector, now));
    auto snapshot = InspectorToJson(saved, [](RegionId) { return std::string(); });
    ANJIAN_TRY(write->AppendHistory({"inspector", saved.id.value, saved.version, "import",
                                     who.username, now, snapshot.dump()}));
  }
  report.imported = static_cast<int>(pending.size());
  ANJIAN_ASSIGN_OR_RETURN(const std::int64_t import_id,
                          write->RecordImport({0, "inspectors", options.file_name, who.username,
                                               now, report.rows, report.imported, 0, false}));
  Audit(*write, who, now, "import.inspectors", "import", std::to_string(import_id),
        {{"file_name", options.file_name}, {"rows", report.rows}, {"imported", report.imported}});
  ANJIAN_TRY(write->Commit());
  errors.FinishInto(report);
  return report;
}

}  // namespace anjian::app
