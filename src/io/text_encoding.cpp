#include "io/text_encoding.hpp"

#include <iconv.h>

#include <cerrno>

namespace anjian::io {

namespace {

class IconvHandle {
 public:
  explicit IconvHandle(const char* from) : handle_(iconv_open("UTF-8", from)) {}
  ~IconvHandle() {
    if (valid()) iconv_close(handle_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  // (iconv_t)-1 is iconv_open's documented failure value.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  bool valid() const { return handle_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return handle_; }

 private:
  iconv_t handle_;
};

}  // namespace

std::optional<std::string> ConvertToUtf8(std::string_view bytes, const char* charset) {
  IconvHandle converter(charset);
  if (!converter.valid()) return std::nullopt;
  std::string out;
  // GBK needs at most 3 UTF-8 bytes per 2 input bytes and UTF-16 at most 3 per 2, so 1.5x plus
  // slack usually avoids a second pass; the loop still grows the buffer on E2BIG.
  out.resize(bytes.size() + bytes.size() / 2 + 16);
  // iconv's interface takes char** although it never writes through the input pointer.
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t used = 0;
  for (;;) {
    char* out_ptr = out.data() + used;
    std::size_t out_left = out.size() - used;
    const std::size_t rc = iconv(converter.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    used = out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) return std::nullopt;  // EILSEQ or EINVAL (truncated sequence)
    out.resize(out.size() * 2);
  }
  // Flush any shift state; harmless for stateless charsets.
  char* out_ptr = out.data() + used;
  std::size_t out_left = out.size() - used;
  if (iconv(converter.get(), nullptr, nullptr, &out_ptr, &out_left) ==
      static_cast<std::size_t>(-1)) {
    return std::nullopt;
  }
  used = out.size() - out_left;
  out.resize(used);
  return out;
}

}  // namespace anjian::io
