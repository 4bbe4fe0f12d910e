#include "support/sample_images.hpp"

// clang-format off
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <jpeglib.h>
// clang-format on
#include <cairo.h>

#include <cstddef>
#include <cstdlib>
#include <random>
#include <vector>

namespace anjian::test_support {
namespace {

// "Exif\0\0", a little-endian TIFF header and IFD0 with the one Orientation (0x0112) SHORT entry.
std::vector<unsigned char> ExifOrientationBlock(int orientation) {
  return {'E',
          'x',
          'i',
          'f',
          0,
          0,  // APP1 identifier
          'I',
          'I',
          42,
          0,
          8,
          0,
          0,
          0,  // TIFF header, IFD0 at 8
          1,
          0,  // one entry
          0x12,
          0x01,
          3,
          0,
          1,
          0,
          0,
          0,  // Orientation, SHORT, count 1
          static_cast<unsigned char>(orientation),
          0,
          0,
          0,  // value
          0,
          0,
          0,
          0};  // no next IFD
}

// Compresses interleaved RGB rows; the pixel callback fills one row at a time.
template <typename FillRow>
std::string EncodeJpeg(int width, int height, int quality, int exif_orientation, FillRow fill) {
  jpeg_compress_struct info;
  jpeg_error_mgr errors;
  info.err = jpeg_std_error(&errors);  // default error_exit prints and exits: fine in a test
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  // Cameras write EXIF instead of JFIF as the first marker.
  info.write_JFIF_header = exif_orientation == 0 ? TRUE : FALSE;
  jpeg_start_compress(&info, TRUE);
  if (exif_orientation != 0) {
    const std::vector<unsigned char> exif = ExifOrientationBlock(exif_orientation);
    jpeg_write_marker(&info, JPEG_APP0 + 1, exif.data(), static_cast<unsigned int>(exif.size()));
  }
  std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
  while (info.next_scanline < info.image_height) {
    fill(static_cast<int>(info.next_scanline), row.data());
    JSAMPROW rows[] = {row.data()};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  std::string jpeg(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return jpeg;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string MakePhotoJpeg(int width, int height, int quality, std::uint32_t seed,
                          int exif_orientation) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> noise(-6, 6);
  return EncodeJpeg(width, height, quality, exif_orientation, [&](int y, unsigned char* row) {
    for (int x = 0; x < width; ++x) {
      const int base[3] = {255 * x / width, 255 * y / height, 128 + 64 * ((x / 97 + y / 61) % 2)};
      for (int c = 0; c < 3; ++c) {
        const int value = base[c] + noise(random);
        row[3 * x + c] = static_cast<unsigned char>(value < 0 ? 0 : value > 255 ? 255 : value);
      }
    }
  });
}

std::string MakeTwoColourJpeg(int width, int height, Rgb left, Rgb right, int exif_orientation) {
  return EncodeJpeg(width, height, 95, exif_orientation, [&](int, unsigned char* row) {
    for (int x = 0; x < width; ++x) {
      const Rgb& colour = x < width / 2 ? left : right;
      row[3 * x] = colour.red;
      row[3 * x + 1] = colour.green;
      row[3 * x + 2] = colour.blue;
    }
  });
}

std::string MakeSignaturePng(int width, int height, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> wobble(-0.25, 0.25);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.2);
  cairo_set_line_width(cr, 3);
  cairo_move_to(cr, width * 0.1, height * 0.6);
  for (int i = 1; i <= 6; ++i) {
    cairo_curve_to(cr, width * (0.1 + 0.13 * i - 0.08), height * (0.2 + wobble(random)),
                   width * (0.1 + 0.13 * i - 0.04), height * (0.8 + wobble(random)),
                   width * (0.1 + 0.13 * i), height * (0.5 + wobble(random)));
  }
  cairo_stroke(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, AppendToString, &png);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace anjian::test_support
