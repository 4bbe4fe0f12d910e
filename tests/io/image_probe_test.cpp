#include "io/image_probe.hpp"

// clang-format off
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <jpeglib.h>
// clang-format on
#include <cairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libexif/exif-data.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/result_matchers.hpp"

namespace anjian::io {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// ---- Builders: real files made with the same libraries a camera or browser would use ---------

struct ExifField {
  ExifIfd ifd;
  ExifTag tag;
  std::string ascii;  // at most 19 characters: stored in the 20-byte field libexif allocates
};

// An APP1 body ("Exif\0\0" + TIFF) holding the given ASCII date fields and an Orientation tag,
// so even an EXIF block without dates is non-empty.
std::string BuildExif(const std::vector<ExifField>& fields) {
  ExifData* exif = exif_data_new();
  // Keep libexif from adding default values for mandatory tags: the block holds only what we set.
  exif_data_unset_option(exif, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_byte_order(exif, EXIF_BYTE_ORDER_INTEL);
  ExifEntry* orientation = exif_entry_new();
  exif_content_add_entry(exif->ifd[EXIF_IFD_0], orientation);
  exif_entry_initialize(orientation, EXIF_TAG_ORIENTATION);
  exif_entry_unref(orientation);
  for (const ExifField& field : fields) {
    ExifEntry* entry = exif_entry_new();
    exif_content_add_entry(exif->ifd[field.ifd], entry);
    exif_entry_initialize(entry, field.tag);
    if (entry->data == nullptr || entry->size < field.ascii.size() + 1) std::abort();
    std::memset(entry->data, 0, entry->size);
    std::memcpy(entry->data, field.ascii.data(), field.ascii.size());
    exif_entry_unref(entry);
  }
  unsigned char* data = nullptr;
  unsigned int size = 0;
  exif_data_save_data(exif, &data, &size);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::free(data);
  exif_data_unref(exif);
  if (bytes.substr(0, 6) != std::string("Exif\0\0", 6)) std::abort();
  return bytes;
}

// A baseline JPEG of a colour gradient; `app1_segments` are written right after the JFIF header.
std::string BuildJpeg(int width, int height, const std::vector<std::string>& app1_segments = {}) {
  jpeg_compress_struct info;
  jpeg_error_mgr errors;
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* output = nullptr;
  unsigned long output_size = 0;
  jpeg_mem_dest(&info, &output, &output_size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 90, TRUE);
  jpeg_start_compress(&info, TRUE);
  for (const std::string& segment : app1_segments) {
    jpeg_write_marker(&info, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(segment.data()),
                      static_cast<unsigned int>(segment.size()));
  }
  std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
  while (info.next_scanline < info.image_height) {
    for (int x = 0; x < width; ++x) {
      row[3 * x] = static_cast<unsigned char>(x * 255 / width);
      row[3 * x + 1] = static_cast<unsigned char>(info.next_scanline * 255 / info.image_height);
      row[3 * x + 2] = 128;
    }
    JSAMPROW rows[] = {row.data()};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  std::string bytes(reinterpret_cast<const char*>(output), output_size);
  jpeg_destroy_compress(&info);
  std::free(output);
  return bytes;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A PNG with a filled rectangle and a diagonal line, written by cairo (libpng underneath).
std::string BuildPng(int width, int height) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.9, 0.2, 0.1);
  cairo_rectangle(cr, 0, 0, width / 2.0, height / 2.0);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, 0, 0);
  cairo_line_to(cr, width, height);
  cairo_stroke(cr);
  cairo_destroy(cr);
  std::string bytes;
  cairo_surface_write_to_png_stream(surface, &AppendToString, &bytes);
  cairo_surface_destroy(surface);
  return bytes;
}

// Bit-at-a-time CRC-32 (ISO 3309, as PNG uses), independent of the table-driven one under test.
std::uint32_t SlowCrc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string BigEndian32(std::uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
          static_cast<char>(value >> 8), static_cast<char>(value)};
}

