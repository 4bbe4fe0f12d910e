// Handler factories, one group per resource; routes.cpp wires them to paths.
#pragma once

#include "http/api.hpp"

namespace anjian::http::handlers {

Response Login(ApiServices& api, Request& request);
Response Logout(ApiServices& api, Request& request);
Response Me(ApiServices& api, Request& request);

Response ListUsers(ApiServices& api, Request& request);
Response AttestSignature(ApiServices& api, Request& request);
Response SetupStatus(ApiServices& api, Request& request);
Response Setup(ApiServices& api, Request& request);
Response ListSignatures(ApiServices& api, Request& request);
Response CreateUser(ApiServices& api, Request& request);
Response UpdateUser(ApiServices& api, Request& request);
Response ResetUserPassword(ApiServices& api, Request& request);
Response UnlockUser(ApiServices& api, Request& request);
Response UserSessions(ApiServices& api, Request& request);
Response RevokeUserSession(ApiServices& api, Request& request);
Response ChangeOwnPassword(ApiServices& api, Request& request);
Response OwnSessions(ApiServices& api, Request& request);
Response RevokeOwnSession(ApiServices& api, Request& request);
Response EnrolTotp(ApiServices& api, Request& request);
Response ConfirmTotp(ApiServices& api, Request& request);

Response ListAudit(ApiServices& api, Request& request);
Response AuditAnchors(ApiServices& api, Request& request);
Response ExportAudit(ApiServices& api, Request& request);

Response ListUnits(ApiServices& api, Request& request);
Response GetUnit(ApiServices& api, Request& request);
Response CreateUnit(ApiServices& api, Request& request);
Response UpdateUnit(ApiServices& api, Request& request);
Response DeleteUnit(ApiServices& api, Request& request);
Response UnitHistory(ApiServices& api, Request& request);
Response UnitStats(ApiServices& api, Request& request);

Response ListInspectors(ApiServices& api, Request& request);
Response GetInspector(ApiServices& api, Request& request);
Response CreateInspector(ApiServices& api, Request& request);
Response UpdateInspector(ApiServices& api, Request& request);
Response DeleteInspector(ApiServices& api, Request& request);

Response ListRegions(ApiServices& api, Request& request);
Response GetRegion(ApiServices& api, Request& request);
Response CreateRegion(ApiServices& api, Request& request);
Response UpdateRegion(ApiServices& api, Request& request);
Response DeleteRegion(ApiServices& api, Request& request);

Response ImportFile(ApiServices& api, Request& request);
Response ListImports(ApiServices& api, Request& request);
Response ExportFile(ApiServices& api, Request& request);
Response TemplateFile(ApiServices& api, Request& request);

Response ListPolicies(ApiServices& api, Request& request);
Response GetPolicy(ApiServices& api, Request& request);
Response GetCalendar(ApiServices& api, Request& request);
Response CommitSeed(ApiServices& api, Request& request);
Response PreviewPlan(ApiServices& api, Request& request);
Response CompilePlan(ApiServices& api, Request& request);
Response ListPlans(ApiServices& api, Request& request);
Response GetPlan(ApiServices& api, Request& request);
Response PlanItems(ApiServices& api, Request& request);
Response PlanNotPlanned(ApiServices& api, Request& request);
Response ExplainPlanUnit(ApiServices& api, Request& request);
Response VerifyPlan(ApiServices& api, Request& request);
Response TransitionPlan(ApiServices& api, Request& request);
Response AdjustPlan(ApiServices& api, Request& request);
Response PlanRevisions(ApiServices& api, Request& request);
Response ExportPlan(ApiServices& api, Request& request);

Response ListHazards(ApiServices& api, Request& request);
Response RegisterHazard(ApiServices& api, Request& request);
Response GetHazard(ApiServices& api, Request& request);
Response TransitionHazard(ApiServices& api, Request& request);
Response HazardReminders(ApiServices& api, Request& request);
Response RunOverdueJob(ApiServices& api, Request& request);

Response ListChecklists(ApiServices& api, Request& request);
Response GetChecklist(ApiServices& api, Request& request);

Response ListTasks(ApiServices& api, Request& request);
Response CreateTask(ApiServices& api, Request& request);
Response CreateTasksFromPlan(ApiServices& api, Request& request);
Response GetTask(ApiServices& api, Request& request);
Response CancelTask(ApiServices& api, Request& request);
Response SubmitRecord(ApiServices& api, Request& request);
Response CorrectRecord(ApiServices& api, Request& request);
Response GetRecord(ApiServices& api, Request& request);
Response UploadFile(ApiServices& api, Request& request);
Response GetUpload(ApiServices& api, Request& request);
Response ListDocuments(ApiServices& api, Request& request);
Response DocumentPdf(ApiServices& api, Request& request);
Response VerifyDocumentJson(ApiServices& api, Request& request);
Response VerifyDocumentPage(ApiServices& api, Request& request);

Response ListSelfInspections(ApiServices& api, Request& request);
Response SubmitSelfInspection(ApiServices& api, Request& request);
Response ListNotices(ApiServices& api, Request& request);
Response PublishNotice(ApiServices& api, Request& request);
Response SignNotice(ApiServices& api, Request& request);
Response NoticeReceipts(ApiServices& api, Request& request);

}  // namespace anjian::http::handlers
