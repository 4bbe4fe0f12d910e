// RenderDocumentPdf: each enforcement form read back with poppler-utils and zbarimg, as a reader
// of the PDF would see it. LeakSanitizer suppressions: tests/support/pdf_leak_suppressions.cpp.
#include "app/documents/document_pdf.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>

#include "support/pdf_tools.hpp"
#include "support/result_matchers.hpp"
#include "support/sample_images.hpp"
#include "support/temp_dir.hpp"

namespace anjian::app {
namespace {

using domain::DocumentType;
using test_support::PdfImageRow;
using test_support::PdfImages;
using test_support::PdfPageCount;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kPhoto1 = std::string(63, 'a') + "1";
const std::string kPhoto2 = std::string(63, 'a') + "2";
const std::string kSignZhang = std::string(63, 'b') + "1";
const std::string kSignZhao = std::string(63, 'b') + "2";
const std::string kSignLi = std::string(63, 'b') + "3";
constexpr char kVerifyUrl[] =
    "https://anjian.example.gov.cn/verify/41?h=9f86d081884c7d659a2feaa0c55ad015";

// The text of the PDF without whitespace (see test_support::PdfText) and without the page footers,
// which pdftotext puts between the last line of a page and the first of the next.
std::string PdfText(const std::string& path) {
  static const std::regex kFooter("第[0-9]+页共[0-9]+页扫码核验");
  return std::regex_replace(test_support::PdfText(path), kFooter, "");
}

// Stored images by hash; anything else is "not found", as a blob store would answer.
struct ImageStore {
  std::map<std::string, std::string> bytes;
  ImageLoader Loader() const {
    return [this](std::string_view sha256) -> Result<std::string> {
      auto found = bytes.find(std::string(sha256));
      if (found == bytes.end()) return Error::NotFound("文件不存在");
      return found->second;
    };
  }
};

ImageStore SampleImages() {
  ImageStore store;
  store.bytes[kPhoto1] = test_support::MakePhotoJpeg(800, 600, 80, /*seed=*/1);
  store.bytes[kPhoto2] = test_support::MakePhotoJpeg(640, 480, 80, /*seed=*/2);
  store.bytes[kSignZhang] = test_support::MakeSignaturePng(300, 100, 1);
  store.bytes[kSignZhao] = test_support::MakeSignaturePng(301, 100, 2);
  store.bytes[kSignLi] = test_support::MakeSignaturePng(302, 100, 3);
  return store;
}

// A signed 现场检查记录 like the one in docs/inspections.md: C9 does not conform.
DocumentContent SampleRecord(int checklist_lines = 20) {
  DocumentContent d;
  d.type = DocumentType::kInspectionRecord;
  d.number = "（鼓街）应急检记〔2026〕第3号";
  d.issuer = "福州市鼓楼区某某街道办事处";
  d.issued_on = "2026-11-23";
  d.unit_name = "福州市某某机械制造有限公司";
  d.unit_address = "福州市鼓楼区工业路88号";
  d.unit_principal = "王建国";
  d.unit_phone = "0591-87654321";
  d.on_site_person = "李四";
  d.on_site_post = "安全主管";
  d.on_site_phone = "13800000000";
  d.started_at = "2026-11-23 09:00";
  d.ended_at = "2026-11-23 10:20";
  d.place = "生产车间、成品仓库";
  d.purpose = "年度计划检查";
  d.inspectors = {{"张三", "35010012", "某某街道应急办"}, {"赵六", "35010034", "某某街道应急办"}};
  for (int i = 1; i <= checklist_lines; ++i) {
    const std::string code = "C" + std::to_string(i);
    d.checklist.push_back({code, "第" + std::to_string(i) + "项检查内容：安全生产责任制落实情况",
                           i == 9 ? "不符合" : (i == 20 ? "不适用" : "符合"),
                           i == 9 ? "配电箱无警示标志" : ""});
  }
  d.problems = {{"配电箱无警示标志", "《安全生产法》第三十五条", "2026-12-07",
                 "责令于2026年12月7日前整改完毕"}};
  d.handling = "现场责令整改，下达责令限期整改指令书。";
  d.photos = {{kPhoto1, "C9 配电箱无警示标志（拍摄于 2026-11-23 09:41）"},
              {kPhoto2, "成品仓库通道"}};
  d.signatures = {{"检查人员", "张三", kSignZhang, ""},
                  {"检查人员", "赵六", kSignZhao, ""},
                  {"被检查单位现场负责人", "李四", kSignLi, ""}};
  d.verify_url = kVerifyUrl;
  return d;
}

DocumentContent WithType(DocumentContent d, DocumentType type, std::string number) {
  d.type = type;
  d.number = std::move(number);
  return d;
}

class DocumentPdfTest : public ::testing::Test {
 protected:
  // Renders and writes the PDF; "" (and a failure) if rendering fails.
  std::string Render(const DocumentContent& doc, const std::string& name) {
    Result<std::string> pdf = RenderDocumentPdf(doc, images_.Loader());
    EXPECT_OK(pdf);
    if (!pdf.ok()) return "";
    const std::string path = dir_.File(name);
    test_support::WriteBytes(path, *pdf);
    return path;
  }

