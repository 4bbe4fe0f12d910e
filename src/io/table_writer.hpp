// Writing tables for export: streamed xlsx (libxlsxwriter, constant memory) and CSV that Excel in a
// Chinese locale opens correctly. Functions are thread-compatible and never throw.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "io/table.hpp"

namespace anjian::io {

struct WriteOptions {
  std::string sheet_name = "Sheet1";
  std::vector<double> column_widths;  // optional, in Excel character units, from column A onwards
};

// Streams rows to a new xlsx file at `path` (overwritten): bold header row, frozen header pane,
// autofilter over header and data. Cells with numeric==true whose text parses as a finite number
// are written as numbers; every other cell (including 18-digit codes and dates) as a string, so
// text survives unchanged. Empty cells stay blank. next_row receives a cleared `row`, fills it and
// returns false when there are no more rows (the row from a false call is not written).
// Errors: empty header, invalid sheet name, non-UTF-8 or over-long (>32767 chars) text, more than
// 1,048,576 rows or 16,384 columns, and I/O failures; messages are in Chinese. On error the file
// at `path` may be missing or incomplete.
Status WriteXlsxFile(const std::string& path, const Row& header,
                     const std::function<bool(Row& row)>& next_row,
                     const WriteOptions& options = {});

// CSV in UTF-8 with BOM, CRLF line ends, RFC 4180 quoting (fields containing , " CR or LF).
// Guards against formula injection: a non-numeric cell whose text starts with = + - @ TAB or CR
// is prefixed with a single quote.
std::string WriteCsv(const Row& header, const std::vector<Row>& rows);

// Reads a whole file into a string. Errors: "文件不存在：<path>" (kNotFound) or
// "无法读取文件：<path>".
Result<std::string> ReadFileBytes(const std::string& path);

}  // namespace anjian::io
