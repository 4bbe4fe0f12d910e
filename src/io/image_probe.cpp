#include "io/image_probe.hpp"

#include "io/cairo_streams.hpp"

// clang-format off
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <jpeglib.h>
// clang-format on
#include <cairo.h>
#include <jerror.h>
#include <libexif/exif-data.h>
#include <openssl/evp.h>

#include <array>
#include <csetjmp>
#include <cstring>
#include <memory>

#include "common/civil_date.hpp"

namespace anjian::io {

namespace {

constexpr std::size_t kMaxSignatureBytes = 1u << 20;
constexpr int kMaxSignatureSide = 4096;
constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

bool LooksLikeJpeg(std::string_view bytes) {
  // SOI followed by the start of the next marker; every JPEG variant we take begins so.
  return bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3);
}

bool LooksLikePng(std::string_view bytes) { return bytes.substr(0, 8) == kPngSignature; }

// "10 MB", "512 KB" or "100 字节", so the message states the limit actually applied.
std::string FormatByteLimit(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) {
    return std::to_string(bytes >> 20) + " MB";
  }
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KB";
  return std::to_string(bytes) + " 字节";
}

std::string FormatPixelCount(std::int64_t pixels) {
  if (pixels >= 10'000 && pixels % 10'000 == 0) return std::to_string(pixels / 10'000) + " 万";
  return std::to_string(pixels);
}

// `subject` is "图片" or "签名图片": the same checks serve photos and signatures.
Error Corrupt(std::string_view subject, std::string_view detail) {
  return Error::InvalidArgument(std::string(subject) + "已损坏：" + std::string(detail));
}

Status CheckDimensions(std::string_view subject, std::int64_t width, std::int64_t height,
                       const ImageLimits& limits) {
  const std::string size = std::to_string(width) + "×" + std::to_string(height);
  if (width > limits.max_side || height > limits.max_side) {
    return Error::InvalidArgument(std::string(subject) + "尺寸过大（" + size + " 像素，每边最多 " +
                                  std::to_string(limits.max_side) + " 像素）");
  }
  if (width * height > limits.max_pixels) {
    return Error::InvalidArgument(std::string(subject) + "像素过多（" + size + "，最多 " +
                                  FormatPixelCount(limits.max_pixels) + " 像素）");
  }
  return Ok();
}

// ---- PNG structure -------------------------------------------------------------------------

constexpr std::array<std::uint32_t, 256> MakeCrcTable() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

std::uint32_t Crc32(std::string_view bytes) {
  static constexpr std::array<std::uint32_t, 256> kTable = MakeCrcTable();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) crc = kTable[(crc ^ byte) & 0xFFu] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::uint32_t ReadBigEndian32(std::string_view bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
  }
  return value;
}

bool ValidPngDepth(int color_type, int bit_depth) {
  switch (color_type) {
    case 0:  // grey
      return bit_depth == 1 || bit_depth == 2 || bit_depth == 4 || bit_depth == 8 ||
             bit_depth == 16;
    case 3:  // palette
      return bit_depth == 1 || bit_depth == 2 || bit_depth == 4 || bit_depth == 8;
    case 2:  // RGB
    case 4:  // grey + alpha
    case 6:  // RGBA
      return bit_depth == 8 || bit_depth == 16;
    default:
      return false;
  }
}

