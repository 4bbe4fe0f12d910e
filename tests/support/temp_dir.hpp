// A fresh directory under $TMPDIR (mkdtemp), removed with its contents on destruction. Tests put
// their SQLite files here; never :memory:, so WAL and durability behave as in production.
#pragma once

#include <string>
#include <string_view>

namespace anjian::test_support {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(std::string_view name) const;

 private:
  std::string path_;
};

}  // namespace anjian::test_support
