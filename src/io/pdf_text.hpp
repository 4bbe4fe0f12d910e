// Text for the PDF layout (internal to io): pango layouts in the document's fonts, measured and
// cut into line boxes so that the lines of one paragraph or cell can be placed on different
// pages. All sizes are PDF points; the pango context must be at 72 dpi.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string_view>
#include <vector>

#include "io/pdf_images.hpp"

namespace anjian::io {

// fontconfig substitutes the generic family when a Noto CJK face is missing.
inline constexpr const char* kSerifFamily = "Noto Serif CJK SC,serif";
inline constexpr const char* kSansFamily = "Noto Sans CJK SC,sans-serif";

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// A layout `width` wide (at least 1 pt) that wraps between words or CJK characters; `indent`
// applies to the first line of each paragraph ('\n' starts one).
LayoutPtr MakeLayout(PangoContext* context, const char* family, double size, PangoWeight weight,
                     double width, PangoAlignment alignment, bool justify, double indent,
                     std::string_view text);

// Width of `text` without wrapping (its widest line).
double NaturalWidth(PangoContext* context, std::string_view text, const char* family, double size,
                    PangoWeight weight);

// One line of a layout, or one image, in a box of its own.
struct LineBox {
  PangoLayoutLine* line;      // owned by the layout; null for an image
  double x;                   // from the cell's (or layout's) left edge (alignment, indent)
  double height;              // max(pitch, the line's logical height), or the image height
  double baseline;            // from the top of the box; the text is centred in the box
  const PdfImageData* image;  // an image instead of a line
  double image_width;
};

// The lines of `layout`, each at least `pitch` high. The boxes point into the layout.
std::vector<LineBox> LineBoxes(PangoLayout* layout, double pitch);

double TotalHeight(const std::vector<LineBox>& boxes);

}  // namespace anjian::io
