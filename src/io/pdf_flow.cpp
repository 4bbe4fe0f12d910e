#include "io/pdf_flow.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string_view>
#include <utility>

#include "io/pdf_text.hpp"

namespace anjian::io {
namespace {

// GB/T 9704-2012 (党政机关公文格式) type area: 156 mm × 225 mm, top 37 mm, left 28 mm.
constexpr double kContentLeft = 28 * kPointsPerMm;
constexpr double kContentWidth = 156 * kPointsPerMm;
constexpr double kContentTop = 37 * kPointsPerMm;
constexpr double kContentHeight = 225 * kPointsPerMm;
constexpr double kContentBottom = kContentTop + kContentHeight;
// The standard's 22 lines per page.
constexpr double kBodyPitch = kContentHeight / 22;
constexpr double kFooterGap = 7 * kPointsPerMm;
// Slack for comparing accumulated floating-point heights.
constexpr double kEpsilon = 0.01;

constexpr double kTableFontSize = 10.5;  // 五号
constexpr double kTablePitch = 15;
constexpr double kCellPaddingX = 4;
constexpr double kCellPaddingY = 3;
constexpr double kGridLineWidth = 0.6;
constexpr double kHeaderShade = 0.9;
constexpr double kMaxLabelWidth = 60 * kPointsPerMm;
constexpr double kMaxLabelShare = 0.6;  // of the field, leaving the value at least 40 %

constexpr double kPhotoCaptionGap = 2 * kPointsPerMm;
constexpr double kPhotoSpaceAfter = 5 * kPointsPerMm;

constexpr double kFooterImageGap = 2 * kPointsPerMm;
constexpr double kFooterImageMaxHeight = 30 * kPointsPerMm;
constexpr double kFooterCaptionSize = 9;

struct TextStyle {
  const char* family;
  double size;
  PangoWeight weight;
  double pitch;  // minimum line box height
  PangoAlignment alignment;
  bool justify;
  double indent;        // first line of each paragraph
  double right_indent;  // kept free at the right edge
  double space_after;
  bool keep_together;  // move the whole block to the next page rather than split it
  bool keep_with_next;
};

TextStyle StyleFor(TextKind kind) {
  constexpr double kIndent = 2 * 16;  // two body characters
  TextStyle style{.family = kSerifFamily,
                  .size = 16,
                  .weight = PANGO_WEIGHT_NORMAL,
                  .pitch = kBodyPitch,
                  .alignment = PANGO_ALIGN_LEFT,
                  .justify = false,
                  .indent = 0,
                  .right_indent = 0,
                  .space_after = 0,
                  .keep_together = false,
                  .keep_with_next = false};
  switch (kind) {
    case TextKind::kTitle:
      style.size = 22;
      style.weight = PANGO_WEIGHT_BOLD;
      style.pitch = 34;
      style.alignment = PANGO_ALIGN_CENTER;
      style.space_after = kBodyPitch / 2;
      style.keep_together = style.keep_with_next = true;
      break;
    case TextKind::kSubtitle:
      style.alignment = PANGO_ALIGN_CENTER;
      style.space_after = kBodyPitch / 2;
      style.keep_together = style.keep_with_next = true;
      break;
    // 公文 headings keep the body's two-character indent (GB/T 9704 §7.3.3).
    case TextKind::kHeading1:
    case TextKind::kHeading2:
      style.family = kSansFamily;
      style.size = kind == TextKind::kHeading1 ? 16 : 15;
      style.weight = PANGO_WEIGHT_BOLD;
      style.indent = kIndent;
      style.keep_together = style.keep_with_next = true;
      break;
    case TextKind::kParagraph:
      style.justify = true;
      style.indent = kIndent;
      break;
    case TextKind::kPlainLine:
      break;
    case TextKind::kSignOff:
      style.alignment = PANGO_ALIGN_RIGHT;
      style.right_indent = kIndent;
      style.keep_together = true;
      break;
  }
  return style;
}

// Fits an image of the given aspect into max_width × max_height.
std::pair<double, double> FitImage(const PdfImageData& image, double max_width, double max_height) {
  double width = max_width;
  double height = width * image.DisplayHeight() / image.DisplayWidth();
  if (height > max_height) {
    width *= max_height / height;
    height = max_height;
  }
  return {width, height};
}

class Flow {
 public:
  Flow(const PdfCanvas& canvas, const PdfFooterImage* footer, int total_pages)
      : canvas_(canvas),
        cr_(canvas.cr),
        context_(canvas.context),
        footer_(footer),
        total_pages_(total_pages) {}