  ImageStore images_ = SampleImages();
  test_support::TempDir dir_;
};

TEST_F(DocumentPdfTest, InspectionRecordShowsTheFormFieldsAsText) {
  const std::string text = PdfText(Render(SampleRecord(), "record.pdf"));
  EXPECT_THAT(text, HasSubstr("福州市鼓楼区某某街道办事处现场检查记录"));
  EXPECT_THAT(text, HasSubstr("（鼓街）应急检记〔2026〕第3号"));
  EXPECT_THAT(text, HasSubstr("被检查单位福州市某某机械制造有限公司"));
  EXPECT_THAT(text, HasSubstr("地址福州市鼓楼区工业路88号"));
  EXPECT_THAT(text, HasSubstr("法定代表人（负责人）王建国"));
  EXPECT_THAT(text, HasSubstr("现场负责人李四职务安全主管联系电话13800000000"));
  EXPECT_THAT(text, HasSubstr("检查场所生产车间、成品仓库"));
  EXPECT_THAT(text, HasSubstr("检查时间2026年11月23日09时00分至11月23日10时20分"));
  EXPECT_THAT(text, HasSubstr("张三（执法证号：35010012，某某街道应急办）"));
  EXPECT_THAT(text, HasSubstr("事由和目的年度计划检查"));
  EXPECT_THAT(text, HasSubstr("序号检查内容结果说明"));
  EXPECT_THAT(text, HasSubstr("C9第9项检查内容：安全生产责任制落实情况不符合配电箱无警示标志"));
  EXPECT_THAT(text, HasSubstr("共检查20项，其中符合18项、不符合1项、不适用1项。"));
  EXPECT_THAT(
      text,
      HasSubstr(
          "发现的问题1."
          "配电箱无警示标志（依据：《安全生产法》第三十五条）；责令于2026年12月7日前整改完毕"));
  EXPECT_THAT(text, HasSubstr("处理情况现场责令整改，下达责令限期整改指令书。"));
  EXPECT_THAT(text, HasSubstr("检查人员（签名）张三（执法证号：35010012）"));
  EXPECT_THAT(text, HasSubstr("被检查单位现场负责人（签名）李四"));
  EXPECT_THAT(text, HasSubstr("福州市鼓楼区某某街道办事处（印章）"));
  EXPECT_THAT(text, HasSubstr("2026年11月23日"));
  EXPECT_THAT(text, HasSubstr("现场照片"));
  EXPECT_THAT(text, HasSubstr("图1C9配电箱无警示标志（拍摄于2026-11-2309:41）"));
  EXPECT_THAT(test_support::PdfText(dir_.File("record.pdf")), HasSubstr("扫码核验"));
}

TEST_F(DocumentPdfTest, PhotosStayJpegAndSignaturesAndQrCodeAreImages) {
  const DocumentContent doc = SampleRecord();
  const std::string path = Render(doc, "images.pdf");
  const std::vector<PdfImageRow> images = PdfImages(path);
  std::vector<PdfImageRow> jpegs, signatures, qr_codes;
  for (const PdfImageRow& image : images) {
    if (image.encoding == "jpeg") jpegs.push_back(image);
    if (image.height == 100 && image.width >= 300 && image.width <= 302)
      signatures.push_back(image);
    if (image.width == image.height && image.encoding == "image") qr_codes.push_back(image);
  }
  ASSERT_EQ(jpegs.size(), 2u);
  EXPECT_EQ(jpegs[0].width, 800);
  EXPECT_EQ(jpegs[1].width, 640);
  EXPECT_EQ(jpegs[0].page, jpegs[1].page);  // two photos to an annex page
  EXPECT_EQ(signatures.size(), 3u);
  EXPECT_EQ(static_cast<int>(qr_codes.size()), PdfPageCount(path));  // one on every page
  // The photos are the uploaded files, not re-encoded copies.
  Result<std::string> pdf = RenderDocumentPdf(doc, images_.Loader());
  ASSERT_OK(pdf);
  EXPECT_NE(pdf->find(images_.bytes[kPhoto1]), std::string::npos);
  EXPECT_NE(pdf->find(images_.bytes[kPhoto2]), std::string::npos);
}

TEST_F(DocumentPdfTest, QrCodeOnTheRenderedPageDecodesToTheVerifyUrl) {
  const std::string path = Render(SampleRecord(), "qr.pdf");
  EXPECT_EQ(test_support::DecodeQrCodes(test_support::RenderPagePng(path, 1, 200)),
            std::vector<std::string>{kVerifyUrl});
}

TEST_F(DocumentPdfTest, ManyChecklistLinesAddPages) {
  const int short_pages = PdfPageCount(Render(SampleRecord(20), "short.pdf"));
  const int long_pages = PdfPageCount(Render(SampleRecord(120), "long.pdf"));
  EXPECT_GE(short_pages, 2);  // the record and the photo annex
  EXPECT_GT(long_pages, short_pages + 1);
  EXPECT_THAT(PdfText(dir_.File("long.pdf")), HasSubstr("C120第120项检查内容"));
}

TEST_F(DocumentPdfTest, RefusalToSignIsPrintedWithItsNoteAndNoImage) {
  DocumentContent doc = SampleRecord();
  doc.photos.clear();
  doc.signatures[2] = {"被检查单位现场负责人", "李四", "", "拒绝签字：不同意检查结论"};
  doc.signatures.push_back({"见证人", "王五", "", ""});
  const std::string path = Render(doc, "refusal.pdf");
  const std::string text = PdfText(path);
  EXPECT_THAT(text, HasSubstr("被检查单位现场负责人（签名）李四拒绝签字：不同意检查结论"));
  EXPECT_THAT(text, HasSubstr("见证人（签名）王五"));
  int signature_images = 0;
  for (const PdfImageRow& image : PdfImages(path)) signature_images += image.height == 100;
  EXPECT_EQ(signature_images, 2);
}

TEST_F(DocumentPdfTest, RectificationOrderGivesEachProblemItsDeadlineAndTheRemedies) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kRectificationOrder, "（鼓街）应急责改〔2026〕第5号");
  doc.problems = {{"配电箱无警示标志", "《安全生产法》第三十五条", "2026-12-07", ""},
                  {"消防通道堆放杂物", "《消防法》第二十八条", "2026-12-20", ""},
                  {"特种作业人员未持证上岗", "《安全生产法》第三十条", "2026-12-07", ""}};
  doc.reference =
      "经2026年11月23日现场检查（（鼓街）应急检记〔2026〕第3号），发现你单位存在下列问题：";
  doc.handling = "";
  const std::string text = PdfText(Render(doc, "order.pdf"));
  EXPECT_THAT(text, HasSubstr("责令限期整改指令书"));
  EXPECT_THAT(text, HasSubstr("（鼓街）应急责改〔2026〕第5号"));
  EXPECT_THAT(text, HasSubstr("福州市某某机械制造有限公司："));
  EXPECT_THAT(text, HasSubstr("2.消防通道堆放杂物（依据：《消防法》第二十八条）"));
  EXPECT_THAT(
      text,
      HasSubstr("对第1、3项问题于2026年12月7日前整改完毕，对第2项问题于2026年12月20日前整改完毕"));
  EXPECT_THAT(text, HasSubstr("整改期间，你单位应当采取措施，确保安全生产。"));
  EXPECT_THAT(text, HasSubstr("可以依法在60日内申请行政复议，或者在6个月内依法向人民法院提起行政诉"
                              "讼，但本指令不停止执行"));
}

