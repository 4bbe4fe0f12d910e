// The tests' one temporary directory (support/temp_dir.hpp) and a file writer, for the http tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

#include "support/temp_dir.hpp"

namespace anjian::http {

using TempDir = test_support::TempDir;

inline void WriteFile(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

}  // namespace anjian::http
