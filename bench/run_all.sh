#!/usr/bin/env bash
# make bench: every benchmark of the project, each printing its baseline from the same run.
set -euo pipefail
BUILD=${1:-build/bench}
cd "$(dirname "$0")/.."
echo "### import (Google Benchmark)"
"$BUILD/bench/import_bench" --benchmark_counters_tabular=true
echo
echo "### plan compiler (Google Benchmark): demo street, 20k / 200k / 2M units"
# PLAN_BENCH_FILTER narrows the cases, e.g. PLAN_BENCH_FILTER='Demo|/20000/|/200000/' skips 2M.
"$BUILD/bench/plan_bench" --benchmark_counters_tabular=true --benchmark_filter="${PLAN_BENCH_FILTER:-.}"
echo
echo "### plan compiler vs. an exact CBC MIP (small instances)"
"$BUILD/bench/plan_cbc_baseline" --seconds "${CBC_SECONDS:-60}"
echo
echo "### hazard ledger over 5,000,000 hazards (Google Benchmark; medians are p50)"
"$BUILD/bench/hazard_ledger_bench" --benchmark_counters_tabular=true
echo
echo "### inspection submissions through the server (C++ client; baselines: durable PUT, raw SQLite)"
"$BUILD/bench/inspection_bench" --anjian "$BUILD/src/cli/anjian" --clients "${INSPECTION_CLIENTS:-8}" \
  --submissions "${INSPECTION_SUBMISSIONS:-3000}" --threads "${INSPECTION_SERVER_THREADS:-8}"
echo
echo "### official document PDFs: one 现场检查记录, then 1,000 on 2 threads (baseline: a one-paragraph PDF)"
"$BUILD/bench/document_bench" --benchmark_counters_tabular=true
echo
echo "### audit log: durable writes with/without their entry, verify over 1,000,000 entries"
"$BUILD/bench/audit_bench" --updates "${AUDIT_UPDATES:-2000}" --entries "${AUDIT_ENTRIES:-1000000}"
echo
echo "### HTTP API (wrk)"
bash bench/api_bench.sh "$BUILD/src/cli/anjian" "${BENCH_SECONDS:-10}"
echo
echo "### PostgreSQL: HTTP API on 1 and 2 instances, SQLite side by side, pgbench as the ceiling (wrk)"
bash bench/pg_api_bench.sh "$BUILD/src/cli/anjian" "${BENCH_SECONDS:-10}"
echo
echo "### PostgreSQL: plan compilation read from and saved to the store (synthetic province)"
# PG_PLAN_UNITS=200000,2000000 adds the 2M province (about 30 minutes and 16 GiB of memory;
# PG_PLAN_ARGS='--pg-populate copy' fills PostgreSQL by COPY instead of the Store API).
# shellcheck disable=SC2086
bash bench/pg_plan_bench.sh "$BUILD/bench/pg_plan_bench" "${PG_PLAN_UNITS:-200000}" ${PG_PLAN_ARGS:-}
