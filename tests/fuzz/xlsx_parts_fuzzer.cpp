// xlsx imports from their XML parts (io::ReadXlsx through xlsx_parts, xlsx_values and xml_sax):
// the input is split at NUL bytes (which XML cannot contain) into the parts below, in this order;
// each is stored uncompressed with a correct CRC in a fresh zip, so mutations reach the XML
// parsers instead of failing the zip checks. A missing segment keeps the default part (a minimal
// valid workbook); an empty segment leaves the part out of the archive.
//
//   0 xl/worksheets/sheet1.xml   1 xl/sharedStrings.xml   2 xl/styles.xml
//   3 xl/workbook.xml            4 xl/_rels/workbook.xml.rels   5 _rels/.rels
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "io/table.hpp"

namespace {

constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct Part {
  const char* name;
  std::string default_text;
};

const std::array<Part, 6>& Parts() {
  static const std::array<Part, 6> parts = {{
      {"xl/worksheets/sheet1.xml",
       std::string("<worksheet xmlns=\"") + std::string(kMainNs) +
           "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1</v></c>"
           "</row></sheetData></worksheet>"},
      {"xl/sharedStrings.xml",
       std::string("<sst xmlns=\"") + std::string(kMainNs) + "\"><si><t>单位名称</t></si></sst>"},
      {"xl/styles.xml", std::string("<styleSheet xmlns=\"") + std::string(kMainNs) +
                            "\"><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
                            "</styleSheet>"},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + std::string(kMainNs) +
                              "\" xmlns:r=\"" + std::string(kRelNs) +
                              "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           std::string(kRelNs) +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
           "<Relationship Id=\"rId2\" Type=\"" +
           std::string(kRelNs) +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
           "<Relationship Id=\"rId3\" Type=\"" +
           std::string(kRelNs) + "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           std::string(kRelNs) + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
  }};
  return parts;
}

std::uint32_t Crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) crc = table[(crc ^ byte) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void Put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFFu);
  out += static_cast<char>((v >> 8) & 0xFFu);
}
void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFFu);
  Put16(out, v >> 16);
}

// A zip archive of stored (method 0) entries: local headers, then the central directory.
std::string StoredZip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string out;
  std::string central;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = Crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    const auto name_length = static_cast<std::uint32_t>(name.size());
    Put32(out, 0x04034b50u);
    Put16(out, 20);    // version needed
    Put16(out, 0);     // flags
    Put16(out, 0);     // stored
    Put16(out, 0);     // time
    Put16(out, 0x21);  // date 1980-01-01
    Put32(out, crc);
    Put32(out, size);
    Put32(out, size);
    Put16(out, name_length);
    Put16(out, 0);
    out += name;
    out += data;

    Put32(central, 0x02014b50u);
    Put16(central, 20);  // version made by
    Put16(central, 20);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0x21);
    Put32(central, crc);
    Put32(central, size);
    Put32(central, size);
    Put16(central, name_length);
    Put16(central, 0);  // extra
    Put16(central, 0);  // comment
    Put16(central, 0);  // disk
    Put16(central, 0);  // internal attributes
    Put32(central, 0);  // external attributes
    Put32(central, offset);
    central += name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  Put32(out, 0x06054b50u);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<std::uint32_t>(entries.size()));
  Put16(out, static_cast<std::uint32_t>(entries.size()));
  Put32(out, static_cast<std::uint32_t>(central.size()));
  Put32(out, central_offset);
  Put16(out, 0);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& parts = Parts();
  std::array<std::optional<std::string_view>, 6> segments;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto nul = input.find('\0');
    segments[i] = input.substr(0, nul);
    if (nul == std::string_view::npos) break;
    input.remove_prefix(nul + 1);
  }

  std::vector<std::pair<std::string, std::string_view>> entries;
  entries.emplace_back("[Content_Types].xml",
                       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                       "content-types\"><Default Extension=\"xml\" ContentType=\"application/"
                       "xml\"/></Types>");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!segments[i]) {
      entries.emplace_back(parts[i].name, parts[i].default_text);
    } else if (!segments[i]->empty()) {
      entries.emplace_back(parts[i].name, *segments[i]);
    }
  }
  const std::string zip = StoredZip(entries);

  anjian::io::ReadLimits limits;
  limits.max_rows = 64;
  limits.max_columns = 16;
  limits.max_uncompressed_bytes = 1u << 20;
  auto table = anjian::io::ReadXlsx(zip, limits);
  if (table.ok()) anjian::fuzz::CheckTable(*table, limits);
  return 0;
}
