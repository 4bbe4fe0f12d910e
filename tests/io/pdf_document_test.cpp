#include "io/pdf_document.hpp"

#include <cairo.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "io/io_test_support.hpp"
#include "support/pdf_tools.hpp"

// LeakSanitizer suppressions for cairo/fontconfig: tests/support/pdf_leak_suppressions.cpp.

namespace anjian::io {
namespace {

using io_test::TempDir;
using io_test::WriteFileOrDie;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using test_support::RunCommand;

// pdftotext may put spaces between justified CJK characters and breaks lines where the PDF does;
// the tests compare text with all ASCII whitespace removed.
std::string WithoutSpaces(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\f'; }),
             text.end());
  return text;
}

// Text of page `page` (1-based), or of all pages when page is 0, without whitespace.
std::string PdfText(const std::string& path, int page = 0) {
  std::string range;
  if (page > 0) range = " -f " + std::to_string(page) + " -l " + std::to_string(page);
  return WithoutSpaces(RunCommand("pdftotext -layout" + range + " '" + path + "' - 2>&1"));
}

int PdfPages(const std::string& path) {
  const std::string info = RunCommand("pdfinfo '" + path + "' 2>&1");
  std::smatch match;
  static const std::regex kPages(R"(Pages:\s+(\d+))");
  if (!std::regex_search(info, match, kPages)) {
    ADD_FAILURE() << "pdfinfo output without a page count:\n" << info;
    return 0;
  }
  return std::stoi(match[1]);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A small red square with a transparent border, as PNG bytes.
std::string TinyPng(int side = 16) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.8, 0, 0);
  cairo_rectangle(cr, 2, 2, side - 4, side - 4);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, AppendToString, &png);
  cairo_surface_destroy(surface);
  return png;
}

std::string WritePdf(const TempDir& dir, const std::string& name, const PdfDocument& document) {
  Result<std::string> pdf = document.Render();
  EXPECT_TRUE(pdf.ok()) << pdf.error().message;
  if (!pdf.ok()) return "";
  EXPECT_THAT(*pdf, StartsWith("%PDF-"));
  const std::string path = dir.File(name);
  WriteFileOrDie(path, *pdf);
  return path;
}

const char kLongParagraph[] =
    "为贯彻落实《中华人民共和国安全生产法》和《安全生产监管监察部门行政执法检查计划编制办法》，"
    "进一步规范安全生产监督检查工作，提高执法检查的针对性和有效性，根据本辖区生产经营单位的"
    "数量、规模、风险等级和监管力量等实际情况，结合“双随机、一公开”监管要求，制定本年度安全"
    "生产监督检查计划。各检查组要严格按照计划开展检查，对检查中发现的事故隐患，依法责令立即"
    "排除或者限期整改，并跟踪复查，确保隐患整改到位、闭环销号。";

PdfDocument AnnualPlan(int table_rows) {
  PdfDocument document("2025 年度安全生产监督检查计划");
  document.Title("福州市某某区应急管理局2025年度安全生产监督检查计划");
  document.Subtitle("榕某应急〔2025〕第1号");
  document.Heading("一、指导思想");
  document.Paragraph(kLongParagraph);
  document.Heading("（一）检查重点", 2);
  document.Paragraph(std::string(kLongParagraph) + "\n" + kLongParagraph);
  document.PlainLine("附件：重点检查单位名单");
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= table_rows; ++i) {
    rows.push_back({std::to_string(i), "福州市第" + std::to_string(i) + "号化工有限公司",
                    i % 3 == 0 ? "危险化学品" : "工贸行业",
                    "第" + std::to_string((i % 4) + 1) + "季度"});
  }
  document.Table({{"序号", 1}, {"单位名称", 5}, {"行业", 2}, {"检查时间", 2}}, rows);
  document.Spacer(10);
  document.Image(TinyPng(), 20);
  document.PlainLine("（盖章）");
  return document;
}

