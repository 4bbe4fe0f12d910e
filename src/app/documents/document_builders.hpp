// The wording of each enforcement document, built from a signed record (or a hazard review):
// which fields the form shows and what they say. Pure functions of their inputs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/documents/document_content.hpp"
#include "domain/inspection/checklist.hpp"
#include "domain/inspection/record.hpp"
#include "domain/roster/inspector.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct RecordContext {
  const domain::InspectionRecord& record;
  const domain::Unit& unit;
  const std::vector<domain::Inspector>& team;
  const domain::Checklist& checklist;
  const std::map<std::string, store::UploadRow>& uploads;  // photos by sha256, for captions
};

DocumentContent InspectionRecordDocument(const RecordContext& context);
DocumentContent RectificationOrderDocument(const RecordContext& context,
                                           const std::string& record_number);
DocumentContent OnSiteMeasuresDocument(const RecordContext& context,
                                       const std::string& record_number);
DocumentContent PenaltyNoticeDocument(const RecordContext& context,
                                      const std::string& record_number);

// 整改复查意见书 for one hazard's re-inspection.
struct ReviewContext {
  const store::HazardRecord& hazard;
  const domain::Unit& unit;
  std::string order_number;  // the earlier order, "" if registered by hand
  std::string order_issued_on;
  bool passed = false;
  std::string opinion;
  std::string new_deadline;           // on failure
  std::string reviewer;               // the acting user's name
  std::vector<std::string> evidence;  // photo sha256
};
DocumentContent ReinspectionOpinionDocument(const ReviewContext& context);

}  // namespace anjian::app
