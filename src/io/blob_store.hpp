// BlobStore: content-addressed, durable files for inspection photos and signatures
// (docs/inspections.md, "Uploads"). A blob's id is the SHA-256 of its bytes in lower-case hex;
// it lives at root/<first two hex digits>/<other 62 digits>, as git lays out loose objects, so no
// directory grows past 1/256 of the files.
//
// Durability: Put writes a temp file in the target directory, fsyncs it, renames it into place
// and fsyncs the directory (and any directory it had to create), so once Put returns the blob
// survives kill -9 and power loss. A crash during Put can leave a ".tmp-…" file behind, never a
// partial blob under its id.
//
// Thread-safety: all methods may run concurrently, also with other processes on the same root;
// concurrent Puts of the same bytes both succeed and leave one file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::io {

class BlobStore {
 public:
  // Touches nothing on disk: the root directory is created by the first Put.
  explicit BlobStore(std::filesystem::path root);

  // Stores the bytes and returns their id. Bytes already stored are not written again. Errors:
  // kResourceExhausted "磁盘空间不足，无法写入文件"; kInternal "无法写入文件：<reason>".
  Result<std::string> Put(std::string_view bytes);

  // The stored bytes. Errors: kInvalidArgument "文件编号无效" when the id is not 64 lower-case
  // hex digits (checked before any path is built); kNotFound "文件不存在"; kInternal on a read
  // error.
  Result<std::string> Get(std::string_view sha256_hex) const;

  // False for a malformed id.
  bool Contains(std::string_view sha256_hex) const;

  // Where the blob with this id lives (whether or not it exists); empty for a malformed id.
  std::filesystem::path PathOf(std::string_view sha256_hex) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// True for 64 lower-case hex digits, the only ids BlobStore turns into paths.
bool IsBlobId(std::string_view text);

}  // namespace anjian::io
