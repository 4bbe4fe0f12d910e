// Helpers shared by the io tests: temp dirs, files, hand-built zip/xlsx packages, cell builders.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "io/table.hpp"
#include "support/temp_dir.hpp"

namespace anjian::io {

// gtest prints cells readably in failure messages.
void PrintTo(const Cell& cell, std::ostream* out);

}  // namespace anjian::io

namespace anjian::io_test {

using TempDir = test_support::TempDir;

// Test-side file helpers (std::fstream), independent of io::ReadFileBytes. Abort the test binary
// on failure, since every later assertion would be meaningless.
void WriteFileOrDie(const std::string& path, const std::string& bytes);
std::string ReadFileOrDie(const std::string& path);

struct ZipEntry {
  std::string name;
  std::string data;
  bool stored = false;                   // no compression
  std::optional<std::uint32_t> bad_crc;  // written as the CRC instead of the real one (stored only)
};

// Builds a zip archive with minizip's writer and returns its bytes.
std::string BuildZip(const std::vector<ZipEntry>& entries);

// The conventional xlsx package around one sheet (xl/worksheets/sheet1.xml) with optional shared
// strings and styles parts; workbook_pr is inserted as-is (e.g. R"(<workbookPr date1904="1"/>)").
std::string BuildXlsx(const std::string& sheet_xml, const std::string& shared_strings_xml = "",
                      const std::string& styles_xml = "", const std::string& workbook_pr = "");

// Wraps <sheetData> content into a worksheet document with the main namespace.
std::string SheetXml(const std::string& sheet_data);

io::Cell Text(std::string text);
io::Cell Number(std::string text);
io::Cell Date(std::string text);

}  // namespace anjian::io_test
