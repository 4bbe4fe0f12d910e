#include "app/inspection_support.hpp"

#include "common/sha256.hpp"
#include "common/text.hpp"
#include "io/image_probe.hpp"

namespace anjian::app {

Result<std::string> TextField(const nlohmann::json& body, const std::string& key, bool required,
                              std::size_t max_chars, const std::string& path) {
  const std::string field = path.empty() ? key : path + "." + key;
  if (!body.is_object() || !body.contains(key) || body[key].is_null()) {
    if (required) return Error::InvalidArgument(field + " 不能为空", field);
    return std::string();
  }
  if (!body[key].is_string()) return Error::InvalidArgument(field + " 应为字符串", field);
  std::string text(Trim(body[key].get<std::string>()));
  if (!IsValidUtf8(text)) return Error::InvalidArgument(field + " 不是有效的 UTF-8 文本", field);
  if (required && text.empty()) return Error::InvalidArgument(field + " 不能为空", field);
  if (Utf8Length(text) > max_chars) {
    return Error::InvalidArgument(field + " 超过 " + std::to_string(max_chars) + " 字", field);
  }
  return text;
}

Error FieldErrors(const std::vector<domain::FieldError>& errors) {
  std::string message;
  for (const auto& e : errors)
    message += (message.empty() ? "" : "；") + e.field + "：" + e.message;
  return Error::InvalidArgument(message, errors.empty() ? std::string() : errors.front().field);
}

Result<store::UploadRow> SignatureUpload(const Principal& who, const std::string& data_url,
                                         const std::string& field, std::int64_t now) {
  auto bytes = io::DecodePngDataUrl(data_url);
  if (!bytes.ok()) return Error::InvalidArgument(field + "：" + bytes.error().message, field);
  auto info = io::ProbeSignaturePng(*bytes);
  if (!info.ok()) return Error::InvalidArgument(field + "：" + info.error().message, field);
  store::UploadRow row;
  row.sha256 = Sha256Hex(*bytes);
  row.kind = "signature";
  row.mime = "image/png";
  row.size = static_cast<std::int64_t>(bytes->size());
  row.width = info->width;
  row.height = info->height;
  row.region_path = who.scope.region_path;
  row.uploaded_by = who.user_id.value;
  row.uploaded_at = now;
  row.bytes = std::move(bytes).value();
  return row;
}

bool SeesUnit(const Principal& who, const UnitId& unit) {
  if (who.role != domain::UserRole::kEnterprise) return true;
  return who.unit_id && *who.unit_id == unit;
}

}  // namespace anjian::app
