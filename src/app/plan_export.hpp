// The plan's documents: the plan as a PDF in Chinese (structured like seed 003: basis, units by
// category, capacity computation, methods, content, frequencies, the double-random draw, schedule
// by month, shortfall, requirements, and the enforcement items as an annex) and the item list as
// xlsx.
#pragma once

#include <string>

#include "common/error.hpp"
#include "planner/plan.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct PlanDocumentInput {
  const store::PlanRecord& record;
  const planner::PlanInput& input;  // the snapshot: policy and units
  const planner::Plan& plan;
};

Result<std::string> RenderPlanPdf(const PlanDocumentInput& doc);
// All items (screenings included), one row each, plus a sheet per summary is not needed: the
// columns carry kind, rule, community and team so Excel filters do the rest.
Status WritePlanXlsx(const PlanDocumentInput& doc, const std::string& path);

}  // namespace anjian::app
