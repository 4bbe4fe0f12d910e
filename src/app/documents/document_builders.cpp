#include "app/documents/document_builders.hpp"

#include <cstdio>

#include "common/clock.hpp"

namespace anjian::app {
namespace {

std::string FormDate(const std::string& iso) {  // 2026-12-07 → 2026年12月7日
  auto date = CivilDate::Parse(iso);
  if (!date.ok()) return iso;
  return std::to_string(date->year()) + "年" + std::to_string(date->month()) + "月" +
         std::to_string(date->day()) + "日";
}

std::string Caption(const RecordContext& c, const std::string& sha, const std::string& what) {
  std::string caption = what;
  if (auto it = c.uploads.find(sha); it != c.uploads.end() && !it->second.taken_at.empty()) {
    caption += "（拍摄于 " + it->second.taken_at.substr(0, 16) + "）";
    for (auto& ch : caption)
      if (ch == 'T') ch = ' ';
  }
  return caption;
}

void CommonHeader(const RecordContext& c, DocumentContent& d) {
  const auto& r = c.record;
  d.unit_name = c.unit.name;
  d.unit_address = c.unit.address;
  d.unit_principal = c.unit.safety_manager;
  d.unit_phone = c.unit.contact_phone;
  d.on_site_person = r.on_site_person.name;
  d.on_site_post = r.on_site_person.post;
  d.on_site_phone = r.on_site_person.phone;
  d.started_at = r.started_at.ToString().replace(10, 1, " ");
  d.ended_at = r.ended_at.ToString().replace(10, 1, " ");
  d.place = r.place;
  d.purpose = r.purpose;
  for (const auto& p : c.team) d.inspectors.push_back({p.name, p.certificate_no, p.department});
}

// Who authenticated an officer's signature, how and when (issue #12), printed under the name so
// the paper copy carries the proof too; "" for records made before signatures were bound.
std::string SignatureBinding(const domain::InspectorSignature& s) {
  if (s.authenticated_user_id == 0) return "";
  const int minute = BeijingMinuteOfDay(s.authenticated_at);
  char time[16];
  std::snprintf(time, sizeof time, "%02d:%02d", minute / 60, minute % 60);
  // The account name stays in the record: a paper copy reaching the unit need not carry logins.
  return std::string(domain::Label(s.method)) + "（" +
         BeijingDateAt(s.authenticated_at).ToString() + " " + time + "）";
}

void Signatures(const RecordContext& c, DocumentContent& d) {
  for (const auto& s : c.record.inspector_signatures) {
    std::string name;
    for (const auto& p : c.team)
      if (p.id.value == s.inspector_id) name = p.name;
    d.signatures.push_back({"检查人员", name, s.signature, SignatureBinding(s)});
  }
  if (c.record.refusal) {
    d.signatures.push_back({"被检查单位现场负责人", c.record.on_site_person.name, "",
                            "拒绝签字：" + c.record.refusal->reason});
    d.signatures.push_back(
        {"见证人", c.record.refusal->witness_name, c.record.refusal->witness_signature, ""});
    d.witness = c.record.refusal->witness_name;
  } else {
    d.signatures.push_back(
        {"被检查单位现场负责人", c.record.on_site_person.name, c.record.on_site_signature, ""});
  }
}

std::string MeasureText(const domain::Finding& f) {
  switch (f.measure) {
    case domain::FindingMeasure::kImmediate:
      return "责令立即整改";
    case domain::FindingMeasure::kRectify:
      return "责令于" + FormDate(f.deadline->ToString()) + "前整改完毕";
    case domain::FindingMeasure::kOnSite:
      return "现场处理措施：" + f.on_site_decision;
  }
  return "";
}

std::vector<DocumentProblem> Problems(const RecordContext& c,
                                      bool (*keep)(const domain::Finding&)) {
  std::vector<DocumentProblem> out;
  for (const auto& f : c.record.findings) {
    if (!keep(f)) continue;
    std::string text = f.description;
    if (f.grade == domain::HazardGrade::kMajor) text += "（重大事故隐患）";
    out.push_back({text, f.legal_basis, f.deadline ? f.deadline->ToString() : "", MeasureText(f)});
  }
  return out;
}

}  // namespace

DocumentContent InspectionRecordDocument(const RecordContext& c) {
  DocumentContent d;
  d.type = domain::DocumentType::kInspectionRecord;
  CommonHeader(c, d);
  for (const auto& item : c.checklist.items) {
    for (const auto& a : c.record.answers) {
      if (a.code != item.code) continue;
      d.checklist.push_back({item.code, item.text, std::string(domain::Label(a.result)), a.note});
      for (const auto& sha : a.photos)
        d.photos.push_back({sha, Caption(c, sha, item.code + " " + item.text)});
    }
  }
  d.problems = Problems(c, [](const domain::Finding&) { return true; });
  for (const auto& f : c.record.findings) {
    for (const auto& sha : f.photos) d.photos.push_back({sha, Caption(c, sha, f.description)});
  }
  std::string handling = c.record.handling;
  for (const auto& p : c.record.penalties) {
    handling += (handling.empty() ? "" : "\n") + std::string("拟给予") +
                std::string(domain::Label(p.kind)) +
                (p.kind == domain::PenaltyKind::kFine
                     ? "（" + domain::ChineseCapitalYuan(p.amount_yuan) + "）"
                     : "") +
                "，依据" + p.legal_basis;
  }
  if (c.record.case_filed) handling += (handling.empty() ? "" : "\n") + std::string("已立案查处");
  d.handling = handling;
  Signatures(c, d);
  return d;
}

DocumentContent RectificationOrderDocument(const RecordContext& c,
                                           const std::string& record_number) {
  DocumentContent d;
  d.type = domain::DocumentType::kRectificationOrder;
  CommonHeader(c, d);
  d.problems = Problems(
      c, [](const domain::Finding& f) { return f.measure == domain::FindingMeasure::kRectify; });
  d.reference = "经" + FormDate(c.record.started_at.date.ToString()) + "现场检查（" +
                record_number + "），发现你单位存在下列问题：";
  Signatures(c, d);
  return d;
}

DocumentContent OnSiteMeasuresDocument(const RecordContext& c, const std::string& record_number) {
  DocumentContent d;
  d.type = domain::DocumentType::kOnSiteMeasures;
  CommonHeader(c, d);
  d.problems = Problems(
      c, [](const domain::Finding& f) { return f.measure == domain::FindingMeasure::kOnSite; });
  d.reference = "经" + FormDate(c.record.started_at.date.ToString()) + "现场检查（" +
                record_number + "），发现你单位存在下列问题：";
  Signatures(c, d);
  return d;
}

DocumentContent PenaltyNoticeDocument(const RecordContext& c, const std::string& record_number) {
  DocumentContent d;
  d.type = domain::DocumentType::kPenaltyNotice;
  CommonHeader(c, d);
  for (const auto& p : c.record.penalties) {
    std::string amount;
    if (p.kind == domain::PenaltyKind::kFine) {
      char figures[64];
      std::snprintf(figures, sizeof figures, "%lld.00", static_cast<long long>(p.amount_yuan));
      amount = domain::ChineseCapitalYuan(p.amount_yuan) + "（" + figures + " 元）";
    }
    d.penalties.push_back({std::string(domain::Label(p.kind)), amount, p.legal_basis, p.facts});
  }
  d.reference = "经" + FormDate(c.record.started_at.date.ToString()) + "现场检查（" +
                record_number + "）查明：";
  std::size_t photos = 0;
  for (const auto& a : c.record.answers) photos += a.photos.size();
  for (const auto& f : c.record.findings) photos += f.photos.size();
  d.evidence = "现场检查记录（" + record_number + "）" +
               (photos ? "、现场照片 " + std::to_string(photos) + " 张" : "");
  Signatures(c, d);
  return d;
}

DocumentContent ReinspectionOpinionDocument(const ReviewContext& c) {
  DocumentContent d;
  d.type = domain::DocumentType::kReinspectionOpinion;
  d.unit_name = c.unit.name;
  d.unit_address = c.unit.address;
  d.unit_principal = c.unit.safety_manager;
  d.unit_phone = c.unit.contact_phone;
  if (!c.order_number.empty()) {
    d.reference = "你单位于" + FormDate(c.order_issued_on) + "收到的《责令限期整改指令书》（" +
                  c.order_number + "）所列问题，本机关已进行复查。";
  } else {
    d.reference = "你单位的隐患“" + c.hazard.description + "”，本机关已进行复查。";
  }
  d.problems.push_back({c.hazard.description, c.hazard.legal_basis, ToString(c.hazard.deadline),
                        c.passed ? "已整改" : "未整改完毕"});
  d.opinion = c.passed
                  ? "经复查，该问题已整改完毕，符合要求。"
                  : "经复查，该问题未整改完毕，责令于" + FormDate(c.new_deadline) + "前整改完毕。";
  if (!c.opinion.empty()) d.opinion += c.opinion;
  for (const auto& sha : c.evidence) d.photos.push_back({sha, "复查照片"});
  d.signatures.push_back({"复查人员", c.reviewer, "", ""});
  d.signatures.push_back({"被检查单位负责人", c.unit.safety_manager, "", ""});
  return d;
}

}  // namespace anjian::app
