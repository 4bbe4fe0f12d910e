// Official enforcement documents and their numbers (domain.md §7.2): per jurisdiction, per type
// and per year, restarting each year, e.g. "（街）应急检记〔2025〕第12号". The prefix is the
// issuing jurisdiction's short name and is configurable; the serial comes from the store (issue
// #5).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

enum class DocumentType {
  kInspectionRecord,     // 现场检查记录 — 应急检记
  kOnSiteMeasures,       // 现场处理措施决定书 — 应急现决
  kRectificationOrder,   // 责令限期整改指令书 — 应急责改
  kReinspectionOpinion,  // 整改复查意见书 — 应急复查
  kPenaltyNotice,        // 行政处罚告知书 — 应急罚告
  kPenaltyDecision,      // 行政处罚决定书 — 应急罚 [RECALL]
};

struct DocumentTypeInfo {
  DocumentType type;
  std::string_view code;          // English, for the API and the counter table
  std::string_view name;          // 现场检查记录
  std::string_view abbreviation;  // 应急检记
};

const std::vector<DocumentTypeInfo>& DocumentTypes();
const DocumentTypeInfo& InfoOf(DocumentType type);
Result<DocumentType> ParseDocumentType(std::string_view text);

// "（街）应急检记〔2025〕第12号". Errors: serial < 1, a year outside 2000–2100, a prefix that is
// not valid UTF-8 or longer than 20 characters.
Result<std::string> FormatDocumentNumber(std::string_view prefix, DocumentType type, int year,
                                         int serial);

}  // namespace anjian::domain
