#include "io/cairo_streams.hpp"

#include <cstring>

namespace anjian::io {

cairo_status_t AppendCairoBytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

cairo_status_t ReadCairoBytes(void* closure, unsigned char* data, unsigned int length) {
  auto* cursor = static_cast<CairoReadCursor*>(closure);
  if (cursor->bytes.size() - cursor->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, cursor->bytes.data() + cursor->offset, length);
  cursor->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace anjian::io
