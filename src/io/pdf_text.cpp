#include "io/pdf_text.hpp"

#include <algorithm>

namespace anjian::io {
namespace {

struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

}  // namespace

LayoutPtr MakeLayout(PangoContext* context, const char* family, double size, PangoWeight weight,
                     double width, PangoAlignment alignment, bool justify, double indent,
                     std::string_view text) {
  LayoutPtr layout(pango_layout_new(context));
  FontDescriptionPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), family);
  // The context resolution is 72 dpi, so a size in points is a size in PDF units.
  pango_font_description_set_size(font.get(), static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(font.get(), weight);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), pango_units_from_double(std::max(width, 1.0)));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), alignment);
  pango_layout_set_justify(layout.get(), justify);
  pango_layout_set_indent(layout.get(), pango_units_from_double(indent));
  // Length checked against the builder's text limit when the block was added.
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double NaturalWidth(PangoContext* context, std::string_view text, const char* family, double size,
                    PangoWeight weight) {
  constexpr double kUnbounded = 100000;
  LayoutPtr layout =
      MakeLayout(context, family, size, weight, kUnbounded, PANGO_ALIGN_LEFT, false, 0, text);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return pango_units_to_double(logical.width);
}

std::vector<LineBox> LineBoxes(PangoLayout* layout, double pitch) {
  std::vector<LineBox> boxes;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    const double top = pango_units_to_double(logical.y);
    const double height = pango_units_to_double(logical.height);
    const double baseline = pango_units_to_double(pango_layout_iter_get_baseline(iter));
    const double box = std::max(pitch, height);
    boxes.push_back({pango_layout_iter_get_line_readonly(iter), pango_units_to_double(logical.x),
                     box, (box - height) / 2 + (baseline - top), nullptr, 0});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return boxes;
}

double TotalHeight(const std::vector<LineBox>& boxes) {
  double total = 0;
  for (const LineBox& box : boxes) total += box.height;
  return total;
}

}  // namespace anjian::io
