#include "app/enterprise_service.hpp"

#include <cmath>
#include <set>

#include "app/audit_trail.hpp"
#include "app/checklist_catalog.hpp"
#include "app/inspection_support.hpp"
#include "app/unit_of_work.hpp"

namespace anjian::app {

using nlohmann::json;

json SelfInspectionToJson(const store::SelfInspectionRow& row) {
  json body = json::parse(row.body_json, nullptr, false);
  if (body.is_discarded()) body = json::object();
  body["id"] = row.id.value;
  body["unit_id"] = row.unit_id.value;
  body["unit_name"] = row.unit_name;
  body["kind"] = std::string(domain::Code(row.kind));
  body["kind_label"] = std::string(domain::Label(row.kind));
  body["done_on"] = row.done_on.ToString();
  body["checklist_id"] = row.checklist_id;
  body["checklist_version"] = row.checklist_version;
  body["nonconforming"] = row.nonconforming;
  body["created_at"] = row.created_at;
  return body;
}

Result<std::string> EnterpriseService::StorePng(const Principal& who, const std::string& data_url,
                                                const std::string& field,
                                                store::StoreSession& session) {
  ANJIAN_ASSIGN_OR_RETURN(auto row, SignatureUpload(who, data_url, field, clock_.NowUnixSeconds()));
  ANJIAN_TRY(session.PutUpload(row));
  return row.sha256;
}

Result<store::SelfInspectionRow> EnterpriseService::SubmitSelfInspection(const Principal& who,
                                                                         const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kSelfInspect));
  if (!who.unit_id) return Error::FailedPrecondition("企业账号未绑定单位");
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_ASSIGN_OR_RETURN(auto kind_text, TextField(body, "kind", true, 10));
  auto kind = domain::FromStoredCode(domain::SelfInspectionKinds(), kind_text, "自查类型");
  if (!kind.ok()) return Error::InvalidArgument("kind 应为 daily 或 periodic", "kind");
  const std::string checklist_id = body.value("checklist_id", std::string("general"));
  const auto* checklist = BuiltinChecklists().Latest(checklist_id);
  if (checklist == nullptr)
    return Error::InvalidArgument("没有此检查表：" + checklist_id, "checklist_id");
  const auto today = BeijingDate(clock_);
  ANJIAN_ASSIGN_OR_RETURN(auto done_text, TextField(body, "done_on", false, 20));
  CivilDate done_on = today;
  if (!done_text.empty()) {
    auto parsed = CivilDate::Parse(done_text);
    if (!parsed.ok())
      return Error::InvalidArgument("done_on：" + parsed.error().message, "done_on");
    if (today < *parsed) return Error::InvalidArgument("自查日期不能晚于今天", "done_on");
    done_on = *parsed;
  }
  if (!body.contains("results") || !body["results"].is_array()) {
    return Error::InvalidArgument("请逐项填写检查结果（results）", "results");
  }
  json results = json::array();
  std::set<std::string> answered;
  int nonconforming = 0;
  for (std::size_t i = 0; i < body["results"].size(); ++i) {
    const auto& r = body["results"][i];
    const std::string path = "results[" + std::to_string(i) + "]";
    ANJIAN_ASSIGN_OR_RETURN(auto code, TextField(r, "code", true, 20, path));
    if (domain::FindItem(*checklist, code) == nullptr) {
      return Error::InvalidArgument(path + "：检查表中没有此项 " + code, path + ".code");
    }
    if (!answered.insert(code).second)
      return Error::InvalidArgument(path + "：" + code + " 重复", path + ".code");
    ANJIAN_ASSIGN_OR_RETURN(auto result_text, TextField(r, "result", true, 20, path));
    auto result = domain::ParseItemResult(result_text);
    if (!result.ok())
      return Error::InvalidArgument(path + ".result：" + result.error().message, path + ".result");
    ANJIAN_ASSIGN_OR_RETURN(auto note, TextField(r, "note", false, 500, path));
    if (*result == domain::ItemResult::kNonConform) {
      ++nonconforming;
      if (note.empty())
        return Error::InvalidArgument(path + "：不符合项请说明情况及整改措施", path + ".note");
    }
    results.push_back({{"code", code},
                       {"result", std::string(domain::Code(*result))},
                       {"note", note},
                       {"photos", r.value("photos", json::array())}});
  }
  for (const auto& item : checklist->items) {
    if (!answered.contains(item.code)) {
      return Error::InvalidArgument(item.code + " " + item.text + "：未填写检查结果", "results");
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(auto findings_note, TextField(body, "findings_note", false, 2000));
  ANJIAN_ASSIGN_OR_RETURN(auto principal, TextField(body, "principal_name",
                                                    domain::NeedsPrincipalSignature(*kind), 50));
  ANJIAN_ASSIGN_OR_RETURN(auto png, TextField(body, "principal_png",
                                              domain::NeedsPrincipalSignature(*kind), 2'000'000));
  const auto now = clock_.NowUnixSeconds();
  return WriteUnit(
      store_, now, who, domain::Action::kSelfInspect,
      [&](store::StoreSession& session, AuditNote& audit) -> Result<store::SelfInspectionRow> {
        std::string signature;
        if (!png.empty()) {
          ANJIAN_ASSIGN_OR_RETURN(signature, StorePng(who, png, "principal_png", session));
        }
        store::SelfInspectionRow row;
        row.unit_id = *who.unit_id;
        row.kind = *kind;
        row.done_on = done_on;
        row.checklist_id = checklist->id;
        row.checklist_version = checklist->version;
        row.body_json = json{
            {"results", results},
            {"findings_note", findings_note},
            {"principal_name", principal},
            {"principal_signature",
             signature}}.dump();
        row.nonconforming = nonconforming;
        row.created_by = who.user_id;
        row.created_at = now;
        ANJIAN_ASSIGN_OR_RETURN(auto inserted, session.InsertSelfInspection(row));
        audit = {"self_inspection.submit",
                 "self_inspection",
                 std::to_string(inserted.id.value),
                 {{"unit_id", inserted.unit_id.value},
                  {"kind", std::string(domain::Code(inserted.kind))},
                  {"nonconforming", inserted.nonconforming}}};
        return inserted;
      });
}

Result<store::PageResult<store::SelfInspectionRow>> EnterpriseService::ListSelfInspections(
    const Principal& who, std::optional<UnitId> unit, int page, int page_size) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  if (who.role == domain::UserRole::kEnterprise) {
    if (!who.unit_id) return store::PageResult<store::SelfInspectionRow>{};
    unit = who.unit_id;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->ListSelfInspections(who.scope, unit, page, page_size);
}

Result<store::NoticeRow> EnterpriseService::PublishNotice(const Principal& who, const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kPublishNotice));
  store::NoticeRow notice;
  ANJIAN_ASSIGN_OR_RETURN(notice.title, TextField(body, "title", true, 100));
  ANJIAN_ASSIGN_OR_RETURN(notice.body, TextField(body, "body", true, 20000));
  notice.scope_path = who.scope.region_path;
  notice.published_by = who.user_id;
  notice.published_at = clock_.NowUnixSeconds();
  return WriteUnit(store_, notice.published_at, who, domain::Action::kPublishNotice,
                   [&](store::StoreSession& session, AuditNote& audit) -> Result<store::NoticeRow> {
                     ANJIAN_ASSIGN_OR_RETURN(auto inserted, session.InsertNotice(notice));
                     audit = {"notice.publish",
                              "notice",
                              std::to_string(inserted.id.value),
                              {{"title", notice.title}, {"scope", notice.scope_path}}};
                     return inserted;
                   });
}

