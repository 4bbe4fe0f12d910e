// Page layout for PdfDocument (internal to io): places the blocks top to bottom on A4 pages in
// the GB/T 9704 type area, breaks pages, and paints text (pango), tables, forms and images
// (cairo) with the "第 N 页 共 M 页" footer.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <vector>

#include "common/error.hpp"
#include "io/pdf_blocks.hpp"
#include "io/pdf_images.hpp"

namespace anjian::io {

// A4 in PDF points (1/72 inch), the user unit of a cairo PDF surface.
inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline constexpr double kA4Width = 210 * kPointsPerMm;
inline constexpr double kA4Height = 297 * kPointsPerMm;

struct PdfCanvas {
  cairo_surface_t* surface;  // the PDF surface (for outlines)
  cairo_t* cr;
  PangoContext* context;  // 72 dpi, so font sizes in points are PDF units
  PdfImagePainter* painter;
};

// One pass over the blocks. With total_pages == 0 it only measures (draws nothing) and returns
// the page count; otherwise it paints every page, knowing the total for the footer, and returns
// the same count. Both passes must use the same context so that they break lines and pages
// identically. `footer` may be null. Errors: an image that cannot be painted.
Result<int> LayOutBlocks(const PdfCanvas& canvas, const std::vector<PdfBlock>& blocks,
                         const PdfFooterImage* footer, int total_pages);

}  // namespace anjian::io
