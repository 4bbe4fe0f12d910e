#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/table.hpp"
#include "io/xlsx_values.hpp"
#include "io/xml_sax.hpp"
#include "io/zip_reader.hpp"

namespace anjian::io {

namespace {

constexpr std::string_view kDefaultWorkbookPath = "xl/workbook.xml";

bool EndsWith(std::string_view text, std::string_view suffix) { return text.ends_with(suffix); }

// Resolves a relationship target against the folder of the part that owns the relationships.
std::string ResolvePartPath(std::string_view base_folder, std::string_view target) {
  std::string joined;
  if (target.starts_with('/')) {
    joined = std::string(target.substr(1));
  } else {
    joined = std::string(base_folder) + std::string(target);
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string path;
  for (const auto& segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

std::string FolderOf(std::string_view part_path) {
  const auto slash = part_path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part_path.substr(0, slash + 1));
}

std::string RelationshipsPathOf(std::string_view part_path) {
  const auto slash = part_path.rfind('/');
  const std::string folder = FolderOf(part_path);
  const std::string_view file = slash == std::string_view::npos ? part_path : part_path.substr(slash + 1);
  return folder + "_rels/" + std::string(file) + ".rels";
}

template <typename Integer>
bool ParseInteger(std::string_view text, Integer& value) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParseXmlBool(const char* value) {
  if (value == nullptr) return false;
  const std::string_view text(value);
  return text == "1" || text == "true";
}

Error TooManyRows(std::size_t limit) {
  return Error{ErrorCode::kPayloadTooLarge, "行数超过上限 " + std::to_string(limit)};
}

Error TooManyColumns(std::size_t limit) {
  return Error{ErrorCode::kPayloadTooLarge, "列数超过上限 " + std::to_string(limit)};
}

// ---- relationships (_rels/*.rels) ----

struct Relationship {
  std::string type;
  std::string target;
  bool external = false;
};

class RelationshipsParser final : public XmlSaxParser {
 public:
  explicit RelationshipsParser(std::string part) : XmlSaxParser(std::move(part)) {}
  std::map<std::string, Relationship> by_id;

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship") return;
    const char* id = attributes.Find("Id");
    const char* type = attributes.Find("Type");
    const char* target = attributes.Find("Target");
    const char* mode = attributes.Find("TargetMode");
    if (id == nullptr || target == nullptr) return;
    by_id[id] = Relationship{type != nullptr ? type : "", target,
                             mode != nullptr && std::string_view(mode) == "External"};
  }
  void OnEndElement(std::string_view /*name*/) override {}
};

// ---- workbook.xml ----

class WorkbookParser final : public XmlSaxParser {
 public:
  explicit WorkbookParser(std::string part) : XmlSaxParser(std::move(part)) {}
  DateSystem date_system = DateSystem::k1900;
  std::string first_visible_sheet_rel_id;
  std::string first_sheet_rel_id;

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "workbookPr") {
      if (ParseXmlBool(attributes.Find("date1904"))) date_system = DateSystem::k1904;
    } else if (name == "sheet") {
      // The relationship id is r:id; "sheetId" has a different local name, so "id" is unambiguous.
      const char* rel_id = attributes.Find("id");
      if (rel_id == nullptr) return;
      if (first_sheet_rel_id.empty()) first_sheet_rel_id = rel_id;
      const char* state = attributes.Find("state");
      const bool hidden = state != nullptr && std::string_view(state) != "visible";
      if (!hidden && first_visible_sheet_rel_id.empty()) first_visible_sheet_rel_id = rel_id;
    }
  }
  void OnEndElement(std::string_view /*name*/) override {}
};

// ---- styles.xml: which cell formats (xf indexes) display dates ----

class StylesParser final : public XmlSaxParser {
 public:
  explicit StylesParser(std::string part) : XmlSaxParser(std::move(part)) {}

