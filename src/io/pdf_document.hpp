// PdfDocument: a small block-flow writer for official documents in Chinese (annual inspection
// plans, enforcement forms with photos, signatures and a verification QR code). Blocks are laid out
// top to bottom on A4 pages with the GB/T 9704 type area (margins 37/26/35/28 mm), break across
// pages automatically and get a "第 N 页 共 M 页" footer. Body text is Noto Serif CJK SC 16 pt
// (三号) on a 29 pt line pitch (22 lines a page); headings, tables and the footer use Noto Sans CJK
// SC; fontconfig substitutes if either is missing. Rendering uses cairo (PDF surface) and pango
// (CJK line breaking and justification).
//
//   PdfDocument doc("2025 年度安全生产监督检查计划");
//   doc.Title("2025 年度安全生产监督检查计划");
//   doc.Subtitle("榕安监〔2025〕第1号");
//   doc.Heading("一、检查范围");
//   doc.Paragraph("根据《中华人民共和国安全生产法》……");
//   doc.Table({{"序号", 1}, {"单位名称", 4}}, {{"1", "福州市某某有限公司"}});
//   Result<std::string> pdf = doc.Render();
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace anjian::io {

// Internal: one block of the document and the footer image, defined in pdf_blocks.hpp.
struct PdfBlock;
struct PdfFooterImage;

struct PdfTableColumn {
  std::string header;
  double width_share = 1;  // relative to the other columns' shares; must be positive
};

// One field of a form row: a label cell and a value cell, e.g. 被检查单位 | 某某有限公司.
struct PdfFormField {
  std::string label;            // "" → the value cell fills the whole field
  std::string value;            // wraps; '\n' starts a new line
  double width_share = 1;       // share of the row for label and value together; positive
  std::string png;              // optional PNG under the value text, e.g. a handwritten signature
  double image_height_mm = 12;  // the PNG's height (less if the cell is too narrow for it)
};
using PdfFormRow = std::vector<PdfFormField>;

// Builder methods never fail: the first invalid input (text that is not UTF-8 or contains U+0000,
// a bad PNG, a negative size, a table row with the wrong number of cells, ...) is remembered, that
// block is dropped, and Render returns the error (kInvalidArgument, Chinese message naming the
// block). Callers supply their own numbering ("一、", "（一）").
//
// Thread-safety: a PdfDocument is thread-compatible (const methods may run concurrently on one
// document). Render may run concurrently on different threads, for the same or different
// documents: each call has its own cairo surface and pango context, and fonts come from pango's
// default font map, which is per thread (pango >= 1.32) and freed when the thread exits. The
// first Render on a thread therefore pays for loading the CJK fonts (tens of milliseconds); keep
// rendering on long-lived (pool) threads rather than a new thread per document.
class PdfDocument {
 public:
  // `title` goes into the PDF metadata (document properties), not onto the page.
  explicit PdfDocument(std::string title);
  ~PdfDocument();
  PdfDocument(const PdfDocument& other);
  PdfDocument& operator=(const PdfDocument& other);
  PdfDocument(PdfDocument&& other) noexcept;
  PdfDocument& operator=(PdfDocument&& other) noexcept;

  // Document title: centred, 22 pt (二号) bold serif, like a 公文 title. Long titles wrap.
  void Title(std::string text);
  // Centred line under the title, 16 pt, e.g. the document number "〔2025〕第1号".
  void Subtitle(std::string text);
  // Section heading in bold sans, indented two characters like the body (GB/T 9704): level 1
  // ("一、…", 16 pt) or level 2 ("（一）…", 15 pt); any other level is an error. Kept on the same
  // page as the start of the next block, and listed in the PDF outline (bookmarks).
  void Heading(std::string text, int level = 1);
  // Body paragraph: justified, first line indented by two characters, CJK-aware wrapping; may
  // break across pages between lines. A '\n' in the text starts a new (indented) paragraph.
  void Paragraph(std::string text);
  // One body-style line (wraps if too long) without indent, left aligned, e.g. "附件：…".
  void PlainLine(std::string text);
  // Table over the full type-area width, columns sized by width_share, 10.5 pt (五号) sans, grid
  // lines, bold shaded header repeated at the top of every page the table reaches. Cells wrap;
  // '\n' in a cell starts a new line. Every row must have exactly columns.size() cells. A row is
  // never split across pages unless it is taller than a whole page. Errors: no columns, a
  // non-positive share, a row with the wrong number of cells, non-UTF-8 text.
  void Table(std::vector<PdfTableColumn> columns, std::vector<std::vector<std::string>> rows);
  // PNG image from memory (signatures, seals, QR codes), centred, width_mm wide (scaled down to fit
  // the type area), aspect ratio kept, pixels not smoothed when enlarged. Errors: not a decodable
  // PNG ("图片不是有效的 PNG"), more than 8192 pixels a side or 16 million in all, width_mm not
  // positive.
  void Image(std::string png_bytes, double width_mm);
  // Bordered key/value form over the full type-area width, 10.5 pt sans like Table, e.g.
  //   {{"被检查单位", "某某有限公司"}, {"地址", "某某路 1 号"}}, {{"检查场所", "生产车间"}}
  // Each row is divided among its fields by width_share; a label cell is as wide as the widest
  // label at its position in rows with as many fields (so labels line up down the form) on one
  // line, at most 60 mm and 60 % of the field (longer labels wrap); labels are centred, the value
  // cell takes the rest. Cells are top-aligned. A row stays on one page unless it is taller than a
  // page; then its text lines are split across pages (an image never is). Errors: no rows, an
  // empty row, a non-positive share or image height, non-UTF-8 text, a PNG Image would refuse.
  void Form(std::vector<PdfFormRow> rows);
  // Photograph (JPEG or PNG, told apart by their signatures) centred and scaled to fit width_mm ×
  // max_height_mm and the type area, aspect ratio kept, with `caption` centred under it (10.5 pt;
  // may be empty); photo and caption stay on one page. A JPEG is embedded as it is (DCTDecode, not
  // decoded or re-encoded) and shown upright according to its EXIF orientation. Errors: neither
  // JPEG nor PNG, a JPEG header libjpeg cannot read, CMYK or arithmetic-coded JPEG, the size limits
  // of Image, sizes not positive.
  void Photo(std::string bytes, double width_mm, double max_height_mm, std::string caption);
  // Right-aligned body-style lines ending two characters from the right edge, kept on one page:
  // the issuing authority and date under a letter ("某某街道办事处（印章）\n2026年11月23日").
  void SignOff(std::string text);
  // PNG drawn on every page at the bottom right, in the margin under the type area, width_mm wide
  // (at most 30 mm), with a one-line caption under it in 9 pt, e.g. a QR code for verifying the
  // document, so any single page can be checked. At most one per document. Errors: as Image, a
  // width outside (0, 30], a second footer image.
  void FooterImage(std::string png, double width_mm, std::string caption);
  // Vertical space; space that does not fit on the page ends the page (and is not carried over).
  // Errors: negative or not finite.
  void Spacer(double mm);
  // The next block starts on a new page. Consecutive breaks, a break at the top of a page and a
  // break at the end of the document add no empty page.
  void PageBreak();

  // The first invalid builder input so far (the error Render would return), or Ok: lets a caller
  // name the thing it added (e.g. which photo) when a block is refused.
  Status status() const;

  // Lays the blocks out and returns the PDF bytes (PDF 1.5, fonts subset-embedded, Chinese text
  // extractable). An empty document is one page with only the footer. Errors: the first invalid
  // builder input (see above); kInternal if cairo fails. Takes about 35 ms for one page and 60 ms
  // for ten in an optimised build; most of the fixed part is cairo 1.16 reading each Noto CJK face
  // used (up to four, ~20 MB of CFF each) in full while embedding the subset.
  Result<std::string> Render() const;

 private:
  void AddText(const char* kind_name, PdfBlock block);
  void Add(PdfBlock block);
  // Remembers the first error, naming the block about to be added.
  void Fail(const char* kind_name, const std::string& problem);

  std::string title_;
  std::vector<PdfBlock> blocks_;
  std::vector<PdfFooterImage> footer_image_;  // at most one
  std::optional<Error> error_;
};

}  // namespace anjian::io
