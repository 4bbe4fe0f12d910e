// ImportService::ImportUnits: validate every row first, then write all rows in one transaction.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/audit_trail.hpp"
#include "app/import_sheet.hpp"
#include "app/json_codec.hpp"
#include "common/text.hpp"
#include "domain/registry/credit_code.hpp"

namespace anjian::app {
namespace {

namespace col {
const std::string kCode = "统一社会信用代码";
const std::string kName = "单位名称";
const std::string kAddress = "地址";
const std::string kCommunity = "所属社区";
const std::string kGrid = "所属网格";
const std::string kCategories = "行业类别";
const std::string kLevel = "监管等级";
const std::string kRisk = "风险等级";
const std::string kAccident = "上年度发生事故";
const std::string kEmployees = "从业人数";
const std::string kMajorHazard = "重大危险源";
const std::string kDepartment = "监管部门";
// Optional columns beyond the template (also written by our export).
const std::string kSafetyManager = "安全管理员";
const std::string kPhone = "联系电话";
const std::string kStatus = "经营状态";
const std::string kSection = "国民经济行业门类";
const std::string kOverride = "校验位例外说明";
}  // namespace col

const std::map<std::string, std::string>& FieldToColumn() {
  static const std::map<std::string, std::string> kMap = {
      {"credit_code", col::kCode},
      {"credit_code_override_reason", col::kOverride},
      {"name", col::kName},
      {"address", col::kAddress},
      {"supervising_department", col::kDepartment},
      {"safety_manager", col::kSafetyManager},
      {"contact_phone", col::kPhone},
      {"employees", col::kEmployees},
      {"industry_section", col::kSection},
      {"categories", col::kCategories}};
  return kMap;
}

struct PendingUnit {
  int row = 0;
  domain::Unit unit;
  std::string community;
  std::string grid;
};

// Parses a whole non-negative integer from a cell ("25", "25.0" from xlsx).
Result<int> ParseCount(const std::string& text) {
  if (text.empty()) return 0;
  std::size_t pos = 0;
  long long value = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && value < 100'000'000) {
    value = value * 10 + (text[pos++] - '0');
  }
  if (pos == 0 || pos != text.size())
    return Error::InvalidArgument("应为非负整数，实际为“" + text + "”");
  return static_cast<int>(value);
}

domain::RegionLevel CommunityLevelFor(const std::string& name) {
  return name.ends_with("村") ? domain::RegionLevel::kVillage : domain::RegionLevel::kCommunity;
}

}  // namespace

const std::vector<std::string>& UnitTemplateHeaders() {
  static const std::vector<std::string> kHeaders = {
      col::kCode,     col::kName,       col::kAddress,     col::kCommunity,
      col::kGrid,     col::kCategories, col::kLevel,       col::kRisk,
      col::kAccident, col::kEmployees,  col::kMajorHazard, col::kDepartment};
  return kHeaders;
}

