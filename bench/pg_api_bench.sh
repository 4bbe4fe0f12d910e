#!/usr/bin/env bash
# API figures of issue #6 (PostgreSQL store), each case in the same run, side by side:
#   SQLite, 1 instance            — bench/api_bench.sh's setup (demo street in a fresh file)
#   PostgreSQL, 1 instance        — the demo street in a fresh database of a throwaway cluster
#   PostgreSQL, 2 instances       — two `anjian serve` on two ports over one fresh database
#   pgbench on the same server    — the ceiling: select-only (-S) at the list's client count and a
#                                   one-row INSERT script at the PUT's client count
# For each: GET /api/v1/units?page_size=50 with auth at 64 connections (page cache on, then off)
# and durable PUT /api/v1/units/{id} with bench/durable_put.lua at 16 connections (wrk, -d SECONDS).
#
# Two instances are driven by two wrk processes started together, each with half the connections
# and one thread (so the load generator still has 2 threads in all); req/s are summed and the
# worse p50/p99 of the two is reported. A load balancer in front (nginx upstream) would be a third
# CPU-hungry process on the 2-core machine and would measure its proxying as much as the
# instances. Each wrk process gets its own range of unit ids for the PUTs (durable_put.lua's FIRST
# argument), since versions are remembered per process.
#
# The cluster is scripts/pg-test-cluster's (fsync on, synchronous_commit on, shared_buffers 128MB,
# unix socket); it is started here in a temporary directory and stopped on exit, even on failure.
# wrk, the server(s), PostgreSQL and pgbench all share the same cores: read the figures as
# relative to each other and to the pgbench ceiling, not as capacity of a real deployment.
#
# Usage: bench/pg_api_bench.sh path/to/anjian [seconds]   (wrk, pgbench, psql, curl required)
# The servers run with their default options (as in api_bench.sh: --threads = cores, at least 2);
# ANJIAN_SERVE_ARGS adds options to every `anjian serve`, e.g. ANJIAN_SERVE_ARGS="--threads 8".
set -euo pipefail
BIN=$(realpath "${1:?anjian binary}")
SECONDS_PER_RUN=${2:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
LUA="$HERE/durable_put.lua"
PSQL=/usr/lib/postgresql/15/bin/psql
PGBENCH=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
WORK=$(mktemp -d -t anjian-pg-api-bench.XXXXXX)
PORT_A=18191
PORT_B=18192
LIST="/api/v1/units?page_size=50"
LIST_CONNECTIONS=64
PUT_CONNECTIONS=16
SERVER_PIDS=()

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
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
  stop_servers
  "$ROOT/scripts/pg-test-cluster" stop "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# `anjian demo` on a postgresql:// URL keeps photos in ./anjian-files: keep them in WORK.
cd "$WORK"

for tool in wrk curl "$PGBENCH" "$PSQL"; do
  command -v "$tool" >/dev/null || { echo "pg_api_bench: $tool not found" >&2; exit 1; }
done

# --- helpers ----------------------------------------------------------------------------------

# wrk's "1.23ms" / "850.00us" / "1.02s" / "1.50m" → milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}
# One wrk output file → "rps p50_ms p99_ms errors" (errors: non-2xx + socket errors + lua non-200).
wrk_figures() {
  local file=$1 rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$file")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
  errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF}
                /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10}
                /^non-200 responses:/ {if ($3 > n) n = $3}
                END {print n + 0}' "$file")
  echo "$rps $p50 $p99 $errors"
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
record() {  # case kind rps p50 p99 errors
  echo "$*" >>"$RESULTS"
  printf '  %-34s %10s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$1 ($2)" "$3" "$4" "$5" "$6"
}

wait_healthy() {
  local port=$1
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && return 0
    sleep 0.1
  done
  echo "pg_api_bench: the server on port $port did not become healthy; its log:" >&2
  cat "$WORK"/server-*.log >&2 || true
  return 1
}

# start_servers DB PAGE_CACHE PORT... — one `anjian serve` per port on the same database.
start_servers() {
  local db=$1 cache=$2 port
  shift 2
  for port in "$@"; do
    # shellcheck disable=SC2086 # ANJIAN_SERVE_ARGS: extra serve options, e.g. "--threads 8"
    "$BIN" serve --db "$db" --port "$port" --page-cache-entries "$cache" --files "$WORK/files" \
      ${ANJIAN_SERVE_ARGS:-} >"$WORK/server-$port.log" 2>&1 &
    SERVER_PIDS+=($!)
  done
  for port in "$@"; do wait_healthy "$port"; done
}