// Reads IHDR and walks the chunk chain to IEND without inflating anything: enough to know the
// size and that the upload was not cut off, at the cost of one pass over the chunk headers.
Result<ImageInfo> ProbePng(std::string_view bytes, const ImageLimits& limits,
                           std::string_view subject) {
  constexpr std::size_t kIhdrEnd = 8 + 4 + 4 + 13 + 4;
  if (bytes.size() < kIhdrEnd || bytes.substr(12, 4) != "IHDR" || ReadBigEndian32(bytes, 8) != 13) {
    return Corrupt(subject, "PNG 缺少文件头（IHDR）");
  }
  if (Crc32(bytes.substr(12, 4 + 13)) != ReadBigEndian32(bytes, 29)) {
    return Corrupt(subject, "PNG 文件头校验和（CRC）不符");
  }
  const std::uint32_t width = ReadBigEndian32(bytes, 16);
  const std::uint32_t height = ReadBigEndian32(bytes, 20);
  const int bit_depth = static_cast<unsigned char>(bytes[24]);
  const int color_type = static_cast<unsigned char>(bytes[25]);
  const int compression = static_cast<unsigned char>(bytes[26]);
  const int filter = static_cast<unsigned char>(bytes[27]);
  const int interlace = static_cast<unsigned char>(bytes[28]);
  if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu ||
      !ValidPngDepth(color_type, bit_depth) || compression != 0 || filter != 0 || interlace > 1) {
    return Corrupt(subject, "PNG 文件头的取值无效");
  }

  bool seen_image_data = false;
  bool seen_end = false;
  std::size_t offset = kIhdrEnd;
  while (!seen_end && bytes.size() - offset >= 12) {
    const std::uint32_t length = ReadBigEndian32(bytes, offset);
    const std::string_view type = bytes.substr(offset + 4, 4);
    if (length > 0x7FFFFFFFu || bytes.size() - offset - 12 < length) {
      return Corrupt(subject, "PNG 数据块被截断");
    }
    if (type == "IDAT") seen_image_data = true;
    if (type == "IEND") seen_end = true;
    offset += 12 + std::size_t{length};
  }
  if (!seen_end) return Corrupt(subject, "PNG 不完整（缺少结束块 IEND）");
  if (!seen_image_data) return Corrupt(subject, "PNG 没有图像数据（IDAT）");

  ANJIAN_TRY(CheckDimensions(subject, width, height, limits));
  return ImageInfo{.format = ImageFormat::kPng,
                   .mime = "image/png",
                   .width = static_cast<int>(width),
                   .height = static_cast<int>(height),
                   .taken_at = std::nullopt};
}

// ---- JPEG header and EXIF ------------------------------------------------------------------

// libjpeg's default error_exit calls exit(); ours jumps back to ReadJpegHeader with the message.
struct JpegErrorManager {
  jpeg_error_mgr base;  // first member: libjpeg hands us a jpeg_error_mgr*
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool ran_out_of_data;
};

[[noreturn]] void JpegErrorExit(j_common_ptr info) {
  auto* manager = reinterpret_cast<JpegErrorManager*>(info->err);
  (*info->err->format_message)(info, manager->message);
  std::longjmp(manager->jump, 1);
}

// Warnings must not reach stderr. Stray bytes between markers are tolerated as libjpeg does, but
// running out of data before the first scan is not: the memory source then feeds a fake EOI, and
// libjpeg would otherwise accept a header whose last bytes are missing.
void JpegEmitMessage(j_common_ptr info, int message_level) {
  if (message_level < 0 && info->err->msg_code == JWRN_JPEG_EOF) {
    reinterpret_cast<JpegErrorManager*>(info->err)->ran_out_of_data = true;
  }
}

