// The blocks a PdfDocument is built from (internal to io): the builder in pdf_document.cpp checks
// and stores them, the layout in pdf_flow.cpp places and paints them.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "io/pdf_document.hpp"
#include "io/pdf_images.hpp"

namespace anjian::io {

enum class TextKind { kTitle, kSubtitle, kHeading1, kHeading2, kParagraph, kPlainLine, kSignOff };

struct TextBlock {
  TextKind kind;
  std::string text;
};

struct TableBlock {
  std::vector<PdfTableColumn> columns;
  std::vector<std::vector<std::string>> rows;
};

struct FormFieldBlock {
  std::string label;
  std::string value;
  double width_share = 1;
  bool has_image = false;
  PdfImageData image;
  double image_height_mm = 0;
};

struct FormBlock {
  std::vector<std::vector<FormFieldBlock>> rows;
};

struct ImageBlock {
  PdfImageData image;
  double width_mm;
};

struct PhotoBlock {
  PdfImageData image;
  double width_mm;
  double max_height_mm;
  std::string caption;
};

struct SpacerBlock {
  double mm;
};

struct PageBreakBlock {};

struct PdfBlock {
  std::variant<TextBlock, TableBlock, FormBlock, ImageBlock, PhotoBlock, SpacerBlock,
               PageBreakBlock>
      content;
};

// Drawn on every page, in the bottom margin at the right (the verification QR code).
struct PdfFooterImage {
  PdfImageData image;
  double width_mm;
  std::string caption;
};

}  // namespace anjian::io
