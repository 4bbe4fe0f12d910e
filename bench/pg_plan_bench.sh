#!/usr/bin/env bash
# Plan compilation on SQLite and PostgreSQL (issue #6): runs build/…/bench/pg_plan_bench against
# a throwaway PostgreSQL cluster (scripts/pg-test-cluster, fsync on), started in a temporary
# directory and stopped on exit, even on failure. See bench/pg_plan_bench.cpp for the steps.
#
# Usage: bench/pg_plan_bench.sh path/to/pg_plan_bench [UNITS[,UNITS…]] [more pg_plan_bench args]
#   e.g. bench/pg_plan_bench.sh build/bench/bench/pg_plan_bench 200000,2000000
# 2,000,000 units take several minutes per engine and several GiB of memory.
set -euo pipefail
BIN=$(realpath "${1:?pg_plan_bench binary}")
UNITS=${2:-200000}
shift $(($# < 2 ? $# : 2))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d -t anjian-pg-plan-bench.XXXXXX)
# PostgreSQL's own view of failures (e.g. "invalid message length" when a message is over 1 GB),
# printed before the cluster and its log are thrown away.
server_log_errors() {
  local dir
  dir=$(cat "$WORK/pg/dir" 2>/dev/null) || return 0
  [ -f "$dir/server.log" ] || return 0
  grep -E "ERROR|FATAL|PANIC|invalid message" "$dir/server.log" | tail -20 | sed 's/^/postgresql log: /' >&2 || true
}
cleanup() {
  server_log_errors
  "$ROOT/scripts/pg-test-cluster" stop "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
"$ROOT/scripts/pg-test-cluster" start "$WORK/pg" >"$WORK/cluster.log"
echo "pg_plan_bench.sh: $(uptime)"
# If the machine runs out of memory (2M units need many GiB), the kernel should kill this bench,
# not another process (set after the cluster started, so PostgreSQL keeps its own score).
echo 1000 >/proc/$$/oom_score_adj 2>/dev/null || true
"$BIN" --units "$UNITS" --pg "$(cat "$WORK/pg/url")" --work "$WORK/sqlite" "$@"
echo "pg_plan_bench.sh: $(uptime)"
