// What every area of the store shares: the caller's jurisdiction (Scope) and paging.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace anjian::store {

// A jurisdiction: the region path prefix ("/1/5/") a caller may see. Empty = everything.
struct Scope {
  std::string region_path;
  static Scope All() { return {}; }
  static Scope Under(std::string path) { return {std::move(path)}; }
};

struct PageRequest {
  int page = 1;        // 1-based
  int page_size = 20;  // 1..500, enforced by callers
};

template <typename T>
struct PageResult {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace anjian::store
