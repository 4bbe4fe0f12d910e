// PdfDocument's blocks for enforcement forms: Form, Photo, SignOff, FooterImage, status().
// LeakSanitizer suppressions for cairo/fontconfig: tests/support/pdf_leak_suppressions.cpp.
#include <cairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "io/io_test_support.hpp"
#include "io/pdf_document.hpp"
#include "io/qr_code.hpp"
#include "support/pdf_tools.hpp"
#include "support/result_matchers.hpp"
#include "support/sample_images.hpp"

namespace anjian::io {
namespace {

using io_test::TempDir;
using test_support::PdfImageRow;
using test_support::PdfImages;
using test_support::PdfPageCount;
using test_support::PdfText;
using test_support::WriteBytes;
using ::testing::HasSubstr;
using ::testing::Not;

std::string WritePdf(const TempDir& dir, const std::string& name, const PdfDocument& document) {
  Result<std::string> pdf = document.Render();
  EXPECT_OK(pdf);
  if (!pdf.ok()) return "";
  const std::string path = dir.File(name);
  WriteBytes(path, *pdf);
  return path;
}

TEST(PdfFormTest, LabelsAndValuesAreExtractableSideBySide) {
  PdfDocument document("表单");
  document.Form({
      {{.label = "被检查单位", .value = "福州市某某机械有限公司"},
       {.label = "地址", .value = "鼓楼区某某路 18 号"}},
      {{.label = "检查场所", .value = "生产车间、成品仓库"}},
      {{.label = "", .value = "没有标签的整行说明"}},
  });
  TempDir dir;
  const std::string text = PdfText(WritePdf(dir, "form.pdf", document));
  EXPECT_THAT(text, HasSubstr("被检查单位福州市某某机械有限公司地址鼓楼区某某路18号"));
  EXPECT_THAT(text, HasSubstr("检查场所生产车间、成品仓库"));
  EXPECT_THAT(text, HasSubstr("没有标签的整行说明"));
}

TEST(PdfFormTest, RowTallerThanAPageContinuesOnTheNextPages) {
  std::string long_value;
  for (int i = 1; i <= 120; ++i) long_value += "第" + std::to_string(i) + "条检查情况说明\n";
  PdfDocument document("长表单");
  document.Form({{{.label = "检查情况", .value = long_value}}});
  TempDir dir;
  const std::string path = WritePdf(dir, "long.pdf", document);
  EXPECT_GE(PdfPageCount(path), 3);
  const std::string text = PdfText(path);
  EXPECT_THAT(text, HasSubstr("第1条检查情况说明"));
  EXPECT_THAT(text, HasSubstr("第120条检查情况说明"));
}

TEST(PdfFormTest, SignatureImageIsDrawnInTheValueCell) {
  PdfDocument document("签名");
  document.Form({{{.label = "检查人员（签名）",
                   .value = "张三",
                   .png = test_support::MakeSignaturePng(300, 100),
                   .image_height_mm = 12}}});
  TempDir dir;
  const std::string path = WritePdf(dir, "signature.pdf", document);
  const std::vector<PdfImageRow> images = PdfImages(path);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].width, 300);
  EXPECT_EQ(images[0].height, 100);
  // The label is centred beside the taller value cell, so the two lines do not share a baseline.
  EXPECT_THAT(PdfText(path), HasSubstr("检查人员（签名）"));
  EXPECT_THAT(PdfText(path), HasSubstr("张三"));
}

TEST(PdfFormTest, InvalidFieldsAreRejectedNamingTheField) {
  PdfDocument empty("x");
  empty.Form({});
  EXPECT_ERROR_CODE(empty.Render(), kInvalidArgument);

  PdfDocument bad_share("x");
  bad_share.Form({{{.label = "a", .value = "b", .width_share = 0}}});
  EXPECT_ERROR_CODE(bad_share.status(), kInvalidArgument);

  PdfDocument bad_png("x");
  bad_png.Form(
      {{{.label = "a", .value = "b"}, {.label = "签名", .value = "", .png = "not a png"}}});
  ASSERT_ERROR_CODE(bad_png.status(), kInvalidArgument);
  EXPECT_THAT(bad_png.status().error().message, HasSubstr("图片不是有效的 PNG"));
  EXPECT_THAT(bad_png.status().error().message, HasSubstr("第 1 行第 2 栏"));
}