TEST(PdfDocumentTest, RendersMultiPagePlanWithExtractableChineseText) {
  TempDir dir;
  const std::string path = WritePdf(dir, "plan.pdf", AnnualPlan(200));
  ASSERT_FALSE(path.empty());

  const int pages = PdfPages(path);
  EXPECT_GT(pages, 1);
  const std::string text = PdfText(path);
  EXPECT_THAT(text, HasSubstr("福州市某某区应急管理局2025年度安全生产监督检查计划"));
  EXPECT_THAT(text, HasSubstr("榕某应急〔2025〕第1号"));
  EXPECT_THAT(text, HasSubstr("一、指导思想"));
  EXPECT_THAT(text, HasSubstr("（一）检查重点"));
  EXPECT_THAT(text, HasSubstr("为贯彻落实《中华人民共和国安全生产法》"));
  EXPECT_THAT(text, HasSubstr("附件：重点检查单位名单"));
  EXPECT_THAT(text, HasSubstr("福州市第200号化工有限公司"));
  EXPECT_THAT(text, HasSubstr("（盖章）"));
  EXPECT_THAT(text, HasSubstr("共" + std::to_string(pages) + "页"));
  EXPECT_THAT(PdfText(path, 1), HasSubstr("第1页共" + std::to_string(pages) + "页"));
  EXPECT_THAT(PdfText(path, pages),
              HasSubstr("第" + std::to_string(pages) + "页共" + std::to_string(pages) + "页"));
  EXPECT_THAT(RunCommand("pdfinfo '" + path + "'"), HasSubstr("2025 年度安全生产监督检查计划"));
}

TEST(PdfDocumentTest, RepeatsTableHeaderAndKeepsRowsOnOnePage) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 60; ++i) {
    const std::string id = std::to_string(i);
    rows.push_back({id, "甲" + id + "行上\n甲" + id + "行中\n甲" + id + "行下"});
  }
  PdfDocument document("表格");
  document.Paragraph("表格前的段落。");
  document.Table({{"编号", 1}, {"检查内容", 4}}, rows);
  TempDir dir;
  const std::string path = WritePdf(dir, "table.pdf", document);
  ASSERT_FALSE(path.empty());

  const int pages = PdfPages(path);
  ASSERT_GT(pages, 2);
  std::vector<int> rows_seen(rows.size() + 1, 0);
  for (int page = 1; page <= pages; ++page) {
    const std::string text = PdfText(path, page);
    EXPECT_THAT(text, HasSubstr("检查内容")) << "page " << page;
    for (int i = 1; i <= 60; ++i) {
      const std::string id = std::to_string(i);
      const bool top = text.find("甲" + id + "行上") != std::string::npos;
      const bool middle = text.find("甲" + id + "行中") != std::string::npos;
      const bool bottom = text.find("甲" + id + "行下") != std::string::npos;
      EXPECT_TRUE(top == middle && middle == bottom) << "row " << i << " split on page " << page;
      rows_seen[i] += top ? 1 : 0;
    }
  }
  for (int i = 1; i <= 60; ++i) EXPECT_EQ(rows_seen[i], 1) << "row " << i;
}

TEST(PdfDocumentTest, TableHeaderMovesWithFirstRowToNextPage) {
  PdfDocument document("表头");
  // 20 of the 22 body lines: room for the header and one text line, not for a three-line row.
  for (int i = 1; i <= 20; ++i) document.PlainLine("第" + std::to_string(i) + "行");
  document.Table({{"编号", 1}, {"检查内容", 4}}, {{"1", "上\n中\n下"}});
  TempDir dir;
  const std::string path = WritePdf(dir, "header.pdf", document);
  ASSERT_FALSE(path.empty());
  ASSERT_EQ(PdfPages(path), 2);
  EXPECT_THAT(PdfText(path, 1), HasSubstr("第20行"));
  EXPECT_THAT(PdfText(path, 1), Not(HasSubstr("检查内容")));
  EXPECT_THAT(PdfText(path, 2), HasSubstr("检查内容"));
}

TEST(PdfDocumentTest, SplitsRowTallerThanAPage) {
  std::string tall;
  for (int i = 1; i <= 150; ++i) tall += "第" + std::to_string(i) + "条\n";
  tall += "最后一条";
  PdfDocument document("长单元格");
  document.Table({{"序号", 1}, {"内容", 4}}, {{"1", tall}, {"2", "下一行"}});
  TempDir dir;
  const std::string path = WritePdf(dir, "tall.pdf", document);
  ASSERT_FALSE(path.empty());
  EXPECT_GT(PdfPages(path), 2);
  const std::string text = PdfText(path);
  EXPECT_THAT(text, HasSubstr("第150条"));
  EXPECT_THAT(text, HasSubstr("最后一条"));
  EXPECT_THAT(text, HasSubstr("下一行"));
}