// The only function that calls setjmp: it holds no objects with destructors, so the longjmp out
// of libjpeg skips nothing that C++ would have cleaned up. Returns false after a libjpeg error,
// with the text in errors->message.
bool ReadJpegHeader(jpeg_decompress_struct* info, JpegErrorManager* errors,
                    const unsigned char* data, unsigned long size) {
  if (setjmp(errors->jump) != 0) return false;
  jpeg_create_decompress(info);
  jpeg_mem_src(info, data, size);
  // Keep APP1 segments (EXIF, XMP) so the capture time can be read without a second parse.
  jpeg_save_markers(info, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(info, TRUE);
  return true;
}

// Parses "YYYY:MM:DD HH:MM:SS" (EXIF 2.3 §4.6.5); '-' in the date and 'T' between the parts
// are taken too since some phone apps write them.
std::optional<std::string> ParseExifDateTime(std::string_view text) {
  if (text.size() < 19) return std::nullopt;
  text = text.substr(0, 19);
  auto number = [&](std::size_t at, std::size_t width) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const bool date_separators_ok =
      (text[4] == ':' && text[7] == ':') || (text[4] == '-' && text[7] == '-');
  if (!date_separators_ok || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  // Cameras with an unset clock write "0000:00:00 00:00:00"; FromYmd rejects it with the rest.
  Result<CivilDate> date = CivilDate::FromYmd(year, month, day);
  if (!date.ok()) return std::nullopt;
  return date->ToString() + "T" + std::string(text.substr(11, 8));
}

std::optional<std::string> ExifDateTime(ExifData* exif, ExifIfd ifd, ExifTag tag) {
  ExifEntry* entry = exif_content_get_entry(exif->ifd[ifd], tag);
  if (entry == nullptr || entry->format != EXIF_FORMAT_ASCII || entry->data == nullptr) {
    return std::nullopt;
  }
  return ParseExifDateTime(
      std::string_view(reinterpret_cast<const char*>(entry->data), entry->size));
}

// `segment` is the body of an APP1 marker beginning "Exif\0\0".
std::optional<std::string> TakenAtFromExif(std::string_view segment) {
  std::unique_ptr<ExifData, decltype(&exif_data_unref)> exif(exif_data_new(), &exif_data_unref);
  if (!exif) return std::nullopt;
  // We only read: "following the specification" would have libexif repair the block after loading,
  // adding default values for missing mandatory tags that the camera never wrote.
  exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(exif.get(), reinterpret_cast<const unsigned char*>(segment.data()),
                      static_cast<unsigned int>(segment.size()));
  if (auto original = ExifDateTime(exif.get(), EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL)) {
    return original;
  }
  return ExifDateTime(exif.get(), EXIF_IFD_0, EXIF_TAG_DATE_TIME);
}

Result<ImageInfo> ProbeJpeg(std::string_view bytes, const ImageLimits& limits) {
  jpeg_decompress_struct info;
  std::memset(&info, 0, sizeof(info));
  JpegErrorManager errors;
  std::memset(&errors, 0, sizeof(errors));
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = JpegErrorExit;
  errors.base.emit_message = JpegEmitMessage;
  // Declared after `info` so it runs first on every return path, including after an error.
  std::unique_ptr<jpeg_decompress_struct, void (*)(j_decompress_ptr)> destroy(
      &info, &jpeg_destroy_decompress);

  if (!ReadJpegHeader(&info, &errors, reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<unsigned long>(bytes.size()))) {
    return Corrupt("图片", errors.message);
  }
  if (errors.ran_out_of_data) return Corrupt("图片", "文件不完整");
  ANJIAN_TRY(CheckDimensions("图片", info.image_width, info.image_height, limits));

  ImageInfo image{.format = ImageFormat::kJpeg,
                  .mime = "image/jpeg",
                  .width = static_cast<int>(info.image_width),
                  .height = static_cast<int>(info.image_height),
                  .taken_at = std::nullopt};
  constexpr std::string_view kExifHeader("Exif\0\0", 6);
  for (jpeg_saved_marker_ptr marker = info.marker_list; marker != nullptr; marker = marker->next) {
    const std::string_view segment(reinterpret_cast<const char*>(marker->data),
                                   marker->data_length);
    if (marker->marker == JPEG_APP0 + 1 && segment.substr(0, 6) == kExifHeader) {
      image.taken_at = TakenAtFromExif(segment);
      break;
    }
  }
  return image;
}

// ---- Signatures ----------------------------------------------------------------------------

bool IsBase64Digit(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

Result<ImageInfo> ProbeImage(std::string_view bytes, const ImageLimits& limits) {
  // Size first: the request body was already read, but nothing larger is worth parsing.
  if (bytes.size() > limits.max_bytes) {
    return Error{ErrorCode::kPayloadTooLarge, "图片超过 " + FormatByteLimit(limits.max_bytes)};
  }
  if (LooksLikeJpeg(bytes)) return ProbeJpeg(bytes, limits);
  if (LooksLikePng(bytes)) return ProbePng(bytes, limits, "图片");
  return Error{ErrorCode::kUnsupportedMediaType, "文件不是 JPEG 或 PNG 图片"};
}

Result<ImageInfo> ProbeSignaturePng(std::string_view bytes) {
  if (bytes.size() > kMaxSignatureBytes) {
    return Error::InvalidArgument("签名图片超过 " + FormatByteLimit(kMaxSignatureBytes));
  }
  if (!LooksLikePng(bytes)) return Error::InvalidArgument("签名不是 PNG 图片");
  // The structural probe bounds the size before cairo allocates the whole surface.
  const ImageLimits limits{.max_bytes = kMaxSignatureBytes,
                           .max_side = kMaxSignatureSide,
                           .max_pixels = std::int64_t{kMaxSignatureSide} * kMaxSignatureSide};
  ANJIAN_ASSIGN_OR_RETURN(ImageInfo info, ProbePng(bytes, limits, "签名图片"));

  // Decoding every row is the only way to know the compressed data is intact; cairo turns
  // libpng's errors and warnings (bad CRC, truncated zlib stream) into an error status.
  CairoReadCursor cursor{bytes};
  std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface(
      cairo_image_surface_create_from_png_stream(&ReadCairoBytes, &cursor), &cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Corrupt("签名图片", "无法完整解码");
  }
  if (cairo_image_surface_get_width(surface.get()) != info.width ||
      cairo_image_surface_get_height(surface.get()) != info.height) {
    return Corrupt("签名图片", "解码后的尺寸与文件头不符");
  }
  return info;
}

Result<std::string> DecodePngDataUrl(std::string_view data_url) {
  constexpr std::string_view kPrefix = "data:image/png;base64,";
  if (data_url.empty()) return Error::InvalidArgument("签名为空");
  if (data_url.size() < kPrefix.size() ||
      !EqualsIgnoringAsciiCase(data_url.substr(0, kPrefix.size()), kPrefix)) {
    return Error::InvalidArgument("签名不是 PNG 图片（data:image/png;base64,…）");
  }
  const std::string_view encoded = data_url.substr(kPrefix.size());
  if (encoded.empty()) return Error::InvalidArgument("签名为空");
  // Size is checked before the digits are scanned or anything is allocated.
  const Error too_large =
      Error::InvalidArgument("签名图片超过 " + FormatByteLimit(kMaxSignatureBytes));
  if (encoded.size() > (kMaxSignatureBytes + 2) / 3 * 4) return too_large;

  // EVP_DecodeBlock skips surrounding whitespace and ignores what padding means, so the text is
  // checked here: whole quads of the standard alphabet, '=' only as the last one or two digits.
  const Error bad_encoding = Error::InvalidArgument("签名的 base64 编码有误");
  if (encoded.size() % 4 != 0) return bad_encoding;
  std::size_t padding = 0;
  if (encoded.back() == '=') padding = encoded[encoded.size() - 2] == '=' ? 2 : 1;
  if (encoded.size() / 4 * 3 - padding > kMaxSignatureBytes) return too_large;
  for (std::size_t i = 0; i < encoded.size() - padding; ++i) {
    if (!IsBase64Digit(encoded[i])) return bad_encoding;
  }

  std::string decoded(encoded.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                     reinterpret_cast<const unsigned char*>(encoded.data()),
                                     static_cast<int>(encoded.size()));
  if (length < 0 || static_cast<std::size_t>(length) != decoded.size()) return bad_encoding;
  decoded.resize(decoded.size() - padding);
  return decoded;
}

}  // namespace anjian::io
