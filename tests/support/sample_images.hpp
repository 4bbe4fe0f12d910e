// Generated images for the document tests and benchmarks: JPEG photos (libjpeg, optionally with an
// EXIF orientation) and PNG signatures (cairo). Deterministic for a given seed. Self-contained (no
// Anjian libraries) so the benchmarks can use it without the test build.
#pragma once

#include <cstdint>
#include <string>

namespace anjian::test_support {

struct Rgb {
  std::uint8_t red = 0;
  std::uint8_t green = 0;
  std::uint8_t blue = 0;
};

// A width × height baseline YCbCr JPEG of a colour gradient with seeded noise, so it compresses
// like a photograph: about 200 KB at 1600 × 1200 and quality 85. `exif_orientation` 1–8 adds an
// EXIF APP1 block with that Orientation tag; 0 adds none.
std::string MakePhotoJpeg(int width, int height, int quality, std::uint32_t seed,
                          int exif_orientation = 0);

// A JPEG whose left half (as stored) is `left` and right half `right`, for orientation tests.
std::string MakeTwoColourJpeg(int width, int height, Rgb left, Rgb right, int exif_orientation);

// A handwritten-looking stroke on a transparent background, as a PNG (like the signature pad).
std::string MakeSignaturePng(int width = 300, int height = 100, std::uint32_t seed = 1);

}  // namespace anjian::test_support
