// The bodies of the six enforcement forms and the pieces they share (internal to document_pdf):
// dates as written on the forms, the party's fields, numbered problems, the statutory clauses.
// Each Add…Body writes what lies between the number line and the signatures.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/documents/document_content.hpp"
#include "common/error.hpp"
#include "io/pdf_document.hpp"

namespace anjian::app {

// "2026-12-07" → "2026年12月7日". Errors (kInvalidArgument): not a date; the message names `what`.
Result<std::string> ChineseDate(std::string_view iso_date, std::string_view what);

// "2026-11-23 09:00" to "2026-11-23 10:20" → "2026年11月23日09时00分至11月23日10时20分"; the end
// repeats the year only when it differs. Errors: either is not "YYYY-MM-DD HH:MM", the end is
// before the start.
Result<std::string> InspectionPeriod(std::string_view started_at, std::string_view ended_at);

// `text` ending in a full stop (unless it already ends in 。；！？ or a closing bracket after one).
std::string Sentence(std::string_view text);

// How the addressee is named on the form.
enum class PartyLabel {
  kInspectedUnit,  // 被检查单位
  kParty,          // 当事人 (penalty documents)
};

// The party's fields as form rows: name; address; principal | phone.
std::vector<io::PdfFormRow> PartyRows(const DocumentContent& doc, PartyLabel label);

// "张三（执法证号：35010012，某某街道应急办）", one inspector a line.
std::string InspectorLines(const DocumentContent& doc);

// "1.配电箱无警示标志（依据：《安全生产法》第三十五条）" for problem number 1 (GB/T 9704 numbering
// "1." with no space, which justified paragraphs would stretch).
std::string ProblemLine(std::size_t number, const DocumentProblem& problem);
// ProblemLine for every problem, one a line.
std::string ProblemLines(const DocumentContent& doc);

// The addressee line ("某某有限公司：") and the opening sentence: `reference` if the content has
// one, else `fallback`.
void AddOpening(io::PdfDocument& pdf, const DocumentContent& doc, std::string_view fallback);

// Reconsideration within 60 days or a lawsuit within 6 months, the act not being suspended
// meanwhile (行政复议法 Art.20, 42; 行政诉讼法 Art.46, 56); `act` is "本指令" or "本决定".
std::string RemedyClause(std::string_view act);

Status AddInspectionRecordBody(io::PdfDocument& pdf, const DocumentContent& doc);
Status AddRectificationOrderBody(io::PdfDocument& pdf, const DocumentContent& doc);
Status AddOnSiteMeasuresBody(io::PdfDocument& pdf, const DocumentContent& doc);
Status AddReinspectionOpinionBody(io::PdfDocument& pdf, const DocumentContent& doc);
Status AddPenaltyNoticeBody(io::PdfDocument& pdf, const DocumentContent& doc);
Status AddPenaltyDecisionBody(io::PdfDocument& pdf, const DocumentContent& doc);

}  // namespace anjian::app
