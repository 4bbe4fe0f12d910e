#include "app/signature_service.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/inspection_support.hpp"
#include "app/unit_of_work.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

bool OnTeam(const store::TaskRecord& task, std::int64_t inspector_id) {
  return std::find(task.team.begin(), task.team.end(), inspector_id) != task.team.end();
}

// A secret field: a string of at most `max_chars`, never trimmed (a password may end in a space).
Result<std::string> SecretField(const json& body, const char* key, std::size_t max_chars) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string()) return Error::InvalidArgument(std::string(key) + " 应为字符串", key);
  std::string value = body[key].get<std::string>();
  if (value.size() > max_chars) return Error::InvalidArgument(std::string(key) + " 过长", key);
  return value;
}

}  // namespace

std::optional<Error> AttestationProblem(const store::SignatureAttestationRow& attestation,
                                        std::int64_t task_id, std::int64_t inspector_id,
                                        std::int64_t now, const std::string& field) {
  if (attestation.task_id != task_id || attestation.inspector_id.value != inspector_id) {
    return Error::InvalidArgument(field + "：该签字不是本任务中这名执法人员的签字", field);
  }
  if (attestation.record_id != 0) {
    return Error{ErrorCode::kConflict,
                 field + "：该签字已用于检查记录（id " + std::to_string(attestation.record_id) +
                     "），每份记录须重新签字",
                 field};
  }
  if (now - attestation.created_at > kSignatureAttestationLifetimeSeconds) {
    return Error{ErrorCode::kConflict,
                 field + "：该签字已超过 " +
                     std::to_string(kSignatureAttestationLifetimeSeconds / 3600) +
                     " 小时有效期，请重新签字",
                 field};
  }
  return std::nullopt;
}

Result<json> SignatureService::Attest(const Principal& who, std::int64_t task_id,
                                      const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kInspect));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  if (!body.contains("inspector_id") || !body["inspector_id"].is_number_integer()) {
    return Error::InvalidArgument("inspector_id 应为整数", "inspector_id");
  }
  const std::int64_t inspector_id = body["inspector_id"].get<std::int64_t>();
  ANJIAN_ASSIGN_OR_RETURN(const std::string png, TextField(body, "png", true, 2'000'000));
  ANJIAN_ASSIGN_OR_RETURN(const std::string password, SecretField(body, "password", 256));
  ANJIAN_ASSIGN_OR_RETURN(const std::string totp_code, SecretField(body, "totp_code", 16));
  ANJIAN_ASSIGN_OR_RETURN(const std::string username, TextField(body, "username", false, 64));
  const auto now = clock_.NowUnixSeconds();
  // The drawing is checked first: a body that is not a PNG costs nobody a password attempt.
  ANJIAN_ASSIGN_OR_RETURN(auto upload, SignatureUpload(who, png, "png", now));

  store::TaskRecord task;
  store::User signer;
  bool own = false;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
    ANJIAN_ASSIGN_OR_RETURN(task, session->GetTask(who.scope, task_id));
    if (task.status == domain::TaskStatus::kCancelled)
      return Error::Conflict("该任务已取消，不能再签字");
    if (!who.inspector_id || !OnTeam(task, who.inspector_id->value)) {
      return Error::PermissionDenied(
          "只有本次检查组成员可以签字（当前账号未关联检查组中的执法人员）");
    }
    if (!OnTeam(task, inspector_id)) {
      return Error::InvalidArgument("该人员不在本次检查组中", "inspector_id");
    }
    own = who.inspector_id->value == inspector_id;
    if (own) {
      ANJIAN_ASSIGN_OR_RETURN(signer, session->GetUser(who.user_id));
    } else {
      ANJIAN_ASSIGN_OR_RETURN(auto users, session->ListUsers());
      std::vector<store::User> linked;
      for (auto& u : users) {
        if (u.active && u.inspector_id && u.inspector_id->value == inspector_id) {
          linked.push_back(std::move(u));
        }
      }
      if (!username.empty()) {
        std::erase_if(linked, [&](const store::User& u) { return u.username != username; });
        if (linked.empty()) {
          return Error::InvalidArgument("该用户名不是这名执法人员的账号", "username");
        }
      }
      if (linked.empty()) {
        return Error::Unprocessable(
            "这名执法人员没有可用的登录账号，无法验证身份；请其本人开通账号后签字", "inspector_id");
      }
      if (linked.size() > 1) {
        return Error::InvalidArgument("这名执法人员关联了多个账号，请输入其用户名", "username");
      }
      signer = linked.front();
    }
  }
  domain::SignatureAuthMethod method = domain::SignatureAuthMethod::kSession;
  if (!own) {
    ANJIAN_ASSIGN_OR_RETURN(method,
                            auth_.Reauthenticate(signer, password, totp_code, who.client_address));
  }

  return WriteUnit(
      store_, now, who, domain::Action::kInspect,
      [&](store::StoreSession& session, AuditNote& audit) -> Result<json> {
        ANJIAN_TRY(session.PutUpload(upload));
        store::SignatureAttestationRow row;
        row.task_id = task.id;
        row.inspector_id = InspectorId(inspector_id);
        row.user_id = signer.id;
        row.device_user_id = who.user_id;
        row.method = method;
        row.png_sha256 = upload.sha256;
        row.client_address = who.client_address;
        row.created_at = now;
        ANJIAN_ASSIGN_OR_RETURN(row, session.InsertSignatureAttestation(row));
        if (!own) ANJIAN_TRY(auth_.ForgiveFailures(session, signer.username, who.client_address));
        audit = {"signature.attest", "task", std::to_string(task.id),
                 json{{"attestation_id", row.id.value},
                      {"inspector_id", inspector_id},
                      {"authenticated_user_id", signer.id.value},
                      {"authenticated_username", signer.username},
                      {"method", std::string(domain::Code(method))}}};
        return ToJson(session, task, row, now);
      });
}

Result<json> SignatureService::List(const Principal& who, std::int64_t task_id) {
  ANJIAN_TRY(Require(who, domain::Action::kInspect));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto task, session->GetTask(who.scope, task_id));
  ANJIAN_ASSIGN_OR_RETURN(auto rows, session->ListSignatureAttestations(task.id));
  const auto now = clock_.NowUnixSeconds();
  json items = json::array();
  for (const auto& row : rows) items.push_back(ToJson(*session, task, row, now));
  return json{{"items", items}};
}

json SignatureService::ToJson(store::StoreSession& session, const store::TaskRecord& task,
                              const store::SignatureAttestationRow& row, std::int64_t now) const {
  std::string inspector_name;
  if (auto person = session.GetInspector(store::Scope::All(), row.inspector_id); person.ok()) {
    inspector_name = person->name;
  }
  std::string username;
  if (auto user = session.GetUser(row.user_id); user.ok()) username = user->username;
  const bool usable =
      !AttestationProblem(row, task.id, row.inspector_id.value, now, "attestation").has_value();
  return {{"id", row.id.value},
          {"task_id", row.task_id},
          {"inspector_id", row.inspector_id.value},
          {"inspector_name", inspector_name},
          {"user_id", row.user_id.value},
          {"username", username},
          {"device_user_id", row.device_user_id.value},
          {"method", std::string(domain::Code(row.method))},
          {"method_label", std::string(domain::Label(row.method))},
          {"png_sha256", row.png_sha256},
          {"created_at", row.created_at},
          {"expires_at", row.created_at + kSignatureAttestationLifetimeSeconds},
          {"record_id", row.record_id ? json(row.record_id) : json(nullptr)},
          {"usable", usable}};
}

}  // namespace anjian::app
