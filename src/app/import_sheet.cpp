#include "app/import_sheet.hpp"

#include <regex>

#include "app/audit_trail.hpp"
#include "common/text.hpp"

namespace anjian::app {

std::string ImportError::ToLine() const {
  std::string line = row > 0 ? "第" + std::to_string(row) + "行 " : std::string("文件 ");
  if (!column.empty()) line += "[" + column + "] ";
  return line + message;
}

void ErrorSink::Add(int row, std::string column, std::string message) {
  ++count_;
  if (static_cast<int>(errors_.size()) < kMaxReportedErrors) {
    errors_.push_back({row, std::move(column), std::move(message)});
  }
}

void ErrorSink::FinishInto(ImportReport& report) {
  report.error_count = count_;
  report.errors = std::move(errors_);
  if (count_ > kMaxReportedErrors) {
    report.errors.push_back({0, "",
                             "另有 " + std::to_string(count_ - kMaxReportedErrors) +
                                 " 处错误未列出（共 " + std::to_string(count_) +
                                 " 处），请先修正以上错误"});
  }
}

bool SheetView::Init(const io::Table& table, bool from_xlsx,
                     const std::vector<std::string>& required,
                     const std::vector<std::string>& optional, ErrorSink& errors) {
  from_xlsx_ = from_xlsx;
  if (table.rows.empty() || IsBlank(table.rows[0])) {
    errors.Add(1, "", "第1行应为表头（" + required.front() + "……），但为空");
    return false;
  }
  const auto& header = table.rows[0];
  header_width_ = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name(Trim(header[i].text));
    if (name.empty()) continue;
    if (!columns_.emplace(name, i).second) {
      errors.Add(1, name, "表头中“" + name + "”列出现了不止一次");
    }
  }
  bool ok = errors.empty();
  for (const auto& column : required) {
    if (!columns_.count(column)) {
      errors.Add(1, column, "缺少必需的列“" + column + "”（请使用导入模板，表头须在第1行）");
      ok = false;
    }
  }
  (void)optional;  // optional columns are simply read when present; extra columns are ignored
  return ok;
}

const io::Cell* SheetView::CellAt(const io::Row& row, const std::string& column) const {
  auto it = columns_.find(column);
  if (it == columns_.end() || it->second >= row.size()) return nullptr;
  return &row[it->second];
}

std::string SheetView::Text(const io::Row& row, const std::string& column) const {
  const auto* cell = CellAt(row, column);
  return cell ? std::string(Trim(cell->text)) : std::string();
}

bool SheetView::IsBlank(const io::Row& row) {
  for (const auto& cell : row) {
    if (!Trim(cell.text).empty()) return false;
  }
  return true;
}

bool SheetView::CheckShape(const io::Row& row, int row_number, ErrorSink& errors) const {
  for (std::size_t i = header_width_; i < row.size(); ++i) {
    if (!Trim(row[i].text).empty()) {
      errors.Add(row_number, "",
                 "本行有 " + std::to_string(row.size()) + " 列，比表头多（表头 " +
                     std::to_string(header_width_) + " 列），可能是内容中含有未加引号的逗号");
      return false;
    }
  }
  if (!from_xlsx_ && row.size() < header_width_) {
    errors.Add(row_number, "",
               "本行只有 " + std::to_string(row.size()) + " 列，表头有 " +
                   std::to_string(header_width_) + " 列（列数不齐）");
    return false;
  }
  return true;
}

std::optional<io::Table> ReadImportFile(std::string_view bytes, const std::string& file_name,
                                        ErrorSink& errors, bool& from_xlsx) {
  from_xlsx = bytes.starts_with(std::string_view("PK\x03\x04", 4));
  auto table = io::ReadTable(bytes, file_name);
  if (!table.ok()) {
    errors.Add(0, "", table.error().message);
    return std::nullopt;
  }
  if (table->rows.size() <= 1) {
    errors.Add(0, "", table->rows.empty() ? "文件为空" : "文件只有表头，没有数据行");
    return std::nullopt;
  }
  return std::move(table).value();
}

Result<domain::Region> ResolveStreet(store::StoreSession& session, const Principal& who,
                                     const std::string& street_name) {
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session.ListRegions(who.scope));
  std::vector<domain::Region> streets;
  for (auto& r : regions) {
    if (r.level == domain::RegionLevel::kStreet) streets.push_back(r);
  }
  if (!street_name.empty()) {
    for (auto& s : streets) {
      if (s.name == street_name) return s;
    }
    return Error::InvalidArgument("未找到街道“" + street_name + "”（或不在您的管辖范围内）");
  }
  if (streets.size() == 1) return streets.front();
  if (streets.empty()) return Error::InvalidArgument("系统中还没有街道，请先在区划中建立街道");
  return Error::InvalidArgument("有多个街道，请指定导入到哪个街道（--street 或 street 参数）");
}

Result<std::optional<OpenedImport>> OpenImport(store::Store& store, const Principal& who,
                                               std::string_view bytes, const ImportOptions& options,
                                               const std::vector<std::string>& required,
                                               ErrorSink& errors) {
  OpenedImport opened;
  bool from_xlsx = false;
  auto table = ReadImportFile(bytes, options.file_name, errors, from_xlsx);
  if (!table || !opened.sheet.Init(*table, from_xlsx, required, {}, errors)) {
    return std::optional<OpenedImport>();
  }
  opened.table = std::move(table).value();
  ANJIAN_ASSIGN_OR_RETURN(opened.read, store.Read());
  auto street = ResolveStreet(*opened.read, who, options.street_name);
  if (!street.ok()) {
    errors.Add(0, "", street.error().message);
    return std::optional<OpenedImport>();
  }
  opened.street = std::move(street).value();
  return std::optional<OpenedImport>(std::move(opened));
}

Status ImportService::LogFailedImport(std::string_view kind, const Principal& who,
                                      const ImportOptions& options, const ImportReport& report) {
  ANJIAN_ASSIGN_OR_RETURN(auto write, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(
      const std::int64_t import_id,
      write->RecordImport({0, std::string(kind), options.file_name, who.username,
                           clock_.NowUnixSeconds(), report.rows, 0, report.error_count, false}));
  write->StageAudit(AuditEntryFor(
      who, clock_.NowUnixSeconds(), "import." + std::string(kind), "import",
      std::to_string(import_id), domain::AuditOutcome::kFailure,
      {{"file_name", options.file_name}, {"rows", report.rows}, {"errors", report.error_count}}));
  return write->Commit();
}

// Excel always writes the exponent with a '+' ("9.13501E+17"); '+' is not in the code
// alphabet, while a genuine code may well read digits-E-digits.
bool LooksLikeDestroyedCode(const io::Cell& cell) {
  if (cell.numeric) return true;
  static const std::regex kScientific(R"(^\s*[0-9]+(\.[0-9]+)?[eE]\+[0-9]+\s*$)");
  return std::regex_match(cell.text, kScientific);
}

}  // namespace anjian::app