TEST_F(DocumentPdfTest, RectificationOrderWithOneProblemNamesTheFirstItem) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kRectificationOrder, "（鼓街）应急责改〔2026〕第6号");
  doc.photos.clear();
  const std::string text = PdfText(Render(doc, "order1.pdf"));
  EXPECT_THAT(text, HasSubstr("对第1项问题于2026年12月7日前整改完毕"));
  EXPECT_THAT(text, HasSubstr("经查，你单位存在下列问题："));  // no reference: the form's wording
}

TEST_F(DocumentPdfTest, OnSiteMeasuresCiteArticle65AndListTheDecisions) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kOnSiteMeasures, "（鼓街）应急现决〔2026〕第2号");
  doc.problems = {{"喷漆房未设置防爆电气", "《安全生产法》第三十六条", "",
                   "现场处理措施：立即停止喷漆房作业，撤出作业人员"}};
  doc.handling = "";
  const std::string text = PdfText(Render(doc, "measures.pdf"));
  EXPECT_THAT(text, HasSubstr("现场处理措施决定书"));
  EXPECT_THAT(text, HasSubstr("依据《中华人民共和国安全生产法》第六十五条第一款第三项的规定，现作出"
                              "如下现场处理决定："));
  EXPECT_THAT(text, HasSubstr("1.对第1项问题：现场处理措施：立即停止喷漆房作业，撤出作业人员。"));
  EXPECT_THAT(text, HasSubstr("但本决定不停止执行"));
}