  std::vector<bool> DateStyles() const {
    std::vector<bool> is_date;
    is_date.reserve(cell_format_ids_.size());
    for (int id : cell_format_ids_) {
      const auto custom = custom_formats_.find(id);
      is_date.push_back(custom != custom_formats_.end() ? IsDateFormatCode(custom->second)
                                                        : IsBuiltinDateFormat(id));
    }
    return is_date;
  }

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      int id = 0;
      const char* id_text = attributes.Find("numFmtId");
      const char* code = attributes.Find("formatCode");
      if (id_text != nullptr && code != nullptr && ParseInteger(id_text, id)) {
        custom_formats_[id] = code;
      }
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      int id = 0;
      const char* id_text = attributes.Find("numFmtId");
      if (id_text == nullptr || !ParseInteger(id_text, id)) id = 0;
      cell_format_ids_.push_back(id);
    }
  }
  void OnEndElement(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
  std::map<int, std::string> custom_formats_;
  std::vector<int> cell_format_ids_;
};

// ---- sharedStrings.xml ----

class SharedStringsParser final : public XmlSaxParser {
 public:
  explicit SharedStringsParser(std::string part) : XmlSaxParser(std::move(part)) {}
  std::vector<std::string> strings;

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& /*attributes*/) override {
    if (name == "si") {
      current_.clear();
      in_item_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void OnEndElement(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "si") {
      strings.push_back(DecodeOoxmlEscapes(current_));
      in_item_ = false;
    }
  }
  void OnText(std::string_view text) override {
    if (in_text_) current_.append(text);
  }

 private:
  std::string current_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

// ---- the worksheet ----

enum class CellType { kNumber, kSharedString, kInlineString, kFormulaString, kBoolean, kError, kIsoDate };

CellType ParseCellType(const char* type) {
  if (type == nullptr) return CellType::kNumber;
  const std::string_view t(type);
  if (t == "s") return CellType::kSharedString;
  if (t == "inlineStr") return CellType::kInlineString;
  if (t == "str") return CellType::kFormulaString;
  if (t == "b") return CellType::kBoolean;
  if (t == "e") return CellType::kError;
  if (t == "d") return CellType::kIsoDate;
  return CellType::kNumber;
}

// The column of a cell reference: "AB12" → 27 (0-based); nullopt if there are no letters.
std::optional<std::uint64_t> ParseColumn(std::string_view ref) {
  std::uint64_t column = 0;
  std::size_t i = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    const auto letter =
        static_cast<std::uint64_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A');
    // Capped far beyond any real column so a crafted reference cannot overflow.
    column = std::min<std::uint64_t>(column * 26 + letter + 1, UINT32_MAX);
    ++i;
  }
  if (i == 0) return std::nullopt;
  return column - 1;
}

class SheetParser final : public XmlSaxParser {
 public:
  SheetParser(std::string part, const std::vector<std::string>& shared_strings,
              const std::vector<bool>& date_styles, DateSystem date_system, const ReadLimits& limits)
      : XmlSaxParser(std::move(part)),
        shared_strings_(shared_strings),
        date_styles_(date_styles),
        date_system_(date_system),
        limits_(limits) {}

