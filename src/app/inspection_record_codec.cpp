#include "app/inspection_record_codec.hpp"

#include "app/inspection_support.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

Result<std::vector<std::string>> Photos(const json& parent, const std::string& path) {
  std::vector<std::string> out;
  if (!parent.contains("photos") || parent["photos"].is_null()) return out;
  if (!parent["photos"].is_array())
    return Error::InvalidArgument(path + ".photos 应为数组", path + ".photos");
  for (const auto& p : parent["photos"]) {
    if (!p.is_string() || p.get<std::string>().size() != 64) {
      return Error::InvalidArgument(path + ".photos 应为已上传照片的 sha256", path + ".photos");
    }
    out.push_back(p.get<std::string>());
  }
  return out;
}

template <typename E>
Result<E> EnumField(const json& body, const std::string& key,
                    const std::vector<domain::EnumEntry<E>>& table, const std::string& path,
                    const char* what) {
  ANJIAN_ASSIGN_OR_RETURN(auto text, TextField(body, key, true, 40, path));
  auto parsed = domain::ParseEnum(table, text, what);
  if (!parsed.ok())
    return Error::InvalidArgument(path + "." + key + "：" + parsed.error().message,
                                  path + "." + key);
  return *parsed;
}

Result<domain::LocalDateTime> TimeField(const json& body, const char* key) {
  ANJIAN_ASSIGN_OR_RETURN(auto text, TextField(body, key, true, 20));
  auto parsed = domain::LocalDateTime::Parse(text);
  if (!parsed.ok())
    return Error::InvalidArgument(std::string(key) + "：" + parsed.error().message, key);
  return *parsed;
}

const json& ArrayOrEmpty(const json& body, const char* key) {
  static const json kEmpty = json::array();
  return body.contains(key) && body[key].is_array() ? body[key] : kEmpty;
}

Status RequireArrayIfPresent(const json& body, const char* key) {
  if (body.contains(key) && !body[key].is_null() && !body[key].is_array()) {
    return Error::InvalidArgument(std::string(key) + " 应为数组", key);
  }
  return Ok();
}

}  // namespace

