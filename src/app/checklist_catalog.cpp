#include "app/checklist_catalog.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <tuple>

#include "domain/registry/enums.hpp"

namespace anjian::app {
namespace builtin {
const std::vector<std::pair<std::string_view, std::string_view>>& Checklists();
}  // namespace builtin

namespace {

using nlohmann::json;

constexpr std::string_view kGeneralId = "general";
constexpr std::string_view kSuffix = ".jsonc";

Error FieldProblem(const std::string& path, const std::string& what) {
  return Error::InvalidArgument((path.empty() ? std::string("检查表") : path) + "：" + what, path);
}

// One JSON object of a checklist file. It remembers its path for messages and the keys it has
// read, so that whatever is left over can be reported as an unknown key.
class FieldReader {
 public:
  FieldReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  Status RequireObject() const {
    return object_.is_object() ? Status() : Status(FieldProblem(path_, "应为对象"));
  }
  std::string PathOf(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  // nullptr when absent (null counts as absent); kInvalidArgument when absent but required.
  Result<const json*> Get(std::string_view key, bool required) {
    seen_.emplace(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) return FieldProblem(PathOf(key), "缺少此字段");
      return static_cast<const json*>(nullptr);
    }
    return &*it;
  }
  Status Text(std::string_view key, std::string& out, bool required) {
    ANJIAN_ASSIGN_OR_RETURN(const json* value, Get(key, required));
    if (value == nullptr) return Status();
    if (!value->is_string()) return FieldProblem(PathOf(key), "应为字符串");
    out = value->get<std::string>();
    return Status();
  }
  Status Flag(std::string_view key, bool& out) {
    ANJIAN_ASSIGN_OR_RETURN(const json* value, Get(key, /*required=*/false));
    if (value == nullptr) return Status();
    if (!value->is_boolean()) return FieldProblem(PathOf(key), "应为 true 或 false");
    out = value->get<bool>();
    return Status();
  }
  Status RejectUnknownKeys() const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!seen_.count(it.key())) return FieldProblem(PathOf(it.key()), "未知字段");
    }
    return Status();
  }

 private:
  const json& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

// Version numbers are positive; anything else (a string, 1.5, a huge number) is reported as such
// here, and 0 or a negative number by ValidateChecklist.
Status ReadVersion(FieldReader& reader, int& out) {
  ANJIAN_ASSIGN_OR_RETURN(const json* value, reader.Get("version", /*required=*/true));
  if (!value->is_number_integer()) return FieldProblem("version", "应为正整数");
  const auto number = value->get<long long>();
  if (number < -1'000'000 || number > 1'000'000) return FieldProblem("version", "数值超出范围");
  out = static_cast<int>(number);
  return Status();
}

// The industry is stored as the supervision-category code, so units and lists can be matched.
Status ReadIndustry(FieldReader& reader, std::string& out) {
  std::string text;
  ANJIAN_TRY(reader.Text("industry", text, /*required=*/false));
  if (text.empty()) return Status();
  auto category = domain::ParseSupervisionCategory(text);
  if (!category.ok()) return FieldProblem("industry", category.error().message);
  out = std::string(domain::Code(*category));
  return Status();
}

Result<domain::ChecklistItem> ReadItem(const json& object, std::string path) {
  FieldReader reader(object, std::move(path));
  ANJIAN_TRY(reader.RequireObject());
  domain::ChecklistItem item;
  ANJIAN_TRY(reader.Text("code", item.code, /*required=*/true));
  ANJIAN_TRY(reader.Text("text", item.text, /*required=*/true));
  ANJIAN_TRY(reader.Text("legal_basis", item.legal_basis, /*required=*/true));
  ANJIAN_TRY(reader.Text("source", item.source, /*required=*/false));
  ANJIAN_TRY(reader.Flag("mandatory", item.mandatory));
  ANJIAN_TRY(reader.RejectUnknownKeys());
  return item;
}

Result<domain::Checklist> ChecklistFromJson(const json& document) {
  FieldReader reader(document, "");
  ANJIAN_TRY(reader.RequireObject());
  domain::Checklist list;
  ANJIAN_TRY(reader.Text("id", list.id, /*required=*/true));
  ANJIAN_TRY(ReadVersion(reader, list.version));
  ANJIAN_TRY(reader.Text("title", list.title, /*required=*/true));
  ANJIAN_TRY(ReadIndustry(reader, list.industry));
  ANJIAN_TRY(reader.Text("basis", list.basis, /*required=*/false));
  ANJIAN_ASSIGN_OR_RETURN(const json* items, reader.Get("items", /*required=*/true));
  if (!items->is_array()) return FieldProblem("items", "应为数组");
  for (std::size_t i = 0; i < items->size(); ++i) {
    ANJIAN_ASSIGN_OR_RETURN(auto item, ReadItem((*items)[i], "items[" + std::to_string(i) + "]"));
    list.items.push_back(std::move(item));
  }
  ANJIAN_TRY(reader.RejectUnknownKeys());

  const auto problems = domain::ValidateChecklist(list);
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) {
      message += (message.empty() ? "" : "；") + p.field + "：" + p.message;
    }
    return Error::InvalidArgument(message, problems.front().field);
  }
  return list;
}

Result<domain::Checklist> ParseChecklistText(std::string_view text) {
  // nlohmann reports the byte offset only through its exception; it is turned into a line number
  // here and never leaves this function.
  try {
    return ChecklistFromJson(json::parse(text, nullptr, /*allow_exceptions=*/true,
                                         /*ignore_comments=*/true));
  } catch (const json::parse_error& e) {
    const auto end = std::min<std::size_t>(e.byte, text.size());
    const auto line =
        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
    return Error::InvalidArgument("第 " + std::to_string(line) + " 行附近不是有效的 JSON");
  }
}

