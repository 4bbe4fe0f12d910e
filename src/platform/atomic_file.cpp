#include "platform/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

namespace anjian::platform {
namespace {

Error FileError(std::string_view what, int error_number) {
  if (error_number == ENOSPC || error_number == EDQUOT) {
    return Error::ResourceExhausted("磁盘空间不足，无法写入" + std::string(what));
  }
  return Error::Internal("无法写入" + std::string(what) + "：" +
                         std::system_category().message(error_number));
}

// Closes the descriptor on every path; Close() reports the error close() can return (a deferred
// write error on NFS, for instance).
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  bool Close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

Status FsyncFile(const std::string& path, std::string_view what) {
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) return FileError(what, errno);
  if (!fd.Close()) return FileError(what, errno);
  return Ok();
}

Status WriteAll(int fd, std::string_view bytes, std::string_view what) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return FileError(what, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return Ok();
}

}  // namespace

Status SyncDirectoryOf(const std::string& path, std::string_view what) {
  const std::filesystem::path file(path);
  const auto directory = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  Descriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) return FileError(what, errno);
  return Ok();
}

Status ReplaceFileAtomically(const std::string& target,
                             const std::function<Status(const std::string& temp_path)>& produce,
                             std::string_view what) {
  const std::filesystem::path target_path(target);
  const auto directory =
      target_path.has_parent_path() ? target_path.parent_path() : std::filesystem::path(".");
  std::string temp = (directory / (".tmp-" + target_path.filename().string() + "-XXXXXX")).string();
  {
    Descriptor fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (fd.get() < 0) return FileError(what, errno);
  }
  Status outcome = produce(temp);
  if (outcome.ok()) outcome = FsyncFile(temp, what);
  if (outcome.ok() && ::rename(temp.c_str(), target.c_str()) != 0) {
    outcome = FileError(what, errno);
  }
  if (!outcome.ok()) {
    ::unlink(temp.c_str());
    return outcome;
  }
  return SyncDirectoryOf(target, what);
}

Status WriteFileAtomically(const std::string& target, std::string_view bytes,
                           std::string_view what) {
  return ReplaceFileAtomically(
      target,
      [&](const std::string& temp) -> Status {
        Descriptor fd(::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
        if (fd.get() < 0) return FileError(what, errno);
        ANJIAN_TRY(WriteAll(fd.get(), bytes, what));
        if (!fd.Close()) return FileError(what, errno);
        return Ok();
      },
      what);
}

}  // namespace anjian::platform
