// The handlers, one group per resource; routes.cpp wires them to paths. A handler returns its
// response, or an Error that the route adapter in routes.cpp maps to a status and JSON body
// (error_mapping.cpp) in one place; a response a handler builds itself (a 422 import report, the
// 404 verify page, a replayed answer) is passed through as it is.
#pragma once

#include "http/api.hpp"

namespace anjian::http::handlers {

Result<Response> Login(ApiServices& api, Request& request);
Result<Response> Logout(ApiServices& api, Request& request);
Result<Response> Me(ApiServices& api, Request& request);

Result<Response> ListUsers(ApiServices& api, Request& request);
Result<Response> AttestSignature(ApiServices& api, Request& request);
Result<Response> SetupStatus(ApiServices& api, Request& request);
Result<Response> Setup(ApiServices& api, Request& request);
Result<Response> ListSignatures(ApiServices& api, Request& request);
Result<Response> CreateUser(ApiServices& api, Request& request);
Result<Response> UpdateUser(ApiServices& api, Request& request);
Result<Response> ResetUserPassword(ApiServices& api, Request& request);
Result<Response> UnlockUser(ApiServices& api, Request& request);
Result<Response> UserSessions(ApiServices& api, Request& request);
Result<Response> RevokeUserSession(ApiServices& api, Request& request);
Result<Response> ChangeOwnPassword(ApiServices& api, Request& request);
Result<Response> OwnSessions(ApiServices& api, Request& request);
Result<Response> RevokeOwnSession(ApiServices& api, Request& request);
Result<Response> EnrolTotp(ApiServices& api, Request& request);
Result<Response> ConfirmTotp(ApiServices& api, Request& request);

Result<Response> ListAudit(ApiServices& api, Request& request);
Result<Response> AuditAnchors(ApiServices& api, Request& request);
Result<Response> ExportAudit(ApiServices& api, Request& request);

Result<Response> ListUnits(ApiServices& api, Request& request);
Result<Response> GetUnit(ApiServices& api, Request& request);
Result<Response> CreateUnit(ApiServices& api, Request& request);
Result<Response> UpdateUnit(ApiServices& api, Request& request);
Result<Response> DeleteUnit(ApiServices& api, Request& request);
Result<Response> UnitHistory(ApiServices& api, Request& request);
Result<Response> UnitStats(ApiServices& api, Request& request);

Result<Response> ListInspectors(ApiServices& api, Request& request);
Result<Response> GetInspector(ApiServices& api, Request& request);
Result<Response> CreateInspector(ApiServices& api, Request& request);
Result<Response> UpdateInspector(ApiServices& api, Request& request);
Result<Response> DeleteInspector(ApiServices& api, Request& request);

Result<Response> ListRegions(ApiServices& api, Request& request);
Result<Response> GetRegion(ApiServices& api, Request& request);
Result<Response> CreateRegion(ApiServices& api, Request& request);
Result<Response> UpdateRegion(ApiServices& api, Request& request);
Result<Response> DeleteRegion(ApiServices& api, Request& request);

Result<Response> ImportFile(ApiServices& api, Request& request);
Result<Response> ListImports(ApiServices& api, Request& request);
Result<Response> ExportFile(ApiServices& api, Request& request);
Result<Response> TemplateFile(ApiServices& api, Request& request);

Result<Response> ListPolicies(ApiServices& api, Request& request);
Result<Response> GetPolicy(ApiServices& api, Request& request);
Result<Response> GetCalendar(ApiServices& api, Request& request);
Result<Response> CommitSeed(ApiServices& api, Request& request);
Result<Response> PreviewPlan(ApiServices& api, Request& request);
Result<Response> CompilePlan(ApiServices& api, Request& request);
Result<Response> ListPlans(ApiServices& api, Request& request);
Result<Response> GetPlan(ApiServices& api, Request& request);
Result<Response> PlanItems(ApiServices& api, Request& request);
Result<Response> PlanNotPlanned(ApiServices& api, Request& request);
Result<Response> ExplainPlanUnit(ApiServices& api, Request& request);
Result<Response> VerifyPlan(ApiServices& api, Request& request);
Result<Response> TransitionPlan(ApiServices& api, Request& request);
Result<Response> AdjustPlan(ApiServices& api, Request& request);
Result<Response> PlanRevisions(ApiServices& api, Request& request);
Result<Response> ExportPlan(ApiServices& api, Request& request);

Result<Response> ListHazards(ApiServices& api, Request& request);
Result<Response> RegisterHazard(ApiServices& api, Request& request);
Result<Response> GetHazard(ApiServices& api, Request& request);
Result<Response> TransitionHazard(ApiServices& api, Request& request);
Result<Response> HazardReminders(ApiServices& api, Request& request);
Result<Response> RunOverdueJob(ApiServices& api, Request& request);

Result<Response> ListChecklists(ApiServices& api, Request& request);
Result<Response> GetChecklist(ApiServices& api, Request& request);

Result<Response> ListTasks(ApiServices& api, Request& request);
Result<Response> CreateTask(ApiServices& api, Request& request);
Result<Response> CreateTasksFromPlan(ApiServices& api, Request& request);
Result<Response> GetTask(ApiServices& api, Request& request);
Result<Response> CancelTask(ApiServices& api, Request& request);
Result<Response> SubmitRecord(ApiServices& api, Request& request);
Result<Response> CorrectRecord(ApiServices& api, Request& request);
Result<Response> GetRecord(ApiServices& api, Request& request);
Result<Response> UploadFile(ApiServices& api, Request& request);
Result<Response> GetUpload(ApiServices& api, Request& request);
Result<Response> ListDocuments(ApiServices& api, Request& request);
Result<Response> DocumentPdf(ApiServices& api, Request& request);
Result<Response> VerifyDocumentJson(ApiServices& api, Request& request);
Result<Response> VerifyDocumentPage(ApiServices& api, Request& request);

Result<Response> ListSelfInspections(ApiServices& api, Request& request);
Result<Response> SubmitSelfInspection(ApiServices& api, Request& request);
Result<Response> ListNotices(ApiServices& api, Request& request);
Result<Response> PublishNotice(ApiServices& api, Request& request);
Result<Response> SignNotice(ApiServices& api, Request& request);
Result<Response> NoticeReceipts(ApiServices& api, Request& request);

}  // namespace anjian::http::handlers
