#include "io/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <utility>
#include <variant>

#include "common/text.hpp"

namespace anjian::io {
namespace {

// Geometry in PDF points (1/72 inch), the user unit of a cairo PDF surface.
constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kPointsPerMm;
constexpr double kPageHeight = 297 * kPointsPerMm;
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

constexpr const char* kSerif = "Noto Serif CJK SC,serif";
constexpr const char* kSans = "Noto Sans CJK SC,sans-serif";

constexpr double kTableFontSize = 10.5;  // 五号
constexpr double kTablePitch = 15;
constexpr double kCellPaddingX = 4;
constexpr double kCellPaddingY = 3;
constexpr double kGridLineWidth = 0.6;
constexpr double kHeaderShade = 0.9;

constexpr std::size_t kMaxTextBytes = 1 << 20;
constexpr std::uint32_t kMaxImageSide = 8192;
constexpr std::uint64_t kMaxImagePixels = 16u << 20;

enum class TextKind { kTitle, kSubtitle, kHeading1, kHeading2, kParagraph, kPlainLine };

struct TextBlock {
  TextKind kind;
  std::string text;
};
struct TableBlock {
  std::vector<PdfTableColumn> columns;
  std::vector<std::vector<std::string>> rows;
};
struct ImageBlock {
  std::string png;
  int pixel_width;
  int pixel_height;
  double width_mm;
};
struct SpacerBlock {
  double mm;
};
struct PageBreakBlock {};

}  // namespace

struct PdfBlock {
  std::variant<TextBlock, TableBlock, ImageBlock, SpacerBlock, PageBreakBlock> content;
};

namespace {

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

struct TextStyle {
  const char* family;
  double size;
  PangoWeight weight;
  double pitch;  // minimum line box height
  PangoAlignment alignment;
  bool justify;
  double indent;  // first line of each paragraph
  double space_after;
  bool keep_together;  // move the whole block to the next page rather than split it
  bool keep_with_next;
};

TextStyle StyleFor(TextKind kind) {
  constexpr double kIndent = 2 * 16;  // two body characters
  TextStyle style{.family = kSerif,
                  .size = 16,
                  .weight = PANGO_WEIGHT_NORMAL,
                  .pitch = kBodyPitch,
                  .alignment = PANGO_ALIGN_LEFT,
                  .justify = false,
                  .indent = 0,
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
      style.family = kSans;
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
  }
  return style;
}

// Why `text` cannot go into the PDF, or empty.
std::string TextProblem(const std::string& text) {
  if (!IsValidUtf8(text)) return "文本不是有效的 UTF-8";
  if (text.find('\0') != std::string::npos) return "文本含有空字符 U+0000";
  if (text.size() > kMaxTextBytes) return "文本过长（超过 1 MiB）";
  return {};
}

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
  // Length checked against kMaxTextBytes when the block was added.
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

// One line of a layout in a box of its own, so that lines can be placed on different pages.
struct LineBox {
  PangoLayoutLine* line;  // owned by the layout
  double x;               // line origin from the layout's left edge (alignment, indent)
  double height;          // max(pitch, the line's logical height)
  double baseline;        // from the top of the box; the text is centred in the box
};

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
                     box, (box - height) / 2 + (baseline - top)});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return boxes;
}

double TotalHeight(const std::vector<LineBox>& boxes) {
  double total = 0;
  for (const LineBox& box : boxes) total += box.height;
  return total;
}

struct PngReader {
  std::string_view data;
  std::size_t offset = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* out, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->data.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, reader->data.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

SurfacePtr DecodePng(std::string_view png) {
  PngReader reader{png};
  return SurfacePtr(cairo_image_surface_create_from_png_stream(ReadPng, &reader));
}

// Called from C: must not throw.
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

// One pass over the blocks. The measuring pass (total_pages == 0) only counts pages; the painting
// pass draws, knowing the total for the footer. Both use the same pango context, so they break
// lines and pages identically.
class Flow {
 public:
  Flow(cairo_surface_t* surface, cairo_t* cr, PangoContext* context, int total_pages)
      : surface_(surface), cr_(cr), context_(context), total_pages_(total_pages) {}