TEST(PdfPhotoTest, JpegIsEmbeddedByteForByte) {
  const std::string jpeg = test_support::MakePhotoJpeg(640, 480, 80, /*seed=*/7);
  PdfDocument document("照片");
  document.Photo(jpeg, 150, 95, "图1　配电箱无警示标志");
  TempDir dir;
  const std::string path = WritePdf(dir, "photo.pdf", document);
  const std::vector<PdfImageRow> images = PdfImages(path);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].encoding, "jpeg");
  EXPECT_EQ(images[0].width, 640);
  EXPECT_EQ(images[0].height, 480);
  // Not re-encoded: the original file is inside the PDF as it was.
  Result<std::string> pdf = document.Render();
  ASSERT_OK(pdf);
  EXPECT_NE(pdf->find(jpeg), std::string::npos);
  EXPECT_THAT(PdfText(path), HasSubstr("图1配电箱无警示标志"));
}

TEST(PdfPhotoTest, PngPhotoIsAccepted) {
  PdfDocument document("照片");
  document.Photo(test_support::MakeSignaturePng(200, 150), 100, 80, "");
  TempDir dir;
  const std::vector<PdfImageRow> images = PdfImages(WritePdf(dir, "png.pdf", document));
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].encoding, "image");
}

struct Box {
  int left = 1 << 30, top = 1 << 30, right = -1, bottom = -1;
  void Add(int x, int y) {
    left = std::min(left, x);
    top = std::min(top, y);
    right = std::max(right, x);
    bottom = std::max(bottom, y);
  }
  bool empty() const { return right < 0; }
};

// Where the page (rendered by poppler) is red and where it is blue.
std::pair<Box, Box> RedAndBlueBoxes(const std::string& png_path) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> page(
      cairo_image_surface_create_from_png(png_path.c_str()), cairo_surface_destroy);
  EXPECT_EQ(cairo_surface_status(page.get()), CAIRO_STATUS_SUCCESS) << png_path;
  Box red, blue;
  const unsigned char* data = cairo_image_surface_get_data(page.get());
  const int stride = cairo_image_surface_get_stride(page.get());
  for (int y = 0; y < cairo_image_surface_get_height(page.get()); ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
    for (int x = 0; x < cairo_image_surface_get_width(page.get()); ++x) {
      const int r = (row[x] >> 16) & 0xFF, g = (row[x] >> 8) & 0xFF, b = row[x] & 0xFF;
      if (r > 200 && g < 60 && b < 60) red.Add(x, y);
      if (b > 200 && r < 60 && g < 60) blue.Add(x, y);
    }
  }
  return {red, blue};
}

TEST(PdfPhotoTest, ExifOrientationShowsThePhotoUpright) {
  // Stored 200 × 100 with red on the left; orientation 6 means "turn 90° clockwise to view", so
  // the viewer sees 100 × 200 with red on top.
  const std::string jpeg = test_support::MakeTwoColourJpeg(200, 100, {230, 0, 0}, {0, 0, 230}, 6);
  PdfDocument document("方向");
  document.Photo(jpeg, 50, 100, "");
  TempDir dir;
  const std::string path = WritePdf(dir, "oriented.pdf", document);
  const std::vector<PdfImageRow> images = PdfImages(path);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].encoding, "jpeg");
  EXPECT_EQ(images[0].width, 200);  // stored as it was

  const auto [red, blue] = RedAndBlueBoxes(test_support::RenderPagePng(path, 1, 40));
  ASSERT_FALSE(red.empty());
  ASSERT_FALSE(blue.empty());
  EXPECT_LT(red.bottom, blue.top);      // red above blue
  EXPECT_NEAR(red.left, blue.left, 2);  // one column
  const int width = blue.right - red.left + 1;
  const int height = blue.bottom - red.top + 1;
  EXPECT_NEAR(static_cast<double>(height) / width, 2.0, 0.1);  // portrait
}

