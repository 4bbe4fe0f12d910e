// `anjian migrate --from sqlite:PATH --to postgresql://…`: moves a street's SQLite database into
// an empty PostgreSQL database and proves the copy lossless (store/transfer). Exit codes: 0 every
// table matches; 1 failure (server unreachable, database error); 2 bad input or refused (missing
// or damaged file, malformed URL, target not empty, schema versions differ); 3 a difference.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace anjian::cli {

struct MigrateOptions {
  std::string from;  // sqlite:PATH (a bare path is accepted too)
  std::string to;    // postgresql://… or postgres://…
  bool verify_only = false;
};

// Registers the subcommand on `app`, filling `options`.
CLI::App* AddMigrateCommand(CLI::App& app, MigrateOptions& options);

int RunMigrate(const MigrateOptions& options);

}  // namespace anjian::cli
