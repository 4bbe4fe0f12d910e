// Shared by the fuzz harnesses: property checks that abort (a libFuzzer crash) when a documented
// contract of the code under test does not hold for an input that it accepted.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "common/text.hpp"
#include "io/table.hpp"

// Aborts with the condition's text; libFuzzer then saves the input as a crash artefact.
#define FUZZ_CHECK(condition)                                                                   \
  do {                                                                                          \
    if (!(condition)) {                                                                         \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)

namespace anjian::fuzz {

// What io/table.hpp promises about any Table a reader returns: UTF-8 cells, the row and column
// limits, and no empty trailing row.
inline void CheckTable(const io::Table& table, const io::ReadLimits& limits) {
  FUZZ_CHECK(table.rows.size() <= limits.max_rows);
  FUZZ_CHECK(table.rows.empty() || !table.rows.back().empty());
  for (const auto& row : table.rows) {
    FUZZ_CHECK(row.size() <= limits.max_columns);
    for (const auto& cell : row) FUZZ_CHECK(IsValidUtf8(cell.text));
  }
}

}  // namespace anjian::fuzz
