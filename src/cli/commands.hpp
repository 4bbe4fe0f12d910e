// One function per `anjian` subcommand; main.cpp wires them to CLI11. Each returns the process
// exit code: 0 success, 1 failure, 2 bad input (e.g. an import with bad rows).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/demo_data.hpp"

namespace anjian::cli {

struct ServeOptions {
  std::string db = "anjian.db";
  std::string address = "127.0.0.1";
  int port = 8080;
  bool demo = false;
  std::string web_root;  // built front end (web/dist); empty = look next to the binary
  std::size_t body_limit_mb = 64;
  int threads = 0;
  std::size_t page_cache_entries = 512;  // 0 disables the list-page cache
  std::string calendar;                  // holiday calendar file; empty = built-in
  std::string files_dir;                 // photos and signatures; empty = <db>.files
  std::string public_url;                // base of document QR codes; empty = http://address:port
  std::string document_prefix;  // e.g. "（街）"; empty = first character of the issuing street
  std::string log_format = "text";  // text | json (one JSON object per line, access log)
  std::string metrics_token;        // bearer token for /metrics from non-loopback clients
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};  // whose X-Forwarded-For counts
  bool require_mfa = false;         // admin and security_admin must use a TOTP second factor
  int idle_timeout_minutes = 30;    // a session unused this long ends
  int max_sessions = 5;             // concurrent sessions per account
  int password_max_age_days = 180;  // 0 = passwords never expire
};
int RunServe(const ServeOptions& options);

struct DemoOptions {
  app::DemoIdentity identity;
  std::uint64_t seed = 2024;
};
int RunDemo(const std::string& db, const DemoOptions& options = {});

struct ImportCommandOptions {
  std::string kind;  // units | inspectors
  std::string db;
  std::string street;
  bool dry_run = false;
  bool json = false;
  std::string file;
};
int RunImport(const ImportCommandOptions& options);

int RunExport(const std::string& kind, const std::string& db, const std::string& out);
int RunTemplate(const std::string& kind, const std::string& out);

struct UserAddOptions {
  std::string db;
  std::string username;
  std::string display_name;
  std::string role;
  std::string jurisdiction;  // region name
  std::string unit_code;     // enterprise accounts
  bool password_stdin = false;
};
int RunUserAdd(const UserAddOptions& options);

struct InitOptions {
  std::string db;
  std::string district;
  std::string district_code;
  std::string street;
  std::string street_code;
  std::string admin;
  std::string security_admin = "security";
  bool password_stdin = false;
};
// Exit 0 initialised, 2 refused (already initialised, bad name, code or password), 1 failure.
int RunInit(const InitOptions& options);

struct RegionAddOptions {
  std::string db;
  std::string parent;  // name or code of the parent region; empty for a district
  std::string level;   // district | street | community | village | grid (or 街道, 社区 …)
  std::vector<std::string> names;  // several siblings at once (--name 东风社区 --name 红旗社区)
  std::string code;                // only with a single name
};
int RunRegionAdd(const RegionAddOptions& options);
int RunRegionList(const std::string& db);

struct AuditOptions {
  std::string db;
  std::string from;    // YYYY-MM-DD (Beijing time), export
  std::string to;      // YYYY-MM-DD inclusive, export
  std::string before;  // YYYY-MM-DD, archive: entries older than this day
  std::string out;     // .jsonl or .xlsx (export), .jsonl (archive)
};
// Exit 0 when the chain and every merged street's imported chain are intact, 3 naming the first bad
// entry when one is not, 1 when the log cannot be read.
int RunAuditVerify(const AuditOptions& options);
int RunAuditExport(const AuditOptions& options);
int RunAuditArchive(const AuditOptions& options);

struct BackupOptions {
  std::string db;         // SQLite path or postgresql:// URI
  std::string out;        // SQLite copy, or pg_dump custom-format archive
  std::string files_dir;  // photos; empty = FilesDirectory(db, "")
  std::string files_out;  // also copy the photos here; empty = do not
};
int RunBackup(const BackupOptions& options);

struct RestoreOptions {
  std::string db;    // SQLite path or postgresql:// URI
  std::string from;  // a file written by `anjian backup` for the same kind of store
};
int RunRestore(const RestoreOptions& options);

struct PlanOptions {
  std::string db;
  std::string calendar;  // holiday calendar file; empty = built-in
  int year = 0;
  std::string policy = "jiefang";  // preset name or policy file
  std::string seed;
  std::int64_t commitment_id = 0;
  std::string commitment;
  std::string verify_commitment;  // plan verify --commitment
  int revision = 0;               // plan verify --revision (with --commitment); 0 = newest
  int capacity = -1;              // < 0: computed
  std::string json_out;
  std::int64_t plan_id = 0;
  std::string unit;
  std::string out;
  std::string action;
  std::string note;
  std::string as_user;  // transition: the account that decides (approve/enact need a leader)
};
int RunPlanCommit(const PlanOptions& options);
int RunPlanCompile(const PlanOptions& options);
int RunPlanVerify(const PlanOptions& options);
int RunPlanExplain(const PlanOptions& options);
int RunPlanExport(const PlanOptions& options);
int RunPlanList(const PlanOptions& options);
int RunPlanTransition(const PlanOptions& options);

}  // namespace anjian::cli
