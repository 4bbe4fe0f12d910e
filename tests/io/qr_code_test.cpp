#include "io/qr_code.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "io/io_test_support.hpp"
#include "support/pdf_tools.hpp"
#include "support/result_matchers.hpp"

namespace anjian::io {
namespace {

using test_support::DecodeQrCodes;
using test_support::WriteBytes;

constexpr char kVerifyUrl[] =
    "https://anjian.example.gov.cn/verify/1024?h=0123456789abcdef0123456789abcdef";

struct Pixels {
  int side = 0;
  std::vector<bool> dark;  // row-major
  bool At(int x, int y) const { return dark[static_cast<std::size_t>(y) * side + x]; }
};

struct PngReader {
  const std::string* data;
  std::size_t offset = 0;
};

cairo_status_t ReadChunk(void* closure, unsigned char* out, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->data->size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, reader->data->data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

// Decodes the PNG with cairo (independently of how it was written) into dark/light pixels.
Pixels DecodeSquarePng(const std::string& png) {
  PngReader reader{&png};
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create_from_png_stream(ReadChunk, &reader), cairo_surface_destroy);
  EXPECT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
  Pixels pixels;
  const int width = cairo_image_surface_get_width(surface.get());
  EXPECT_EQ(width, cairo_image_surface_get_height(surface.get()));
  pixels.side = width;
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < width; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
    for (int x = 0; x < width; ++x) pixels.dark.push_back((row[x] & 0xFF) < 128);
  }
  return pixels;
}

TEST(QrCodeTest, PngDecodesBackToTheText) {
  Result<std::string> png = QrCodePng(kVerifyUrl);
  ASSERT_OK(png);
  io_test::TempDir dir;
  WriteBytes(dir.File("qr.png"), *png);
  EXPECT_EQ(DecodeQrCodes(dir.File("qr.png")), std::vector<std::string>{kVerifyUrl});
}

TEST(QrCodeTest, ChineseTextRoundTrips) {
  const std::string text = "（街）应急检记〔2026〕第3号 https://anjian.example/verify/3";
  Result<std::string> png = QrCodePng(text, 6);
  ASSERT_OK(png);
  io_test::TempDir dir;
  WriteBytes(dir.File("qr.png"), *png);
  EXPECT_EQ(DecodeQrCodes(dir.File("qr.png")), std::vector<std::string>{text});
}

TEST(QrCodeTest, HasAFourModuleQuietZoneAndWholePixelModules) {
  constexpr int kModule = 5;
  Result<std::string> png = QrCodePng(kVerifyUrl, kModule);
  ASSERT_OK(png);
  const Pixels pixels = DecodeSquarePng(*png);
  ASSERT_EQ(pixels.side % kModule, 0);
  const int modules = pixels.side / kModule;
  // A version-v symbol is 17 + 4v modules wide, plus 4 quiet modules on each side.
  EXPECT_EQ((modules - 8 - 17) % 4, 0) << modules;
  constexpr int kQuiet = 4 * kModule;
  for (int y = 0; y < pixels.side; ++y) {
    for (int x = 0; x < pixels.side; ++x) {
      const bool in_margin =
          x < kQuiet || y < kQuiet || x >= pixels.side - kQuiet || y >= pixels.side - kQuiet;
      if (in_margin) {
        ASSERT_FALSE(pixels.At(x, y)) << "dark pixel in the quiet zone at " << x << "," << y;
      }
    }
  }
  // The top-left finder pattern starts right after the quiet zone: a dark 7-module square ring.
  EXPECT_TRUE(pixels.At(kQuiet, kQuiet));
  EXPECT_TRUE(pixels.At(kQuiet + 7 * kModule - 1, kQuiet));
  EXPECT_FALSE(pixels.At(kQuiet + 7 * kModule, kQuiet));
  EXPECT_FALSE(pixels.At(kQuiet + kModule, kQuiet + kModule));  // the light ring inside
}

TEST(QrCodeTest, UsesErrorCorrectionLevelM) {
  // 70 lower-case letters can only be coded as bytes. Byte capacities (ISO/IEC 18004 table 7):
  // version 4 holds 78 at L, 62 at M; version 5 holds 84 at M, 60 at Q; so only level M gives a
  // version-5 symbol (37 modules) for 70 bytes.
  Result<std::string> png = QrCodePng(std::string(70, 'q'), 1);
  ASSERT_OK(png);
  EXPECT_EQ(DecodeSquarePng(*png).side, 37 + 8);
}

TEST(QrCodeTest, ModuleSizeScalesThePicture) {
  Result<std::string> small = QrCodePng(kVerifyUrl, 1);
  Result<std::string> large = QrCodePng(kVerifyUrl, 8);
  ASSERT_OK(small);
  ASSERT_OK(large);
  EXPECT_EQ(DecodeSquarePng(*large).side, 8 * DecodeSquarePng(*small).side);
}

TEST(QrCodeTest, RejectsEmptyTooLongOrNulText) {
  EXPECT_ERROR_CODE(QrCodePng(""), kInvalidArgument);
  EXPECT_ERROR_CODE(QrCodePng(std::string("a\0b", 3)), kInvalidArgument);
  // Version 40 at level M holds 2,331 bytes.
  EXPECT_OK(QrCodePng(std::string(2331, 'x'), 1));
  Result<std::string> too_long = QrCodePng(std::string(2332, 'x'), 1);
  ASSERT_ERROR_CODE(too_long, kInvalidArgument);
  EXPECT_NE(too_long.error().message.find("过长"), std::string::npos) << too_long.error().message;
}

TEST(QrCodeTest, RejectsModuleSizeOutOfRange) {
  EXPECT_ERROR_CODE(QrCodePng(kVerifyUrl, 0), kInvalidArgument);
  EXPECT_ERROR_CODE(QrCodePng(kVerifyUrl, 33), kInvalidArgument);
  EXPECT_OK(QrCodePng(kVerifyUrl, 32));
}

}  // namespace
}  // namespace anjian::io