TEST(PdfDocumentTest, EmptyDocumentIsOnePageWithFooter) {
  TempDir dir;
  const std::string path = WritePdf(dir, "empty.pdf", PdfDocument("空白"));
  ASSERT_FALSE(path.empty());
  EXPECT_EQ(PdfPages(path), 1);
  EXPECT_THAT(PdfText(path), HasSubstr("第1页共1页"));
}

TEST(PdfDocumentTest, PageBreaksNeverAddEmptyPages) {
  PdfDocument document("分页");
  document.PageBreak();
  document.PlainLine("第一页内容");
  document.PageBreak();
  document.PageBreak();
  document.PlainLine("第二页内容");
  document.PageBreak();
  TempDir dir;
  const std::string path = WritePdf(dir, "breaks.pdf", document);
  ASSERT_FALSE(path.empty());
  ASSERT_EQ(PdfPages(path), 2);
  EXPECT_THAT(PdfText(path, 1), HasSubstr("第一页内容"));
  EXPECT_THAT(PdfText(path, 2), HasSubstr("第二页内容"));
}

TEST(PdfDocumentTest, LongParagraphFlowsOntoFollowingPages) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += kLongParagraph;
  text += "本段到此结束。";
  PdfDocument document("长段落");
  document.Paragraph(text);
  TempDir dir;
  const std::string path = WritePdf(dir, "paragraph.pdf", document);
  ASSERT_FALSE(path.empty());
  const int pages = PdfPages(path);
  EXPECT_GT(pages, 1);
  EXPECT_THAT(PdfText(path, pages), HasSubstr("本段到此结束。"));
}

TEST(PdfDocumentTest, InvalidUtf8IsRejected) {
  PdfDocument document("检查计划");
  document.Title("标题");
  document.Paragraph("段落\xE4\xB8");
  document.Paragraph("之后的有效段落");
  const Result<std::string> pdf = document.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(pdf.error().message, StartsWith("文本不是有效的 UTF-8"));
  EXPECT_THAT(pdf.error().message, HasSubstr("第 2 个内容块（段落）"));
}

TEST(PdfDocumentTest, InvalidUtf8InTableCellNamesTheCell) {
  PdfDocument document("检查计划");
  document.Table({{"序号", 1}, {"名称", 3}}, {{"1", "甲"}, {"2", "乙"}, {"3", "\xFF"}});
  const Result<std::string> pdf = document.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(pdf.error().message, StartsWith("文本不是有效的 UTF-8"));
  EXPECT_THAT(pdf.error().message, HasSubstr("第 3 行第 2 列"));
}

TEST(PdfDocumentTest, InvalidUtf8InMetadataTitleIsRejected) {
  PdfDocument document("\xC0\xAF");
  document.Paragraph("正文");
  const Result<std::string> pdf = document.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_THAT(pdf.error().message, StartsWith("文本不是有效的 UTF-8"));
}

TEST(PdfDocumentTest, NulCharacterIsRejected) {
  PdfDocument document("检查计划");
  document.PlainLine(std::string("前\0后", 7));
  const Result<std::string> pdf = document.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_THAT(pdf.error().message, HasSubstr("U+0000"));
}

