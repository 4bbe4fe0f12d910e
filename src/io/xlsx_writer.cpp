#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/text.hpp"
#include "io/table_writer.hpp"
#include "io/xlsx_values.hpp"

namespace anjian::io {

namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit per cell

Error WriteFailed(lxw_error error) {
  switch (error) {
    case LXW_ERROR_CREATING_XLSX_FILE:
      return Error::Unavailable("写入 xlsx 文件失败：无法创建输出文件（目录不存在或没有写权限）");
    case LXW_ERROR_CREATING_TMPFILE:
      return Error::Unavailable("写入 xlsx 文件失败：无法创建临时文件");
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return Error::Internal("写入 xlsx 文件失败：内存不足");
    default:
      // libxlsxwriter only has English descriptions; the code keeps the log searchable.
      return Error::Internal("写入 xlsx 文件失败：错误码 " +
                             std::to_string(static_cast<int>(error)) + "（" + lxw_strerror(error) +
                             "）");
  }
}

std::string CellPosition(std::size_t row, std::size_t column) {
  return "第" + std::to_string(row + 1) + "行第" + std::to_string(column + 1) + "列";
}

class XlsxStreamWriter {
 public:
  explicit XlsxStreamWriter(const std::string& path) {
    lxw_workbook_options options{};
    // Constant memory flushes each row to a temp file as soon as the next row starts, so a large
    // export needs a few MB instead of holding every cell; zip64 lifts the 4 GB archive limit.
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    workbook_ = workbook_new_opt(path.c_str(), &options);
  }
  ~XlsxStreamWriter() {
    // An abandoned workbook still has to be closed to free it; the caller deletes the file.
    if (workbook_ != nullptr) workbook_close(workbook_);
  }
  XlsxStreamWriter(const XlsxStreamWriter&) = delete;
  XlsxStreamWriter& operator=(const XlsxStreamWriter&) = delete;

  Status Start(const std::string& sheet_name, const std::vector<double>& column_widths) {
    if (workbook_ == nullptr) return WriteFailed(LXW_ERROR_CREATING_TMPFILE);
    if (workbook_validate_sheet_name(workbook_, sheet_name.c_str()) != LXW_NO_ERROR) {
      return Error::InvalidArgument("工作表名称无效：" + sheet_name +
                                    "（最多 31 个字符，不能包含 [ ] : * ? / \\）");
    }
    worksheet_ = workbook_add_worksheet(workbook_, sheet_name.c_str());
    if (worksheet_ == nullptr) return Error::Internal("写入 xlsx 文件失败：无法创建工作表");
    header_format_ = workbook_add_format(workbook_);
    format_set_bold(header_format_);
    for (std::size_t i = 0; i < column_widths.size() && i < LXW_COL_MAX; ++i) {
      const auto column = static_cast<lxw_col_t>(i);
      const lxw_error rc =
          worksheet_set_column(worksheet_, column, column, column_widths[i], nullptr);
      if (rc != LXW_NO_ERROR) return WriteFailed(rc);
    }
    return Ok();
  }

  Status WriteRow(const Row& row, bool is_header) {
    if (next_row_ >= LXW_ROW_MAX) {
      return Error::InvalidArgument("行数超过 xlsx 上限 " + std::to_string(LXW_ROW_MAX));
    }
    if (row.size() > LXW_COL_MAX) {
      return Error::InvalidArgument("列数超过 xlsx 上限 " + std::to_string(LXW_COL_MAX));
    }
    const auto row_number = static_cast<lxw_row_t>(next_row_);
    for (std::size_t i = 0; i < row.size(); ++i) {
      ANJIAN_TRY(WriteCell(row_number, i, row[i], is_header ? header_format_ : nullptr));
    }
    ++next_row_;
    return Ok();
  }

  Status Finish(std::size_t header_columns) {
    worksheet_freeze_panes(worksheet_, 1, 0);
    const lxw_error filter_rc =
        worksheet_autofilter(worksheet_, 0, 0, static_cast<lxw_row_t>(next_row_ - 1),
                             static_cast<lxw_col_t>(header_columns - 1));
    if (filter_rc != LXW_NO_ERROR) return WriteFailed(filter_rc);
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    const lxw_error rc = workbook_close(workbook);
    if (rc != LXW_NO_ERROR) return WriteFailed(rc);
    return Ok();
  }

 private:
  Status WriteCell(lxw_row_t row, std::size_t column_index, const Cell& cell, lxw_format* format) {
    if (cell.text.empty()) return Ok();
    const auto column = static_cast<lxw_col_t>(column_index);
    if (cell.numeric) {
      double number = 0;
      const char* begin = cell.text.data();
      const char* end = begin + cell.text.size();
      const auto [parsed_end, ec] = std::from_chars(begin, end, number);
      if (ec == std::errc() && parsed_end == end && std::isfinite(number)) {
        const lxw_error rc = worksheet_write_number(worksheet_, row, column, number, format);
        return rc == LXW_NO_ERROR ? Ok() : WriteFailed(rc);
      }
    }
    if (!IsValidUtf8(cell.text)) {
      return Error::InvalidArgument(CellPosition(row, column_index) + "不是有效的 UTF-8 文本");
    }
    if (Utf8Length(cell.text) > kMaxCellChars) {
      return Error::InvalidArgument(CellPosition(row, column_index) + "文本超过 Excel 单元格上限 " +
                                    std::to_string(kMaxCellChars) + " 个字符");
    }
    // libxlsxwriter escapes control characters as _xHHHH_ but leaves such sequences that are
    // already in the text alone, and Excel would decode them; escape them so they stay literal.
    const std::string text = ProtectLiteralEscapes(cell.text);
    const lxw_error rc = worksheet_write_string(worksheet_, row, column, text.c_str(), format);
    return rc == LXW_NO_ERROR ? Ok() : WriteFailed(rc);
  }

  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* worksheet_ = nullptr;
  lxw_format* header_format_ = nullptr;
  std::size_t next_row_ = 0;
};

Status WriteAll(const std::string& path, const Row& header,
                const std::function<bool(Row& row)>& next_row, const WriteOptions& options) {
  if (header.empty()) return Error::InvalidArgument("表头不能为空");
  XlsxStreamWriter writer(path);
  ANJIAN_TRY(writer.Start(options.sheet_name, options.column_widths));
  ANJIAN_TRY(writer.WriteRow(header, /*is_header=*/true));
  Row row;
  for (;;) {
    row.clear();
    if (!next_row(row)) break;
    ANJIAN_TRY(writer.WriteRow(row, /*is_header=*/false));
  }
  return writer.Finish(header.size());
}

}  // namespace

Status WriteXlsxFile(const std::string& path, const Row& header,
                     const std::function<bool(Row& row)>& next_row, const WriteOptions& options) {
  Status status = WriteAll(path, header, next_row, options);
  // A half-written workbook would look like a valid export to whoever finds it.
  if (!status.ok()) std::remove(path.c_str());
  return status;
}

}  // namespace anjian::io
