#include "io/pdf_images.hpp"

#include "io/cairo_streams.hpp"

// clang-format off
#include <cstdio>  // before jpeglib.h, which uses FILE and size_t without including them
#include <jpeglib.h>
// clang-format on
#include <sys/mman.h>

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace anjian::io {
namespace {

constexpr std::uint32_t kMaxImageSide = 8192;
constexpr std::uint64_t kMaxImagePixels = 16u << 20;

using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;

std::string SizeProblem(std::uint64_t width, std::uint64_t height) {
  if (width <= kMaxImageSide && height <= kMaxImageSide && width * height <= kMaxImagePixels) {
    return {};
  }
  return "图片尺寸过大（" + std::to_string(width) + "×" + std::to_string(height) +
         " 像素，每边最多 8192 像素、总计最多 1600 万像素）";
}

std::uint32_t ReadBigEndian32(std::string_view bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
  }
  return value;
}

SurfacePtr DecodePng(std::string_view png) {
  CairoReadCursor reader{png};
  return SurfacePtr(cairo_image_surface_create_from_png_stream(ReadCairoBytes, &reader));
}

bool LooksLikePng(std::string_view bytes) {
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  return bytes.substr(0, 8) == kSignature;
}

bool LooksLikeJpeg(std::string_view bytes) { return bytes.substr(0, 3) == "\xFF\xD8\xFF"; }

// The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload, or 1 (as stored) when absent or
// malformed: a broken EXIF block must not stop a photo from printing.
int ExifOrientation(const unsigned char* data, std::size_t size) noexcept {
  if (size < 6 + 8 || std::memcmp(data, "Exif\0\0", 6) != 0) return 1;
  const unsigned char* tiff = data + 6;
  const std::size_t length = size - 6;
  const bool little_endian = tiff[0] == 'I' && tiff[1] == 'I';
  if (!little_endian && !(tiff[0] == 'M' && tiff[1] == 'M')) return 1;
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    return little_endian ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
  };
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    return little_endian ? u16(at) | (u16(at + 2) << 16) : (u16(at) << 16) | u16(at + 2);
  };
  if (u16(2) != 42) return 1;
  const std::uint32_t ifd = u32(4);
  if (ifd > length || length - ifd < 2) return 1;
  const std::uint32_t entries = u16(ifd);
  constexpr std::uint32_t kOrientationTag = 0x0112;
  constexpr std::uint32_t kShortType = 3;
  for (std::uint32_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + std::size_t{12} * i;
    if (entry + 12 > length) return 1;
    if (u16(entry) != kOrientationTag) continue;
    if (u16(entry + 2) != kShortType) return 1;
    const std::uint32_t value = u16(entry + 8);  // a SHORT sits in the first half of the field
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

struct JpegErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

// libjpeg's error_exit must not return; unwinding a C++ exception through libjpeg's C frames is
// not safe, so this is the documented setjmp/longjmp protocol.
[[noreturn]] void OnJpegError(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrorManager*>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// Corrupt-data warnings are not fatal for a header read; the viewer decodes the image.
void IgnoreJpegMessage(j_common_ptr, int) {}

struct JpegHeader {
  int width = 0;
  int height = 0;
  int components = 0;
  J_COLOR_SPACE color_space = JCS_UNKNOWN;
  bool arithmetic = false;
  int orientation = 1;
  char error[JMSG_LENGTH_MAX] = {};
};

// Reads the header into `header`; false with header->error set if libjpeg fails. Only trivially
// destructible objects live in this frame, since libjpeg errors arrive by longjmp.
bool ReadJpegHeader(const unsigned char* data, std::size_t size, JpegHeader* header) {
  jpeg_decompress_struct info;
  JpegErrorManager errors;
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = OnJpegError;
  errors.base.emit_message = IgnoreJpegMessage;
  if (setjmp(errors.jump) != 0) {
    std::memcpy(header->error, errors.message, sizeof header->error);
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, data, static_cast<unsigned long>(size));
  jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(&info, TRUE);
  header->width = static_cast<int>(info.image_width);
  header->height = static_cast<int>(info.image_height);
  header->components = info.num_components;
  header->color_space = info.jpeg_color_space;
  header->arithmetic = info.arith_code != 0;
  for (jpeg_saved_marker_ptr marker = info.marker_list; marker != nullptr; marker = marker->next) {
    if (marker->marker != JPEG_APP0 + 1) continue;
    header->orientation = ExifOrientation(marker->data, marker->data_length);
    break;
  }
  jpeg_destroy_decompress(&info);
  return true;
}

// EXIF orientation as a cairo matrix from stored pixels (u, v) to shown pixels, for an image
// stored width × height: x' = xx·u + xy·v + x0, y' = yx·u + yy·v + y0.
cairo_matrix_t OrientationMatrix(int orientation, double width, double height) {
  cairo_matrix_t m;
  switch (orientation) {
    case 2:  // mirrored
      cairo_matrix_init(&m, -1, 0, 0, 1, width, 0);
      break;
    case 3:  // upside down
      cairo_matrix_init(&m, -1, 0, 0, -1, width, height);
      break;
    case 4:  // mirrored vertically
      cairo_matrix_init(&m, 1, 0, 0, -1, 0, height);
      break;
    case 5:  // transposed
      cairo_matrix_init(&m, 0, 1, 1, 0, 0, 0);
      break;
    case 6:  // turned 90° clockwise
      cairo_matrix_init(&m, 0, 1, -1, 0, height, 0);
      break;
    case 7:  // transversed
      cairo_matrix_init(&m, 0, -1, -1, 0, height, width);
      break;
    case 8:  // turned 90° anticlockwise
      cairo_matrix_init(&m, 0, -1, 1, 0, 0, width);
      break;
    default:
      cairo_matrix_init_identity(&m);
      break;
  }
  return m;
}

struct PixelMapping {
  void* address;
  std::size_t size;
};

void Unmap(void* closure) {
  auto* mapping = static_cast<PixelMapping*>(closure);
  munmap(mapping->address, mapping->size);
  delete mapping;
}

// A surface the size of the JPEG carrying its bytes as CAIRO_MIME_TYPE_JPEG. The PDF backend
// writes that stream (DCTDecode) and takes the image size from it; it never reads these pixels.
// They are anonymous mapped memory, which the kernel backs only when touched, so a large photo
// costs address space but neither RAM nor the time to clear a buffer.
Result<SurfacePtr> JpegSource(const PdfImageData& image) {
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, image.pixel_width);
  const std::size_t size = static_cast<std::size_t>(stride) * image.pixel_height;
  void* pixels = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pixels == MAP_FAILED) return Error::ResourceExhausted("嵌入照片时内存不足");
  SurfacePtr surface(cairo_image_surface_create_for_data(static_cast<unsigned char*>(pixels),
                                                         CAIRO_FORMAT_RGB24, image.pixel_width,
                                                         image.pixel_height, stride));
  static cairo_user_data_key_t mapping_key;
  auto* mapping = new PixelMapping{pixels, size};
  if (cairo_surface_set_user_data(surface.get(), &mapping_key, mapping, Unmap) !=
      CAIRO_STATUS_SUCCESS) {
    Unmap(mapping);  // only on allocation failure, when the surface is an inert error object
    return Error::ResourceExhausted("嵌入照片时内存不足");
  }
  const cairo_status_t status =
      cairo_surface_set_mime_data(surface.get(), CAIRO_MIME_TYPE_JPEG,
                                  reinterpret_cast<const unsigned char*>(image.bytes.data()),
                                  image.bytes.size(), nullptr, nullptr);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error::Internal(std::string("无法嵌入 JPEG：") + cairo_status_to_string(status));
  }
  return surface;
}

}  // namespace