TEST_F(DocumentPdfTest, ReinspectionOpinionRefersToTheOrderAndStatesTheOpinion) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kReinspectionOpinion, "（鼓街）应急复查〔2026〕第1号");
  doc.reference =
      "你单位于2026年11月23日收到的《责令限期整改指令书》（（鼓街）应急责改〔2026〕第5号）所列问题"
      "，本机关已进行复查。";
  doc.problems = {{"配电箱无警示标志", "", "2026-12-07", "已整改"}};
  doc.opinion = "经复查，该问题已整改完毕，符合要求。";
  const std::string text = PdfText(Render(doc, "review.pdf"));
  EXPECT_THAT(text, HasSubstr("整改复查意见书"));
  EXPECT_THAT(text, HasSubstr("《责令限期整改指令书》（（鼓街）应急责改〔2026〕第5号）"));
  EXPECT_THAT(text, HasSubstr("1.配电箱无警示标志：已整改。"));
  EXPECT_THAT(text, HasSubstr("复查意见：经复查，该问题已整改完毕，符合要求。"));

  doc.opinion = " ";
  Result<std::string> without_opinion = RenderDocumentPdf(doc, images_.Loader());
  ASSERT_ERROR_CODE(without_opinion, kInvalidArgument);
  EXPECT_THAT(without_opinion.error().message, HasSubstr("复查意见"));
}

