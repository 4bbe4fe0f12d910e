// cairo's stream callbacks over memory, shared by the PDF writer, the QR code and image checks:
// cairo writes PDFs and PNGs through a callback and reads PNGs through another.
#pragma once

#include <cairo.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace anjian::io {

// Write callback: appends to the std::string passed as `closure`. Never throws (called from C).
cairo_status_t AppendCairoBytes(void* closure, const unsigned char* data, unsigned int length);

// Read callback over bytes in memory: `closure` is a CairoReadCursor; reading past the end is a
// read error, which cairo reports for a truncated PNG.
struct CairoReadCursor {
  std::string_view bytes;
  std::size_t offset = 0;
};
cairo_status_t ReadCairoBytes(void* closure, unsigned char* data, unsigned int length);

}  // namespace anjian::io