login() {
  curl -s -X POST "http://127.0.0.1:$1/api/v1/auth/login" \
    -d '{"username":"admin","password":"Anjian@2024"}' | sed -E 's/.*"token":"([0-9a-f]+)".*/\1/'
}

# run_wrk CASE KIND CONNECTIONS TOKEN PORT... — the list (KIND=list*) or the PUT (KIND=put) on
# every port at once, CONNECTIONS split evenly; records the summed req/s and the worse latencies.
run_wrk() {
  local name=$1 kind=$2 connections=$3 token=$4
  shift 4
  local ports=("$@") count=$# i=0 port per threads pids=() files=()
  per=$((connections / count))
  threads=$((2 / count))
  for port in "${ports[@]}"; do
    local out="$WORK/wrk-$name-$kind-$port.txt"
    out=${out// /_}
    files+=("$out")
    if [ "$kind" = put ]; then
      wrk -t"$threads" -c"$per" -d"${SECONDS_PER_RUN}s" --latency -s "$LUA" "http://127.0.0.1:$port" \
        -- "$token" 1000 $((i * 1000)) >"$out" 2>&1 &
    else
      wrk -t"$threads" -c"$per" -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port$LIST" >"$out" 2>&1 &
    fi
    pids+=($!)
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  local rps=0 p50=0 p99=0 errors=0 f r a b e
  for f in "${files[@]}"; do
    read -r r a b e <<<"$(wrk_figures "$f")"
    rps=$(awk -v x="$rps" -v y="$r" 'BEGIN {printf "%.2f", x + y}')
    p50=$(awk -v x="$p50" -v y="$a" 'BEGIN {print (y > x ? y : x)}')
    p99=$(awk -v x="$p99" -v y="$b" 'BEGIN {print (y > x ? y : x)}')
    errors=$((errors + e))
    if [ "$e" -gt 0 ]; then  # what went wrong, before WORK is thrown away
      grep -E "Socket errors|Non-2xx|non-200" "$f" | sed "s|^|  $(basename "$f"): |" >&2
    fi
  done
  record "$name" "$kind" "$rps" "$p50" "$p99" "$errors"
}

# bench_case NAME DB PORT... — list (cache on), list (cache off), durable PUT, as api_bench.sh.
bench_case() {
  local name=$1 db=$2
  shift 2
  echo "== $name: $# instance(s); load $(uptime | sed 's/.*load average/load average/') =="
  start_servers "$db" 256 "$@"
  local token
  token=$(login "$1")
  [ ${#token} -eq 64 ] || { echo "pg_api_bench: login failed on port $1" >&2; exit 1; }
  local size
  size=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$1$LIST" | wc -c)
  echo "  page: $LIST, $size bytes"
  run_wrk "$name" list "$LIST_CONNECTIONS" "$token" "$@"
  stop_servers
  start_servers "$db" 0 "$@"
  run_wrk "$name" list-nocache "$LIST_CONNECTIONS" "$token" "$@"
  run_wrk "$name" put "$PUT_CONNECTIONS" "$token" "$@"
  stop_servers
}

# --- setup ------------------------------------------------------------------------------------
echo "pg_api_bench: $(nproc) cores shared by wrk, anjian, PostgreSQL and pgbench; wrk -d${SECONDS_PER_RUN}s"
echo "pg_api_bench: load at start: $(uptime)"
"$ROOT/scripts/pg-test-cluster" start "$WORK/pg" >"$WORK/cluster.log"
ADMIN_URL=$(cat "$WORK/pg/url")
db_url() { echo "${ADMIN_URL/@\/postgres\?/@/$1?}"; }
"$PSQL" "$ADMIN_URL" -X -q -c "SELECT version()" -A -t | sed 's/^/pg_api_bench: /'
"$PSQL" "$ADMIN_URL" -X -q -A -t -c "SHOW fsync" -c "SHOW synchronous_commit" -c "SHOW shared_buffers" \
  | paste -sd' ' | sed 's/^/pg_api_bench: fsync, synchronous_commit, shared_buffers = /'
for db in anjian1 anjian2 pgbench; do "$PSQL" "$ADMIN_URL" -X -q -c "CREATE DATABASE $db"; done

"$BIN" demo --db "$WORK/bench.db" >/dev/null
# The same demo street in each PostgreSQL database, so every case starts from version 1 of every
# unit (durable_put.lua's assumption) and lists the same page.
for db in anjian1 anjian2; do "$BIN" demo --db "$(db_url $db)" >/dev/null; done

# --- the cases --------------------------------------------------------------------------------
bench_case "SQLite 1 instance" "$WORK/bench.db" "$PORT_A"
bench_case "PostgreSQL 1 instance" "$(db_url anjian1)" "$PORT_A"
bench_case "PostgreSQL 2 instances" "$(db_url anjian2)" "$PORT_A" "$PORT_B"

# --- pgbench: the ceiling on the same server ----------------------------------------------------
echo "== pgbench on the same server; load $(uptime | sed 's/.*load average/load average/') =="
PGB_URL=$(db_url pgbench)
"$PGBENCH" -i -s 10 -q "$PGB_URL" >"$WORK/pgbench-init.log" 2>&1
"$PSQL" "$PGB_URL" -X -q -c "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, aid int NOT NULL,
  at timestamptz NOT NULL DEFAULT now(), note text NOT NULL)"
cat >"$WORK/insert.sql" <<'SQL'
\set aid random(1, 1000000)
INSERT INTO bench_insert (aid, note) VALUES (:aid, '压测路1号');
SQL
# pgbench_figures PREFIX OUTPUT → "tps p50_ms p99_ms failures" from the per-transaction log
# (field 3 is the latency in microseconds).
pgbench_figures() {
  local prefix=$1 output=$2 tps p50 p99 failed
  tps=$(awk '/^tps = / {print $3}' "$output")
  failed=$(awk '/number of failed transactions:/ {print $5}' "$output")
  read -r p50 p99 <<<"$(cat "$prefix".* | awk '{print $3}' | sort -n |
    awk '{v[NR] = $1} END {i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1;
                           printf "%.2f %.2f", v[i50] / 1000, v[i99] / 1000}')"
  echo "$tps $p50 $p99 ${failed:-0}"
}
run_pgbench() {  # KIND CLIENTS pgbench-args…
  local kind=$1 clients=$2
  shift 2
  local prefix="$WORK/pgbench-log-$kind"
  "$PGBENCH" -n -M prepared -c "$clients" -j 2 -T "$SECONDS_PER_RUN" -l --log-prefix="$prefix" "$@" "$PGB_URL" \
    >"$WORK/pgbench-$kind.txt" 2>&1
  local tps p50 p99 failed
  read -r tps p50 p99 failed <<<"$(pgbench_figures "$prefix" "$WORK/pgbench-$kind.txt")"
  rm -f "$prefix".*
  record "pgbench" "$kind" "$tps" "$p50" "$p99" "$failed"
}
run_pgbench select "$LIST_CONNECTIONS" -S
run_pgbench insert "$PUT_CONNECTIONS" -f "$WORK/insert.sql"

# --- the table --------------------------------------------------------------------------------
echo
echo "pg_api_bench: load at end: $(uptime)"
echo "Ceiling: list rows against pgbench -S (one primary-key SELECT per transaction, $LIST_CONNECTIONS clients),"
echo "PUT rows against pgbench's one-row INSERT (one durable commit per transaction, $PUT_CONNECTIONS clients)."
CEIL_SELECT=$(awk '$1 == "pgbench" && $2 == "select" {print $3}' "$RESULTS")
CEIL_INSERT=$(awk '$1 == "pgbench" && $2 == "insert" {print $3}' "$RESULTS")
printf '\n| %-24s | %-18s | %9s | %7s | %7s | %9s | %6s |\n' case request "req/s" "p50 ms" "p99 ms" "÷ ceiling" errors
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------------" "--------------------" "----------:" "--------:" "--------:" "----------:" "-------:"
# Rows are "NAME… KIND RPS P50 P99 ERRORS" with a NAME of several words.
while read -r line; do
  # shellcheck disable=SC2086
  set -- $line
  n=$#
  errors=${!n}; p99=${*:n-1:1}; p50=${*:n-2:1}; rps=${*:n-3:1}; kind=${*:n-4:1}
  name=${line% "$kind $rps $p50 $p99 $errors"}
  case $kind in
    put | insert) ceiling=$CEIL_INSERT ;;
    *) ceiling=$CEIL_SELECT ;;
  esac
  case $kind in
    list) label="list 50 (cache)" ;;
    list-nocache) label="list 50 (no cache)" ;;
    put) label="durable PUT" ;;
    select) label="SELECT (-S)" ;;
    insert) label="INSERT (1 row)" ;;
    *) label=$kind ;;
  esac
  ratio=$(awk -v a="$rps" -v c="$ceiling" 'BEGIN {if (c > 0) printf "%.1f%%", 100 * a / c; else print "-"}')
  printf '| %-24s | %-18s | %9.0f | %7s | %7s | %9s | %6s |\n' "$name" "$label" "$rps" "$p50" "$p99" "$ratio" "$errors"
done <"$RESULTS"