Result<domain::InspectionRecord> ParseRecordBody(const json& body) {
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  domain::InspectionRecord r;
  ANJIAN_ASSIGN_OR_RETURN(r.started_at, TimeField(body, "started_at"));
  ANJIAN_ASSIGN_OR_RETURN(r.ended_at, TimeField(body, "ended_at"));
  ANJIAN_ASSIGN_OR_RETURN(r.place, TextField(body, "place", false, 200));
  ANJIAN_ASSIGN_OR_RETURN(r.purpose, TextField(body, "purpose", false, 500));
  ANJIAN_ASSIGN_OR_RETURN(r.handling, TextField(body, "handling", false, 2000));
  ANJIAN_ASSIGN_OR_RETURN(r.confidential_note, TextField(body, "confidential_note", false, 2000));
  if (body.contains("on_site_person") && body["on_site_person"].is_object()) {
    const auto& p = body["on_site_person"];
    ANJIAN_ASSIGN_OR_RETURN(r.on_site_person.name,
                            TextField(p, "name", false, 50, "on_site_person"));
    ANJIAN_ASSIGN_OR_RETURN(r.on_site_person.post,
                            TextField(p, "post", false, 50, "on_site_person"));
    ANJIAN_ASSIGN_OR_RETURN(r.on_site_person.phone,
                            TextField(p, "phone", false, 30, "on_site_person"));
  }
  for (const char* key : {"results", "findings", "penalties"})
    ANJIAN_TRY(RequireArrayIfPresent(body, key));
  const auto& results = ArrayOrEmpty(body, "results");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string path = "results[" + std::to_string(i) + "]";
    domain::ChecklistAnswer a;
    ANJIAN_ASSIGN_OR_RETURN(a.code, TextField(results[i], "code", true, 20, path));
    ANJIAN_ASSIGN_OR_RETURN(
        a.result, EnumField(results[i], "result", domain::ItemResults(), path, "检查结果"));
    ANJIAN_ASSIGN_OR_RETURN(a.note, TextField(results[i], "note", false, 500, path));
    ANJIAN_ASSIGN_OR_RETURN(a.photos, Photos(results[i], path));
    r.answers.push_back(std::move(a));
  }
  const auto& findings = ArrayOrEmpty(body, "findings");
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const std::string path = "findings[" + std::to_string(i) + "]";
    const auto& f = findings[i];
    domain::Finding finding;
    ANJIAN_ASSIGN_OR_RETURN(finding.item_code, TextField(f, "item_code", false, 20, path));
    ANJIAN_ASSIGN_OR_RETURN(finding.description, TextField(f, "description", false, 1000, path));
    ANJIAN_ASSIGN_OR_RETURN(finding.legal_basis, TextField(f, "legal_basis", false, 300, path));
    ANJIAN_ASSIGN_OR_RETURN(auto grade, TextField(f, "grade", false, 20, path));
    if (grade.empty() || grade == "general") {
      finding.grade = domain::HazardGrade::kGeneral;
    } else if (grade == "major") {
      finding.grade = domain::HazardGrade::kMajor;
    } else {
      return Error::InvalidArgument(path + ".grade 应为 general 或 major", path + ".grade");
    }
    ANJIAN_ASSIGN_OR_RETURN(finding.measure,
                            EnumField(f, "measure", domain::FindingMeasures(), path, "处理措施"));
    ANJIAN_ASSIGN_OR_RETURN(auto deadline, TextField(f, "deadline", false, 20, path));
    if (!deadline.empty()) {
      auto date = CivilDate::Parse(deadline);
      if (!date.ok())
        return Error::InvalidArgument(path + ".deadline：" + date.error().message,
                                      path + ".deadline");
      finding.deadline = *date;
    }
    if (f.contains("deadline_working_days") && !f["deadline_working_days"].is_null()) {
      const auto& n = f["deadline_working_days"];
      if (!n.is_number_integer() || n.get<int>() < 1 || n.get<int>() > 250) {
        return Error::InvalidArgument(path + ".deadline_working_days 应为 1–250 个工作日",
                                      path + ".deadline_working_days");
      }
      if (finding.deadline) {
        return Error::InvalidArgument(path + "：deadline 与 deadline_working_days 只能给一个",
                                      path + ".deadline");
      }
      finding.deadline_working_days = n.get<int>();
    }
    ANJIAN_ASSIGN_OR_RETURN(finding.on_site_decision,
                            TextField(f, "on_site_decision", false, 1000, path));
    ANJIAN_ASSIGN_OR_RETURN(finding.photos, Photos(f, path));
    r.findings.push_back(std::move(finding));
  }
  const auto& penalties = ArrayOrEmpty(body, "penalties");
  for (std::size_t i = 0; i < penalties.size(); ++i) {
    const std::string path = "penalties[" + std::to_string(i) + "]";
    domain::Penalty p;
    ANJIAN_ASSIGN_OR_RETURN(
        p.kind, EnumField(penalties[i], "type", domain::PenaltyKinds(), path, "处罚种类"));
    if (penalties[i].contains("amount_yuan") && !penalties[i]["amount_yuan"].is_null()) {
      if (!penalties[i]["amount_yuan"].is_number_integer()) {
        return Error::InvalidArgument(path + ".amount_yuan 应为整数（元）", path + ".amount_yuan");
      }
      p.amount_yuan = penalties[i]["amount_yuan"].get<std::int64_t>();
    }
    ANJIAN_ASSIGN_OR_RETURN(p.legal_basis,
                            TextField(penalties[i], "legal_basis", false, 300, path));
    ANJIAN_ASSIGN_OR_RETURN(p.facts, TextField(penalties[i], "facts", false, 2000, path));
    r.penalties.push_back(std::move(p));
  }
  if (body.contains("case_filed") && !body["case_filed"].is_null()) {
    if (!body["case_filed"].is_boolean())
      return Error::InvalidArgument("case_filed 应为 true/false", "case_filed");
    r.case_filed = body["case_filed"].get<bool>();
  }
  if (!body.contains("signatures") || !body["signatures"].is_object()) {
    return Error::InvalidArgument("缺少签字（signatures）", "signatures");
  }
  const auto& sig = body["signatures"];
  const auto& inspectors = ArrayOrEmpty(sig, "inspectors");
  for (std::size_t i = 0; i < inspectors.size(); ++i) {
    const std::string path = "signatures.inspectors[" + std::to_string(i) + "]";
    if (!inspectors[i].is_object() || !inspectors[i].contains("inspector_id") ||
        !inspectors[i]["inspector_id"].is_number_integer()) {
      return Error::InvalidArgument(path + " 须有 inspector_id", path);
    }
    domain::InspectorSignature s;
    s.inspector_id = inspectors[i]["inspector_id"].get<std::int64_t>();
    // Either the submitter's own drawing, or a reference to a signature the member gave earlier
    // in their own session or after re-authenticating (POST /tasks/{id}/signatures).
    const bool attested =
        inspectors[i].contains("attestation_id") && !inspectors[i]["attestation_id"].is_null();
    if (attested) {
      const auto& id = inspectors[i]["attestation_id"];
      if (!id.is_number_integer() || id.get<std::int64_t>() < 1) {
        return Error::InvalidArgument(path + ".attestation_id 应为正整数",
                                      path + ".attestation_id");
      }
      if (inspectors[i].contains("png") && !inspectors[i]["png"].is_null()) {
        return Error::InvalidArgument(path + "：png 与 attestation_id 只能有其一", path);
      }
      s.attestation_id = id.get<std::int64_t>();
    } else {
      ANJIAN_ASSIGN_OR_RETURN(s.signature, TextField(inspectors[i], "png", true, 2'000'000, path));
    }
    r.inspector_signatures.push_back(std::move(s));
  }
  if (sig.contains("on_site_person") && sig["on_site_person"].is_object()) {
    ANJIAN_ASSIGN_OR_RETURN(r.on_site_signature, TextField(sig["on_site_person"], "png", false,
                                                           2'000'000, "signatures.on_site_person"));
  }
  if (sig.contains("refusal") && sig["refusal"].is_object()) {
    const auto& f = sig["refusal"];
    domain::Refusal refusal;
    ANJIAN_ASSIGN_OR_RETURN(refusal.reason,
                            TextField(f, "reason", false, 500, "signatures.refusal"));
    ANJIAN_ASSIGN_OR_RETURN(refusal.witness_name,
                            TextField(f, "witness_name", false, 50, "signatures.refusal"));
    ANJIAN_ASSIGN_OR_RETURN(refusal.witness_signature,
                            TextField(f, "witness_png", false, 2'000'000, "signatures.refusal"));
    r.refusal = std::move(refusal);
  }
  return r;
}

