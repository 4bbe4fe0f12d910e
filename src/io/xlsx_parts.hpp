// The small parts of an xlsx package and how to find them: relationships, the workbook, styles
// (which cell formats are dates) and the shared-strings table. Internal to io (xlsx reader).
#pragma once

#include <charconv>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "io/xlsx_values.hpp"
#include "io/xml_sax.hpp"
#include "io/zip_reader.hpp"

namespace anjian::io {

struct Relationship {
  std::string type;  // full type URI; compare by suffix ("/worksheet"), as Strict OOXML differs
  std::string target;
  bool external = false;
};
using Relationships = std::map<std::string, Relationship>;  // by relationship id

struct WorkbookInfo {
  DateSystem date_system = DateSystem::k1900;
  std::string first_sheet_rel_id;          // first <sheet> in tab order
  std::string first_visible_sheet_rel_id;  // first <sheet> not hidden; empty if all are hidden
};

// Streams one zip entry (at most max_bytes uncompressed) through `parser` and finishes it.
Status ParsePart(ZipReader& zip, const std::string& path, std::uint64_t max_bytes,
                 XmlSaxParser& parser);

Result<Relationships> ReadRelationships(ZipReader& zip, const std::string& path,
                                        std::uint64_t max_bytes);
Result<WorkbookInfo> ReadWorkbook(ZipReader& zip, const std::string& path, std::uint64_t max_bytes);
// One flag per cellXfs entry (the cell attribute s="N" indexes it): true if its format is a date.
Result<std::vector<bool>> ReadDateStyles(ZipReader& zip, const std::string& path,
                                         std::uint64_t max_bytes);
// Every <si> as plain text: rich-text runs concatenated, phonetic runs (<rPh>) skipped.
Result<std::vector<std::string>> ReadSharedStrings(ZipReader& zip, const std::string& path,
                                                   std::uint64_t max_bytes);

// Resolves a relationship target against the folder of the part that owns the relationships
// ("worksheets/sheet1.xml" in "xl/" → "xl/worksheets/sheet1.xml"; "/x/y.xml" → "x/y.xml").
std::string ResolvePartPath(std::string_view base_folder, std::string_view target);
// "xl/workbook.xml" → "xl/"
std::string FolderOf(std::string_view part_path);
// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string RelationshipsPathOf(std::string_view part_path);

// A whole decimal integer, surrounding spaces allowed.
template <typename Integer>
bool ParseInteger(std::string_view text, Integer& value) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace anjian::io
