#include "io/blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>
#include <utility>

#include "common/sha256.hpp"
#include "io/image_probe.hpp"
#include "platform/atomic_file.hpp"

namespace anjian::io {

namespace {

Error WriteError(int error_number) {
  if (error_number == ENOSPC || error_number == EDQUOT) {
    return Error::ResourceExhausted("磁盘空间不足，无法写入文件");
  }
  return Error::Internal("无法写入文件：" + std::system_category().message(error_number));
}

Error ReadError(int error_number) {
  return Error::Internal("无法读取文件：" + std::system_category().message(error_number));
}

// Closes the descriptor on every path; Close() reports the error that close() can return.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  bool Close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

// mkdir -p that also fsyncs the parent of every directory it creates, so the path to a blob is as
// durable as the blob. Losing a race to another writer (EEXIST) is success.
Status EnsureDirectory(const std::filesystem::path& directory) {
  if (directory.empty()) return Ok();
  struct stat status;
  if (::stat(directory.c_str(), &status) == 0) {
    return S_ISDIR(status.st_mode) ? Ok() : WriteError(ENOTDIR);
  }
  const std::filesystem::path parent = directory.parent_path();
  if (parent != directory) ANJIAN_TRY(EnsureDirectory(parent));
  if (::mkdir(directory.c_str(), 0750) != 0) {
    return errno == EEXIST ? Ok() : WriteError(errno);
  }
  return platform::SyncDirectoryOf(directory.string(), "文件");
}

}  // namespace

bool IsBlobId(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

BlobStore::BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path BlobStore::PathOf(std::string_view sha256_hex) const {
  if (!IsBlobId(sha256_hex)) return {};
  return root_ / sha256_hex.substr(0, 2) / sha256_hex.substr(2);
}

Result<std::string> BlobStore::Put(std::string_view bytes) {
  std::string id = Sha256Hex(bytes);
  const std::filesystem::path target = PathOf(id);
  struct stat existing;
  // A file of the right size under this id was renamed into place after its fsync, so its bytes
  // are these bytes. The directory is synced again in case the Put that stored it is still
  // between its rename and its directory fsync: this caller is about to acknowledge the blob too.
  if (::stat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode) &&
      static_cast<std::uintmax_t>(existing.st_size) == bytes.size()) {
    ANJIAN_TRY(platform::SyncDirectoryOf(target.string(), "文件"));
    return id;
  }
  ANJIAN_TRY(EnsureDirectory(target.parent_path()));
  // The rename's directory entry is synced inside: acknowledged blobs survive a crash.
  ANJIAN_TRY(platform::WriteFileAtomically(target.string(), bytes, "文件"));
  return id;
}

Result<std::string> BlobStore::Get(std::string_view sha256_hex) const {
  if (!IsBlobId(sha256_hex)) return Error::InvalidArgument("文件编号无效");
  FileDescriptor fd(::open(PathOf(sha256_hex).c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Error::NotFound("文件不存在");
    return ReadError(errno);
  }
  struct stat status;
  if (::fstat(fd.get(), &status) != 0) return ReadError(errno);
  if (!S_ISREG(status.st_mode)) return Error::NotFound("文件不存在");
  std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t count = ::read(fd.get(), bytes.data() + filled, bytes.size() - filled);
    if (count < 0) {
      if (errno == EINTR) continue;
      return ReadError(errno);
    }
    // Blobs are never rewritten in place, so a short file means someone else truncated it.
    if (count == 0) return ReadError(EIO);
    filled += static_cast<std::size_t>(count);
  }
  return bytes;
}

bool BlobStore::Contains(std::string_view sha256_hex) const {
  if (!IsBlobId(sha256_hex)) return false;
  struct stat status;
  return ::stat(PathOf(sha256_hex).c_str(), &status) == 0 && S_ISREG(status.st_mode);
}

}  // namespace anjian::io
