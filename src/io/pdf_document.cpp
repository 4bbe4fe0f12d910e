#include "io/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <memory>
#include <new>
#include <utility>

#include "common/text.hpp"
#include "io/cairo_streams.hpp"
#include "io/pdf_blocks.hpp"
#include "io/pdf_flow.hpp"
#include "io/pdf_images.hpp"
#include "io/pdf_text.hpp"

namespace anjian::io {
namespace {

constexpr std::size_t kMaxTextBytes = 1 << 20;
constexpr double kMaxFooterImageMm = 30;

struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;

// Why `text` cannot go into the PDF, or empty.
std::string TextProblem(const std::string& text) {
  if (!IsValidUtf8(text)) return "文本不是有效的 UTF-8";
  if (text.find('\0') != std::string::npos) return "文本含有空字符 U+0000";
  if (text.size() > kMaxTextBytes) return "文本过长（超过 1 MiB）";
  return {};
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
  Result<PdfImageData> image = ReadPngImage(std::move(png_bytes));
  if (!image.ok()) return Fail(kind, image.error().message);
  Add(PdfBlock{ImageBlock{std::move(image).value(), width_mm}});
}

void PdfDocument::Form(std::vector<PdfFormRow> rows) {
  const char* const kind = "表单";
  if (rows.empty()) return Fail(kind, "表单至少需要一行");
  FormBlock form;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].empty()) return Fail(kind, "表单第 " + std::to_string(r + 1) + " 行没有栏目");
    std::vector<FormFieldBlock> fields;
    for (std::size_t f = 0; f < rows[r].size(); ++f) {
      PdfFormField& field = rows[r][f];
      const std::string where =
          "（第 " + std::to_string(r + 1) + " 行第 " + std::to_string(f + 1) + " 栏）";
      if (!std::isfinite(field.width_share) || field.width_share <= 0) {
        return Fail(kind, "栏宽比例必须为正数" + where);
      }
      for (const std::string* text : {&field.label, &field.value}) {
        const std::string problem = TextProblem(*text);
        if (!problem.empty()) return Fail(kind, problem + where);
      }
      FormFieldBlock block{.label = std::move(field.label),
                           .value = std::move(field.value),
                           .width_share = field.width_share,
                           .image_height_mm = field.image_height_mm};
      if (!field.png.empty()) {
        if (!std::isfinite(field.image_height_mm) || field.image_height_mm <= 0) {
          return Fail(kind, "图片高度必须为正数（毫米）" + where);
        }
        Result<PdfImageData> image = ReadPngImage(std::move(field.png));
        if (!image.ok()) return Fail(kind, image.error().message + where);
        block.has_image = true;
        block.image = std::move(image).value();
      }
      fields.push_back(std::move(block));
    }
    form.rows.push_back(std::move(fields));
  }
  Add(PdfBlock{std::move(form)});
}

void PdfDocument::Photo(std::string bytes, double width_mm, double max_height_mm,
                        std::string caption) {
  const char* const kind = "照片";
  if (!std::isfinite(width_mm) || width_mm <= 0 || !std::isfinite(max_height_mm) ||
      max_height_mm <= 0) {
    return Fail(kind, "照片的宽度和最大高度必须为正数（毫米）");
  }
  const std::string problem = TextProblem(caption);
  if (!problem.empty()) return Fail(kind, problem + "（照片说明）");
  Result<PdfImageData> image = ReadPhotoImage(std::move(bytes));
  if (!image.ok()) return Fail(kind, image.error().message);
  Add(PdfBlock{PhotoBlock{std::move(image).value(), width_mm, max_height_mm, std::move(caption)}});
}

void PdfDocument::SignOff(std::string text) {
  AddText("落款", PdfBlock{TextBlock{TextKind::kSignOff, std::move(text)}});
}

void PdfDocument::FooterImage(std::string png, double width_mm, std::string caption) {
  const char* const kind = "页脚图片";
  if (!footer_image_.empty()) return Fail(kind, "每个文档只能有一个页脚图片");
  if (!std::isfinite(width_mm) || width_mm <= 0 || width_mm > kMaxFooterImageMm) {
    return Fail(kind, "页脚图片宽度应在 0–30 毫米之间");
  }
  const std::string problem = TextProblem(caption);
  if (!problem.empty()) return Fail(kind, problem + "（图片说明）");
  Result<PdfImageData> image = ReadPngImage(std::move(png));
  if (!image.ok()) return Fail(kind, image.error().message);
  if (error_) return;
  footer_image_.push_back(PdfFooterImage{std::move(image).value(), width_mm, std::move(caption)});
}

void PdfDocument::Spacer(double mm) {
  if (!std::isfinite(mm) || mm < 0) return Fail("间距", "间距必须是非负数（毫米）");
  Add(PdfBlock{SpacerBlock{mm}});
}

void PdfDocument::PageBreak() { Add(PdfBlock{PageBreakBlock{}}); }

Status PdfDocument::status() const {
  if (error_) return *error_;
  return Ok();
}

Result<std::string> PdfDocument::Render() const {
  if (error_) return *error_;
  try {
    std::string pdf;
    // Declared before the surface: it must outlive the PDF's last page (see PdfImagePainter).
    PdfImagePainter painter;
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(AppendCairoBytes, &pdf, kA4Width, kA4Height));
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

      const PdfCanvas canvas{surface.get(), cr.get(), context.get(), &painter};
      const PdfFooterImage* footer = footer_image_.empty() ? nullptr : &footer_image_.front();
      ANJIAN_ASSIGN_OR_RETURN(const int pages,
                              LayOutBlocks(canvas, blocks_, footer, /*total_pages=*/0));
      ANJIAN_ASSIGN_OR_RETURN(const int painted, LayOutBlocks(canvas, blocks_, footer, pages));
      // Same blocks, same context, same decisions: only the drawing differs.
      ANJIAN_ASSERT(painted == pages);
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