std::string PngChunk(const std::string& type, const std::string& data) {
  return BigEndian32(static_cast<std::uint32_t>(data.size())) + type + data +
         BigEndian32(SlowCrc32(type + data));
}

const std::string kPngSignature("\x89PNG\r\n\x1a\n", 8);

std::string Ihdr(std::uint32_t width, std::uint32_t height, char bit_depth = 8,
                 char color_type = 6) {
  return PngChunk("IHDR", BigEndian32(width) + BigEndian32(height) +
                              std::string{bit_depth, color_type, 0, 0, 0});
}

// Signature, IHDR, an IDAT whose content is never inflated by ProbeImage, IEND.
std::string CraftPng(std::uint32_t width, std::uint32_t height) {
  return kPngSignature + Ihdr(width, height) + PngChunk("IDAT", std::string("\x78\x9c", 2)) +
         PngChunk("IEND", "");
}

// Offset of the first occurrence of a two-byte JPEG marker (e.g. 0xC0 for SOF0).
std::size_t FindMarker(const std::string& jpeg, unsigned char marker) {
  const std::size_t at = jpeg.find(std::string{'\xFF', static_cast<char>(marker)});
  if (at == std::string::npos) std::abort();
  return at;
}

std::size_t FindChunk(const std::string& png, const std::string& type) {
  const std::size_t at = png.find(type);
  if (at == std::string::npos || at < 4) std::abort();
  return at - 4;  // the chunk starts with its length
}

// ---- ProbeImage: JPEG ---------------------------------------------------------------------

