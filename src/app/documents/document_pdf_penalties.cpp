// The penalty documents (domain.md §7.2): 行政处罚告知书 with the rights the party has before a
// decision (行政处罚法 Art.44, 45, 63, 64) and 行政处罚决定书 with the content Art.59 requires.
#include "app/documents/document_pdf_parts.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

constexpr std::string_view kViolationsFound = "经查，你单位存在下列违法行为：";

// "罚款人民币伍万元整（50,000.00 元）" or "警告".
std::string PenaltyText(const DocumentPenalty& penalty) {
  return std::string(Trim(penalty.kind)) + std::string(Trim(penalty.amount));
}

bool IsFine(const DocumentPenalty& penalty) {
  return penalty.kind.find("罚款") != std::string::npos || !Trim(penalty.amount).empty();
}

// The facts of each penalty, numbered when there are several; the problems found when no penalty
// states its facts; then the evidence.
void AddFacts(io::PdfDocument& pdf, const DocumentContent& doc) {
  std::vector<std::string> facts;
  for (const DocumentPenalty& penalty : doc.penalties) {
    if (!Trim(penalty.facts).empty()) facts.push_back(Sentence(penalty.facts));
  }
  if (facts.empty()) {
    for (const DocumentProblem& problem : doc.problems) {
      std::string fact(Trim(problem.text));
      if (!Trim(problem.legal_basis).empty()) {
        fact += "，违反了" + std::string(Trim(problem.legal_basis)) + "的规定";
      }
      facts.push_back(Sentence(fact));
    }
  }
  for (std::size_t i = 0; i < facts.size(); ++i) {
    pdf.Paragraph(facts.size() == 1 ? facts[i] : std::to_string(i + 1) + "." + facts[i]);
  }
  if (!Trim(doc.evidence).empty()) {
    pdf.Paragraph("以上事实有" + std::string(Trim(doc.evidence)) + "等证据证实。");
  }
}

// "依据《安全生产法》第九十九条的规定，<verb>罚款人民币…的行政处罚。"
std::string PenaltySentence(const DocumentPenalty& penalty, std::string_view verb) {
  std::string sentence;
  if (!Trim(penalty.legal_basis).empty()) {
    sentence = "依据" + std::string(Trim(penalty.legal_basis)) + "的规定，";
  }
  return sentence + std::string(verb) + PenaltyText(penalty) + "的行政处罚。";
}

void AddPenalties(io::PdfDocument& pdf, const DocumentContent& doc, std::string_view verb) {
  for (std::size_t i = 0; i < doc.penalties.size(); ++i) {
    const std::string sentence = PenaltySentence(doc.penalties[i], verb);
    pdf.Paragraph(doc.penalties.size() == 1 ? sentence : std::to_string(i + 1) + "." + sentence);
  }
}

}  // namespace

Status AddPenaltyNoticeBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  pdf.Form(PartyRows(doc, PartyLabel::kParty));
  pdf.Spacer(4);
  AddOpening(pdf, doc, kViolationsFound);
  AddFacts(pdf, doc);
  if (doc.penalties.size() > 1) pdf.Paragraph("本机关拟对你单位作出如下行政处罚：");
  AddPenalties(pdf, doc, doc.penalties.size() > 1 ? "给予" : "本机关拟对你单位作出");
  pdf.Paragraph(
      "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位有权进行陈述和申辩。"
      "本机关将充分听取你单位的意见，对你单位提出的事实、理由和证据进行复核；事实、理由或者证据"
      "成立的，本机关将予以采纳，不因你单位陈述、申辩而给予更重的处罚。");
  pdf.Paragraph(
      "依据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，对较大数额罚款、责令停产停业、"
      "责令关闭、吊销许可证件等行政处罚，你单位有权要求举行听证。要求听证的，应当在收到本告知书"
      "之日起5日内向本机关提出；逾期未提出的，视为放弃听证权利。");
  return Ok();
}

Status AddPenaltyDecisionBody(io::PdfDocument& pdf, const DocumentContent& doc) {
  pdf.Form(PartyRows(doc, PartyLabel::kParty));
  pdf.Spacer(4);
  AddOpening(pdf, doc, kViolationsFound);
  pdf.Heading("一、违法事实和证据");
  AddFacts(pdf, doc);
  pdf.Heading("二、行政处罚的种类和依据");
  AddPenalties(pdf, doc, "决定给予");
  pdf.Heading("三、履行方式和期限");
  bool fined = false;
  for (const DocumentPenalty& penalty : doc.penalties) fined = fined || IsFine(penalty);
  if (fined) {
    // 行政处罚法 Art.67 (pay within 15 days) and Art.72 ¶1 (1) (3 % a day, at most the fine).
    pdf.Paragraph(
        "罚款应当自收到本决定书之日起15日内缴至指定银行或者通过电子支付系统缴纳。到期不缴纳罚款的，"
        "本机关可以每日按罚款数额的3%加处罚款，加处罚款的数额不得超出罚款的数额。");
  } else {
    pdf.Paragraph("你单位应当自收到本决定书之日起履行本决定。");
  }
  pdf.Heading("四、申请行政复议或者提起行政诉讼的途径和期限");
  pdf.Paragraph(RemedyClause("本决定") +
                "逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院"
                "强制执行。");
  return Ok();
}

}  // namespace anjian::app