  Status Run(const std::vector<PdfBlock>& blocks) {
    for (const PdfBlock& block : blocks) {
      if (const auto* text = std::get_if<TextBlock>(&block.content)) {
        LayText(*text);
      } else if (const auto* table = std::get_if<TableBlock>(&block.content)) {
        LayTable(*table);
      } else if (const auto* image = std::get_if<ImageBlock>(&block.content)) {
        ANJIAN_TRY(LayImage(*image));
      } else if (const auto* spacer = std::get_if<SpacerBlock>(&block.content)) {
        LaySpacer(*spacer);
      } else {
        break_pending_ = true;
      }
    }
    if (painting()) {
      DrawFooter();
      cairo_show_page(cr_);
    }
    return Ok();
  }

  int pages() const { return page_; }

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

  void DrawFooter() {
    char text[64];
    std::snprintf(text, sizeof text, "第 %d 页 共 %d 页", page_, total_pages_);
    LayoutPtr layout = MakeLayout(context_, kSans, kTableFontSize, PANGO_WEIGHT_NORMAL,
                                  kContentWidth, PANGO_ALIGN_CENTER, false, 0, text);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kContentLeft, kContentBottom + kFooterGap);
    pango_cairo_show_layout(cr_, layout.get());
  }

  void DrawLines(const std::vector<LineBox>& boxes, std::size_t from, std::size_t to, double x,
                 double y) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (std::size_t i = from; i < to; ++i) {
      cairo_move_to(cr_, x + boxes[i].x, y + boxes[i].baseline);
      pango_cairo_show_layout_line(cr_, boxes[i].line);
      y += boxes[i].height;
    }
  }

  void LayText(const TextBlock& block) {
    const TextStyle style = StyleFor(block.kind);
    LayoutPtr layout = MakeLayout(context_, style.family, style.size, style.weight, kContentWidth,
                                  style.alignment, style.justify, style.indent, block.text);
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
      outline_parent_ = cairo_pdf_surface_add_outline(
          surface_, CAIRO_PDF_OUTLINE_ROOT, block.text.c_str(), link, CAIRO_PDF_OUTLINE_FLAG_OPEN);
    } else {
      cairo_pdf_surface_add_outline(surface_, outline_parent_, block.text.c_str(), link,
                                    static_cast<cairo_pdf_outline_flags_t>(0));
    }
  }

  struct Cell {
    LayoutPtr layout;
    std::vector<LineBox> lines;
    double text_height = 0;
  };

  Cell MakeCell(const std::string& text, double column_width, bool header) const {
    Cell cell;
    cell.layout = MakeLayout(context_, kSans, kTableFontSize,
                             header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                             column_width - 2 * kCellPaddingX,
                             header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, false, 0, text);
    cell.lines = LineBoxes(cell.layout.get(), kTablePitch);
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

  // Draws a row that fits at y_ whole, each cell's text centred vertically.
  void DrawRow(const std::vector<Cell>& cells, const std::vector<double>& lefts,
               const std::vector<double>& widths, double height, bool header) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      DrawFrame(lefts[c], y_, widths[c], height, header);
      const double top = y_ + (height - cells[c].text_height) / 2;
      DrawLines(cells[c].lines, 0, cells[c].lines.size(), lefts[c] + kCellPaddingX, top);
    }
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
    double header_height = 0;
    for (std::size_t c = 0; c < column_count; ++c) {
      header.push_back(MakeCell(table.columns[c].header, widths[c], /*header=*/true));
      header_height = std::max(header_height, header.back().text_height + 2 * kCellPaddingY);
    }
    auto draw_header = [&] {
      if (painting()) DrawRow(header, lefts, widths, header_height, /*header=*/true);
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
      double row_height = 0;
      double first_line_height = 0;
      for (std::size_t c = 0; c < column_count; ++c) {
        cells.push_back(MakeCell(table.rows[r][c], widths[c], /*header=*/false));
        row_height = std::max(row_height, cells.back().text_height + 2 * kCellPaddingY);
        first_line_height = std::max(first_line_height, cells.back().lines.front().height);
      }
      if (r == 0) {
        // Keep the header with the first row, or with its first lines if the row must be split.
        const bool fits_on_a_page = row_height <= kContentHeight - header_height + kEpsilon;
        const double needed =
            header_height + (fits_on_a_page ? row_height : first_line_height + 2 * kCellPaddingY);
        if (!Fits(needed) && !AtTop()) NewPage();
        draw_header();
      }
      if (Fits(row_height)) {
        if (painting()) DrawRow(cells, lefts, widths, row_height, /*header=*/false);
        y_ += row_height;
        continue;
      }
      if (row_height <= kContentHeight - header_height + kEpsilon) {
        new_page_with_header();
        if (painting()) DrawRow(cells, lefts, widths, row_height, /*header=*/false);
        y_ += row_height;
        continue;
      }
      LayTallRow(cells, lefts, widths, header_height, new_page_with_header);
    }
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

  Status LayImage(const ImageBlock& image) {
    double width = std::min(image.width_mm * kPointsPerMm, kContentWidth);
    double height = width * image.pixel_height / image.pixel_width;
    if (height > kContentHeight) {
      width *= kContentHeight / height;
      height = kContentHeight;
    }
    StartBlock();
    if (!Fits(height) && !AtTop()) NewPage();
    if (painting()) {
      SurfacePtr pixels = DecodePng(image.png);
      if (cairo_surface_status(pixels.get()) != CAIRO_STATUS_SUCCESS) {
        return Error::InvalidArgument("图片不是有效的 PNG");
      }
      cairo_save(cr_);
      cairo_translate(cr_, kContentLeft + (kContentWidth - width) / 2, y_);
      cairo_scale(cr_, width / image.pixel_width, height / image.pixel_height);
      cairo_set_source_surface(cr_, pixels.get(), 0, 0);
      // Without /Interpolate, viewers enlarge pixels as sharp squares: QR codes stay scannable
      // and line art (signatures, seals) is not blurred.
      cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_NEAREST);
      cairo_paint(cr_);
      cairo_restore(cr_);
    }
    y_ += height;
    return Ok();
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

  cairo_surface_t* surface_;
  cairo_t* cr_;
  PangoContext* context_;
  int total_pages_;
  int page_ = 1;
  double y_ = kContentTop;
  bool break_pending_ = false;
  int outline_parent_ = CAIRO_PDF_OUTLINE_ROOT;
};

