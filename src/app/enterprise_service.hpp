// The enterprise side (PRODUCT C7): self-inspections against a checklist (daily checks and
// periodic self-inspections, the latter signed by the principal), campaign notices (公开信)
// published by regulators and signed for by each unit once.
#pragma once

#include <nlohmann/json.hpp>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "store/store.hpp"

namespace anjian::app {

class EnterpriseService {
 public:
  EnterpriseService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // body: {kind: daily|periodic, checklist_id?, done_on?, results:[{code,result,note,photos}],
  // findings_note?,
  //        principal_name?, principal_png?}; enterprise accounts, own unit.
  Result<store::SelfInspectionRow> SubmitSelfInspection(const Principal& who,
                                                        const nlohmann::json& body);
  // Enterprise: its own; regulators: their jurisdiction (unit_id narrows).
  Result<store::PageResult<store::SelfInspectionRow>> ListSelfInspections(
      const Principal& who, std::optional<UnitId> unit, int page, int page_size);
  Result<store::NoticeRow> PublishNotice(const Principal& who, const nlohmann::json& body);
  // Each notice with, for an enterprise, whether its unit has signed; for regulators the receipt
  // count.
  Result<nlohmann::json> ListNotices(const Principal& who);
  Status SignNotice(const Principal& who, NoticeId notice_id, const nlohmann::json& body);
  Result<nlohmann::json> NoticeReceipts(const Principal& who, NoticeId notice_id);

 private:
  Result<std::string> StorePng(const Principal& who, const std::string& data_url,
                               const std::string& field, store::StoreSession& session);

  store::Store& store_;
  const Clock& clock_;
};

nlohmann::json SelfInspectionToJson(const store::SelfInspectionRow& row);

}  // namespace anjian::app
