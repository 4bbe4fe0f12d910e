// Images for PdfDocument (internal to io): checked when a block is added, painted when the PDF is
// drawn. PNGs are decoded by cairo; JPEGs are never decoded — libjpeg reads only the header
// (size, components, EXIF orientation) and the PDF embeds the original bytes (DCTDecode), so
// photos keep their quality and size and cost no decoding time.
#pragma once

#include <cairo.h>

#include <map>
#include <memory>
#include <string>

#include "common/error.hpp"

namespace anjian::io {

enum class PdfImageFormat { kPng, kJpeg };

struct PdfImageData {
  PdfImageFormat format = PdfImageFormat::kPng;
  std::string bytes;
  int pixel_width = 0;  // as stored
  int pixel_height = 0;
  int orientation = 1;  // EXIF orientation 1–8; always 1 for PNG

  // Size as shown, after the orientation (5–8 turn the image by a quarter).
  int DisplayWidth() const { return orientation >= 5 ? pixel_height : pixel_width; }
  int DisplayHeight() const { return orientation >= 5 ? pixel_width : pixel_height; }
};

// A PNG whose header is sane (at most 8192 pixels a side and 16 million in all, checked before
// decoding) and which cairo decodes. Errors carry the Chinese text PdfDocument reports:
// "图片不是有效的 PNG", "图片尺寸过大（…）".
Result<PdfImageData> ReadPngImage(std::string bytes);
// A baseline or progressive JPEG, greyscale or YCbCr/RGB (what PDF readers show without help),
// same size limits. Errors: not a JPEG, a header libjpeg cannot read, CMYK, arithmetic coding.
Result<PdfImageData> ReadJpegImage(std::string bytes);
// JPEG or PNG, told apart by their signatures.
Result<PdfImageData> ReadPhotoImage(std::string bytes);

enum class ImageSmoothing {
  kNone,    // enlarged pixels stay sharp squares: QR codes, signatures, seals
  kSmooth,  // viewers interpolate: photographs
};

struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

// Paints images onto one PDF and owns their cairo source surfaces. Destroy it only after
// cairo_surface_finish: cairo records each page before writing it, and a source destroyed while
// still recorded would make cairo copy its pixels. Each PdfImageData is painted from one source
// surface, so an image shown on every page (the QR code) is embedded in the PDF once. The images
// must outlive the painter: a JPEG's bytes are attached to its surface, not copied.
class PdfImagePainter {
 public:
  // Paints `image` into the box (x, y, width, height) in cairo user units, applying its EXIF
  // orientation. Errors: kInvalidArgument if a PNG no longer decodes, kResourceExhausted.
  Status Paint(cairo_t* cr, const PdfImageData& image, double x, double y, double width,
               double height, ImageSmoothing smoothing);

 private:
  Result<cairo_surface_t*> SourceFor(const PdfImageData& image);

  std::map<const PdfImageData*, std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>> sources_;
};

}  // namespace anjian::io
