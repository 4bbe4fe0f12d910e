#include "app/documents/document_pdf_parts.hpp"

#include <array>

#include "common/civil_date.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

struct LocalTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
};

bool TwoDigits(std::string_view text, std::size_t at, int& value) {
  if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return false;
  value = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return true;
}

// "YYYY-MM-DD HH:MM" (or with 'T' between, as the API writes local times).
Result<LocalTime> ParseLocalTime(std::string_view text, std::string_view what) {
  const auto invalid = [&] {
    return Error::InvalidArgument(std::string(what) + "应为“YYYY-MM-DD HH:MM”，收到“" +
                                  std::string(text) + "”");
  };
  if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':') {
    return invalid();
  }
  LocalTime time;
  Result<CivilDate> date = CivilDate::Parse(text.substr(0, 10));
  if (!date.ok() || !TwoDigits(text, 11, time.hour) || !TwoDigits(text, 14, time.minute) ||
      time.hour > 23 || time.minute > 59) {
    return invalid();
  }
  time.date = *date;
  return time;
}

std::string TwoDigitText(int value) {
  return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

std::string MonthDayTime(const LocalTime& time) {
  return std::to_string(time.date.month()) + "月" + std::to_string(time.date.day()) + "日" +
         TwoDigitText(time.hour) + "时" + TwoDigitText(time.minute) + "分";
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Result<std::string> ChineseDate(std::string_view iso_date, std::string_view what) {
  Result<CivilDate> date = CivilDate::Parse(Trim(iso_date));
  if (!date.ok() || Trim(iso_date).size() != 10) {
    return Error::InvalidArgument(std::string(what) + "应为“YYYY-MM-DD”，收到“" +
                                  std::string(iso_date) + "”");
  }
  return std::to_string(date->year()) + "年" + std::to_string(date->month()) + "月" +
         std::to_string(date->day()) + "日";
}

Result<std::string> InspectionPeriod(std::string_view started_at, std::string_view ended_at) {
  ANJIAN_ASSIGN_OR_RETURN(const LocalTime start, ParseLocalTime(started_at, "检查开始时间"));
  ANJIAN_ASSIGN_OR_RETURN(const LocalTime end, ParseLocalTime(ended_at, "检查结束时间"));
  const auto minutes = [](const LocalTime& t) {
    return (t.date.ToDays() * 24 + t.hour) * 60 + t.minute;
  };
  if (minutes(end) < minutes(start)) {
    return Error::InvalidArgument("检查结束时间早于开始时间（" + std::string(started_at) + " 至 " +
                                  std::string(ended_at) + "）");
  }
  std::string text = std::to_string(start.date.year()) + "年" + MonthDayTime(start) + "至";
  if (end.date.year() != start.date.year()) text += std::to_string(end.date.year()) + "年";
  return text + MonthDayTime(end);
}

std::string Sentence(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return {};
  static constexpr std::array<std::string_view, 7> kEnds = {"。",   "；",  "！", "？",
                                                            "。）", "。”", "："};
  for (std::string_view end : kEnds) {
    if (EndsWith(text, end)) return std::string(text);
  }
  return std::string(text) + "。";
}

std::vector<io::PdfFormRow> PartyRows(const DocumentContent& doc, PartyLabel label) {
  const char* name = label == PartyLabel::kParty ? "当事人" : "被检查单位";
  // Names and addresses are long: each gets a whole row.
  return {
      {{.label = name, .value = doc.unit_name}},
      {{.label = "地址", .value = doc.unit_address}},
      {{.label = "法定代表人（负责人）", .value = doc.unit_principal, .width_share = 1.3},
       {.label = "联系电话", .value = doc.unit_phone, .width_share = 1}},
  };
}

std::string InspectorLines(const DocumentContent& doc) {
  std::string lines;
  for (const DocumentInspector& inspector : doc.inspectors) {
    if (!lines.empty()) lines += "\n";
    lines += inspector.name;
    std::string details;
    if (!inspector.certificate_no.empty()) details = "执法证号：" + inspector.certificate_no;
    if (!inspector.organisation.empty()) {
      if (!details.empty()) details += "，";
      details += inspector.organisation;
    }
    if (!details.empty()) lines += "（" + details + "）";
  }
  return lines;
}

std::string ProblemLine(std::size_t number, const DocumentProblem& problem) {
  std::string line = std::to_string(number) + "." + std::string(Trim(problem.text));
  if (!Trim(problem.legal_basis).empty()) {
    line += "（依据：" + std::string(Trim(problem.legal_basis)) + "）";
  }
  return line;
}

std::string ProblemLines(const DocumentContent& doc) {
  std::string lines;
  for (std::size_t i = 0; i < doc.problems.size(); ++i) {
    if (i > 0) lines += '\n';
    lines += ProblemLine(i + 1, doc.problems[i]);
  }
  return lines;
}

void AddOpening(io::PdfDocument& pdf, const DocumentContent& doc, std::string_view fallback) {
  pdf.PlainLine(doc.unit_name + "：");
  pdf.Paragraph(Trim(doc.reference).empty() ? std::string(fallback) : std::string(doc.reference));
}

std::string RemedyClause(std::string_view act) {
  return "如果不服" + std::string(act) +
         "，可以依法在60日内申请行政复议，或者在6个月内依法向人民法院提起行政诉讼，但" +
         std::string(act) + "不停止执行，法律另有规定的除外。";
}

}  // namespace anjian::app
