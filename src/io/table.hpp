// Reading tabular import files (CSV and xlsx) into a plain Table of UTF-8 text cells.
// The readers only decode the file; checking headers, ragged rows and values is the importer's job.
// All functions are thread-compatible (no shared state) and never throw; errors come back as
// Result with a message in Simplified Chinese, ready to show to the user.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace anjian::io {

struct Cell {
  std::string text;      // UTF-8, trimmed of nothing (caller trims)
  bool numeric = false;  // the file stored this cell as a number (xlsx numeric cell without date
                         // style). For csv: always false.
  bool date = false;     // xlsx numeric cell with a date number format: text is then "YYYY-MM-DD"
                         // (Excel serial, 1900 system incl. the fictitious 1900-02-29, or 1904).
  bool operator==(const Cell&) const = default;
};

using Row = std::vector<Cell>;

struct Table {
  // rows[0] is the header = spreadsheet row 1; rows[i] is always spreadsheet (or CSV record) i+1.
  // A row whose cells are all empty is kept as an empty Row (no cells); empty trailing rows are
  // dropped. xlsx rows also lose trailing empty cells (formatting-only cells); CSV rows keep
  // every cell as written, so ragged rows stay ragged.
  std::vector<Row> rows;
};

struct ReadLimits {
  std::size_t max_rows = 1'100'000;
  std::size_t max_columns = 200;
  std::uint64_t max_uncompressed_bytes = 512ull << 20;  // zip-bomb guard per zip entry
};

// Detects the format from the bytes: zip magic "PK\x03\x04" → xlsx, OLE magic (legacy .xls or an
// encrypted xlsx) → error, anything else → CSV. file_name only refines messages and rejects
// names ending in .xls/.xlsx whose bytes do not match
// ("不支持旧版 .xls 格式，…" / "不是有效的 xlsx 文件…").
Result<Table> ReadTable(std::string_view bytes, std::string_view file_name,
                        const ReadLimits& limits = {});

// RFC 4180 CSV (quoted fields, doubled quotes, embedded separators and newlines; CRLF, LF or CR).
// Encoding: UTF-8 with or without BOM; otherwise GB18030/GBK; UTF-16LE/BE with BOM is read as
// tab-separated text (Excel "Unicode text"). Errors: "文件为空",
// "第N行：引号未闭合" (N = record number), "文件编码无法识别（既不是 UTF-8 也不是 GBK）",
// "行数超过上限 N", "第N行：列数超过上限 M".
Result<Table> ReadCsv(std::string_view bytes, const ReadLimits& limits = {});

// Reads the first visible worksheet of an xlsx workbook (located through the workbook part and its
// relationships). Numeric cells keep their stored text except that "25.0" becomes "25"; exponent
// forms such as "9.13501E+017" are kept verbatim so the importer can spot destroyed 18-digit codes.
// Booleans read as "TRUE"/"FALSE", error cells as their code ("#N/A").
// Errors: "不是有效的 xlsx 文件（无法作为 zip 打开）", "xlsx 文件已损坏或被截断：<detail>",
// "xlsx 文件解压后过大", "行数超过上限 N", "列数超过上限 N", "文件为空".
Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace anjian::io
