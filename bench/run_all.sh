#!/usr/bin/env bash
# make bench: every benchmark of the project, each printing its baseline from the same run.
set -euo pipefail
BUILD=${1:-build/bench}
cd "$(dirname "$0")/.."
echo "### import (Google Benchmark)"
"$BUILD/bench/import_bench" --benchmark_counters_tabular=true
echo
echo "### HTTP API (wrk)"
bash bench/api_bench.sh "$BUILD/src/cli/anjian" "${BENCH_SECONDS:-10}"
