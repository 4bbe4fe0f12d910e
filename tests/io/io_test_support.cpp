#include "io/io_test_support.hpp"

#include <minizip/zip.h>
#include <stdlib.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace anjian::io {

void PrintTo(const Cell& cell, std::ostream* out) {
  *out << "{\"" << cell.text << "\"";
  if (cell.numeric) *out << ", numeric";
  if (cell.date) *out << ", date";
  *out << "}";
}

}  // namespace anjian::io

namespace anjian::io_test {

namespace {

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "io_test_support: " << message << "\n";
  std::abort();
}

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

}  // namespace

void WriteFileOrDie(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) Die("cannot write " + path);
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die("cannot open " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string BuildZip(const std::vector<ZipEntry>& entries) {
  TempDir dir;
  const std::string path = dir.File("built.zip");
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (zip == nullptr) Die("zipOpen64 failed");
  for (const auto& entry : entries) {
    zip_fileinfo info{};
    const int method = entry.stored ? 0 : Z_DEFLATED;
    const int raw = entry.bad_crc.has_value() ? 1 : 0;
    if (raw == 1 && !entry.stored) Die("bad_crc needs a stored entry");
    if (zipOpenNewFileInZip2_64(zip, entry.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                method, Z_DEFAULT_COMPRESSION, raw, /*zip64=*/0) != ZIP_OK) {
      Die("zipOpenNewFileInZip2_64 failed for " + entry.name);
    }
    if (!entry.data.empty() &&
        zipWriteInFileInZip(zip, entry.data.data(), static_cast<unsigned>(entry.data.size())) !=
            ZIP_OK) {
      Die("zipWriteInFileInZip failed for " + entry.name);
    }
    const int close_rc = raw == 1 ? zipCloseFileInZipRaw64(zip, entry.data.size(), *entry.bad_crc)
                                  : zipCloseFileInZip(zip);
    if (close_rc != ZIP_OK) Die("closing zip entry failed for " + entry.name);
  }
  if (zipClose(zip, nullptr) != ZIP_OK) Die("zipClose failed");
  return ReadFileOrDie(path);
}

std::string SheetXml(const std::string& sheet_data) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") +
         "<worksheet xmlns=\"" + kMainNs + "\" xmlns:r=\"" + kRelNs + "\"><sheetData>" +
         sheet_data + "</sheetData></worksheet>";
}

std::string BuildXlsx(const std::string& sheet_xml, const std::string& shared_strings_xml,
                      const std::string& styles_xml, const std::string& workbook_pr) {
  std::string content_types =
      R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
      R"(</Types>)";
  std::string root_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
      R"(</Relationships>)";
  std::string workbook =
      std::string(R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns=")") + kMainNs +
      "\" xmlns:r=\"" + kRelNs + "\">" + workbook_pr +
      R"(<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::string workbook_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)";
  if (!shared_strings_xml.empty()) {
    workbook_rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
  }
  if (!styles_xml.empty()) {
    workbook_rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
  }
  workbook_rels += "</Relationships>";
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml", content_types},  {"_rels/.rels", root_rels},
      {"xl/workbook.xml", workbook},           {"xl/_rels/workbook.xml.rels", workbook_rels},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared_strings_xml.empty()) entries.push_back({"xl/sharedStrings.xml", shared_strings_xml});
  if (!styles_xml.empty()) entries.push_back({"xl/styles.xml", styles_xml});
  return BuildZip(entries);
}

io::Cell Text(std::string text) { return io::Cell{std::move(text), false, false}; }
io::Cell Number(std::string text) { return io::Cell{std::move(text), true, false}; }
io::Cell Date(std::string text) { return io::Cell{std::move(text), false, true}; }

}  // namespace anjian::io_test
