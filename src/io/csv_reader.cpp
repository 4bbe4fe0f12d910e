#include <string>

#include "common/text.hpp"
#include "io/table.hpp"
#include "io/text_encoding.hpp"

namespace anjian::io {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

bool AllCellsEmpty(const Row& row) {
  for (const auto& cell : row) {
    if (!cell.text.empty()) return false;
  }
  return true;
}

struct DecodedText {
  std::string text;
  char separator = ',';
};

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom)) {
    // Excel's "Unicode text" export: UTF-16 with BOM, tab-separated.
    const char* charset = bytes.starts_with(kUtf16LeBom) ? "UTF-16LE" : "UTF-16BE";
    auto text = ConvertToUtf8(bytes.substr(2), charset);
    if (!text) return Error::InvalidArgument("文件编码无法识别（既不是 UTF-8 也不是 GBK）");
    return DecodedText{std::move(*text), '\t'};
  }
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (IsValidUtf8(bytes)) return DecodedText{std::string(bytes), ','};
  // Excel in a Chinese locale saves "CSV (逗号分隔)" in the ANSI code page, i.e. GBK; GB18030 is
  // its superset, so it decodes every GBK file.
  auto text = ConvertToUtf8(bytes, "GB18030");
  if (!text) return Error::InvalidArgument("文件编码无法识别（既不是 UTF-8 也不是 GBK）");
  return DecodedText{std::move(*text), ','};
}

// RFC 4180 with the usual leniencies: a quote inside an unquoted field is literal, and text
// after a closing quote is appended to the field.
class CsvParser {
 public:
  CsvParser(std::string_view text, char separator, const ReadLimits& limits)
      : text_(text), separator_(separator), limits_(limits) {}

  Result<Table> Parse() {
    std::size_t i = 0;
    const std::size_t n = text_.size();
    while (i < n) {
      const char c = text_[i];
      if (c == '"' && field_.empty() && !field_quoted_) {
        ANJIAN_TRY(ReadQuoted(i));
        continue;
      }
      if (c == separator_) {
        ANJIAN_TRY(EndField());
        ++i;
      } else if (c == '\r' || c == '\n') {
        ANJIAN_TRY(EndField());
        ANJIAN_TRY(EndRecord());
        i += (c == '\r' && i + 1 < n && text_[i + 1] == '\n') ? 2 : 1;
      } else {
        // Copy the run of ordinary characters at once; this loop is the hot path.
        std::size_t end = i + 1;
        while (end < n && text_[end] != separator_ && text_[end] != '\r' && text_[end] != '\n' &&
               text_[end] != '"') {
          ++end;
        }
        field_.append(text_.substr(i, end - i));
        i = end;
      }
    }
    if (!field_.empty() || field_quoted_ || !row_.empty()) {
      ANJIAN_TRY(EndField());
      ANJIAN_TRY(EndRecord());
    }
    if (table_.rows.empty()) return Error::InvalidArgument("文件为空");
    return std::move(table_);
  }

 private:
  // i points at the opening quote; on return it points just past the closing quote.
  Status ReadQuoted(std::size_t& i) {
    const std::size_t n = text_.size();
    field_quoted_ = true;
    ++i;
    for (;;) {
      const auto quote = text_.find('"', i);
      if (quote == std::string_view::npos) {
        return Error::InvalidArgument("第" + std::to_string(record_index_ + 1) + "行：引号未闭合");
      }
      field_.append(text_.substr(i, quote - i));
      if (quote + 1 < n && text_[quote + 1] == '"') {
        field_.push_back('"');
        i = quote + 2;
        continue;
      }
      i = quote + 1;
      return Ok();
    }
  }

  Status EndField() {
    if (row_.size() >= limits_.max_columns) {
      return Error{ErrorCode::kPayloadTooLarge, "第" + std::to_string(record_index_ + 1) +
                                                    "行：列数超过上限 " +
                                                    std::to_string(limits_.max_columns)};
    }
    row_.push_back(Cell{std::move(field_)});
    field_.clear();
    field_quoted_ = false;
    return Ok();
  }

  Status EndRecord() {
    const std::size_t index = record_index_++;
    if (AllCellsEmpty(row_)) {
      // Kept only if a later record has content, so trailing blank lines cost no memory.
      row_.clear();
      return Ok();
    }
    if (index >= limits_.max_rows) {
      return Error{ErrorCode::kPayloadTooLarge, "行数超过上限 " + std::to_string(limits_.max_rows)};
    }
    table_.rows.resize(index);
    table_.rows.push_back(std::move(row_));
    row_ = Row();
    return Ok();
  }

  std::string_view text_;
  char separator_;
  const ReadLimits& limits_;
  Table table_;
  Row row_;
  std::string field_;
  bool field_quoted_ = false;
  std::size_t record_index_ = 0;
};

}  // namespace

Result<Table> ReadCsv(std::string_view bytes, const ReadLimits& limits) {
  ANJIAN_ASSIGN_OR_RETURN(DecodedText decoded, DecodeToUtf8(bytes));
  if (IsBlank(decoded.text)) return Error::InvalidArgument("文件为空");
  CsvParser parser(decoded.text, decoded.separator, limits);
  return parser.Parse();
}

}  // namespace anjian::io