Result<PdfImageData> ReadPngImage(std::string bytes) {
  // The IHDR chunk (length, type, width, height) is checked before decoding so that a header
  // claiming a huge image cannot make the decoder allocate gigabytes.
  if (bytes.size() < 24 || !LooksLikePng(bytes) ||
      std::string_view(bytes).substr(12, 4) != "IHDR") {
    return Error::InvalidArgument("图片不是有效的 PNG");
  }
  const std::string too_large = SizeProblem(ReadBigEndian32(bytes, 16), ReadBigEndian32(bytes, 20));
  if (!too_large.empty()) return Error::InvalidArgument(too_large);
  SurfacePtr pixels = DecodePng(bytes);
  if (cairo_surface_status(pixels.get()) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width(pixels.get()) <= 0 ||
      cairo_image_surface_get_height(pixels.get()) <= 0) {
    return Error::InvalidArgument("图片不是有效的 PNG");
  }
  PdfImageData image;
  image.format = PdfImageFormat::kPng;
  image.pixel_width = cairo_image_surface_get_width(pixels.get());
  image.pixel_height = cairo_image_surface_get_height(pixels.get());
  image.bytes = std::move(bytes);
  return image;
}

Result<PdfImageData> ReadJpegImage(std::string bytes) {
  if (!LooksLikeJpeg(bytes)) return Error::InvalidArgument("图片不是有效的 JPEG");
  JpegHeader header;
  if (!ReadJpegHeader(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      &header)) {
    return Error::InvalidArgument(std::string("图片不是有效的 JPEG（") + header.error + "）");
  }
  if (header.width <= 0 || header.height <= 0) {
    return Error::InvalidArgument("图片不是有效的 JPEG（宽或高为 0）");
  }
  const std::string too_large = SizeProblem(header.width, header.height);
  if (!too_large.empty()) return Error::InvalidArgument(too_large);
  // PDF readers show 1- and 3-component DCT images as they are; CMYK JPEGs (often Adobe-inverted)
  // and arithmetic coding (not in PDF's DCTDecode) would need re-encoding, which we do not do.
  if (header.components != 1 && header.components != 3) {
    return Error::InvalidArgument("不支持 CMYK 或 " + std::to_string(header.components) +
                                  " 通道的 JPEG，请转换为 RGB 后上传");
  }
  if (header.arithmetic) return Error::InvalidArgument("不支持算术编码的 JPEG");
  PdfImageData image;
  image.format = PdfImageFormat::kJpeg;
  image.pixel_width = header.width;
  image.pixel_height = header.height;
  image.orientation = header.orientation;
  image.bytes = std::move(bytes);
  return image;
}

