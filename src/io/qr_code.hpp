// QR codes for the verification links printed on official documents (docs/inspections.md,
// "Documents"): libqrencode builds the symbol, cairo writes it as a black-on-white PNG.
//
//   Result<std::string> png = QrCodePng("https://anjian.example/verify/7?h=3f2a…");
//
// Thread-safety: safe to call concurrently (libqrencode is built thread-safe on Debian; each call
// has its own cairo surface).
#pragma once

#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::io {

// PNG bytes of a QR code for `text` (error correction level M, the smallest version that holds
// it, byte/alphanumeric/numeric segments as libqrencode optimises them), each module
// module_px × module_px pixels, with the 4-module quiet zone the standard requires around it.
// Errors (kInvalidArgument): empty text, text with U+0000, text longer than a version-40 M symbol
// holds (2,331 bytes of arbitrary text, more if it is digits or upper case), module_px outside
// 1–32.
Result<std::string> QrCodePng(std::string_view text, int module_px = 4);
// The same code as a self-contained SVG (one path of dark modules, white background, quiet zone).
Result<std::string> QrCodeSvg(std::string_view text);

}  // namespace anjian::io
