// Photo uploads and signatures (io/image_probe.hpp): io::ProbeImage on any bytes (JPEG markers and
// EXIF through libjpeg/libexif, the PNG chunk walk), io::ProbeSignaturePng (full decode through
// cairo) and io::DecodePngDataUrl on the same bytes read as a data URL. Accepted images must keep
// the documented limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "io/image_probe.hpp"

namespace {

void CheckInfo(const anjian::io::ImageInfo& info, const anjian::io::ImageLimits& limits) {
  FUZZ_CHECK(info.width > 0 && info.height > 0);
  FUZZ_CHECK(info.width <= limits.max_side && info.height <= limits.max_side);
  FUZZ_CHECK(static_cast<std::int64_t>(info.width) * info.height <= limits.max_pixels);
  FUZZ_CHECK(info.mime ==
             (info.format == anjian::io::ImageFormat::kJpeg ? "image/jpeg" : "image/png"));
  // "YYYY-MM-DDTHH:MM:SS"
  FUZZ_CHECK(!info.taken_at || (info.taken_at->size() == 19 && (*info.taken_at)[10] == 'T'));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const anjian::io::ImageLimits limits;
  auto photo = anjian::io::ProbeImage(bytes, limits);
  if (photo.ok()) CheckInfo(*photo, limits);

  auto signature = anjian::io::ProbeSignaturePng(bytes);
  if (signature.ok()) {
    FUZZ_CHECK(signature->format == anjian::io::ImageFormat::kPng);
    FUZZ_CHECK(signature->width <= 4096 && signature->height <= 4096);
  }

  auto decoded = anjian::io::DecodePngDataUrl(bytes);
  if (decoded.ok()) {
    FUZZ_CHECK(decoded->size() <= (1u << 20));
    (void)anjian::io::ProbeSignaturePng(*decoded);
  }
  return 0;
}
