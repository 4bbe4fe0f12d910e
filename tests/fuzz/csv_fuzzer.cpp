// CSV imports (io::ReadCsv and the format sniffing of io::ReadTable): any bytes, as uploaded to
// /api/v1/import or given to `anjian import`. Covers the UTF-8/GBK/UTF-16 decoding (iconv) and
// the RFC 4180 state machine. An accepted file must give a Table that keeps io/table.hpp's
// promises.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Small limits so that the limit paths are reachable with small inputs.
  anjian::io::ReadLimits limits;
  limits.max_rows = 64;
  limits.max_columns = 16;

  auto table = anjian::io::ReadCsv(bytes, limits);
  if (table.ok()) {
    anjian::fuzz::CheckTable(*table, limits);
    FUZZ_CHECK(!table->rows.empty());  // an empty file is the error "文件为空"
  } else {
    FUZZ_CHECK(!table.error().message.empty());
  }

  // The upload path: the format is sniffed from the bytes; the name only refines messages.
  auto sniffed = anjian::io::ReadTable(bytes, "units.csv", limits);
  if (sniffed.ok()) anjian::fuzz::CheckTable(*sniffed, limits);
  return 0;
}
