// The one write path of a use case (issue #13): the permission the access table names for the
// action, one write session, the change, its audit entry and the commit — in that order, so a
// write written with it has permission and audit by construction. The change fills in what the
// entry says (action code, target, details); a change that names no action is a bug and commits
// nothing. An error from the change rolls everything back (the session is dropped uncommitted).
//
//   return WriteUnit(store_, clock_.NowUnixSeconds(), who, domain::Action::kInspect,
//                    [&](store::StoreSession& session, AuditNote& audit) -> Result<Row> {
//                      ANJIAN_ASSIGN_OR_RETURN(auto row, session.InsertSomething(...));
//                      audit = {"thing.create", "thing", std::to_string(row.id), {...}};
//                      return row;
//                    });
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "app/audit_trail.hpp"
#include "app/principal.hpp"
#include "common/error.hpp"
#include "domain/access/role.hpp"
#include "store/store.hpp"

namespace anjian::app {

// What the audit entry of a write says; `action` empty means "not filled in".
struct AuditNote {
  std::string action;  // e.g. "signature.attest"
  std::string target_type;
  std::string target_id;
  nlohmann::json details = nlohmann::json::object();
};

namespace internal {
template <typename R>
struct IsResult : std::false_type {};
template <typename T>
struct IsResult<Result<T>> : std::true_type {};
}  // namespace internal

// Runs `change(session, note)` as one audited write by `who` at `now`, after checking that the role
// may perform `action`. Returns the change's result (a Result<T> or Status).
template <typename Change>
auto WriteUnit(store::Store& store, std::int64_t now, const Principal& who, domain::Action action,
               Change&& change) -> std::invoke_result_t<Change, store::StoreSession&, AuditNote&> {
  using Out = std::invoke_result_t<Change, store::StoreSession&, AuditNote&>;
  static_assert(internal::IsResult<Out>::value, "the change returns a Result<T> or a Status");
  ANJIAN_TRY(Require(who, action));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store.Write());
  AuditNote note;
  Out out = std::forward<Change>(change)(*session, note);
  if (!out.ok()) return out;
  if (note.action.empty()) {
    return Error::Internal("写入未说明审计动作（" + std::string(domain::Code(action)) + "）");
  }
  Audit(*session, who, now, std::move(note.action), std::move(note.target_type),
        std::move(note.target_id), note.details);
  ANJIAN_TRY(session->Commit());
  return out;
}

}  // namespace anjian::app
