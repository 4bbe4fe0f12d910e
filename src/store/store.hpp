// The storage port (STYLE.md §2): everything the application needs from a database, one port per
// area, each header stating its contract. SQLite (store/sqlite) and PostgreSQL (store/postgres)
// implement it; nothing here is specific to either.
//
// Areas: registry_port (regions, units, history, imports), roster_port (inspectors), plan_port,
// hazard_port, inspection_port (tasks, records, attestations, uploads, documents),
// enterprise_port (self-inspections, notices), account_port, audit_port, operations_port
// (idempotent responses, daily jobs). A new capability adds its own port here and to
// StoreSession; store/composed_session.hpp lets a test replace one area and keep the rest real.
//
// Sessions: Store::Read() gives a consistent snapshot; Store::Write() gives a transaction
// that is rolled back unless Commit() is called. A session is used by one thread at a time.
// Every read that returns registry data takes a Scope (the caller's jurisdiction subtree);
// rows outside the scope behave as missing (kNotFound), never as forbidden, so ids do not leak.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "store/account_port.hpp"
#include "store/audit_port.hpp"
#include "store/enterprise_port.hpp"
#include "store/hazard_port.hpp"
#include "store/inspection_port.hpp"
#include "store/operations_port.hpp"
#include "store/plan_port.hpp"
#include "store/registry_port.hpp"
#include "store/roster_port.hpp"
#include "store/scope.hpp"

namespace anjian::store {

// One database session: every area's port, and the commit that ends it.
class StoreSession : public RegistryPort,
                     public RosterPort,
                     public PlanPort,
                     public HazardPort,
                     public InspectionPort,
                     public EnterprisePort,
                     public AccountPort,
                     public AuditPort,
                     public OperationsPort {
 public:
  ~StoreSession() override = default;

  // Write sessions: makes every change durable (synchronous=FULL on SQLite) before
  // returning. Without Commit the destructor rolls back. Read sessions: ends the snapshot.
  virtual Status Commit() = 0;
};

// Connection-pool figures for /metrics.
struct StoreMetrics {
  std::int64_t pool_size = 0;    // connections open (idle + in use)
  std::int64_t pool_in_use = 0;  // connections lent to sessions now
  std::int64_t pool_waits = 0;   // sessions that had to wait for a connection, since start
  std::int64_t unavailable = 0;  // sessions refused because the database was unreachable
};

class Store {
 public:
  virtual ~Store() = default;
  // A read-only snapshot; many may be open at once.
  virtual Result<std::unique_ptr<StoreSession>> Read() = 0;
  // The single writer: blocks until other write sessions finish.
  virtual Result<std::unique_ptr<StoreSession>> Write() = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Kind() const = 0;
  virtual StoreMetrics Metrics() const { return {}; }

  // When set (the server and the CLI set it), every write session must stage an audit entry
  // before it commits (see audit_port.hpp). Off by default so the store's own contract tests can
  // exercise single methods; set before the first session is opened.
  void RequireAudit(bool required) { audit_required_ = required; }
  bool audit_required() const { return audit_required_; }

 private:
  bool audit_required_ = false;
};

// Opens the store named by `location`: a file path (SQLite) or, later, a postgresql:// URL.
// Applies pending migrations. Clear one-line errors (kUnavailable) when it cannot be opened.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace anjian::store
