#include "io/qr_code.hpp"

#include <cairo.h>
#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <new>

#include "io/cairo_streams.hpp"

namespace anjian::io {
namespace {

// ISO/IEC 18004 requires a light margin of four modules on every side.
constexpr int kQuietZoneModules = 4;
constexpr int kMaxModulePixels = 32;

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

}  // namespace

Result<std::string> QrCodeSvg(std::string_view text) {
  if (text.empty() || text.find('\0') != std::string_view::npos)
    return Error::InvalidArgument("二维码内容无效");
  const std::string terminated(text);
  std::unique_ptr<QRcode, QrCodeFree> code(QRcode_encodeString(
      terminated.c_str(), /*version=*/0, QR_ECLEVEL_M, QR_MODE_8, /*casesensitive=*/1));
  if (code == nullptr) return Error::InvalidArgument("无法生成二维码（内容过长或内存不足）");
  const int modules = code->width + 2 * kQuietZoneModules;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    std::to_string(modules) + " " + std::to_string(modules) +
                    "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" " +
                    "fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      // Bit 0 of each module byte is "dark".
      if (code->data[y * code->width + x] & 1) {
        svg += "M" + std::to_string(x + kQuietZoneModules) + " " +
               std::to_string(y + kQuietZoneModules) + "h1v1h-1z";
      }
    }
  }
  svg += "\"/></svg>";
  return svg;
}

Result<std::string> QrCodePng(std::string_view text, int module_px) {
  if (text.empty()) return Error::InvalidArgument("二维码内容为空");
  if (text.find('\0') != std::string_view::npos) {
    return Error::InvalidArgument("二维码内容含有空字符 U+0000");
  }
  if (module_px < 1 || module_px > kMaxModulePixels) {
    return Error::InvalidArgument("二维码模块尺寸应为 1–32 像素，收到 " +
                                  std::to_string(module_px));
  }
  // QRcode_encodeString needs a terminated string; QR_MODE_8 keeps non-alphanumeric bytes as they
  // are (the other hint, Kanji, would reinterpret them as Shift-JIS).
  const std::string terminated(text);
  errno = 0;
  std::unique_ptr<QRcode, QrCodeFree> code(QRcode_encodeString(
      terminated.c_str(), /*version=*/0, QR_ECLEVEL_M, QR_MODE_8, /*casesensitive=*/1));
  if (code == nullptr) {
    if (errno == ERANGE) {
      return Error::InvalidArgument("二维码内容过长（" + std::to_string(text.size()) +
                                    " 字节），超出 40 版 M 级二维码的容量");
    }
    if (errno == ENOMEM) return Error::ResourceExhausted("生成二维码时内存不足");
    return Error::Internal("无法生成二维码（libqrencode 错误 " + std::to_string(errno) + "）");
  }

  const int modules = code->width + 2 * kQuietZoneModules;
  const int side = modules * module_px;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::ResourceExhausted("生成二维码图片时内存不足");
  }
  {
    std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    // Whole-pixel rectangles without antialiasing, so every module is exactly module_px square.
    cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
    for (int y = 0; y < code->width; ++y) {
      for (int x = 0; x < code->width; ++x) {
        // Bit 0 of each byte is the module colour (1 = dark); the other bits describe its role.
        if ((code->data[y * code->width + x] & 1) == 0) continue;
        cairo_rectangle(cr.get(), (x + kQuietZoneModules) * module_px,
                        (y + kQuietZoneModules) * module_px, module_px, module_px);
      }
    }
    cairo_fill(cr.get());
  }
  try {
    std::string png;
    const cairo_status_t status =
        cairo_surface_write_to_png_stream(surface.get(), AppendCairoBytes, &png);
    if (status != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("无法写出二维码 PNG：") + cairo_status_to_string(status));
    }
    return png;
  } catch (const std::bad_alloc&) {
    return Error::ResourceExhausted("生成二维码图片时内存不足");
  }
}

}  // namespace anjian::io