json RecordBodyToJson(const domain::InspectionRecord& r) {
  json results = json::array();
  for (const auto& a : r.answers) {
    results.push_back({{"code", a.code},
                       {"result", std::string(domain::Code(a.result))},
                       {"note", a.note},
                       {"photos", a.photos}});
  }
  json findings = json::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"item_code", f.item_code},
                        {"description", f.description},
                        {"grade", f.grade == domain::HazardGrade::kMajor ? "major" : "general"},
                        {"legal_basis", f.legal_basis},
                        {"measure", std::string(domain::Code(f.measure))},
                        {"deadline", f.deadline ? f.deadline->ToString() : ""},
                        {"on_site_decision", f.on_site_decision},
                        {"photos", f.photos}});
  }
  json penalties = json::array();
  for (const auto& p : r.penalties) {
    penalties.push_back({{"type", std::string(domain::Code(p.kind))},
                         {"amount_yuan", p.amount_yuan},
                         {"legal_basis", p.legal_basis},
                         {"facts", p.facts}});
  }
  json inspectors = json::array();
  for (const auto& s : r.inspector_signatures) {
    inspectors.push_back(
        {{"inspector_id", s.inspector_id},
         {"png", s.signature},
         {"attestation_id", s.attestation_id ? json(s.attestation_id) : json(nullptr)},
         {"authenticated_user_id", s.authenticated_user_id},
         {"authenticated_username", s.authenticated_username},
         {"auth_method", std::string(domain::Code(s.method))},
         {"auth_method_label", std::string(domain::Label(s.method))},
         {"authenticated_at", s.authenticated_at}});
  }
  json signatures = {
      {"inspectors", inspectors},
      {"on_site_person",
       r.on_site_signature.empty() ? json(nullptr) : json{{"png", r.on_site_signature}}},
      {"refusal", r.refusal ? json{{"reason", r.refusal->reason},
                                   {"witness_name", r.refusal->witness_name},
                                   {"witness_png", r.refusal->witness_signature}}
                            : json(nullptr)}};
  return {{"started_at", r.started_at.ToString()},
          {"ended_at", r.ended_at.ToString()},
          {"place", r.place},
          {"purpose", r.purpose},
          {"on_site_person",
           {{"name", r.on_site_person.name},
            {"post", r.on_site_person.post},
            {"phone", r.on_site_person.phone}}},
          {"results", results},
          {"findings", findings},
          {"penalties", penalties},
          {"case_filed", r.case_filed},
          {"handling", r.handling},
          {"confidential_note", r.confidential_note},
          {"signatures", signatures}};
}

}  // namespace anjian::app