std::uint32_t ReadBigEndian32(std::string_view bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[offset + i]);
  }
  return value;
}

}  // namespace

PdfDocument::PdfDocument(std::string title) : title_(std::move(title)) {
  const std::string problem = TextProblem(title_);
  if (!problem.empty()) {
    error_ = Error::InvalidArgument(problem + "：文档属性中的标题");
    title_.clear();
  }
}

PdfDocument::~PdfDocument() = default;
PdfDocument::PdfDocument(const PdfDocument& other) = default;
PdfDocument& PdfDocument::operator=(const PdfDocument& other) = default;
PdfDocument::PdfDocument(PdfDocument&& other) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&& other) noexcept = default;

void PdfDocument::Fail(const char* kind_name, const std::string& problem) {
  if (error_) return;
  error_ = Error::InvalidArgument(problem + "：第 " + std::to_string(blocks_.size() + 1) +
                                  " 个内容块（" + kind_name + "）");
}

void PdfDocument::Add(PdfBlock block) {
  if (error_) return;
  blocks_.push_back(std::move(block));
}

void PdfDocument::AddText(const char* kind_name, PdfBlock block) {
  const std::string problem = TextProblem(std::get<TextBlock>(block.content).text);
  if (!problem.empty()) return Fail(kind_name, problem);
  Add(std::move(block));
}

void PdfDocument::Title(std::string text) {
  AddText("标题", PdfBlock{TextBlock{TextKind::kTitle, std::move(text)}});
}

void PdfDocument::Subtitle(std::string text) {
  AddText("副标题", PdfBlock{TextBlock{TextKind::kSubtitle, std::move(text)}});
}

void PdfDocument::Heading(std::string text, int level) {
  if (level != 1 && level != 2) {
    return Fail("小标题", "标题级别只能是 1 或 2，收到 " + std::to_string(level));
  }
  const TextKind kind = level == 1 ? TextKind::kHeading1 : TextKind::kHeading2;
  AddText("小标题", PdfBlock{TextBlock{kind, std::move(text)}});
}

void PdfDocument::Paragraph(std::string text) {
  AddText("段落", PdfBlock{TextBlock{TextKind::kParagraph, std::move(text)}});
}

void PdfDocument::PlainLine(std::string text) {
  AddText("文本行", PdfBlock{TextBlock{TextKind::kPlainLine, std::move(text)}});
}