Result<PdfImageData> ReadPhotoImage(std::string bytes) {
  if (LooksLikeJpeg(bytes)) return ReadJpegImage(std::move(bytes));
  if (LooksLikePng(bytes)) return ReadPngImage(std::move(bytes));
  return Error::InvalidArgument("图片不是有效的 JPEG 或 PNG");
}

Result<cairo_surface_t*> PdfImagePainter::SourceFor(const PdfImageData& image) {
  auto found = sources_.find(&image);
  if (found != sources_.end()) return found->second.get();
  SurfacePtr source;
  if (image.format == PdfImageFormat::kPng) {
    source = DecodePng(image.bytes);
    if (cairo_surface_status(source.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::InvalidArgument("图片不是有效的 PNG");
    }
  } else {
    ANJIAN_ASSIGN_OR_RETURN(source, JpegSource(image));
  }
  cairo_surface_t* raw = source.get();
  sources_.emplace(&image, std::move(source));
  return raw;
}

Status PdfImagePainter::Paint(cairo_t* cr, const PdfImageData& image, double x, double y,
                              double width, double height, ImageSmoothing smoothing) {
  ANJIAN_ASSIGN_OR_RETURN(cairo_surface_t * source, SourceFor(image));
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, width / image.DisplayWidth(), height / image.DisplayHeight());
  const cairo_matrix_t orientation =
      OrientationMatrix(image.orientation, image.pixel_width, image.pixel_height);
  cairo_transform(cr, &orientation);
  cairo_set_source_surface(cr, source, 0, 0);
  // Without /Interpolate, viewers enlarge pixels as sharp squares: QR codes stay scannable and
  // line art (signatures, seals) is not blurred.
  cairo_pattern_set_filter(cairo_get_source(cr), smoothing == ImageSmoothing::kNone
                                                     ? CAIRO_FILTER_NEAREST
                                                     : CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
  return Ok();
}

}  // namespace anjian::io