TEST(PdfPhotoTest, RejectsWhatIsNotAJpegOrPng) {
  PdfDocument text("x");
  text.Photo("hello", 100, 100, "");
  ASSERT_ERROR_CODE(text.status(), kInvalidArgument);
  EXPECT_THAT(text.status().error().message, HasSubstr("JPEG 或 PNG"));

  PdfDocument truncated("x");
  truncated.Photo(std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 11), 100, 100, "");
  ASSERT_ERROR_CODE(truncated.status(), kInvalidArgument);
  EXPECT_THAT(truncated.status().error().message, HasSubstr("不是有效的 JPEG"));

  PdfDocument bad_size("x");
  bad_size.Photo(test_support::MakePhotoJpeg(16, 16, 80, 1), 0, 100, "");
  EXPECT_ERROR_CODE(bad_size.status(), kInvalidArgument);
}

TEST(PdfSignOffTest, LinesAreRightAligned) {
  PdfDocument document("落款");
  document.Paragraph("正文。");
  document.SignOff("福州市某某街道办事处（印章）\n2026年11月23日");
  TempDir dir;
  const std::string path = WritePdf(dir, "signoff.pdf", document);
  // pdftotext -x/-y/-W/-H crop in points at its default 72 dpi; the page is 595 pt wide.
  const auto crop = [&](int x, int width) {
    std::string text =
        test_support::RunCommand("pdftotext -x " + std::to_string(x) + " -y 0 -W " +
                                 std::to_string(width) + " -H 842 '" + path + "' - 2>&1");
    text.erase(
        std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n'; }),
        text.end());
    return text;
  };
  EXPECT_THAT(crop(300, 295), HasSubstr("2026年11月23日"));
  EXPECT_THAT(crop(300, 295), HasSubstr("（印章）"));
  EXPECT_THAT(crop(0, 300), Not(HasSubstr("2026年11月23日")));
  EXPECT_THAT(crop(0, 300), HasSubstr("正文"));
}

TEST(PdfFooterImageTest, QrCodeOnEveryPageIsEmbeddedOnceAndScans) {
  const std::string url = "https://anjian.example/verify/77?h=00112233445566778899aabbccddeeff";
  Result<std::string> qr = QrCodePng(url);
  ASSERT_OK(qr);
  PdfDocument document("三页");
  document.FooterImage(*qr, 22, "扫码核验");
  document.Paragraph("第一页");
  document.PageBreak();
  document.Paragraph("第二页");
  document.PageBreak();
  document.Paragraph("第三页");
  TempDir dir;
  const std::string path = WritePdf(dir, "footer.pdf", document);
  ASSERT_EQ(PdfPageCount(path), 3);
  const std::vector<PdfImageRow> images = PdfImages(path);
  ASSERT_EQ(images.size(), 3u);
  for (const PdfImageRow& image : images) EXPECT_EQ(image.object_id, images[0].object_id);
  for (int page = 1; page <= 3; ++page) EXPECT_THAT(PdfText(path, page), HasSubstr("扫码核验"));
  EXPECT_EQ(test_support::DecodeQrCodes(test_support::RenderPagePng(path, 2, 200)),
            std::vector<std::string>{url});
}

TEST(PdfFooterImageTest, OnlyOneAndAtMostThirtyMillimetres) {
  Result<std::string> qr = QrCodePng("x");
  ASSERT_OK(qr);
  PdfDocument twice("x");
  twice.FooterImage(*qr, 22, "");
  twice.FooterImage(*qr, 22, "");
  EXPECT_ERROR_CODE(twice.Render(), kInvalidArgument);
  PdfDocument wide("x");
  wide.FooterImage(*qr, 31, "");
  EXPECT_ERROR_CODE(wide.status(), kInvalidArgument);
}

TEST(PdfDocumentStatusTest, ReportsTheFirstErrorAsRenderWould) {
  PdfDocument document("x");
  EXPECT_OK(document.status());
  document.Paragraph("fine");
  document.Paragraph(std::string("\xFF", 1));
  document.Spacer(-1);
  ASSERT_ERROR_CODE(document.status(), kInvalidArgument);
  EXPECT_THAT(document.status().error().message, HasSubstr("UTF-8"));
  EXPECT_EQ(document.Render().error().message, document.status().error().message);
}

}  // namespace
}  // namespace anjian::io