TEST(PdfDocumentTest, NonPngImageIsRejected) {
  for (const std::string& bytes :
       {std::string(), std::string("GIF89a not a png at all, just some bytes"),
        TinyPng().substr(0, 40), TinyPng().substr(0, 33) + std::string(40, 'x')}) {
    PdfDocument document("图片");
    document.Image(bytes, 20);
    const Result<std::string> pdf = document.Render();
    ASSERT_FALSE(pdf.ok()) << bytes.size() << " bytes";
    EXPECT_EQ(pdf.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(pdf.error().message, StartsWith("图片不是有效的 PNG"));
  }
}

TEST(PdfDocumentTest, HugePngHeaderIsRejectedBeforeDecoding) {
  std::string png = TinyPng();
  // IHDR width and height are the big-endian words at offsets 16 and 20.
  for (int offset : {16, 20}) {
    png[offset] = 0;
    png[offset + 1] = 1;
    png[offset + 2] = 0;
    png[offset + 3] = 0;
  }
  PdfDocument document("图片");
  document.Image(png, 20);
  const Result<std::string> pdf = document.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_THAT(pdf.error().message, HasSubstr("图片尺寸过大"));
}

TEST(PdfDocumentTest, InvalidArgumentsAreRejected) {
  auto error_of = [](void (*build)(PdfDocument&)) {
    PdfDocument document("参数");
    build(document);
    const Result<std::string> pdf = document.Render();
    return pdf.ok() ? std::string("<ok>") : pdf.error().message;
  };
  EXPECT_THAT(error_of([](PdfDocument& d) { d.Heading("三级", 3); }), HasSubstr("标题级别"));
  EXPECT_THAT(error_of([](PdfDocument& d) { d.Table({}, {}); }), HasSubstr("至少需要一列"));
  EXPECT_THAT(error_of([](PdfDocument& d) { d.Table({{"甲", 0}}, {}); }), HasSubstr("列宽比例"));
  EXPECT_THAT(error_of([](PdfDocument& d) {
                d.Table({{"甲", 1}, {"乙", 1}}, {{"1"}});
              }),
              HasSubstr("表格第 1 行有 1 个单元格，应为 2 个"));
  EXPECT_THAT(error_of([](PdfDocument& d) { d.Image(TinyPng(), 0); }), HasSubstr("图片宽度"));
  EXPECT_THAT(error_of([](PdfDocument& d) { d.Spacer(-1); }), HasSubstr("间距"));
}

TEST(PdfDocumentTest, RendersConcurrentlyOnSeveralThreads) {
  constexpr int kThreads = 4;
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &results] {
      PdfDocument document("并发");
      document.Title("并发生成");
      document.Paragraph(kLongParagraph);
      document.Table({{"序号", 1}, {"单位名称", 5}},
                     {{"1", "福州市第" + std::to_string(20 + t) + "号化工有限公司"}});
      const Result<std::string> pdf = document.Render();
      results[t] = pdf.ok() ? *pdf : "error: " + pdf.error().message;
    });
  }
  for (std::thread& thread : threads) thread.join();
  TempDir dir;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_THAT(results[t], StartsWith("%PDF-")) << results[t];
    const std::string path = dir.File("thread" + std::to_string(t) + ".pdf");
    WriteFileOrDie(path, results[t]);
    EXPECT_THAT(PdfText(path), HasSubstr("福州市第" + std::to_string(20 + t) + "号化工有限公司"));
  }
}

// Not an assertion: prints render times so that regressions are visible in the test log. The test
// build has ASan and UBSan; an optimised build renders several times faster.
TEST(PdfDocumentTest, ReportsRenderTime) {
  auto time_render = [](const PdfDocument& document, std::string* pdf) {
    const auto start = std::chrono::steady_clock::now();
    Result<std::string> result = document.Render();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(result.ok());
    if (result.ok()) *pdf = std::move(result).value();
    return std::chrono::duration<double, std::milli>(elapsed).count();
  };
  PdfDocument one_page("一页");
  one_page.Title("2025年度安全生产监督检查计划");
  one_page.Heading("一、指导思想");
  one_page.Paragraph(kLongParagraph);
  one_page.Table({{"序号", 1}, {"单位名称", 5}}, {{"1", "福州市甲公司"}, {"2", "福州市乙公司"}});
  std::string pdf;
  const double first = time_render(one_page, &pdf);
  const double one = time_render(one_page, &pdf);
  const double ten = time_render(AnnualPlan(230), &pdf);
  TempDir dir;
  const std::string path = dir.File("ten.pdf");
  WriteFileOrDie(path, pdf);
  std::cout << "[ render ] 1 page: " << one << " ms (first on this thread: " << first << " ms); "
            << PdfPages(path) << " pages: " << ten << " ms\n";
}

}  // namespace
}  // namespace anjian::io