  Table TakeTable() { return std::move(table_); }

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "c") {
      StartCell(attributes);
    } else if (name == "v") {
      if (in_cell_) {
        in_value_ = true;
        value_.clear();
      }
    } else if (name == "row") {
      StartRow(attributes);
    } else if (name == "is") {
      in_inline_string_ = in_cell_;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_inline_text_ = in_inline_string_ && phonetic_depth_ == 0;
    }
  }

  void OnEndElement(std::string_view name) override {
    if (name == "v") {
      in_value_ = false;
    } else if (name == "t") {
      in_inline_text_ = false;
    } else if (name == "c") {
      // Cells outside a <row> are not valid SpreadsheetML and are ignored.
      if (in_cell_ && in_row_) EndCell();
      in_cell_ = false;
    } else if (name == "row") {
      EndRow();
    } else if (name == "is") {
      in_inline_string_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    }
  }

  void OnText(std::string_view text) override {
    if (in_value_) {
      value_.append(text);
    } else if (in_inline_text_) {
      inline_text_.append(text);
    }
  }

 private:
  void StartRow(const XmlAttributes& attributes) {
    std::uint64_t index = next_row_index_;
    const char* r = attributes.Find("r");
    std::uint64_t number = 0;
    if (r != nullptr && ParseInteger(std::string_view(r), number) && number > 0) index = number - 1;
    row_index_ = index;
    next_row_index_ = index + 1;
    next_column_ = 0;
    row_.clear();
    in_row_ = true;
  }

  void StartCell(const XmlAttributes& attributes) {
    in_cell_ = true;
    value_.clear();
    inline_text_.clear();
    column_ = next_column_;
    if (const char* r = attributes.Find("r")) {
      if (auto column = ParseColumn(r)) column_ = *column;
    }
    next_column_ = column_ + 1;
    type_ = ParseCellType(attributes.Find("t"));
    style_ = 0;
    if (const char* s = attributes.Find("s")) {
      if (!ParseInteger(std::string_view(s), style_)) style_ = 0;
    }
  }

  void EndCell() {
    in_cell_ = false;
    in_value_ = false;
    Cell cell;
    switch (type_) {
      case CellType::kSharedString: {
        std::size_t index = 0;
        if (value_.empty()) break;
        if (!ParseInteger(std::string_view(value_), index) || index >= shared_strings_.size()) {
          Fail(CorruptXlsx("单元格引用了不存在的共享字符串 " + value_));
          return;
        }
        cell.text = shared_strings_[index];
        break;
      }
      case CellType::kInlineString:
        cell.text = DecodeOoxmlEscapes(inline_text_);
        break;
      case CellType::kFormulaString:
        cell.text = DecodeOoxmlEscapes(value_);
        break;
      case CellType::kBoolean:
        if (!value_.empty()) cell.text = (value_ == "0" || value_ == "false") ? "FALSE" : "TRUE";
        break;
      case CellType::kError:
        cell.text = value_;
        break;
      case CellType::kIsoDate:
        cell.date = !value_.empty();
        cell.text = value_.substr(0, 10);
        break;
      case CellType::kNumber:
        FillNumber(cell);
        break;
    }
    if (cell.text.empty()) return;  // formatting-only cell
    if (column_ >= limits_.max_columns) {
      Fail(TooManyColumns(limits_.max_columns));
      return;
    }
    const auto column = static_cast<std::size_t>(column_);
    if (row_.size() <= column) row_.resize(column + 1);
    row_[column] = std::move(cell);
  }

  void FillNumber(Cell& cell) {
    if (value_.empty()) return;
    const bool date_style = style_ < date_styles_.size() && date_styles_[style_];
    if (date_style) {
      double serial = 0;
      const auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), serial);
      if (ec == std::errc() && end == value_.data() + value_.size()) {
        if (auto text = ExcelSerialToDateText(serial, date_system_)) {
          cell.text = std::move(*text);
          cell.date = true;
          return;
        }
      }
    }
    cell.text = NormalizeNumberText(value_);
    cell.numeric = true;
  }

  void EndRow() {
    in_row_ = false;
    if (row_.empty()) return;  // only formatting-only cells
    if (row_index_ >= limits_.max_rows) {
      Fail(TooManyRows(limits_.max_rows));
      return;
    }
    const auto index = static_cast<std::size_t>(row_index_);
    auto& rows = table_.rows;
    if (index >= rows.size()) {
      rows.resize(index + 1);
      rows[index] = std::move(row_);
    } else {
      // A row listed twice or out of order (not valid OOXML, but seen): merge its cells.
      Row& existing = rows[index];
      if (existing.size() < row_.size()) existing.resize(row_.size());
      for (std::size_t i = 0; i < row_.size(); ++i) {
        if (!row_[i].text.empty()) existing[i] = std::move(row_[i]);
      }
    }
    row_ = Row();
  }

  const std::vector<std::string>& shared_strings_;
  const std::vector<bool>& date_styles_;
  DateSystem date_system_;
  const ReadLimits& limits_;
  Table table_;

  Row row_;
  std::uint64_t row_index_ = 0;
  std::uint64_t next_row_index_ = 0;
  std::uint64_t column_ = 0;
  std::uint64_t next_column_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_string_ = false;
  bool in_inline_text_ = false;
  int phonetic_depth_ = 0;
  CellType type_ = CellType::kNumber;
  std::size_t style_ = 0;
  std::string value_;
  std::string inline_text_;
};