Result<json> EnterpriseService::ListNotices(const Principal& who) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  std::string path = who.scope.region_path;
  if (who.role == domain::UserRole::kEnterprise) {
    if (!who.unit_id) return json{{"items", json::array()}};
    ANJIAN_ASSIGN_OR_RETURN(auto unit, session->GetUnit(store::Scope::All(), *who.unit_id));
    ANJIAN_ASSIGN_OR_RETURN(auto region,
                            session->GetRegion(store::Scope::All(), unit.community_id));
    path = region.path;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto notices, session->ListNotices(path));
  UserNames names(*session);
  json items = json::array();
  for (const auto& n : notices) {
    ANJIAN_ASSIGN_OR_RETURN(auto receipts, session->ListNoticeReceipts(n.id));
    json item = {{"id", n.id.value},
                 {"title", n.title},
                 {"body", n.body},
                 {"published_at", n.published_at},
                 {"published_by", names.Of(n.published_by.value)},
                 {"receipts", receipts.size()}};
    if (who.role == domain::UserRole::kEnterprise) {
      bool signed_by_unit = false;
      for (const auto& r : receipts) signed_by_unit = signed_by_unit || r.unit_id == *who.unit_id;
      item["signed"] = signed_by_unit;
    }
    items.push_back(std::move(item));
  }
  return json{{"items", items}};
}