  Result<int> Run(const std::vector<PdfBlock>& blocks) {
    for (const PdfBlock& block : blocks) {
      if (const auto* text = std::get_if<TextBlock>(&block.content)) {
        LayText(*text);
      } else if (const auto* table = std::get_if<TableBlock>(&block.content)) {
        LayTable(*table);
      } else if (const auto* form = std::get_if<FormBlock>(&block.content)) {
        LayForm(*form);
      } else if (const auto* image = std::get_if<ImageBlock>(&block.content)) {
        LayImage(*image);
      } else if (const auto* photo = std::get_if<PhotoBlock>(&block.content)) {
        LayPhoto(*photo);
      } else if (const auto* spacer = std::get_if<SpacerBlock>(&block.content)) {
        LaySpacer(*spacer);
      } else {
        break_pending_ = true;
      }
      if (!paint_status_.ok()) return paint_status_.error();
    }
    if (painting()) {
      DrawFooter();
      cairo_show_page(cr_);
    }
    if (!paint_status_.ok()) return paint_status_.error();
    return page_;
  }

 private:
  bool painting() const { return total_pages_ > 0; }
  bool AtTop() const { return y_ <= kContentTop + kEpsilon; }
  bool Fits(double height) const { return y_ + height <= kContentBottom + kEpsilon; }

  void StartBlock() {
    if (break_pending_ && !AtTop()) NewPage();
    break_pending_ = false;
  }

  void NewPage() {
    if (painting()) {
      DrawFooter();
      cairo_show_page(cr_);
    }
    ++page_;
    y_ = kContentTop;
  }

  void PaintImage(const PdfImageData& image, double x, double y, double width, double height,
                  ImageSmoothing smoothing) {
    if (!paint_status_.ok()) return;
    paint_status_ = canvas_.painter->Paint(cr_, image, x, y, width, height, smoothing);
  }

  void DrawFooter() {
    char text[64];
    std::snprintf(text, sizeof text, "第 %d 页 共 %d 页", page_, total_pages_);
    LayoutPtr layout = MakeLayout(context_, kSansFamily, kTableFontSize, PANGO_WEIGHT_NORMAL,
                                  kContentWidth, PANGO_ALIGN_CENTER, false, 0, text);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kContentLeft, kContentBottom + kFooterGap);
    pango_cairo_show_layout(cr_, layout.get());
    if (footer_ != nullptr) DrawFooterImage();
  }

  // Right-aligned with the type area, in the bottom margin, caption centred under the image.
  void DrawFooterImage() {
    const auto [width, height] =
        FitImage(footer_->image, footer_->width_mm * kPointsPerMm, kFooterImageMaxHeight);
    const double x = kContentLeft + kContentWidth - width;
    const double y = kContentBottom + kFooterImageGap;
    PaintImage(footer_->image, x, y, width, height, ImageSmoothing::kNone);
    if (footer_->caption.empty()) return;
    const double caption_width =
        std::max(width, NaturalWidth(context_, footer_->caption, kSansFamily, kFooterCaptionSize,
                                     PANGO_WEIGHT_NORMAL));
    LayoutPtr caption = MakeLayout(context_, kSansFamily, kFooterCaptionSize, PANGO_WEIGHT_NORMAL,
                                   caption_width, PANGO_ALIGN_CENTER, false, 0, footer_->caption);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, x + (width - caption_width) / 2, y + height);
    pango_cairo_show_layout(cr_, caption.get());
  }

