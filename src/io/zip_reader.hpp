// Read-only access to a zip archive held in memory (minizip with memory I/O callbacks).
// Internal to io: error messages are phrased for xlsx files. Not thread-safe; one reader per
// thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::io {

class ZipReader {
 public:
  // `bytes` must outlive the reader. Errors: "不是有效的 xlsx 文件（无法作为 zip 打开）" when the
  // bytes do not start like a zip, "xlsx 文件已损坏或被截断：…" when they do but the central
  // directory cannot be read.
  static Result<std::unique_ptr<ZipReader>> Open(std::string_view bytes);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // Entry names are matched case-insensitively, as OPC part names are.
  bool Contains(const std::string& name);

  // Decompresses the entry and hands its bytes to `sink` in order, chunk by chunk; a sink error
  // stops reading and is returned. Errors: kNotFound if absent; "xlsx 文件解压后过大"
  // (kPayloadTooLarge) if it would exceed max_bytes; "xlsx 文件已损坏或被截断：…" on bad data or
  // CRC.
  Status ReadEntry(const std::string& name, std::uint64_t max_bytes,
                   const std::function<Status(std::string_view chunk)>& sink);

  // The whole entry as one string (for the small parts).
  Result<std::string> ReadEntryToString(const std::string& name, std::uint64_t max_bytes);

 private:
  struct Source;
  ZipReader(std::unique_ptr<Source> source, void* handle);
  std::unique_ptr<Source> source_;
  void* handle_;  // unzFile
};

// "xlsx 文件已损坏或被截断：<detail>"
Error CorruptXlsx(std::string_view detail);

}  // namespace anjian::io
