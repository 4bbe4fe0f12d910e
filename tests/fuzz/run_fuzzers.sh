#!/usr/bin/env bash
# Runs the libFuzzer harnesses built in BUILD_DIR (make fuzz; docs/fuzzing.md), one at a time.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS HARNESS...
# Each harness starts from a scratch copy of its committed corpus (tests/fuzz/corpus/<name>/, also
# passed read-only as a second input dir) in BUILD_DIR/fuzz-work/<name>/; new interesting inputs
# land in the scratch copy, crash artefacts next to it. Prints one summary line per harness and
# exits 1 if any harness crashed (the artefact paths are printed).
# Environment: FUZZ_JOBS (default 1) parallel libFuzzer jobs per harness; FUZZ_MERGE=1 afterwards
# merges the new inputs into the committed corpus with -merge=1 -use_counters=0 (only inputs that
# reach new edges, which keeps the committed corpus small);
# FUZZ_ARGS extra libFuzzer flags.
set -uo pipefail

build_dir=$(cd "$1" && pwd)
seconds=$2
shift 2
root=$(cd "$(dirname "$0")" && pwd)
status=0
summary=()

for name in "$@"; do
  binary=$build_dir/tests/fuzz/${name}_fuzzer
  corpus=$root/corpus/$name
  work=$build_dir/fuzz-work/$name
  if [ ! -x "$binary" ]; then
    echo "fuzz: $binary is missing" >&2
    status=1
    continue
  fi
  rm -rf "$work"
  mkdir -p "$work/scratch" "$work/artifacts" "$corpus"
  cp -R "$corpus/." "$work/scratch/"
  before=$(find "$work/scratch" -type f | wc -l)
  dict=()
  [ -f "$root/$name.dict" ] && dict=(-dict="$root/$name.dict")
  echo "fuzz: $name for ${seconds}s (log $work/log.txt)"
  start=$(date +%s)
  # -jobs with -max_total_time: each job runs for the whole time; output goes to fuzz-<n>.log.
  jobs=${FUZZ_JOBS:-1}
  job_args=()
  [ "$jobs" -gt 1 ] && job_args=(-jobs="$jobs" -workers="$jobs")
  (cd "$work" && "$binary" "${dict[@]}" "${job_args[@]}" -max_total_time="$seconds" -timeout=20 \
      -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
      ${FUZZ_ARGS:-} "$work/scratch" "$corpus") >"$work/log.txt" 2>&1
  rc=$?
  [ "$jobs" -gt 1 ] && cat "$work"/fuzz-*.log >>"$work/log.txt" 2>/dev/null
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -h 'stat::number_of_executed_units' "$work/log.txt" | awk '{s += $2} END {print s + 0}')
  after=$(find "$work/scratch" -type f | wc -l)
  crashes=$(find "$work/artifacts" -type f | wc -l)
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
  line="$name: ${elapsed}s, $execs executions, $((after - before)) new corpus entries, $crashes crashes"
  summary+=("$line")
  echo "fuzz: $line"
  if [ "$crashes" -ne 0 ]; then
    status=1
    grep -h -E 'ERROR: |SUMMARY: |FUZZ_CHECK failed|Test unit written to' "$work/log.txt" | head -20
    find "$work/artifacts" -type f -printf 'fuzz: artefact %p\n'
    [ "$(find "$work/artifacts" -type f | wc -l)" -eq 0 ] && tail -n 5 "$work/log.txt"
    echo "fuzz: replay with $binary <artefact> (full log $work/log.txt)"
  elif [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$binary" -merge=1 -use_counters=0 "$corpus" "$work/scratch" >"$work/merge.txt" 2>&1 &&
      echo "fuzz: merged into $corpus: $(find "$corpus" -type f | wc -l) files" ||
      echo "fuzz: merge failed, see $work/merge.txt" >&2
  fi
done

echo "fuzz: summary"
for line in "${summary[@]}"; do echo "  $line"; done
exit $status
