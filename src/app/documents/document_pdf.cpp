#include "app/documents/document_pdf.hpp"

#include <utility>
#include <vector>

#include "app/documents/document_pdf_parts.hpp"
#include "common/text.hpp"
#include "io/pdf_document.hpp"
#include "io/qr_code.hpp"

namespace anjian::app {
namespace {

constexpr double kSignatureHeightMm = 12;
constexpr double kPhotoWidthMm = 150;
// Two photos with their captions fit on one page of the 225 mm type area, the first annex page
// (under the annex title) included.
constexpr double kPhotoMaxHeightMm = 80;
constexpr double kQrCodeWidthMm = 22;
constexpr int kQrModulePixels = 4;

Status RequireText(const std::string& value, const char* what, const char* field) {
  if (Trim(value).empty()) return Error::InvalidArgument(std::string(what) + "为空", field);
  return Ok();
}

Status AddBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  switch (doc.type) {
    case domain::DocumentType::kInspectionRecord:
      return AddInspectionRecordBody(pdf, doc);
    case domain::DocumentType::kOnSiteMeasures:
      return AddOnSiteMeasuresBody(pdf, doc);
    case domain::DocumentType::kRectificationOrder:
      return AddRectificationOrderBody(pdf, doc);
    case domain::DocumentType::kReinspectionOpinion:
      return AddReinspectionOpinionBody(pdf, doc);
    case domain::DocumentType::kPenaltyNotice:
      return AddPenaltyNoticeBody(pdf, doc);
    case domain::DocumentType::kPenaltyDecision:
      return AddPenaltyDecisionBody(pdf, doc);
  }
  ANJIAN_ASSERT(false && "every document type has a layout");
}

// The loader's error, keeping its code, with what the image is for and its hash.
Result<std::string> LoadImage(const ImageLoader& images, const std::string& sha256,
                              const std::string& what) {
  Result<std::string> bytes = images(sha256);
  if (!bytes.ok()) {
    return Error{bytes.error().code, what + " " + sha256 + " 无法读取：" + bytes.error().message};
  }
  return bytes;
}

// Officers sign with their certificate number beside the name, as on the paper forms.
std::string SignatureText(const DocumentContent& doc, const DocumentSignature& signature) {
  std::string text = signature.signer;
  for (const DocumentInspector& inspector : doc.inspectors) {
    if (!signature.signer.empty() && inspector.name == signature.signer &&
        !inspector.certificate_no.empty()) {
      text += "（执法证号：" + inspector.certificate_no + "）";
      break;
    }
  }
  if (!Trim(signature.note).empty()) {
    if (!text.empty()) text += '\n';
    text += signature.note;
  }
  return text;
}

std::string SignatureName(const DocumentSignature& signature) {
  std::string name = signature.role;
  if (!signature.signer.empty()) name += "“" + signature.signer + "”";
  return name + "的签名图片";
}

// R-PROC-4/5: every signature on a row of its own, as on the paper forms: the printed name, the
// drawn image when there is one, or the note (a refusal) when there is none.
Status AddSignatures(io::PdfDocument& pdf, const DocumentContent& doc, const ImageLoader& images) {
  if (doc.signatures.empty()) return Ok();
  std::vector<io::PdfFormRow> rows;
  for (const DocumentSignature& signature : doc.signatures) {
    io::PdfFormField field{.label = signature.role + "（签名）",
                           .value = SignatureText(doc, signature)};
    if (!signature.png_sha256.empty()) {
      ANJIAN_ASSIGN_OR_RETURN(field.png,
                              LoadImage(images, signature.png_sha256, SignatureName(signature)));
      field.image_height_mm = kSignatureHeightMm;
    }
    rows.push_back({std::move(field)});
  }
  const std::vector<io::PdfFormRow> added = rows;
  pdf.Form(std::move(rows));
  if (pdf.status().ok()) return Ok();
  // Rare: find the image that was refused, so that the error names it.
  for (std::size_t i = 0; i < added.size(); ++i) {
    io::PdfDocument alone("");
    alone.Form({added[i]});
    if (alone.status().ok()) continue;
    const DocumentSignature& signature = doc.signatures[i];
    return Error::InvalidArgument(SignatureName(signature) + " " + signature.png_sha256 +
                                  " 不是有效的 PNG：" + alone.status().error().message);
  }
  return pdf.status();
}

// The annex of photos, each with its caption, two to a page.
Status AddPhotos(io::PdfDocument& pdf, const DocumentContent& doc, const ImageLoader& images) {
  if (doc.photos.empty()) return Ok();
  pdf.PageBreak();
  pdf.PlainLine("附件");
  pdf.Title("现场照片");
  pdf.Subtitle(doc.number);
  for (std::size_t i = 0; i < doc.photos.size(); ++i) {
    const DocumentPhoto& photo = doc.photos[i];
    ANJIAN_ASSIGN_OR_RETURN(std::string bytes, LoadImage(images, photo.sha256, "现场照片"));
    pdf.Photo(std::move(bytes), kPhotoWidthMm, kPhotoMaxHeightMm,
              "图" + std::to_string(i + 1) + "　" + photo.caption);
    if (!pdf.status().ok()) {
      return Error::InvalidArgument("现场照片 " + photo.sha256 + " 不是有效的图片：" +
                                    pdf.status().error().message);
    }
  }
  return Ok();
}

}  // namespace

Result<std::string> RenderDocumentPdf(const DocumentContent& doc, const ImageLoader& images) {
  ANJIAN_TRY(RequireText(doc.number, "文书编号", "number"));
  ANJIAN_TRY(RequireText(doc.issuer, "发文机关", "issuer"));
  ANJIAN_TRY(RequireText(doc.unit_name, "被检查单位名称", "unit_name"));
  ANJIAN_TRY(RequireText(doc.verify_url, "核验地址（二维码内容）", "verify_url"));
  ANJIAN_ASSIGN_OR_RETURN(const std::string issued_on, ChineseDate(doc.issued_on, "文书日期"));
  ANJIAN_ASSIGN_OR_RETURN(std::string qr_code, io::QrCodePng(doc.verify_url, kQrModulePixels));

  const std::string form_name(domain::InfoOf(doc.type).name);
  io::PdfDocument pdf(form_name + " " + doc.number);
  pdf.FooterImage(std::move(qr_code), kQrCodeWidthMm, "扫码核验");
  pdf.Title(doc.issuer + "\n" + form_name);
  pdf.Subtitle(doc.number);
  ANJIAN_TRY(AddBody(pdf, doc));
  // Checked here so that a refused block is not blamed on the images added next.
  ANJIAN_TRY(pdf.status());
  pdf.Spacer(6);
  ANJIAN_TRY(AddSignatures(pdf, doc, images));
  pdf.Spacer(8);
  pdf.SignOff(doc.issuer + "（印章）\n" + issued_on);
  ANJIAN_TRY(pdf.status());
  ANJIAN_TRY(AddPhotos(pdf, doc, images));
  return pdf.Render();
}

}  // namespace anjian::app
