// Image checks for uploads (inspection photos) and hand-written signatures (docs/inspections.md,
// "Uploads" and "On-site records"). The type is decided by the bytes alone, never by a file name
// or a claimed MIME type. All functions are pure and thread-safe.
//
//   Result<ImageInfo> photo = ProbeImage(body);           // 415 / 413 / 400 on failure
//   Result<std::string> png = DecodePngDataUrl(field);    // "data:image/png;base64,…"
//   if (png.ok()) Result<ImageInfo> signature = ProbeSignaturePng(*png);
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::io {

enum class ImageFormat { kJpeg, kPng };

struct ImageInfo {
  ImageFormat format = ImageFormat::kJpeg;
  std::string mime;  // "image/jpeg" or "image/png"
  int width = 0;
  int height = 0;
  // EXIF DateTimeOriginal, else DateTime, as "YYYY-MM-DDTHH:MM:SS" (camera local time, no zone).
  // nullopt when the photo has neither or both are malformed (e.g. "0000:00:00 00:00:00").
  std::optional<std::string> taken_at;
};

struct ImageLimits {
  std::size_t max_bytes = 10u << 20;
  int max_side = 8192;
  std::int64_t max_pixels = 50'000'000;
};

// Identifies a JPEG or PNG by its magic bytes and reads its header; the image data itself is not
// decoded, so a JPEG cut off inside its compressed scan is still accepted.
//   JPEG: libjpeg reads the markers up to the first scan (dimensions, EXIF APP1).
//   PNG: signature, IHDR (length, CRC, valid field values), then the chunk chain is walked and must
//   reach IEND with at least one IDAT before it.
// Errors, in this order: more than max_bytes → kPayloadTooLarge "图片超过 10 MB" (the figure
// follows the limit); empty or neither JPEG nor PNG → kUnsupportedMediaType
// "文件不是 JPEG 或 PNG 图片"; unreadable header → kInvalidArgument "图片已损坏：<detail>"; a
// side over max_side or more than max_pixels → kInvalidArgument naming the size ("宽×高").
Result<ImageInfo> ProbeImage(std::string_view bytes, const ImageLimits& limits = {});

// Signatures drawn on a canvas: the bytes must be a PNG of at most 1 MB and 4096 pixels a side
// that decodes completely (every row, through cairo). Every failure is kInvalidArgument with a
// message starting "签名", since the record request that carries it is answered 400 naming the
// signature: "签名不是 PNG 图片", "签名图片超过 1 MB", "签名图片过大（宽×高）…",
// "签名图片已损坏：<detail>".
Result<ImageInfo> ProbeSignaturePng(std::string_view bytes);

// "data:image/png;base64,<standard base64 with padding>" → the decoded bytes (the prefix is
// matched case-insensitively; no whitespace is allowed in the payload). It does not look at the
// bytes; run ProbeSignaturePng on them. Errors (kInvalidArgument): "签名为空",
// "签名不是 PNG 图片（data:image/png;base64,…）", "签名的 base64 编码有误", "签名图片超过 1 MB".
Result<std::string> DecodePngDataUrl(std::string_view data_url);

}  // namespace anjian::io