  void DrawLines(const std::vector<LineBox>& boxes, std::size_t from, std::size_t to, double x,
                 double y) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (std::size_t i = from; i < to; ++i) {
      if (boxes[i].image != nullptr) {
        PaintImage(*boxes[i].image, x + boxes[i].x, y, boxes[i].image_width, boxes[i].height,
                   ImageSmoothing::kNone);
        cairo_set_source_rgb(cr_, 0, 0, 0);
      } else {
        cairo_move_to(cr_, x + boxes[i].x, y + boxes[i].baseline);
        pango_cairo_show_layout_line(cr_, boxes[i].line);
      }
      y += boxes[i].height;
    }
  }

  void LayText(const TextBlock& block) {
    const TextStyle style = StyleFor(block.kind);
    LayoutPtr layout = MakeLayout(context_, style.family, style.size, style.weight,
                                  kContentWidth - style.right_indent, style.alignment,
                                  style.justify, style.indent, block.text);
    const std::vector<LineBox> boxes = LineBoxes(layout.get(), style.pitch);
    StartBlock();
    if (style.keep_together) {
      const double total = TotalHeight(boxes);
      const double next = style.keep_with_next ? kBodyPitch : 0;
      if (!Fits(total + next) && !AtTop() && total + next <= kContentHeight) NewPage();
    }
    if (painting() && (block.kind == TextKind::kHeading1 || block.kind == TextKind::kHeading2)) {
      AddOutline(block);
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (!Fits(boxes[i].height) && !AtTop()) NewPage();
      if (painting()) DrawLines(boxes, i, i + 1, kContentLeft, y_);
      y_ += boxes[i].height;
    }
    y_ = std::min(y_ + style.space_after, kContentBottom);
  }

  void AddOutline(const TextBlock& block) {
    char link[96];
    std::snprintf(link, sizeof link, "page=%d pos=[%d %d]", page_, static_cast<int>(kContentLeft),
                  static_cast<int>(y_));
    if (block.kind == TextKind::kHeading1) {
      outline_parent_ =
          cairo_pdf_surface_add_outline(canvas_.surface, CAIRO_PDF_OUTLINE_ROOT, block.text.c_str(),
                                        link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
    } else {
      cairo_pdf_surface_add_outline(canvas_.surface, outline_parent_, block.text.c_str(), link,
                                    static_cast<cairo_pdf_outline_flags_t>(0));
    }
  }

  struct Cell {
    LayoutPtr layout;
    std::vector<LineBox> lines;
    double text_height = 0;
  };

  // A table or form cell: text lines, then optionally an image (a signature) under them.
  Cell MakeCell(const std::string& text, double column_width, PangoWeight weight,
                PangoAlignment alignment, const PdfImageData* image = nullptr,
                double image_height = 0) const {
    Cell cell;
    const double inner_width = column_width - 2 * kCellPaddingX;
    if (!text.empty() || image == nullptr) {
      cell.layout = MakeLayout(context_, kSansFamily, kTableFontSize, weight, inner_width,
                               alignment, false, 0, text);
      cell.lines = LineBoxes(cell.layout.get(), kTablePitch);
    }
    if (image != nullptr) {
      const auto [width, height] = FitImage(*image, std::max(inner_width, 1.0), image_height);
      cell.lines.push_back({nullptr, 0, height, 0, image, width});
    }
    cell.text_height = TotalHeight(cell.lines);
    return cell;
  }

  void DrawFrame(double x, double y, double width, double height, bool shaded) {
    cairo_rectangle(cr_, x, y, width, height);
    if (shaded) {
      cairo_set_source_rgb(cr_, kHeaderShade, kHeaderShade, kHeaderShade);
      cairo_fill_preserve(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, kGridLineWidth);
    cairo_stroke(cr_);
  }

  // Table cells are centred vertically; form cells start at the top, so that a label stays on the
  // line of the first value line and text extracted from the PDF reads label, then value.
  enum class VerticalAlign { kCentre, kTop };

  // Draws a row that fits at y_ whole.
  void DrawRow(const std::vector<Cell>& cells, const std::vector<double>& lefts,
               const std::vector<double>& widths, double height, bool header, VerticalAlign align) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      DrawFrame(lefts[c], y_, widths[c], height, header);
      const double top = align == VerticalAlign::kTop ? y_ + kCellPaddingY
                                                      : y_ + (height - cells[c].text_height) / 2;
      DrawLines(cells[c].lines, 0, cells[c].lines.size(), lefts[c] + kCellPaddingX, top);
    }
  }

  static double RowHeight(const std::vector<Cell>& cells) {
    double height = 0;
    for (const Cell& cell : cells) height = std::max(height, cell.text_height + 2 * kCellPaddingY);
    return height;
  }

  void LayTable(const TableBlock& table) {
    const std::size_t column_count = table.columns.size();
    double share_sum = 0;
    for (const PdfTableColumn& column : table.columns) share_sum += column.width_share;
    std::vector<double> widths;
    std::vector<double> lefts;
    double left = kContentLeft;
    for (const PdfTableColumn& column : table.columns) {
      lefts.push_back(left);
      widths.push_back(kContentWidth * column.width_share / share_sum);
      left += widths.back();
    }
    std::vector<Cell> header;
    for (std::size_t c = 0; c < column_count; ++c) {
      header.push_back(
          MakeCell(table.columns[c].header, widths[c], PANGO_WEIGHT_BOLD, PANGO_ALIGN_CENTER));
    }
    const double header_height = RowHeight(header);
    auto draw_header = [&] {
      if (painting()) {
        DrawRow(header, lefts, widths, header_height, /*header=*/true, VerticalAlign::kCentre);
      }
      y_ += header_height;
    };
    auto new_page_with_header = [&] {
      NewPage();
      draw_header();
    };

    StartBlock();
    if (table.rows.empty()) {
      if (!Fits(header_height) && !AtTop()) NewPage();
      draw_header();
      return;
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      std::vector<Cell> cells;
      double first_line_height = 0;
      for (std::size_t c = 0; c < column_count; ++c) {
        cells.push_back(
            MakeCell(table.rows[r][c], widths[c], PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT));
        first_line_height = std::max(first_line_height, cells.back().lines.front().height);
      }
      const double row_height = RowHeight(cells);
      if (r == 0) {
        // Keep the header with the first row, or with its first lines if the row must be split.
        const bool fits_on_a_page = row_height <= kContentHeight - header_height + kEpsilon;
        const double needed =
            header_height + (fits_on_a_page ? row_height : first_line_height + 2 * kCellPaddingY);
        if (!Fits(needed) && !AtTop()) NewPage();
        draw_header();
      }
      LayRow(cells, lefts, widths, row_height, header_height, VerticalAlign::kCentre,
             new_page_with_header);
    }
  }

  // Label widths by (fields in the row, field position): the widest natural label of that column,
  // so that labels line up down the form.
  std::map<std::pair<std::size_t, std::size_t>, double> LabelColumns(const FormBlock& form) const {
    std::map<std::pair<std::size_t, std::size_t>, double> widths;
    for (const std::vector<FormFieldBlock>& row : form.rows) {
      for (std::size_t f = 0; f < row.size(); ++f) {
        if (row[f].label.empty()) continue;
        const double natural =
            NaturalWidth(context_, row[f].label, kSansFamily, kTableFontSize, PANGO_WEIGHT_NORMAL) +
            2 * kCellPaddingX;
        double& width = widths[{row.size(), f}];
        width = std::max(width, natural);
      }
    }
    return widths;
  }

  void LayForm(const FormBlock& form) {
    const auto label_columns = LabelColumns(form);
    StartBlock();
    for (const std::vector<FormFieldBlock>& row : form.rows) {
      double share_sum = 0;
      for (const FormFieldBlock& field : row) share_sum += field.width_share;
      std::vector<Cell> cells;
      std::vector<double> lefts;
      std::vector<double> widths;
      double left = kContentLeft;
      for (std::size_t f = 0; f < row.size(); ++f) {
        const FormFieldBlock& field = row[f];
        const double field_width = kContentWidth * field.width_share / share_sum;
        double label_width = 0;
        if (!field.label.empty()) {
          label_width = std::min(
              {label_columns.at({row.size(), f}), kMaxLabelWidth, field_width * kMaxLabelShare});
          cells.push_back(
              MakeCell(field.label, label_width, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER));
          lefts.push_back(left);
          widths.push_back(label_width);
        }
        const double value_width = field_width - label_width;
        cells.push_back(MakeCell(field.value, value_width, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT,
                                 field.has_image ? &field.image : nullptr,
                                 field.image_height_mm * kPointsPerMm));
        lefts.push_back(left + label_width);
        widths.push_back(value_width);
        left += field_width;
      }
      LayRow(cells, lefts, widths, RowHeight(cells), /*header_height=*/0, VerticalAlign::kTop,
             [this] { NewPage(); });
    }
  }

  // Places one table or form row at y_: here if it fits, else whole on the next page, else (taller
  // than a page) split line by line.
  template <typename NewPageWithHeader>
  void LayRow(const std::vector<Cell>& cells, const std::vector<double>& lefts,
              const std::vector<double>& widths, double row_height, double header_height,
              VerticalAlign align, NewPageWithHeader new_page_with_header) {
    if (!Fits(row_height)) {
      if (row_height > kContentHeight - header_height + kEpsilon) {
        return LayTallRow(cells, lefts, widths, header_height, new_page_with_header);
      }
      new_page_with_header();
    }
    if (painting()) DrawRow(cells, lefts, widths, row_height, /*header=*/false, align);
    y_ += row_height;
  }

  // A row taller than a page: each page gets the lines of every cell that fit, top aligned.
  template <typename NewPageWithHeader>
  void LayTallRow(const std::vector<Cell>& cells, const std::vector<double>& lefts,
                  const std::vector<double>& widths, double header_height,
                  NewPageWithHeader new_page_with_header) {
    std::vector<std::size_t> next(cells.size(), 0);
    while (true) {
      const double available = kContentBottom - y_ - 2 * kCellPaddingY + kEpsilon;
      std::vector<std::size_t> end = next;
      double slice = 0;
      bool progress = false;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        double height = 0;
        while (end[c] < cells[c].lines.size() &&
               height + cells[c].lines[end[c]].height <= available) {
          height += cells[c].lines[end[c]].height;
          ++end[c];
        }
        progress = progress || end[c] > next[c];
        slice = std::max(slice, height);
      }
      if (!progress) {
        if (y_ > kContentTop + header_height + kEpsilon) {
          new_page_with_header();
          continue;
        }
        // Not even one line fits under the header on an empty page: overflow rather than loop.
        for (std::size_t c = 0; c < cells.size(); ++c) {
          if (end[c] < cells[c].lines.size()) {
            slice = std::max(slice, cells[c].lines[end[c]].height);
            ++end[c];
          }
        }
      }
      if (painting()) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
          DrawFrame(lefts[c], y_, widths[c], slice + 2 * kCellPaddingY, /*shaded=*/false);
          DrawLines(cells[c].lines, next[c], end[c], lefts[c] + kCellPaddingX, y_ + kCellPaddingY);
        }
      }
      y_ += slice + 2 * kCellPaddingY;
      next = end;
      bool done = true;
      for (std::size_t c = 0; c < cells.size(); ++c)
        done = done && next[c] == cells[c].lines.size();
      if (done) return;
      new_page_with_header();
    }
  }

  void LayImage(const ImageBlock& block) {
    const auto [width, height] = FitImage(
        block.image, std::min(block.width_mm * kPointsPerMm, kContentWidth), kContentHeight);
    StartBlock();
    if (!Fits(height) && !AtTop()) NewPage();
    if (painting()) {
      PaintImage(block.image, kContentLeft + (kContentWidth - width) / 2, y_, width, height,
                 ImageSmoothing::kNone);
    }
    y_ += height;
  }

  void LayPhoto(const PhotoBlock& photo) {
    std::vector<LineBox> caption;
    LayoutPtr layout;
    if (!photo.caption.empty()) {
      layout = MakeLayout(context_, kSansFamily, kTableFontSize, PANGO_WEIGHT_NORMAL, kContentWidth,
                          PANGO_ALIGN_CENTER, false, 0, photo.caption);
      caption = LineBoxes(layout.get(), kTablePitch);
    }
    const double caption_height = caption.empty() ? 0 : kPhotoCaptionGap + TotalHeight(caption);
    const double max_height = std::min(photo.max_height_mm * kPointsPerMm,
                                       std::max(kContentHeight - caption_height, 1.0));
    const auto [width, height] =
        FitImage(photo.image, std::min(photo.width_mm * kPointsPerMm, kContentWidth), max_height);
    StartBlock();
    if (!Fits(height + caption_height) && !AtTop()) NewPage();
    if (painting()) {
      PaintImage(photo.image, kContentLeft + (kContentWidth - width) / 2, y_, width, height,
                 ImageSmoothing::kSmooth);
      if (!caption.empty()) {
        DrawLines(caption, 0, caption.size(), kContentLeft, y_ + height + kPhotoCaptionGap);
      }
    }
    y_ = std::min(y_ + height + caption_height + kPhotoSpaceAfter, kContentBottom);
  }

  void LaySpacer(const SpacerBlock& spacer) {
    StartBlock();
    const double height = spacer.mm * kPointsPerMm;
    if (Fits(height)) {
      y_ += height;
    } else {
      NewPage();
    }
  }

  PdfCanvas canvas_;
  cairo_t* cr_;
  PangoContext* context_;
  const PdfFooterImage* footer_;
  int total_pages_;
  int page_ = 1;
  double y_ = kContentTop;
  bool break_pending_ = false;
  int outline_parent_ = CAIRO_PDF_OUTLINE_ROOT;
  Status paint_status_;
};

}  // namespace

Result<int> LayOutBlocks(const PdfCanvas& canvas, const std::vector<PdfBlock>& blocks,
                         const PdfFooterImage* footer, int total_pages) {
  Flow flow(canvas, footer, total_pages);
  return flow.Run(blocks);
}

}  // namespace anjian::io