Status EnterpriseService::SignNotice(const Principal& who, NoticeId notice_id, const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kSelfInspect));
  if (!who.unit_id) return Error::FailedPrecondition("企业账号未绑定单位");
  ANJIAN_ASSIGN_OR_RETURN(auto signer, TextField(body, "signer_name", true, 50));
  ANJIAN_ASSIGN_OR_RETURN(auto png, TextField(body, "png", true, 2'000'000));
  const auto now = clock_.NowUnixSeconds();
  return WriteUnit(
      store_, now, who, domain::Action::kSelfInspect,
      [&](store::StoreSession& session, AuditNote& audit) -> Status {
        ANJIAN_ASSIGN_OR_RETURN(auto notice, session.GetNotice(notice_id));
        ANJIAN_ASSIGN_OR_RETURN(auto unit, session.GetUnit(store::Scope::All(), *who.unit_id));
        if (!unit.credit_code.empty() && !notice.scope_path.empty()) {
          ANJIAN_ASSIGN_OR_RETURN(auto region,
                                  session.GetRegion(store::Scope::All(), unit.community_id));
          if (!region.path.starts_with(notice.scope_path))
            return Error::NotFound("通知不存在（id " + std::to_string(notice_id.value) + "）");
        }
        ANJIAN_ASSIGN_OR_RETURN(auto signature, StorePng(who, png, "png", session));
        ANJIAN_TRY(session.InsertNoticeReceipt(
            {notice_id, *who.unit_id, "", signer, signature, who.user_id, now}));
        audit = {"notice.sign",
                 "notice",
                 std::to_string(notice_id.value),
                 {{"unit_id", who.unit_id->value}, {"signer_name", signer}}};
        return Ok();
      });
}

Result<json> EnterpriseService::NoticeReceipts(const Principal& who, NoticeId notice_id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadRegistry));
  if (who.role == domain::UserRole::kEnterprise)
    return Error::PermissionDenied("企业账号不能查看其他单位的签收情况");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto notice, session->GetNotice(notice_id));
  // The caller sees a notice published inside its jurisdiction, or one published above it for the
  // part of it that lies inside its jurisdiction; another street's notice does not exist for it.
  const std::string& mine = who.scope.region_path;
  std::string visible;
  if (notice.scope_path.starts_with(mine)) {
    visible = notice.scope_path;
  } else if (mine.starts_with(notice.scope_path)) {
    visible = mine;
  } else {
    return Error::NotFound("通知不存在（id " + std::to_string(notice_id.value) + "）");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto receipts, session->ListNoticeReceipts(notice_id));
  ANJIAN_ASSIGN_OR_RETURN(auto units, session->CountUnits(store::Scope::Under(visible)));
  json items = json::array();
  std::size_t signed_here = 0;
  for (const auto& r : receipts) {
    auto unit = session->GetUnit(store::Scope::Under(visible), r.unit_id);
    if (!unit.ok()) {
      if (unit.error().code != ErrorCode::kNotFound) return unit.error();
      continue;  // a unit outside the caller's part of the notice
    }
    ++signed_here;
    items.push_back({{"unit_id", r.unit_id.value},
                     {"unit_name", r.unit_name},
                     {"signer_name", r.signer_name},
                     {"signed_at", r.signed_at}});
  }
  const double rate =
      units > 0 ? static_cast<double>(signed_here) / static_cast<double>(units) : 0.0;
  return json{{"notice_id", notice_id.value},
              {"title", notice.title},
              {"units", units},
              {"signed", signed_here},
              {"rate", std::round(rate * 10000) / 10000},
              {"items", items}};
}

}  // namespace anjian::app