// ---- the package ----

class XlsxPackage {
 public:
  XlsxPackage(ZipReader& zip, const ReadLimits& limits) : zip_(zip), limits_(limits) {}

  Result<Table> ReadFirstSheet() {
    ANJIAN_ASSIGN_OR_RETURN(const std::string workbook_path, FindWorkbookPath());
    WorkbookParser workbook(workbook_path);
    ANJIAN_TRY(ParsePart(workbook_path, workbook));

    const std::string rels_path = RelationshipsPathOf(workbook_path);
    if (!zip_.Contains(rels_path)) return CorruptXlsx("缺少工作簿关系文件 " + rels_path);
    RelationshipsParser rels(rels_path);
    ANJIAN_TRY(ParsePart(rels_path, rels));

    const std::string& sheet_rel_id = !workbook.first_visible_sheet_rel_id.empty()
                                          ? workbook.first_visible_sheet_rel_id
                                          : workbook.first_sheet_rel_id;
    if (sheet_rel_id.empty()) return CorruptXlsx("工作簿中没有工作表");
    const auto sheet_rel = rels.by_id.find(sheet_rel_id);
    if (sheet_rel == rels.by_id.end() || sheet_rel->second.external) {
      return CorruptXlsx("找不到第一个工作表（关系 " + sheet_rel_id + "）");
    }
    const std::string base = FolderOf(workbook_path);
    const std::string sheet_path = ResolvePartPath(base, sheet_rel->second.target);
    if (!zip_.Contains(sheet_path)) return CorruptXlsx("缺少工作表 " + sheet_path);

    std::vector<std::string> shared_strings;
    std::vector<bool> date_styles;
    // Shared strings must be loaded before the sheet, which refers to them by index.
    for (const auto& [id, rel] : rels.by_id) {
      if (rel.external) continue;
      const std::string path = ResolvePartPath(base, rel.target);
      if (EndsWith(rel.type, "/sharedStrings") && zip_.Contains(path)) {
        SharedStringsParser parser(path);
        ANJIAN_TRY(ParsePart(path, parser));
        shared_strings = std::move(parser.strings);
      } else if (EndsWith(rel.type, "/styles") && zip_.Contains(path)) {
        StylesParser parser(path);
        ANJIAN_TRY(ParsePart(path, parser));
        date_styles = parser.DateStyles();
      }
    }

    SheetParser sheet(sheet_path, shared_strings, date_styles, workbook.date_system, limits_);
    ANJIAN_TRY(ParsePart(sheet_path, sheet));
    Table table = sheet.TakeTable();
    if (table.rows.empty()) return Error::InvalidArgument("文件为空（第一个工作表没有数据）");
    return table;
  }

 private:
  Result<std::string> FindWorkbookPath() {
    const std::string root_rels = "_rels/.rels";
    if (zip_.Contains(root_rels)) {
      RelationshipsParser rels(root_rels);
      ANJIAN_TRY(ParsePart(root_rels, rels));
      for (const auto& [id, rel] : rels.by_id) {
        if (!rel.external && EndsWith(rel.type, "/officeDocument")) {
          const std::string path = ResolvePartPath("", rel.target);
          if (zip_.Contains(path)) return path;
        }
      }
    }
    if (zip_.Contains(std::string(kDefaultWorkbookPath))) return std::string(kDefaultWorkbookPath);
    return CorruptXlsx("缺少工作簿（xl/workbook.xml）");
  }

  Status ParsePart(const std::string& path, XmlSaxParser& parser) {
    ANJIAN_TRY(zip_.ReadEntry(path, limits_.max_uncompressed_bytes,
                              [&](std::string_view chunk) { return parser.Feed(chunk); }));
    return parser.Finish();
  }

  ZipReader& zip_;
  const ReadLimits& limits_;
};

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
  ANJIAN_ASSIGN_OR_RETURN(auto zip, ZipReader::Open(bytes));
  XlsxPackage package(*zip, limits);
  return package.ReadFirstSheet();
}

}  // namespace anjian::io