TEST(ImageProbeTest, ReadsJpegDimensionsAndDateTimeOriginal) {
  const std::string jpeg = BuildJpeg(
      40, 30, {BuildExif({{EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2026:11:23 09:15:42"}})});
  auto info = ProbeImage(jpeg);
  ASSERT_OK(info);
  EXPECT_EQ(info->format, ImageFormat::kJpeg);
  EXPECT_EQ(info->mime, "image/jpeg");
  EXPECT_EQ(info->width, 40);
  EXPECT_EQ(info->height, 30);
  EXPECT_EQ(info->taken_at, "2026-11-23T09:15:42");
}

TEST(ImageProbeTest, FallsBackToExifDateTimeWithoutDateTimeOriginal) {
  const std::string jpeg =
      BuildJpeg(16, 16, {BuildExif({{EXIF_IFD_0, EXIF_TAG_DATE_TIME, "2025:02:28 23:59:59"}})});
  auto info = ProbeImage(jpeg);
  ASSERT_OK(info);
  EXPECT_EQ(info->taken_at, "2025-02-28T23:59:59");
}

TEST(ImageProbeTest, PrefersDateTimeOriginalOverDateTime) {
  // Editing software rewrites DateTime when it saves; the original capture time is what counts.
  const std::string jpeg =
      BuildJpeg(16, 16,
                {BuildExif({{EXIF_IFD_0, EXIF_TAG_DATE_TIME, "2026:12:01 08:00:00"},
                            {EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2026:11:23 14:05:09"}})});
  auto info = ProbeImage(jpeg);
  ASSERT_OK(info);
  EXPECT_EQ(info->taken_at, "2026-11-23T14:05:09");
}

TEST(ImageProbeTest, MalformedDateTimeOriginalFallsBackToDateTime) {
  const std::string jpeg =
      BuildJpeg(16, 16,
                {BuildExif({{EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "0000:00:00 00:00:00"},
                            {EXIF_IFD_0, EXIF_TAG_DATE_TIME, "2026:11:23 10:00:00"}})});
  auto info = ProbeImage(jpeg);
  ASSERT_OK(info);
  EXPECT_EQ(info->taken_at, "2026-11-23T10:00:00");
}

TEST(ImageProbeTest, AcceptsIsoStyleSeparatorsSomeAppsWrite) {
  const std::string jpeg = BuildJpeg(
      16, 16, {BuildExif({{EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2026-11-23T07:08:09"}})});
  auto info = ProbeImage(jpeg);
  ASSERT_OK(info);
  EXPECT_EQ(info->taken_at, "2026-11-23T07:08:09");
}

TEST(ImageProbeTest, JpegWithoutExifHasNoTakenAt) {
  auto info = ProbeImage(BuildJpeg(24, 12));
  ASSERT_OK(info);
  EXPECT_EQ(info->width, 24);
  EXPECT_EQ(info->height, 12);
  EXPECT_EQ(info->taken_at, std::nullopt);
}

TEST(ImageProbeTest, ExifWithoutDatesHasNoTakenAt) {
  auto info = ProbeImage(BuildJpeg(24, 12, {BuildExif({})}));
  ASSERT_OK(info);
  EXPECT_EQ(info->taken_at, std::nullopt);
}

TEST(ImageProbeTest, MalformedExifDatesGiveNoTakenAt) {
  for (const std::string bad : {"0000:00:00 00:00:00", "    :  :     :  :  ", "2026:02:29 10:00:00",
                                "2026:13:01 10:00:00", "2026:11:23 24:00:00", "2026:11:23 10:60:00",
                                "2026/11/23 10:00:00", "2026:11:23", "20261123 100000"}) {
    SCOPED_TRACE(bad);
    const std::string jpeg =
        BuildJpeg(8, 8, {BuildExif({{EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, bad}})});
    auto info = ProbeImage(jpeg);
    ASSERT_OK(info);
    EXPECT_EQ(info->taken_at, std::nullopt);
  }
}

TEST(ImageProbeTest, FindsExifAfterAnXmpSegment) {
  const std::string xmp = std::string("http://ns.adobe.com/xap/1.0/\0", 29) + "<x:xmpmeta/>";
  const std::string jpeg = BuildJpeg(
      8, 8,
      {xmp, BuildExif({{EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2024:02:29 06:07:08"}})});
  auto info = ProbeImage(jpeg);
  ASSERT_OK(info);
  EXPECT_EQ(info->taken_at, "2024-02-29T06:07:08");
}

TEST(ImageProbeTest, EveryJpegCutBeforeItsFirstScanIsRejected) {
  const std::string jpeg = BuildJpeg(16, 16);
  const std::size_t sos = FindMarker(jpeg, 0xDA);
  const std::size_t sos_length =
      static_cast<unsigned char>(jpeg[sos + 2]) * 256u + static_cast<unsigned char>(jpeg[sos + 3]);
  const std::size_t header_end = sos + 2 + sos_length;
  ASSERT_OK(ProbeImage(jpeg.substr(0, header_end)));  // the header alone is enough to probe
  // Two bytes (SOI alone) are not recognisable as a JPEG; from the third byte on they are.
  EXPECT_ERROR_CODE(ProbeImage(jpeg.substr(0, 2)), kUnsupportedMediaType);
  for (std::size_t length = 3; length < header_end; ++length) {
    SCOPED_TRACE(length);
    auto info = ProbeImage(jpeg.substr(0, length));
    ASSERT_ERROR_CODE(info, kInvalidArgument);
    EXPECT_THAT(info.error().message, StartsWith("图片已损坏："));
  }
}

TEST(ImageProbeTest, RejectsJpegWithCorruptHeader) {
  const std::string jpeg = BuildJpeg(16, 16);
  const std::size_t sof = FindMarker(jpeg, 0xC0);
  const std::size_t dqt = FindMarker(jpeg, 0xDB);
  std::vector<std::pair<std::string, std::string>> cases;
  std::string wrong_components = jpeg;
  wrong_components[sof + 9] = 4;  // four components in a segment sized for three
  cases.emplace_back("component count", wrong_components);
  std::string zero_width = jpeg;
  zero_width[sof + 7] = 0;
  zero_width[sof + 8] = 0;
  cases.emplace_back("zero width", zero_width);
  std::string bad_table = jpeg;
  bad_table[dqt + 4] = 7;  // quantisation table number 7; there are four
  cases.emplace_back("table index", bad_table);
  std::string short_frame = jpeg;
  short_frame[sof + 2] = 0;
  short_frame[sof + 3] = 2;  // a frame header with no room for its fields
  cases.emplace_back("frame length", short_frame);
  std::string no_frame = jpeg;
  no_frame[sof + 1] = '\xFE';  // SOF0 turned into a comment: a scan without a frame
  cases.emplace_back("scan without frame", no_frame);
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    auto info = ProbeImage(bytes);
    ASSERT_ERROR_CODE(info, kInvalidArgument);
    EXPECT_THAT(info.error().message, StartsWith("图片已损坏："));
  }
}

TEST(ImageProbeTest, RejectsJpegSideOverLimitNamingTheSize) {
  ASSERT_OK(ProbeImage(BuildJpeg(8192, 1)));
  auto info = ProbeImage(BuildJpeg(8193, 1));
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, HasSubstr("8193×1"));
  EXPECT_THAT(info.error().message, HasSubstr("8192"));
}

TEST(ImageProbeTest, RejectsJpegWithTooManyPixels) {
  // 8000×7000 = 56 million pixels; the frame header claims it, the data is that of 16×16.
  std::string jpeg = BuildJpeg(16, 16);
  const std::size_t sof = FindMarker(jpeg, 0xC0);
  jpeg.replace(sof + 5, 4, std::string{'\x1B', '\x58', '\x1F', '\x40'});  // height 7000, width 8000
  auto info = ProbeImage(jpeg);
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, HasSubstr("8000×7000"));
  EXPECT_THAT(info.error().message, HasSubstr("5000 万"));
}

TEST(ImageProbeTest, AppliesCustomPixelLimit) {
  const std::string jpeg = BuildJpeg(40, 30);
  EXPECT_OK(ProbeImage(jpeg, ImageLimits{.max_pixels = 1200}));
  auto info = ProbeImage(jpeg, ImageLimits{.max_pixels = 1199});
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, HasSubstr("40×30"));
}

// ---- ProbeImage: PNG ----------------------------------------------------------------------

TEST(ImageProbeTest, ReadsPngDimensions) {
  auto info = ProbeImage(BuildPng(33, 17));
  ASSERT_OK(info);
  EXPECT_EQ(info->format, ImageFormat::kPng);
  EXPECT_EQ(info->mime, "image/png");
  EXPECT_EQ(info->width, 33);
  EXPECT_EQ(info->height, 17);
  EXPECT_EQ(info->taken_at, std::nullopt);
}

TEST(ImageProbeTest, RejectsPngWithBrokenIhdrCrc) {
  std::string png = BuildPng(10, 10);
  png[29] = static_cast<char>(png[29] ^ 0x01);  // first CRC byte of IHDR (8 + 4 + 4 + 13)
  auto info = ProbeImage(png);
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, StartsWith("图片已损坏："));
  EXPECT_THAT(info.error().message, HasSubstr("CRC"));
}

TEST(ImageProbeTest, RejectsPngWithInvalidIhdrValues) {
  for (const auto& [name, png] : std::vector<std::pair<std::string, std::string>>{
           {"zero width", kPngSignature + Ihdr(0, 10) + PngChunk("IEND", "")},
           {"RGB with 4 bits", kPngSignature + Ihdr(10, 10, 4, 2) + PngChunk("IEND", "")},
           {"colour type 5", kPngSignature + Ihdr(10, 10, 8, 5) + PngChunk("IEND", "")},
           {"IDAT first", kPngSignature + PngChunk("IDAT", "x") + PngChunk("IEND", "")}}) {
    SCOPED_TRACE(name);
    auto info = ProbeImage(png);
    ASSERT_ERROR_CODE(info, kInvalidArgument);
    EXPECT_THAT(info.error().message, StartsWith("图片已损坏："));
  }
}

TEST(ImageProbeTest, RejectsPngWithoutIendOrImageData) {
  const std::string png = BuildPng(12, 12);
  const std::size_t iend = FindChunk(png, "IEND");
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"cut before IEND", png.substr(0, iend)},
           {"cut inside IEND", png.substr(0, iend + 6)},
           {"cut inside IDAT", png.substr(0, FindChunk(png, "IDAT") + 20)},
           {"no IDAT", kPngSignature + Ihdr(12, 12) + PngChunk("IEND", "")}}) {
    SCOPED_TRACE(name);
    auto info = ProbeImage(bytes);
    ASSERT_ERROR_CODE(info, kInvalidArgument);
    EXPECT_THAT(info.error().message, StartsWith("图片已损坏："));
  }
}

TEST(ImageProbeTest, RejectsPngWithTooManyPixelsBeforeDecoding) {
  EXPECT_OK(ProbeImage(CraftPng(7000, 7000)));  // 49 million: within 50 million
  auto info = ProbeImage(CraftPng(8000, 7000));
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, HasSubstr("8000×7000"));
  auto tall = ProbeImage(CraftPng(1, 8193));
  ASSERT_ERROR_CODE(tall, kInvalidArgument);
  EXPECT_THAT(tall.error().message, HasSubstr("1×8193"));
}

// ---- ProbeImage: what is not an image -----------------------------------------------------

TEST(ImageProbeTest, RejectsOtherContentAsUnsupportedMediaType) {
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"empty", ""},
           {"text", "检查记录：配电箱无警示标志\n"},
           {"GIF", std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13)},
           {"PDF", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"},
           {"BMP", std::string("BM\x3a\x00\x00\x00\x00\x00", 8)},
           {"WebP", std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16)},
           {"PNG signature off by one byte", "\x89PNG\r\n\x1a\r" + BuildPng(4, 4).substr(8)},
           {"JPEG after a leading byte", " " + BuildJpeg(4, 4)}}) {
    SCOPED_TRACE(name);
    auto info = ProbeImage(bytes);
    ASSERT_ERROR_CODE(info, kUnsupportedMediaType);
    EXPECT_EQ(info.error().message, "文件不是 JPEG 或 PNG 图片");
  }
}

TEST(ImageProbeTest, RejectsBufferOverTenMegabytesAsPayloadTooLarge) {
  // Bytes after EOI are ignored by the header probe, so padding keeps a valid JPEG in front.
  std::string jpeg = BuildJpeg(16, 16);
  jpeg.resize(10u << 20, '\0');
  EXPECT_OK(ProbeImage(jpeg));
  jpeg.push_back('\0');
  auto info = ProbeImage(jpeg);
  ASSERT_ERROR_CODE(info, kPayloadTooLarge);
  EXPECT_EQ(info.error().message, "图片超过 10 MB");
}

TEST(ImageProbeTest, SurvivesRandomlyDamagedHeaders) {
  // Seeded, so a failure replays. Damage lands in the markers, the EXIF block and the PNG chunks;
  // the sanitizer build turns any out-of-bounds read in us, libjpeg or libexif into a failure.
  const std::string jpeg =
      BuildJpeg(24, 16,
                {BuildExif({{EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2026:11:23 09:15:42"},
                            {EXIF_IFD_0, EXIF_TAG_DATE_TIME, "2026:11:24 10:00:00"}})});
  const std::string png = BuildPng(24, 16);
  std::mt19937 random(20261123);
  for (int round = 0; round < 4000; ++round) {
    std::string bytes = round % 2 == 0 ? jpeg : png;
    const std::size_t span = std::min<std::size_t>(bytes.size(), round % 2 == 0 ? 700 : 120);
    const int damaged = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < damaged; ++i) bytes[random() % span] = static_cast<char>(random());
    if (random() % 4 == 0) bytes.resize(random() % bytes.size());
    SCOPED_TRACE(round);
    for (const auto& info : {ProbeImage(bytes), ProbeSignaturePng(bytes)}) {
      if (info.ok()) {
        EXPECT_GT(info->width, 0);
        EXPECT_GT(info->height, 0);
        continue;
      }
      EXPECT_THAT(info.error().code,
                  ::testing::AnyOf(ErrorCode::kInvalidArgument, ErrorCode::kUnsupportedMediaType))
          << info.error().message;
    }
  }
}

// ---- Signatures ---------------------------------------------------------------------------

TEST(SignaturePngTest, AcceptsDecodablePng) {
  auto info = ProbeSignaturePng(BuildPng(300, 120));
  ASSERT_OK(info);
  EXPECT_EQ(info->format, ImageFormat::kPng);
  EXPECT_EQ(info->width, 300);
  EXPECT_EQ(info->height, 120);
}

TEST(SignaturePngTest, RejectsTruncatedPng) {
  const std::string png = BuildPng(300, 120);
  auto info = ProbeSignaturePng(png.substr(0, png.size() / 2));
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, StartsWith("签名图片已损坏："));
}

TEST(SignaturePngTest, RejectsPngWhoseImageDataDoesNotInflate) {
  // The chunk chain and every CRC are intact, so only decoding the rows can notice.
  const std::string png = BuildPng(64, 64);
  const std::size_t idat = FindChunk(png, "IDAT");
  const std::uint32_t length =
      (static_cast<std::uint32_t>(static_cast<unsigned char>(png[idat])) << 24) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(png[idat + 1])) << 16) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(png[idat + 2])) << 8) |
      static_cast<unsigned char>(png[idat + 3]);
  ASSERT_GT(length, 2u);
  // Keep the two-byte zlib header; 0xFF opens a deflate block of the reserved type 3.
  const std::string data = png.substr(idat + 8, 2) + std::string(length - 2, '\xFF');
  const std::string broken =
      png.substr(0, idat) + PngChunk("IDAT", data) + png.substr(idat + 12 + length);
  ASSERT_EQ(broken.size(), png.size());
  ASSERT_OK(ProbeImage(broken));  // the photo probe reads headers only
  auto info = ProbeSignaturePng(broken);
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, StartsWith("签名图片已损坏："));
}

TEST(SignaturePngTest, RejectsJpegAndEmptyInput) {
  for (const std::string& bytes : {BuildJpeg(32, 16), std::string()}) {
    auto info = ProbeSignaturePng(bytes);
    ASSERT_ERROR_CODE(info, kInvalidArgument);
    EXPECT_EQ(info.error().message, "签名不是 PNG 图片");
  }
}

TEST(SignaturePngTest, RejectsMoreThan4096PixelsASide) {
  ASSERT_OK(ProbeSignaturePng(BuildPng(4096, 2)));
  auto info = ProbeSignaturePng(BuildPng(4097, 2));
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_THAT(info.error().message, StartsWith("签名图片"));
  EXPECT_THAT(info.error().message, HasSubstr("4097×2"));
}

TEST(SignaturePngTest, RejectsMoreThanOneMegabyte) {
  std::string png = BuildPng(20, 20);
  png.resize(1u << 20, '\0');  // trailing bytes after IEND are tolerated by decoders
  EXPECT_OK(ProbeSignaturePng(png));
  png.push_back('\0');
  auto info = ProbeSignaturePng(png);
  ASSERT_ERROR_CODE(info, kInvalidArgument);
  EXPECT_EQ(info.error().message, "签名图片超过 1 MB");
}

// ---- Data URLs ----------------------------------------------------------------------------

// RFC 4648 encoder written for the test, so decoding is checked against an independent encoder.
std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[group & 63] : '=';
  }
  return out;
}

