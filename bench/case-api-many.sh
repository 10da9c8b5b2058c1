#!/usr/bin/env bash
# bench/case-api-many.sh: the case API over many distinct cases, builds in
# turn on one national store (issue 18 item 3; docs/benchmarks.md, "Session 28").
#   DB=/path/t.db IDS=/path/many-ids.txt ROUNDS=2 bash bench/case-api-many.sh BIN_A BIN_B ...
# The search page the same way (session 28): PREFIX='/search?q=' IDS=/path/names.txt CONNS='256 16'.
# DB: a store made by bench/run.sh (1,000,000 demo cases, with its user
# bench-supervisor); IDS: the 200,000 case ids bench/http-inputs.mjs writes
# (many-ids.txt). For each round, each build in turn serves the store alone
# (2 threads): after its background loading, wrk (-t2 -c256, bench/wrk.lua)
# runs /health for 10 s, the case API over IDS for 10 s (not counted: the
# store's pages and the case cache), then 20 s counted (at each of CONNS,
# default 256; PREFIX, default the case API, is put before each input line). Prints one line per
# run: requests a second, p50, p99, and any answer that was not 2xx.
# DBS="a.db b.db" instead of DB: each build serves each store in turn (two
# stores of the same data in journal layouts 1 and 2, session 30).
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
DBS=${DBS:-${DB:?}}
: "${IDS:?}"
BENCH=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18193}
PREFIX=${PREFIX:-/api/v1/cases/}
CONNS=${CONNS:-256}
W=${OUT:-$(mktemp -d /tmp/thads-case-api-many.XXXXXX)}
mkdir -p "$W"
B=http://127.0.0.1:$PORT
run_one() {  # BIN LABEL DB
  local bin=$1 label=$2 log="$W/$2.log" DB=$3
  "$bin" serve --db "$DB" --listen 127.0.0.1:$PORT --web "$BENCH/../web" --quiet >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do
    curl -sf $B/health >/dev/null && grep -q "background loading done" "$log" && break
    kill -0 $pid 2>/dev/null || { echo "$label: the server stopped:"; cat "$log"; return 1; }
    sleep 1
  done
  curl -s -c "$W/jar" -H 'Content-Type: application/json' \
    -d '{"login":"bench-supervisor","password":"bench-password-2026"}' $B/api/v1/session >/dev/null
  local cookie
  cookie=$(sed 's/^#HttpOnly_//' "$W/jar" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
  wrk_run() {  # PREFIX INPUTS SECONDS [CONNECTIONS]
    PREFIX=$1 INPUTS=$2 COOKIE=$cookie wrk -t2 -c"${4:-256}" -d"$3"s --timeout 5s --latency -s "$BENCH/wrk.lua" $B \
      >"$W/wrk.txt" 2>&1
    echo "$label $1 c${4:-256} $(awk '/^Requests\/sec:/ {print $2}' "$W/wrk.txt") req/s" \
      "p50 $(awk '$1 == "50%" {print $2}' "$W/wrk.txt") p99 $(awk '$1 == "99%" {print $2}' "$W/wrk.txt")" \
      "non2xx $(awk '/Non-2xx/ {print $NF}' "$W/wrk.txt")"
  }
  wrk_run /health "" 10
  wrk_run "$PREFIX" "$IDS" 10 >/dev/null
  for c in $CONNS; do wrk_run "$PREFIX" "$IDS" 20 "$c"; done
  kill $pid
  wait $pid 2>/dev/null || true
}
for r in $(seq 1 "$ROUNDS"); do
  i=0
  for bin in "$@"; do
    i=$((i + 1))
    d=0
    for db in $DBS; do
      d=$((d + 1))
      echo "round $r, load $(cut -d' ' -f1-3 /proc/loadavg), $db"
      run_one "$bin" "r$r-b$i-s$d" "$db"
    done
  done
done
