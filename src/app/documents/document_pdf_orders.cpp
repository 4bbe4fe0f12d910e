// The orders that follow an inspection (domain.md §7.2): 责令限期整改指令书, 现场处理措施决定书
// and 整改复查意见书. Letters to the unit: problems numbered as found, what the unit must do, and
// the statutory clauses of the official forms.
#include <algorithm>
#include <utility>

#include "app/documents/document_pdf_parts.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

constexpr std::string_view kProblemsFound = "经查，你单位存在下列问题：";

void AddParty(io::PdfDocument& pdf, const DocumentContent& doc) {
  pdf.Form(PartyRows(doc, PartyLabel::kInspectedUnit));
  pdf.Spacer(4);
}

void AddProblems(io::PdfDocument& pdf, const DocumentContent& doc) {
  for (std::size_t i = 0; i < doc.problems.size(); ++i) {
    pdf.Paragraph(ProblemLine(i + 1, doc.problems[i]));
  }
}

// "对第1、3项问题于2026年12月7日前整改完毕，对第2项问题立即整改". Problems sharing a deadline are
// named together, in the order their deadline first appears; a problem without one is to be
// corrected at once.
Result<std::string> DeadlineClauses(const std::vector<DocumentProblem>& problems) {
  std::vector<std::pair<std::string, std::string>> groups;  // deadline → "1、3"
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const std::string deadline(Trim(problems[i].deadline));
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.first == deadline; });
    if (group == groups.end()) {
      groups.emplace_back(deadline, std::to_string(i + 1));
    } else {
      group->second += "、" + std::to_string(i + 1);
    }
  }
  std::string clauses;
  for (const auto& [deadline, numbers] : groups) {
    clauses += (clauses.empty() ? "对第" : "，对第") + numbers + "项问题";
    if (deadline.empty()) {
      clauses += "立即整改";
      continue;
    }
    ANJIAN_ASSIGN_OR_RETURN(const std::string date,
                            ChineseDate(deadline, "第" + numbers + "项问题的整改期限"));
    clauses += "于" + date + "前整改完毕";
  }
  return clauses;
}

}  // namespace

Status AddRectificationOrderBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  AddParty(pdf, doc);
  AddOpening(pdf, doc, kProblemsFound);
  AddProblems(pdf, doc);
  if (!doc.problems.empty()) {
    ANJIAN_ASSIGN_OR_RETURN(const std::string clauses, DeadlineClauses(doc.problems));
    pdf.Paragraph("现责令你单位" + clauses +
                  "，达到有关法律、法规、规章和国家标准或者行业标准规定的要求。");
  }
  if (!Trim(doc.handling).empty()) pdf.Paragraph(Sentence(doc.handling));
  pdf.Paragraph(
      "整改期间，你单位应当采取措施，确保安全生产。逾期未整改或者整改不符合要求的，"
      "本机关将依法予以处理；对安全生产违法行为，将依法予以行政处罚。");
  pdf.Paragraph(RemedyClause("本指令"));
  return Ok();
}

Status AddOnSiteMeasuresBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  AddParty(pdf, doc);
  AddOpening(pdf, doc, kProblemsFound);
  AddProblems(pdf, doc);
  // 安全生产法 Art.65 ¶1 (3): remove hazards found at once; where safety cannot be ensured before
  // or during removal, order the workers out, production or use suspended.
  pdf.Paragraph(
      "依据《中华人民共和国安全生产法》第六十五条第一款第三项的规定，现作出如下现场处理决定：");
  int decision = 0;
  for (std::size_t i = 0; i < doc.problems.size(); ++i) {
    const std::string measure(Trim(doc.problems[i].measure));
    if (measure.empty()) continue;
    pdf.Paragraph(std::to_string(++decision) + ".对第" + std::to_string(i + 1) + "项问题：" +
                  Sentence(measure));
  }
  if (!Trim(doc.handling).empty()) {
    pdf.Paragraph(decision == 0 ? Sentence(doc.handling)
                                : std::to_string(decision + 1) + "." + Sentence(doc.handling));
  }
  pdf.Paragraph(RemedyClause("本决定"));
  return Ok();
}

Status AddReinspectionOpinionBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  if (Trim(doc.opinion).empty()) {
    return Error::InvalidArgument("整改复查意见书缺少复查意见", "opinion");
  }
  AddParty(pdf, doc);
  AddOpening(pdf, doc, "本机关对你单位的整改情况进行了复查。");
  if (!doc.problems.empty()) {
    pdf.Paragraph("复查情况如下：");
    for (std::size_t i = 0; i < doc.problems.size(); ++i) {
      std::string line = ProblemLine(i + 1, doc.problems[i]);
      if (!Trim(doc.problems[i].measure).empty()) {
        line += "：" + std::string(Trim(doc.problems[i].measure));
      }
      pdf.Paragraph(Sentence(line));
    }
  }
  pdf.Paragraph("复查意见：" + Sentence(doc.opinion));
  if (!Trim(doc.handling).empty()) pdf.Paragraph(Sentence(doc.handling));
  return Ok();
}

}  // namespace anjian::app
