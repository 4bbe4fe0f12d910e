#include "domain/documents/document_number.hpp"

#include "common/text.hpp"

namespace anjian::domain {

const std::vector<DocumentTypeInfo>& DocumentTypes() {
  static const std::vector<DocumentTypeInfo> kTypes = {
      {DocumentType::kInspectionRecord, "inspection_record", "现场检查记录", "应急检记"},
      {DocumentType::kOnSiteMeasures, "on_site_measures", "现场处理措施决定书", "应急现决"},
      {DocumentType::kRectificationOrder, "rectification_order", "责令限期整改指令书", "应急责改"},
      {DocumentType::kReinspectionOpinion, "reinspection_opinion", "整改复查意见书", "应急复查"},
      {DocumentType::kPenaltyNotice, "penalty_notice", "行政处罚告知书", "应急罚告"},
      {DocumentType::kPenaltyDecision, "penalty_decision", "行政处罚决定书", "应急罚"},
  };
  return kTypes;
}

const DocumentTypeInfo& InfoOf(DocumentType type) {
  for (const auto& info : DocumentTypes()) {
    if (info.type == type) return info;
  }
  ANJIAN_ASSERT(false && "every document type has a row");
}

Result<DocumentType> ParseDocumentType(std::string_view text) {
  const auto trimmed = Trim(text);
  std::string known;
  for (const auto& info : DocumentTypes()) {
    if (trimmed == info.code || trimmed == info.name || trimmed == info.abbreviation)
      return info.type;
    known += (known.empty() ? "" : "、") + std::string(info.name);
  }
  return Error::InvalidArgument("文书类型“" + std::string(trimmed) + "”不在可选值中（" + known +
                                "）");
}

Result<std::string> FormatDocumentNumber(std::string_view prefix, DocumentType type, int year,
                                         int serial) {
  if (serial < 1) return Error::InvalidArgument("文书序号必须从 1 开始");
  if (year < 2000 || year > 2100) return Error::InvalidArgument("文书年度无效");
  if (!IsValidUtf8(prefix) || Utf8Length(prefix) > 20) {
    return Error::InvalidArgument("文书编号前缀应为不超过 20 个字的文字");
  }
  return std::string(prefix) + std::string(InfoOf(type).abbreviation) + "〔" +
         std::to_string(year) + "〕第" + std::to_string(serial) + "号";
}

}  // namespace anjian::domain