TEST(PngDataUrlTest, DecodesKnownBase64) {
  // RFC 4648 §10 test vectors.
  for (const auto& [encoded, decoded] :
       std::vector<std::pair<std::string, std::string>>{{"Zg==", "f"},
                                                        {"Zm8=", "fo"},
                                                        {"Zm9v", "foo"},
                                                        {"Zm9vYg==", "foob"},
                                                        {"Zm9vYmE=", "fooba"},
                                                        {"Zm9vYmFy", "foobar"}}) {
    SCOPED_TRACE(encoded);
    auto bytes = DecodePngDataUrl("data:image/png;base64," + encoded);
    ASSERT_OK(bytes);
    EXPECT_EQ(*bytes, decoded);
  }
}

TEST(PngDataUrlTest, DecodesCanvasSignatureThatThenProbes) {
  const std::string png = BuildPng(200, 80);
  auto bytes = DecodePngDataUrl("data:image/png;base64," + Base64(png));
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, png);
  auto info = ProbeSignaturePng(*bytes);
  ASSERT_OK(info);
  EXPECT_EQ(info->width, 200);
}

TEST(PngDataUrlTest, MatchesPrefixCaseInsensitively) {
  auto bytes = DecodePngDataUrl("DATA:image/PNG;Base64,Zm9v");
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, "foo");
}

