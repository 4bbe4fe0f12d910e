#include "io/zip_reader.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace anjian::io {

namespace {

constexpr std::size_t kChunkSize = 256 * 1024;
constexpr std::string_view kZipMagic = "PK\x03\x04";
// Zip with a spanning marker or an empty archive; both still start with "PK".
constexpr std::string_view kZipMagicPrefix = "PK";

struct Cursor {
  std::string_view bytes;
  std::uint64_t position = 0;
};

}  // namespace

struct ZipReader::Source {
  std::string_view bytes;
};

namespace {

// minizip calls these through zlib_filefunc64_def; `opaque` is the ZipReader::Source and each
// open gets its own Cursor so minizip may open the "file" more than once.
voidpf OpenMemory(voidpf opaque, const void* /*filename*/, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
  auto* source = static_cast<std::string_view*>(opaque);
  return new Cursor{*source, 0};
}

uLong ReadMemory(voidpf /*opaque*/, voidpf stream, void* buffer, uLong size) {
  auto* cursor = static_cast<Cursor*>(stream);
  if (cursor->position >= cursor->bytes.size()) return 0;
  const std::uint64_t available = cursor->bytes.size() - cursor->position;
  const std::uint64_t count = std::min<std::uint64_t>(available, size);
  std::memcpy(buffer, cursor->bytes.data() + cursor->position, count);
  cursor->position += count;
  return static_cast<uLong>(count);
}

uLong WriteMemory(voidpf /*opaque*/, voidpf /*stream*/, const void* /*buffer*/, uLong /*size*/) {
  return 0;
}

ZPOS64_T TellMemory(voidpf /*opaque*/, voidpf stream) {
  return static_cast<Cursor*>(stream)->position;
}

long SeekMemory(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* cursor = static_cast<Cursor*>(stream);
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = cursor->position;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = cursor->bytes.size();
      break;
    default:
      return -1;
  }
  // Seeking past the end is allowed (as with fseek); reads there return 0 bytes.
  if (offset > UINT64_MAX - base) return -1;
  cursor->position = base + offset;
  return 0;
}

int CloseMemory(voidpf /*opaque*/, voidpf stream) {
  delete static_cast<Cursor*>(stream);
  return 0;
}

int ErrorMemory(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

}  // namespace

Error CorruptXlsx(std::string_view detail) {
  return Error::InvalidArgument("xlsx 文件已损坏或被截断：" + std::string(detail));
}

Result<std::unique_ptr<ZipReader>> ZipReader::Open(std::string_view bytes) {
  if (!bytes.starts_with(kZipMagicPrefix)) {
    return Error::InvalidArgument("不是有效的 xlsx 文件（无法作为 zip 打开）");
  }
  auto source = std::make_unique<Source>(Source{bytes});
  zlib_filefunc64_def functions{};
  functions.zopen64_file = OpenMemory;
  functions.zread_file = ReadMemory;
  functions.zwrite_file = WriteMemory;
  functions.ztell64_file = TellMemory;
  functions.zseek64_file = SeekMemory;
  functions.zclose_file = CloseMemory;
  functions.zerror_file = ErrorMemory;
  functions.opaque = &source->bytes;
  // minizip wants a non-null name; the callbacks ignore it.
  unzFile handle = unzOpen2_64("memory.xlsx", &functions);
  if (handle == nullptr) {
    if (!bytes.starts_with(kZipMagic)) {
      return Error::InvalidArgument("不是有效的 xlsx 文件（无法作为 zip 打开）");
    }
    return CorruptXlsx("找不到 zip 目录");
  }
  return std::unique_ptr<ZipReader>(new ZipReader(std::move(source), handle));
}

ZipReader::ZipReader(std::unique_ptr<Source> source, void* handle)
    : source_(std::move(source)), handle_(handle) {}

ZipReader::~ZipReader() { unzClose(static_cast<unzFile>(handle_)); }

bool ZipReader::Contains(const std::string& name) {
  // Case sensitivity 2 = case-insensitive in minizip.
  return unzLocateFile(static_cast<unzFile>(handle_), name.c_str(), 2) == UNZ_OK;
}

Status ZipReader::ReadEntry(const std::string& name, std::uint64_t max_bytes,
                            const std::function<Status(std::string_view chunk)>& sink) {
  auto* handle = static_cast<unzFile>(handle_);
  if (unzLocateFile(handle, name.c_str(), 2) != UNZ_OK) {
    return Error::NotFound("xlsx 文件中缺少 " + name);
  }
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(handle, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    return CorruptXlsx("无法读取 " + name + " 的目录信息");
  }
  if ((info.flag & 1u) != 0) {
    return Error::InvalidArgument("xlsx 文件已加密，请在 Excel 中取消密码后重新保存");
  }
  // The declared size is checked up front; the running count below catches a header that lies.
  if (info.uncompressed_size > max_bytes) {
    return Error{ErrorCode::kPayloadTooLarge, "xlsx 文件解压后过大"};
  }
  if (unzOpenCurrentFile(handle) != UNZ_OK) {
    return CorruptXlsx("无法解压 " + name);
  }
  std::vector<char> buffer(kChunkSize);
  std::uint64_t total = 0;
  for (;;) {
    const int count =
        unzReadCurrentFile(handle, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (count < 0) {
      unzCloseCurrentFile(handle);
      return CorruptXlsx("解压 " + name + " 时数据错误");
    }
    if (count == 0) break;
    total += static_cast<std::uint64_t>(count);
    if (total > max_bytes) {
      unzCloseCurrentFile(handle);
      return Error{ErrorCode::kPayloadTooLarge, "xlsx 文件解压后过大"};
    }
    Status status = sink(std::string_view(buffer.data(), static_cast<std::size_t>(count)));
    if (!status.ok()) {
      unzCloseCurrentFile(handle);
      return status;
    }
  }
  // unzCloseCurrentFile verifies the CRC once the whole entry has been read.
  const int close_rc = unzCloseCurrentFile(handle);
  if (close_rc == UNZ_CRCERROR) return CorruptXlsx(name + " 校验和（CRC）不符");
  if (close_rc != UNZ_OK) return CorruptXlsx("无法完整读取 " + name);
  if (total != info.uncompressed_size) return CorruptXlsx(name + " 长度与目录记录不符");
  return Ok();
}

Result<std::string> ZipReader::ReadEntryToString(const std::string& name, std::uint64_t max_bytes) {
  std::string out;
  ANJIAN_TRY(ReadEntry(name, max_bytes, [&](std::string_view chunk) {
    out.append(chunk);
    return Ok();
  }));
  return out;
}

}  // namespace anjian::io