TEST_F(DocumentPdfTest, PenaltyNoticeStatesFactsBasisPenaltyAndTheRightsWithinFiveDays) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kPenaltyNotice, "（鼓街）应急罚告〔2026〕第1号");
  doc.penalties = {{"罚款", "人民币贰万元整（20,000.00 元）", "《安全生产法》第九十九条第一项",
                    "你单位未在有较大危险因素的生产经营场所设置明显的安全警示标志"}};
  doc.evidence = "现场检查记录（（鼓街）应急检记〔2026〕第3号）、现场照片2张";
  const std::string text = PdfText(Render(doc, "notice.pdf"));
  EXPECT_THAT(text, HasSubstr("行政处罚告知书"));
  EXPECT_THAT(text, HasSubstr("当事人福州市某某机械制造有限公司"));
  EXPECT_THAT(text, HasSubstr("你单位未在有较大危险因素的生产经营场所设置明显的安全警示标志。"));
  EXPECT_THAT(
      text,
      HasSubstr(
          "以上事实有现场检查记录（（鼓街）应急检记〔2026〕第3号）、现场照片2张等证据证实。"));
  EXPECT_THAT(text, HasSubstr("依据《安全生产法》第九十九条第一项的规定，本机关拟对你单位作出罚款人"
                              "民币贰万元整（20,000.00元）的行政处罚。"));
  EXPECT_THAT(text, HasSubstr("第四十四条、第四十五条"));
  EXPECT_THAT(text, HasSubstr("你单位有权进行陈述和申辩"));
  EXPECT_THAT(text, HasSubstr("不因你单位陈述、申辩而给予更重的处罚"));
  EXPECT_THAT(text, HasSubstr("第六十三条、第六十四条"));
  EXPECT_THAT(text, HasSubstr("有权要求举行听证"));
  EXPECT_THAT(text, HasSubstr("应当在收到本告知书之日起5日内向本机关提出"));
}

TEST_F(DocumentPdfTest, PenaltyDecisionHasTheArticle59ContentAndPaymentTerms) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kPenaltyDecision, "（鼓街）应急罚〔2026〕第1号");
  doc.penalties = {{"罚款", "人民币贰万元整（20,000.00 元）", "《安全生产法》第九十九条第一项",
                    "你单位未设置明显的安全警示标志"}};
  doc.evidence = "现场检查记录、现场照片";
  const std::string text = PdfText(Render(doc, "decision.pdf"));
  EXPECT_THAT(text, HasSubstr("行政处罚决定书"));
  EXPECT_THAT(text, HasSubstr("当事人福州市某某机械制造有限公司地址福州市鼓楼区工业路88号"));
  EXPECT_THAT(text, HasSubstr("一、违法事实和证据"));
  EXPECT_THAT(text, HasSubstr("二、行政处罚的种类和依据"));
  EXPECT_THAT(text, HasSubstr("决定给予罚款人民币贰万元整（20,000.00元）的行政处罚。"));
  EXPECT_THAT(text, HasSubstr("三、履行方式和期限"));
  EXPECT_THAT(text, HasSubstr("自收到本决定书之日起15日内缴至指定银行"));
  EXPECT_THAT(text, HasSubstr("每日按罚款数额的3%加处罚款，加处罚款的数额不得超出罚款的数额"));
  EXPECT_THAT(text, HasSubstr("60日内申请行政复议"));
  EXPECT_THAT(text, HasSubstr("6个月内依法向人民法院提起行政诉讼"));
  EXPECT_THAT(text, HasSubstr("福州市鼓楼区某某街道办事处（印章）"));
}

TEST_F(DocumentPdfTest, PenaltyDecisionWithoutAFineHasNoPaymentTerms) {
  DocumentContent doc =
      WithType(SampleRecord(), DocumentType::kPenaltyDecision, "（鼓街）应急罚〔2026〕第2号");
  doc.penalties = {{"警告", "", "《安全生产法》第九十九条第一项", "未设置安全警示标志"}};
  const std::string text = PdfText(Render(doc, "warning.pdf"));
  EXPECT_THAT(text, HasSubstr("决定给予警告的行政处罚。"));
  EXPECT_THAT(text, Not(HasSubstr("加处罚款")));
}

TEST_F(DocumentPdfTest, EveryTypeRendersWithItsNameNumberAndQrCaption) {
  for (const domain::DocumentTypeInfo& info : domain::DocumentTypes()) {
    SCOPED_TRACE(std::string(info.name));
    DocumentContent doc = WithType(SampleRecord(), info.type,
                                   "（鼓街）" + std::string(info.abbreviation) + "〔2026〕第9号");
    doc.photos.clear();
    doc.opinion = "经复查，已整改完毕。";
    const std::string text = PdfText(Render(doc, std::string(info.code) + ".pdf"));
    EXPECT_THAT(text, HasSubstr(std::string(info.name)));
    EXPECT_THAT(text, HasSubstr("（鼓街）" + std::string(info.abbreviation) + "〔2026〕第9号"));
    EXPECT_THAT(test_support::PdfText(dir_.File(std::string(info.code) + ".pdf")),
                HasSubstr("扫码核验"));
  }
}