TEST(PngDataUrlTest, RejectsWrongPrefix) {
  for (const std::string url :
       {"data:image/jpeg;base64,Zm9v", "image/png;base64,Zm9v", "data:image/png,Zm9v",
        "data:image/png;charset=utf-8;base64,Zm9v", "Zm9v", " data:image/png;base64,Zm9v"}) {
    SCOPED_TRACE(url);
    auto bytes = DecodePngDataUrl(url);
    ASSERT_ERROR_CODE(bytes, kInvalidArgument);
    EXPECT_EQ(bytes.error().message, "签名不是 PNG 图片（data:image/png;base64,…）");
  }
}

TEST(PngDataUrlTest, RejectsBadBase64) {
  for (const std::string payload : {"Zm9", "Zm9vY", "Zm 9v", "Zm9v\n", "Z===", "Zg=a", "Zg==Zm9v",
                                    "Zm9-", "Zm9_", "@@@@", "===="}) {
    SCOPED_TRACE(payload);
    auto bytes = DecodePngDataUrl("data:image/png;base64," + payload);
    ASSERT_ERROR_CODE(bytes, kInvalidArgument);
    EXPECT_EQ(bytes.error().message, "签名的 base64 编码有误");
  }
}

TEST(PngDataUrlTest, RejectsEmptySignature) {
  for (const std::string url : {"", "data:image/png;base64,"}) {
    auto bytes = DecodePngDataUrl(url);
    ASSERT_ERROR_CODE(bytes, kInvalidArgument);
    EXPECT_EQ(bytes.error().message, "签名为空");
  }
}

TEST(PngDataUrlTest, RejectsPayloadOverOneMegabyte) {
  // 1 MB = 349,525 quads of 3 bytes + 1 byte, the last quad padded "xx==".
  const std::string quads(349'525 * 4, 'A');
  auto at_limit = DecodePngDataUrl("data:image/png;base64," + quads + "AA==");
  ASSERT_OK(at_limit);
  EXPECT_EQ(at_limit->size(), 1u << 20);
  for (const std::string tail : {"AAA=", "AAAA", "AAAAAAAA"}) {
    SCOPED_TRACE(tail);
    auto over = DecodePngDataUrl("data:image/png;base64," + quads + tail);
    ASSERT_ERROR_CODE(over, kInvalidArgument);
    EXPECT_EQ(over.error().message, "签名图片超过 1 MB");
  }
}

}  // namespace
}  // namespace anjian::io