struct FileKey {
  std::string id;
  int version = 1;
};

// "<id>.jsonc" holds version 1, "<id>.v<N>.jsonc" version N.
Result<FileKey> ParseFileName(std::string_view name) {
  if (!name.ends_with(kSuffix) || name.size() == kSuffix.size()) {
    return Error::InvalidArgument("文件名应为“<编号>.jsonc”或“<编号>.v<版本>.jsonc”");
  }
  std::string_view stem = name.substr(0, name.size() - kSuffix.size());
  FileKey key;
  if (const auto dot = stem.rfind(".v"); dot != std::string_view::npos) {
    const auto digits = stem.substr(dot + 2);
    int version = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
        version < 1) {
      return Error::InvalidArgument("文件名中的版本号“" + std::string(digits) + "”应为正整数");
    }
    key.version = version;
    stem = stem.substr(0, dot);
  }
  key.id = std::string(stem);
  return key;
}

Result<domain::Checklist> ParseFile(std::string_view name, std::string_view text) {
  ANJIAN_ASSIGN_OR_RETURN(const FileKey key, ParseFileName(name));
  ANJIAN_ASSIGN_OR_RETURN(domain::Checklist list, ParseChecklistText(text));
  // The name is how an editor finds a version on disk, so it must not lie about the content.
  if (list.id != key.id) {
    return FieldProblem("id", "文件名表明编号为“" + key.id + "”，文件内为“" + list.id + "”");
  }
  if (list.version != key.version) {
    return FieldProblem("version", "文件名表明版本为 " + std::to_string(key.version) +
                                       "，文件内为 " + std::to_string(list.version));
  }
  return list;
}

bool ByIdThenVersion(const domain::Checklist& a, const domain::Checklist& b) {
  return std::tie(a.id, a.version) < std::tie(b.id, b.version);
}

}  // namespace

Result<ChecklistCatalog> ChecklistCatalog::FromTexts(
    const std::vector<std::pair<std::string, std::string>>& files) {
  ChecklistCatalog catalog;
  for (const auto& [name, text] : files) {
    auto list = ParseFile(name, text);
    if (!list.ok()) {
      Error error = std::move(list).error();
      error.message = name + "：" + error.message;
      return error;
    }
    catalog.lists_.push_back(std::move(list).value());
  }
  std::sort(catalog.lists_.begin(), catalog.lists_.end(), ByIdThenVersion);
  const auto duplicate = std::adjacent_find(
      catalog.lists_.begin(), catalog.lists_.end(),
      [](const auto& a, const auto& b) { return a.id == b.id && a.version == b.version; });
  if (duplicate != catalog.lists_.end()) {
    return Error::InvalidArgument(
        "检查表“" + duplicate->id + "”的第 " + std::to_string(duplicate->version) + " 版重复",
        "version");
  }
  return catalog;
}

const domain::Checklist* ChecklistCatalog::Find(std::string_view id, int version) const {
  for (const auto& list : lists_) {
    if (list.id == id && list.version == version) return &list;
  }
  return nullptr;
}

const domain::Checklist* ChecklistCatalog::Latest(std::string_view id) const {
  const domain::Checklist* latest = nullptr;
  for (const auto& list : lists_) {
    if (list.id == id) latest = &list;  // sorted by version, so the last one wins
  }
  return latest;
}

std::vector<int> ChecklistCatalog::Versions(std::string_view id) const {
  std::vector<int> versions;
  for (const auto& list : lists_) {
    if (list.id == id) versions.push_back(list.version);
  }
  return versions;
}

std::vector<const domain::Checklist*> ChecklistCatalog::LatestAll() const {
  std::vector<const domain::Checklist*> latest;
  for (std::size_t i = 0; i < lists_.size(); ++i) {
    if (i + 1 == lists_.size() || lists_[i + 1].id != lists_[i].id) latest.push_back(&lists_[i]);
  }
  // Every inspection may use the general list, so pickers show it first.
  std::stable_partition(latest.begin(), latest.end(),
                        [](const domain::Checklist* list) { return list->id == kGeneralId; });
  return latest;
}

const ChecklistCatalog& BuiltinChecklists() {
  static const ChecklistCatalog kCatalog = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& [name, text] : builtin::Checklists()) files.emplace_back(name, text);
    auto catalog = ChecklistCatalog::FromTexts(files);
    if (!catalog.ok()) {
      std::fprintf(stderr, "内置检查表有误（data/checklists）：%s\n",
                   catalog.error().message.c_str());
      std::abort();
    }
    return std::move(catalog).value();
  }();
  return kCatalog;
}

json ChecklistToJson(const domain::Checklist& checklist, bool with_items) {
  std::string industry_label;
  if (!checklist.industry.empty()) {
    if (auto category = domain::ParseSupervisionCategory(checklist.industry); category.ok()) {
      industry_label = std::string(domain::Label(*category));
    }
  }
  json out = {{"id", checklist.id},
              {"version", checklist.version},
              {"title", checklist.title},
              {"industry", checklist.industry},
              {"industry_label", industry_label},
              {"basis", checklist.basis},
              {"item_count", checklist.items.size()}};
  if (with_items) {
    json items = json::array();
    for (const auto& item : checklist.items) {
      items.push_back({{"code", item.code},
                       {"text", item.text},
                       {"legal_basis", item.legal_basis},
                       {"source", item.source},
                       {"mandatory", item.mandatory}});
    }
    out["items"] = std::move(items);
  }
  return out;
}

}  // namespace anjian::app