TEST_F(DocumentPdfTest, MissingPhotoFailsNamingIt) {
  images_.bytes.erase(kPhoto2);
  Result<std::string> pdf = RenderDocumentPdf(SampleRecord(), images_.Loader());
  ASSERT_ERROR_CODE(pdf, kNotFound);  // the loader's code
  EXPECT_THAT(pdf.error().message, HasSubstr("现场照片"));
  EXPECT_THAT(pdf.error().message, HasSubstr(kPhoto2));
}

TEST_F(DocumentPdfTest, MissingSignatureFailsNamingIt) {
  images_.bytes.erase(kSignLi);
  Result<std::string> pdf = RenderDocumentPdf(SampleRecord(), images_.Loader());
  ASSERT_ERROR_CODE(pdf, kNotFound);
  EXPECT_THAT(pdf.error().message, HasSubstr("被检查单位现场负责人“李四”的签名图片"));
  EXPECT_THAT(pdf.error().message, HasSubstr(kSignLi));
}

TEST_F(DocumentPdfTest, ImagesThatAreNotImagesFailNamingThem) {
  images_.bytes[kPhoto1] = "<html>not a photo</html>";
  Result<std::string> photo = RenderDocumentPdf(SampleRecord(), images_.Loader());
  ASSERT_ERROR_CODE(photo, kInvalidArgument);
  EXPECT_THAT(photo.error().message, HasSubstr(kPhoto1));

  images_ = SampleImages();
  images_.bytes[kSignZhao] = images_.bytes[kPhoto1];  // a JPEG where a PNG signature belongs
  Result<std::string> signature = RenderDocumentPdf(SampleRecord(), images_.Loader());
  ASSERT_ERROR_CODE(signature, kInvalidArgument);
  EXPECT_THAT(signature.error().message, HasSubstr(kSignZhao));
  EXPECT_THAT(signature.error().message, HasSubstr("赵六"));
}

TEST_F(DocumentPdfTest, RequiredFieldsAreChecked) {
  DocumentContent no_number = SampleRecord();
  no_number.number = "  ";
  Result<std::string> pdf = RenderDocumentPdf(no_number, images_.Loader());
  ASSERT_ERROR_CODE(pdf, kInvalidArgument);
  EXPECT_THAT(pdf.error().message, HasSubstr("文书编号"));

  DocumentContent no_url = SampleRecord();
  no_url.verify_url.clear();
  EXPECT_ERROR_CODE(RenderDocumentPdf(no_url, images_.Loader()), kInvalidArgument);

  DocumentContent bad_time = SampleRecord();
  bad_time.started_at = "2026-11-23 9:00";
  Result<std::string> bad = RenderDocumentPdf(bad_time, images_.Loader());
  ASSERT_ERROR_CODE(bad, kInvalidArgument);
  EXPECT_THAT(bad.error().message, HasSubstr("检查开始时间"));

  DocumentContent reversed = SampleRecord();
  reversed.ended_at = "2026-11-23 08:00";
  EXPECT_ERROR_CODE(RenderDocumentPdf(reversed, images_.Loader()), kInvalidArgument);

  DocumentContent bad_date = SampleRecord();
  bad_date.issued_on = "2026-02-30";
  EXPECT_ERROR_CODE(RenderDocumentPdf(bad_date, images_.Loader()), kInvalidArgument);
}

TEST_F(DocumentPdfTest, InspectionSpanningNewYearRepeatsTheYear) {
  DocumentContent doc = SampleRecord();
  doc.photos.clear();
  doc.started_at = "2026-12-31T23:00";
  doc.ended_at = "2027-01-01T00:30";
  EXPECT_THAT(PdfText(Render(doc, "new_year.pdf")),
              HasSubstr("检查时间2026年12月31日23时00分至2027年1月1日00时30分"));
}

}  // namespace
}  // namespace anjian::app