void PdfDocument::Table(std::vector<PdfTableColumn> columns,
                        std::vector<std::vector<std::string>> rows) {
  const char* const kind = "表格";
  if (columns.empty()) return Fail(kind, "表格至少需要一列");
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string where = "（第 " + std::to_string(c + 1) + " 列表头）";
    if (!std::isfinite(columns[c].width_share) || columns[c].width_share <= 0) {
      return Fail(kind, "列宽比例必须为正数" + where);
    }
    const std::string problem = TextProblem(columns[c].header);
    if (!problem.empty()) return Fail(kind, problem + where);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != columns.size()) {
      return Fail(kind, "表格第 " + std::to_string(r + 1) + " 行有 " +
                            std::to_string(rows[r].size()) + " 个单元格，应为 " +
                            std::to_string(columns.size()) + " 个");
    }
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string where =
          "（第 " + std::to_string(r + 1) + " 行第 " + std::to_string(c + 1) + " 列）";
      const std::string problem = TextProblem(rows[r][c]);
      if (!problem.empty()) return Fail(kind, problem + where);
    }
  }
  Add(PdfBlock{TableBlock{std::move(columns), std::move(rows)}});
}

void PdfDocument::Image(std::string png_bytes, double width_mm) {
  const char* const kind = "图片";
  if (!std::isfinite(width_mm) || width_mm <= 0) return Fail(kind, "图片宽度必须为正数（毫米）");
  // Signature, then the IHDR chunk (length, type, width, height), checked before decoding so that
  // a header claiming a huge image cannot make the decoder allocate gigabytes.
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (png_bytes.size() < 24 || std::string_view(png_bytes).substr(0, 8) != kSignature ||
      std::string_view(png_bytes).substr(12, 4) != "IHDR") {
    return Fail(kind, "图片不是有效的 PNG");
  }
  const std::uint32_t width = ReadBigEndian32(png_bytes, 16);
  const std::uint32_t height = ReadBigEndian32(png_bytes, 20);
  if (width > kMaxImageSide || height > kMaxImageSide ||
      std::uint64_t{width} * height > kMaxImagePixels) {
    return Fail(kind, "图片尺寸过大（" + std::to_string(width) + "×" + std::to_string(height) +
                          " 像素，每边最多 8192 像素、总计最多 1600 万像素）");
  }
  SurfacePtr pixels = DecodePng(png_bytes);
  if (cairo_surface_status(pixels.get()) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width(pixels.get()) <= 0 ||
      cairo_image_surface_get_height(pixels.get()) <= 0) {
    return Fail(kind, "图片不是有效的 PNG");
  }
  const int pixel_width = cairo_image_surface_get_width(pixels.get());
  const int pixel_height = cairo_image_surface_get_height(pixels.get());
  Add(PdfBlock{ImageBlock{std::move(png_bytes), pixel_width, pixel_height, width_mm}});
}

void PdfDocument::Spacer(double mm) {
  if (!std::isfinite(mm) || mm < 0) return Fail("间距", "间距必须是非负数（毫米）");
  Add(PdfBlock{SpacerBlock{mm}});
}

void PdfDocument::PageBreak() { Add(PdfBlock{PageBreakBlock{}}); }

Result<std::string> PdfDocument::Render() const {
  if (error_) return *error_;
  try {
    std::string pdf;
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("无法创建 PDF：") +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title_.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Anjian");
    {
      CairoPtr cr(cairo_create(surface.get()));
      // pango_cairo_create_context takes the font map from pango_cairo_font_map_get_default(),
      // which is per thread; see the header on thread-safety.
      ContextPtr context(pango_cairo_create_context(cr.get()));
      pango_cairo_context_set_resolution(context.get(), 72);
      cairo_font_options_t* options = cairo_font_options_create();
      cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options(context.get(), options);
      cairo_font_options_destroy(options);
      // Picks Simplified Chinese glyph forms when fontconfig falls back to a pan-CJK font.
      pango_context_set_language(context.get(), pango_language_from_string("zh-cn"));

      Flow measure(surface.get(), cr.get(), context.get(), /*total_pages=*/0);
      ANJIAN_TRY(measure.Run(blocks_));
      Flow paint(surface.get(), cr.get(), context.get(), measure.pages());
      ANJIAN_TRY(paint.Run(blocks_));
      // Same blocks, same context, same decisions: only the drawing differs.
      ANJIAN_ASSERT(paint.pages() == measure.pages());
      if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
        return Error::Internal(std::string("生成 PDF 失败：") +
                               cairo_status_to_string(cairo_status(cr.get())));
      }
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("生成 PDF 失败：") +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    surface.reset();
    return pdf;
  } catch (const std::bad_alloc&) {
    return Error::ResourceExhausted("生成 PDF 时内存不足");
  }
}

}  // namespace anjian::io
