// 现场检查记录 (R-PROC-4/5; domain.md §7.2): who, where, when, by whom and why as a bordered form,
// then the checklist answered item by item, and what was found and done.
#include <algorithm>
#include <utility>

#include "app/documents/document_pdf_parts.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

// "共检查 20 项，其中符合 17 项、不符合 2 项、不适用 1 项。" Results are counted as written, in
// the order they first appear, so the summary needs no knowledge of the result vocabulary.
std::string ChecklistSummary(const std::vector<DocumentChecklistLine>& lines) {
  if (lines.empty()) return "未使用检查表。";
  std::vector<std::pair<std::string, int>> counts;
  for (const DocumentChecklistLine& line : lines) {
    const std::string result(Trim(line.result).empty() ? "未填写" : Trim(line.result));
    auto known = std::find_if(counts.begin(), counts.end(),
                              [&](const auto& count) { return count.first == result; });
    if (known == counts.end()) {
      counts.emplace_back(result, 1);
    } else {
      ++known->second;
    }
  }
  std::string text = "共检查 " + std::to_string(lines.size()) + " 项，其中";
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (i > 0) text += "、";
    text += counts[i].first + " " + std::to_string(counts[i].second) + " 项";
  }
  return text + "。";
}

}  // namespace

Status AddInspectionRecordBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  ANJIAN_ASSIGN_OR_RETURN(const std::string period, InspectionPeriod(doc.started_at, doc.ended_at));
  std::vector<io::PdfFormRow> rows = PartyRows(doc, PartyLabel::kInspectedUnit);
  rows.push_back({{.label = "现场负责人", .value = doc.on_site_person, .width_share = 1.1},
                  {.label = "职务", .value = doc.on_site_post, .width_share = 0.9},
                  {.label = "联系电话", .value = doc.on_site_phone, .width_share = 1}});
  if (!Trim(doc.witness).empty()) rows.push_back({{.label = "见证人", .value = doc.witness}});
  rows.push_back({{.label = "检查场所", .value = doc.place}});
  rows.push_back({{.label = "检查时间", .value = period}});
  rows.push_back({{.label = "检查人员及执法证号", .value = InspectorLines(doc)}});
  rows.push_back({{.label = "事由和目的", .value = doc.purpose}});
  pdf.Form(std::move(rows));

  pdf.Spacer(4);
  std::vector<std::vector<std::string>> checklist;
  for (std::size_t i = 0; i < doc.checklist.size(); ++i) {
    const DocumentChecklistLine& line = doc.checklist[i];
    checklist.push_back(
        {line.code.empty() ? std::to_string(i + 1) : line.code, line.text, line.result, line.note});
  }
  if (!checklist.empty()) {
    pdf.Table({{"序号", 0.7}, {"检查内容", 5}, {"结果", 1}, {"说明", 2.3}}, std::move(checklist));
    pdf.Spacer(4);
  }

  // Each problem carries its handling ("责令于…前整改完毕"), so the record reads on its own.
  std::string problems;
  for (std::size_t i = 0; i < doc.problems.size(); ++i) {
    if (i > 0) problems += '\n';
    problems += ProblemLine(i + 1, doc.problems[i]);
    if (!Trim(doc.problems[i].measure).empty()) {
      problems += "；" + std::string(Trim(doc.problems[i].measure));
    }
  }
  if (problems.empty()) problems = "未发现问题。";
  std::string handling(Trim(doc.handling));
  if (handling.empty()) handling = doc.problems.empty() ? "无" : "按上列各项问题的要求处理。";
  pdf.Form({
      {{.label = "检查情况", .value = ChecklistSummary(doc.checklist)}},
      {{.label = "发现的问题", .value = problems}},
      {{.label = "处理情况", .value = handling}},
  });
  return Ok();
}

}  // namespace anjian::app
