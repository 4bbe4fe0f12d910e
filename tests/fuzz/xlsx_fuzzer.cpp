// xlsx imports from raw bytes (io::ReadXlsx, and io::ReadTable as the upload path calls it): the
// zip container (minizip over memory, the zip-bomb guard, CRC checks) and, when the archive
// survives the mutations, its XML parts. Seeds are whole workbooks written by io::WriteXlsxFile
// and LibreOffice. xlsx_parts_fuzzer reaches the XML more directly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  anjian::io::ReadLimits limits;
  limits.max_rows = 64;
  limits.max_columns = 16;
  limits.max_uncompressed_bytes = 1u << 20;

  auto table = anjian::io::ReadXlsx(bytes, limits);
  if (table.ok()) anjian::fuzz::CheckTable(*table, limits);

  auto sniffed = anjian::io::ReadTable(bytes, "units.xlsx", limits);
  if (sniffed.ok()) anjian::fuzz::CheckTable(*sniffed, limits);
  return 0;
}