Result<ImportReport> ImportService::ImportUnits(const Principal& who, std::string_view bytes,
                                                const ImportOptions& options) {
  ANJIAN_TRY(Require(who, domain::Action::kImport));
  ImportReport report;
  report.dry_run = options.dry_run;
  ErrorSink errors;
  ANJIAN_ASSIGN_OR_RETURN(auto opened, OpenImport(store_, who, bytes, options,
                                                  {col::kCode, col::kName, col::kCommunity,
                                                   col::kCategories, col::kLevel, col::kRisk},
                                                  errors));
  if (!opened) {
    errors.FinishInto(report);
    return report;
  }
  const auto& table = opened->table;
  const auto& sheet = opened->sheet;
  auto& read = opened->read;
  const auto* street = &opened->street;
  report.street = street->name;

  std::vector<PendingUnit> pending;
  std::map<std::string, int> first_row_of_code;
  for (std::size_t index = 1; index < table.rows.size(); ++index) {
    const auto& row = table.rows[index];
    const int n = static_cast<int>(index) + 1;
    if (SheetView::IsBlank(row)) continue;
    ++report.rows;
    if (!sheet.CheckShape(row, n, errors)) continue;
    const int before = errors.count();
    PendingUnit p;
    p.row = n;
    domain::Unit& u = p.unit;

    const auto* code_cell = sheet.CellAt(row, col::kCode);
    if (code_cell && LooksLikeDestroyedCode(*code_cell) && !Trim(code_cell->text).empty()) {
      errors.Add(n, col::kCode,
                 "统一社会信用代码被存成了数字（“" + std::string(Trim(code_cell->text)) +
                     "”），18位代码的后几位已丢失。请把该列设置为“文本”格式后重新录入原代码");
    } else {
      u.credit_code = sheet.Text(row, col::kCode);
      for (char& c : u.credit_code)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    u.credit_code_override_reason = sheet.Text(row, col::kOverride);
    u.credit_code_override = !u.credit_code_override_reason.empty();
    u.name = sheet.Text(row, col::kName);
    u.address = sheet.Text(row, col::kAddress);
    p.community = sheet.Text(row, col::kCommunity);
    p.grid = sheet.Text(row, col::kGrid);
    if (p.community.empty())
      errors.Add(n, col::kCommunity, "所属社区不能为空");
    else if (Utf8Length(p.community) > 64)
      errors.Add(n, col::kCommunity, "社区名称过长（最多64个字）");
    if (Utf8Length(p.grid) > 64) errors.Add(n, col::kGrid, "网格名称过长（最多64个字）");

    auto categories = domain::ParseCategories(sheet.Text(row, col::kCategories));
    if (categories.ok())
      u.categories = *categories;
    else
      errors.Add(n, col::kCategories, categories.error().message);
    auto level = domain::ParseSupervisionLevel(sheet.Text(row, col::kLevel));
    if (level.ok())
      u.level = *level;
    else
      errors.Add(n, col::kLevel, level.error().message);
    auto risk = domain::ParseRiskColour(sheet.Text(row, col::kRisk));
    if (risk.ok())
      u.risk = *risk;
    else
      errors.Add(n, col::kRisk, risk.error().message);
    for (const auto& [column, target] : {std::pair{col::kAccident, &u.accident_last_year},
                                         std::pair{col::kMajorHazard, &u.major_hazard_source}}) {
      const auto text = sheet.Text(row, column);
      if (text.empty()) continue;  // blank means 否
      auto yes = domain::ParseYesNo(text);
      if (yes.ok())
        *target = *yes;
      else
        errors.Add(n, column, yes.error().message);
    }
    auto employees = ParseCount(sheet.Text(row, col::kEmployees));
    if (employees.ok())
      u.employees = *employees;
    else
      errors.Add(n, col::kEmployees, "从业人数" + employees.error().message);
    u.supervising_department = sheet.Text(row, col::kDepartment);
    u.safety_manager = sheet.Text(row, col::kSafetyManager);
    u.contact_phone = sheet.Text(row, col::kPhone);
    u.industry_section = sheet.Text(row, col::kSection);
    if (const auto status = sheet.Text(row, col::kStatus); !status.empty()) {
      auto parsed = domain::ParseUnitStatus(status);
      if (parsed.ok())
        u.status = *parsed;
      else
        errors.Add(n, col::kStatus, parsed.error().message);
    }
    const bool code_reported = errors.count() > before && u.credit_code.empty();
    for (const auto& field_error : domain::ValidateUnit(u)) {
      if (field_error.field == "categories") continue;  // reported above with the cell's text
      if (field_error.field == "credit_code" && code_reported) continue;
      auto it = FieldToColumn().find(field_error.field);
      errors.Add(n, it == FieldToColumn().end() ? "" : it->second, field_error.message);
    }
    if (!u.credit_code.empty()) {
      auto [it, inserted] = first_row_of_code.emplace(u.credit_code, n);
      if (!inserted) {
        errors.Add(
            n, col::kCode,
            "统一社会信用代码 " + u.credit_code + " 与第" + std::to_string(it->second) + "行重复");
      }
    }
    u.is_key = domain::IsKeyUnit(key_policy_, u);
    if (errors.count() == before) pending.push_back(std::move(p));
  }

  // Codes already registered: one indexed lookup per code.
  std::vector<std::string> codes;
  codes.reserve(pending.size());
  for (const auto& p : pending) codes.push_back(p.unit.credit_code);
  ANJIAN_ASSIGN_OR_RETURN(auto existing, read->ExistingUnitCodes(codes));
  if (!existing.empty()) {
    std::set<std::string> taken(existing.begin(), existing.end());
    std::vector<PendingUnit> kept;
    for (auto& p : pending) {
      if (taken.count(p.unit.credit_code)) {
        errors.Add(p.row, col::kCode,
                   "统一社会信用代码 " + p.unit.credit_code + " 已登记在系统中（重复导入？）");
      } else {
        kept.push_back(std::move(p));
      }
    }
    pending = std::move(kept);
  }
  report.valid_rows = static_cast<int>(pending.size());

  // Communities and grids to create (counted for dry runs as well).
  std::set<std::string> new_communities;
  std::set<std::pair<std::string, std::string>> new_grids;
  for (const auto& p : pending) {
    ANJIAN_ASSIGN_OR_RETURN(auto community, read->FindRegionByName(street->id, p.community));
    if (community && community->level != domain::RegionLevel::kCommunity &&
        community->level != domain::RegionLevel::kVillage) {
      errors.Add(p.row, col::kCommunity, "“" + p.community + "”不是社区或村");
      continue;
    }
    if (!community) new_communities.insert(p.community);
    if (!p.grid.empty()) {
      std::optional<domain::Region> grid;
      if (community) {
        ANJIAN_ASSIGN_OR_RETURN(grid, read->FindRegionByName(community->id, p.grid));
      }
      if (!grid) new_grids.insert({p.community, p.grid});
    }
  }
  report.created_regions = static_cast<int>(new_communities.size() + new_grids.size());
  read.reset();

  if (!errors.empty() || options.dry_run) {
    errors.FinishInto(report);
    if (!options.dry_run) ANJIAN_TRY(LogFailedImport("units", who, options, report));
    return report;
  }

  ANJIAN_ASSIGN_OR_RETURN(auto write, store_.Write());
  const auto now = clock_.NowUnixSeconds();
  std::map<std::string, RegionId> community_ids;
  std::map<std::pair<std::string, std::string>, RegionId> grid_ids;
  const RegionNamer no_names = [](RegionId) { return std::string(); };
  for (auto& p : pending) {
    auto c = community_ids.find(p.community);
    if (c == community_ids.end()) {
      ANJIAN_ASSIGN_OR_RETURN(auto found, write->FindRegionByName(street->id, p.community));
      if (!found) {
        domain::Region region;
        region.parent_id = street->id;
        region.level = CommunityLevelFor(p.community);
        region.name = p.community;
        ANJIAN_ASSIGN_OR_RETURN(found, write->InsertRegion(region));
      }
      c = community_ids.emplace(p.community, found->id).first;
    }
    p.unit.community_id = c->second;
    if (!p.grid.empty()) {
      auto key = std::make_pair(p.community, p.grid);
      auto g = grid_ids.find(key);
      if (g == grid_ids.end()) {
        ANJIAN_ASSIGN_OR_RETURN(auto found, write->FindRegionByName(c->second, p.grid));
        if (!found) {
          domain::Region region;
          region.parent_id = c->second;
          region.level = domain::RegionLevel::kGrid;
          region.name = p.grid;
          ANJIAN_ASSIGN_OR_RETURN(found, write->InsertRegion(region));
        }
        g = grid_ids.emplace(key, found->id).first;
      }
      p.unit.grid_id = g->second;
    }
    ANJIAN_ASSIGN_OR_RETURN(auto saved, write->InsertUnit(p.unit, now));
    std::string snapshot;
    AppendUnitJson(snapshot, saved, no_names);
    ANJIAN_TRY(write->AppendHistory(
        {"unit", saved.id.value, saved.version, "import", who.username, now, std::move(snapshot)}));
  }
  report.imported = static_cast<int>(pending.size());
  ANJIAN_ASSIGN_OR_RETURN(const std::int64_t import_id,
                          write->RecordImport({0, "units", options.file_name, who.username, now,
                                               report.rows, report.imported, 0, false}));
  Audit(*write, who, now, "import.units", "import", std::to_string(import_id),
        {{"file_name", options.file_name}, {"rows", report.rows}, {"imported", report.imported}});
  ANJIAN_TRY(write->Commit());
  errors.FinishInto(report);
  return report;
}

}  // namespace anjian::app
