// The inspection checklists as versioned data (domain.md §11, R-CONT-1/2; docs/checklists.md).
// Files are JSON with // comments, parsed strictly (unknown keys are errors, so a typo never drops
// a field) and validated with domain::ValidateChecklist. Every version of every list stays
// available, because a record names the id and version it was filled against.
// Thread-safety: a built catalog is immutable and may be read from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "domain/inspection/checklist.hpp"

namespace anjian::app {

class ChecklistCatalog {
 public:
  // `files` are (file name, text) pairs. A file is named "<id>.jsonc" (version 1) or
  // "<id>.v<N>.jsonc" (version N) and must say the same id and version inside. kInvalidArgument
  // naming the file and the path ("general.jsonc：items[3].legal_basis：…") for bad JSON, an
  // unknown key, a wrong type, a failed validation, a name that does not match, or the same id
  // and version twice.
  static Result<ChecklistCatalog> FromTexts(
      const std::vector<std::pair<std::string, std::string>>& files);

  // The highest version of `id`; nullptr when there is no such list.
  const domain::Checklist* Latest(std::string_view id) const;
  // That exact version; nullptr when it does not exist.
  const domain::Checklist* Find(std::string_view id, int version) const;
  // Every version of `id`, ascending; empty when there is no such list.
  std::vector<int> Versions(std::string_view id) const;
  // The latest version of each list: "general" first, then by id.
  std::vector<const domain::Checklist*> LatestAll() const;

 private:
  std::vector<domain::Checklist> lists_;  // sorted by id, then version
};

// The lists embedded from data/checklists/*.jsonc, parsed on first use. A bad embedded file is a
// build defect (tests parse every one), so it aborts with the message instead of returning it.
const ChecklistCatalog& BuiltinChecklists();

// {id, version, title, industry, industry_label, basis, item_count} and, when `with_items`, the
// items [{code, text, legal_basis, source, mandatory}] in list order. Call as
// ChecklistToJson(list, /*with_items=*/true).
nlohmann::json ChecklistToJson(const domain::Checklist& checklist, bool with_items);

}  // namespace anjian::app
