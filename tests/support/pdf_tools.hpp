// Looks into rendered PDFs with the poppler command-line tools (pdftotext, pdfinfo, pdfimages,
// pdftoppm) and decodes QR codes with zbarimg, so that tests assert on what a reader of the PDF
// gets rather than on our own layout code. Self-contained (no Anjian libraries): shared by the io
// and app test binaries.
#pragma once

#include <string>
#include <vector>

namespace anjian::test_support {

// Standard output of a shell command ("" if it could not start).
std::string RunCommand(const std::string& command);

// Writes bytes to a file; aborts the test binary on failure.
void WriteBytes(const std::string& path, const std::string& bytes);

// Text of one page (1-based) or of all pages (page 0), from pdftotext -layout, with all ASCII
// whitespace removed: pdftotext spaces out justified CJK text and breaks lines where the PDF does.
std::string PdfText(const std::string& path, int page = 0);

// The page count pdfinfo reports; 0 (and a test failure) if it reports none.
int PdfPageCount(const std::string& path);

// One row of `pdfimages -list` of type "image": an image drawn on a page (the soft masks that carry
// a PNG's transparency are listed separately by pdfimages and left out here).
struct PdfImageRow {
  int page = 0;
  int width = 0;  // pixels, as stored
  int height = 0;
  std::string encoding;  // "jpeg" (DCTDecode), "image" (Flate), …
  int object_id = 0;
};
std::vector<PdfImageRow> PdfImages(const std::string& path);

// Renders page `page` to a PNG at `dpi` with pdftoppm; returns the PNG's path ("" on failure).
std::string RenderPagePng(const std::string& pdf_path, int page, int dpi);

// Every QR code zbarimg finds in an image file, as decoded text.
std::vector<std::string> DecodeQrCodes(const std::string& image_path);

}  // namespace anjian::test_support
