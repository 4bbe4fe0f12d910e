#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/table.hpp"
#include "io/xlsx_parts.hpp"
#include "io/xlsx_values.hpp"
#include "io/xml_sax.hpp"
#include "io/zip_reader.hpp"

namespace anjian::io {

namespace {

constexpr std::string_view kDefaultWorkbookPath = "xl/workbook.xml";

Error TooManyRows(std::size_t limit) {
  return Error{ErrorCode::kPayloadTooLarge, "行数超过上限 " + std::to_string(limit)};
}

Error TooManyColumns(std::size_t limit) {
  return Error{ErrorCode::kPayloadTooLarge, "列数超过上限 " + std::to_string(limit)};
}

enum class CellType {
  kNumber,
  kSharedString,
  kInlineString,
  kFormulaString,
  kBoolean,
  kError,
  kIsoDate
};

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
              const std::vector<bool>& date_styles, DateSystem date_system,
              const ReadLimits& limits)
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
    const char* type = nullptr;
    style_ = 0;
    // One pass over the attributes: this runs for every cell.
    attributes.ForEach([&](std::string_view name, const char* value) {
      if (name == "r") {
        if (auto column = ParseColumn(value)) column_ = *column;
      } else if (name == "t") {
        type = value;
      } else if (name == "s") {
        if (!ParseInteger(std::string_view(value), style_)) style_ = 0;
      }
    });
    next_column_ = column_ + 1;
    type_ = ParseCellType(type);
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
      case CellType::kIsoDate: {
        // "2024-03-01T08:30:00" → "2024-03-01". A malformed value may hold multi-byte text at
        // byte 10 ("2024-01-0中", found by fuzzing): cut before that character, never inside it,
        // so the cell stays valid UTF-8.
        std::size_t end = std::min<std::size_t>(value_.size(), 10);
        while (end > 0 && end < value_.size() &&
               (static_cast<unsigned char>(value_[end]) & 0xC0) == 0x80) {
          --end;
        }
        cell.date = !value_.empty();
        cell.text = value_.substr(0, end);
        break;
      }
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

class XlsxPackage {
 public:
  XlsxPackage(ZipReader& zip, const ReadLimits& limits)
      : zip_(zip), limits_(limits), max_bytes_(limits.max_uncompressed_bytes) {}

  Result<Table> ReadFirstSheet() {
    ANJIAN_ASSIGN_OR_RETURN(const std::string workbook_path, FindWorkbookPath());
    ANJIAN_ASSIGN_OR_RETURN(const WorkbookInfo workbook,
                            ReadWorkbook(zip_, workbook_path, max_bytes_));

    const std::string rels_path = RelationshipsPathOf(workbook_path);
    if (!zip_.Contains(rels_path)) return CorruptXlsx("缺少工作簿关系文件 " + rels_path);
    ANJIAN_ASSIGN_OR_RETURN(const Relationships rels,
                            ReadRelationships(zip_, rels_path, max_bytes_));

    const std::string& sheet_rel_id = !workbook.first_visible_sheet_rel_id.empty()
                                          ? workbook.first_visible_sheet_rel_id
                                          : workbook.first_sheet_rel_id;
    if (sheet_rel_id.empty()) return CorruptXlsx("工作簿中没有工作表");
    const auto sheet_rel = rels.find(sheet_rel_id);
    if (sheet_rel == rels.end() || sheet_rel->second.external) {
      return CorruptXlsx("找不到第一个工作表（关系 " + sheet_rel_id + "）");
    }
    const std::string base = FolderOf(workbook_path);
    const std::string sheet_path = ResolvePartPath(base, sheet_rel->second.target);
    if (!zip_.Contains(sheet_path)) return CorruptXlsx("缺少工作表 " + sheet_path);

    std::vector<std::string> shared_strings;
    std::vector<bool> date_styles;
    // Shared strings must be loaded before the sheet, which refers to them by index.
    for (const auto& [id, rel] : rels) {
      if (rel.external) continue;
      const std::string path = ResolvePartPath(base, rel.target);
      if (rel.type.ends_with("/sharedStrings") && zip_.Contains(path)) {
        ANJIAN_ASSIGN_OR_RETURN(shared_strings, ReadSharedStrings(zip_, path, max_bytes_));
      } else if (rel.type.ends_with("/styles") && zip_.Contains(path)) {
        ANJIAN_ASSIGN_OR_RETURN(date_styles, ReadDateStyles(zip_, path, max_bytes_));
      }
    }

    SheetParser sheet(sheet_path, shared_strings, date_styles, workbook.date_system, limits_);
    ANJIAN_TRY(ParsePart(zip_, sheet_path, max_bytes_, sheet));
    Table table = sheet.TakeTable();
    if (table.rows.empty()) return Error::InvalidArgument("文件为空（第一个工作表没有数据）");
    return table;
  }

 private:
  // The workbook is wherever the package's officeDocument relationship points; most files use
  // the conventional path, which is also the fallback when _rels/.rels is missing.
  Result<std::string> FindWorkbookPath() {
    const std::string root_rels_path = "_rels/.rels";
    if (zip_.Contains(root_rels_path)) {
      ANJIAN_ASSIGN_OR_RETURN(const Relationships root_rels,
                              ReadRelationships(zip_, root_rels_path, max_bytes_));
      for (const auto& [id, rel] : root_rels) {
        if (!rel.external && rel.type.ends_with("/officeDocument")) {
          const std::string path = ResolvePartPath("", rel.target);
          if (zip_.Contains(path)) return path;
        }
      }
    }
    if (zip_.Contains(std::string(kDefaultWorkbookPath))) return std::string(kDefaultWorkbookPath);
    return CorruptXlsx("缺少工作簿（xl/workbook.xml）");
  }

  ZipReader& zip_;
  const ReadLimits& limits_;
  const std::uint64_t max_bytes_;
};

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
  ANJIAN_ASSIGN_OR_RETURN(auto zip, ZipReader::Open(bytes));
  XlsxPackage package(*zip, limits);
  return package.ReadFirstSheet();
}

}  // namespace anjian::io
