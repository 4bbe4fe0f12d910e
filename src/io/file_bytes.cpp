#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>

#include "io/table_writer.hpp"

namespace anjian::io {

namespace {

Error UnreadableFile(const std::string& path, int error_number) {
  std::string reason;
  switch (error_number) {
    case EACCES:
    case EPERM:
      reason = "（没有读取权限）";
      break;
    case EISDIR:
      reason = "（这是一个目录）";
      break;
    default:
      reason = "（错误码 " + std::to_string(error_number) + "）";
  }
  return Error::InvalidArgument("无法读取文件：" + path + reason);
}

}  // namespace

Result<std::string> ReadFileBytes(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) {
    if (errno == ENOENT) return Error::NotFound("文件不存在：" + path);
    return UnreadableFile(path, errno);
  }
  std::string bytes;
  char buffer[64 * 1024];
  for (;;) {
    const std::size_t count = std::fread(buffer, 1, sizeof(buffer), file.get());
    bytes.append(buffer, count);
    if (count < sizeof(buffer)) break;
  }
  // fopen succeeds on a directory; the read then fails with EISDIR.
  if (std::ferror(file.get()) != 0) return UnreadableFile(path, errno);
  return bytes;
}

}  // namespace anjian::io
