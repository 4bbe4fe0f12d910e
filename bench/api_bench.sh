#!/usr/bin/env bash
# API figures of issue #2, each against a baseline in the same run:
#  1. GET /api/v1/units?page_size=50 with auth at 64 connections vs nginx serving a static file
#     of the same size (target ≥ 30 %), req/s and p99;
#  2. durable PUT /api/v1/units/{id} per second (SQLite, synchronous=FULL).
# Usage: bench/api_bench.sh path/to/anjian [seconds]
set -euo pipefail
BIN=${1:?anjian binary}
SECONDS_PER_RUN=${2:-10}
WORK=$(mktemp -d -t anjian-bench.XXXXXX)
PORT=18181
NGINX_PORT=18182
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  sleep 0.2; rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" demo --db "$WORK/bench.db" >/dev/null
"$BIN" serve --db "$WORK/bench.db" --port $PORT >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" \
  -d '{"username":"admin","password":"Anjian@2024"}' | sed -E 's/.*"token":"([0-9a-f]+)".*/\1/')
LIST="/api/v1/units?page_size=50"
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$LIST" >"$WORK/page.json"
SIZE=$(stat -c %s "$WORK/page.json")

mkdir -p "$WORK/www"
cp "$WORK/page.json" "$WORK/www/page.json"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
sleep 0.3

extract() {  # wrk output → "req/s p99"
  awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} END {print rps, p99}'
}
echo "== GET $LIST (auth, body $SIZE bytes), wrk -t2 -c64 -d${SECONDS_PER_RUN}s =="
API=$(wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT$LIST" | tee "$WORK/api.txt" | extract)
NGINX=$(wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$NGINX_PORT/page.json" \
  | tee "$WORK/nginx.txt" | extract)
read -r API_RPS API_P99 <<<"$API"
read -r NGINX_RPS NGINX_P99 <<<"$NGINX"
echo "anjian : $API_RPS req/s, p99 $API_P99"
echo "nginx  : $NGINX_RPS req/s, p99 $NGINX_P99 (static file, same size)"
awk -v a="$API_RPS" -v n="$NGINX_RPS" 'BEGIN {printf "ratio  : %.1f%% of nginx (target >= 30%%)\n", 100*a/n}'

echo "== the same list with the page cache off (every request queries SQLite and renders) =="
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
"$BIN" serve --db "$WORK/bench.db" --port $PORT --page-cache-entries 0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.1; done
UNCACHED=$(wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT$LIST" | extract)
read -r UNCACHED_RPS UNCACHED_P99 <<<"$UNCACHED"
echo "anjian (no page cache): $UNCACHED_RPS req/s, p99 $UNCACHED_P99"
awk -v a="$UNCACHED_RPS" -v n="$NGINX_RPS" 'BEGIN {printf "ratio  : %.1f%% of nginx\n", 100*a/n}'

echo "== durable PUT /api/v1/units/{id} (synchronous=FULL), wrk -t2 -c16 -d${SECONDS_PER_RUN}s =="
wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency -s "$(dirname "$0")/durable_put.lua" \
  "http://127.0.0.1:$PORT" -- "$TOKEN" 1000 | tee "$WORK/put.txt" | grep -E "Requests/sec|99%|non-200"
