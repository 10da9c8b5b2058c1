#!/usr/bin/env bash
# bench/http.sh: wrk against `thads serve` on the national store (issue 3,
# "Speed"). Called by bench/run.sh after the import; can be run alone:
#   THADS=build-bench/thads DB=/tmp/thads-bench/thads.db OUT=DIR DATA=FILE.jsonl \
#   FROM=2025-10-01 TO=2026-09-30 bash bench/http.sh
# Traffic goes to 127.0.0.1 only; every wrk run is bounded (DURATION seconds).
# Writes $OUT/wrk.json: [{name, path, trivial, rps, p50_ms, p99_ms, non_2xx}]
# and $OUT/dashboard.json (whole-country dashboard and report, fresh requests).
set -euo pipefail
: "${THADS:?}" "${DB:?}" "${OUT:?}" "${DATA:?}" "${FROM:?}" "${TO:?}"
BENCH=$(cd "$(dirname "$0")" && pwd)
PORT=${PORT:-18089}
CONN=${CONN:-256}
DURATION=${DURATION:-15}
BASE=http://127.0.0.1:$PORT
LOGIN=bench-supervisor
PASSWORD=bench-password-2026
W=$OUT/http
mkdir -p "$W"

# An account that sees the whole country (supervisor of the root agency).
printf '%s\n' "$PASSWORD" | "$THADS" user add --db "$DB" --login "$LOGIN" --role supervisor --agency CQL \
  >"$W/user.log" 2>&1 || grep -qi "exist" "$W/user.log" || { cat "$W/user.log" >&2; exit 1; }

"$THADS" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$W/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
t0=$(date +%s.%N)
for _ in $(seq 1 600); do
  curl -fs "$BASE/health" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { echo "thads serve exited" >&2; cat "$W/serve.log" >&2; exit 1; }
  sleep 0.5
done
startup_s=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN {printf "%.3f", a - b}')
echo "thads serve ready after ${startup_s}s" >&2
# The server answers at once and loads the statistics and the search index in
# the background; measure once that is done (it would share the 2 cores).
for _ in $(seq 1 600); do
  grep -q "background loading done" "$W/serve.log" && break
  sleep 0.5
done
loaded_s=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN {printf "%.3f", a - b}')
echo "background loading done after ${loaded_s}s: $(grep -E '^thads: (statistics|search index)' "$W/serve.log" | tr '\n' ' ')" >&2

curl -fs -c "$W/jar" -H 'Content-Type: application/json' \
  -d "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
COOKIE=$(sed 's/^#HttpOnly_//' "$W/jar" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }

# Inputs: 10,000 case ids spread over the file, 1,000 debtor names without
# diacritics (family name + given name, "nguyen van an"), and 200,000 case
# ids (every fifth case) for a run where most requests miss the server's
# cache of built cases.
node "$BENCH/http-inputs.mjs" "$DATA" "$W/ids.txt" "$W/names.txt" "$W/many-ids.txt"

results=()
drain() {  # wait until requests left over by the previous run are served
  for _ in $(seq 1 120); do
    t=$(curl -s -o /dev/null -m 5 -w '%{time_total}' "$BASE/health" || echo 9)
    awk -v t="$t" 'BEGIN {exit !(t < 0.05)}' && return 0
    sleep 1
  done
}
run_wrk() {  # name trivial path-prefix input-file
  local name=$1 trivial=$2 prefix=$3 inputs=$4
  drain
  PREFIX=$prefix INPUTS=$inputs COOKIE=$COOKIE wrk -t2 -c"$CONN" -d"${DURATION}s" --timeout 5s --latency \
    -s "$BENCH/wrk.lua" "$BASE" >"$W/$name.txt" 2>&1
  local rps p50 p99 non2xx timeouts
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$W/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$W/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$W/$name.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$W/$name.txt")
  timeouts=$(awk '/Socket errors:/ {print $NF}' "$W/$name.txt")
  results+=("{\"name\":\"$name\",\"path\":\"$prefix\",\"trivial\":$trivial,\"rps\":${rps:-0},\"p50_ms\":$(to_ms "$p50"),\"p99_ms\":$(to_ms "$p99"),\"non_2xx\":${non2xx:-0},\"timeouts\":${timeouts:-0},\"connections\":$CONN,\"seconds\":$DURATION}")
  echo "wrk $name: $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}, timeouts ${timeouts:-0}" >&2
}
to_ms() {  # wrk prints 812.00us, 1.23ms, 2.01s
  local v=${1:-0}
  case $v in
    *us) echo "${v%us} / 1000" | bc -l | awk '{printf "%.3f", $1}' ;;
    *ms) echo "${v%ms}" ;;
    *s) echo "${v%s} * 1000" | bc -l | awk '{printf "%.3f", $1}' ;;
    *) echo 0 ;;
  esac
}

warm() {  # path-prefix input-file: the same traffic, not measured
  drain
  PREFIX=$1 INPUTS=$2 COOKIE=$COOKIE wrk -t2 -c"$CONN" -d"${WARMUP}s" --timeout 5s -s "$BENCH/wrk.lua" "$BASE" >/dev/null 2>&1
}
WARMUP=${WARMUP:-10}
run_wrk health true /health ""
# The first run meets a server that has built no case yet (cold); the
# measured runs after it follow WARMUP seconds of the same traffic, as a
# server that has been working does.
run_wrk api_case_cold false /api/v1/cases/ "$W/ids.txt"
run_wrk api_case false /api/v1/cases/ "$W/ids.txt"
warm /cases/ "$W/ids.txt"
run_wrk page_case false /cases/ "$W/ids.txt"
warm "/api/v1/cases?q=" "$W/names.txt"
run_wrk api_search false "/api/v1/cases?q=" "$W/names.txt"
warm "/search?q=" "$W/names.txt"
run_wrk page_search false "/search?q=" "$W/names.txt"
# 200,000 distinct cases: most requests build the case (the cache keeps
# 20,000).
run_wrk api_case_many false /api/v1/cases/ "$W/many-ids.txt"
# The same searches from a few users at once (16 connections): the latency
# one officer sees while colleagues search too.
CONN_ALL=$CONN; CONN=16
run_wrk api_search_16 false "/api/v1/cases?q=" "$W/names.txt"
run_wrk page_search_16 false "/search?q=" "$W/names.txt"
# api_case_many has just pushed the 10,000 cases of ids.txt out of the
# server's cache: warm them again, as page_case was, so that this run
# measures the same pages at fewer connections and not a cold cache.
warm /cases/ "$W/ids.txt"
run_wrk page_case_16 false /cases/ "$W/ids.txt"
CONN=$CONN_ALL
printf '[%s]\n' "$(IFS=,; echo "${results[*]}")" >"$W/../wrk.json"

# Whole-country dashboard and report, and one case and one search without
# load: single requests, one after the other.
one_id=$(head -1 "$W/ids.txt"); one_name=$(head -1 "$W/names.txt")
time_get() {  # path -> {"status", "ms": [5 requests after one warm-up]}
  local path=$1 out=() code
  drain
  code=$(curl -s -o /dev/null -m 120 -w '%{http_code}' -H "Cookie: $COOKIE" "$BASE$path" || echo 0)
  for _ in 1 2 3 4 5; do
    out+=("$(curl -s -o /dev/null -m 120 -w '%{time_total}' -H "Cookie: $COOKIE" "$BASE$path" | awk '{printf "%.2f", $1 * 1000}')")
  done
  (IFS=,; echo "{\"status\": $code, \"ms\": [${out[*]}]}")
}
cat >"$OUT/dashboard.json" <<EOF
{"startup_s": $startup_s, "background_loaded_s": $loaded_s,
 "page_dashboard_ms": $(time_get /dashboard),
 "api_dashboard_ms": $(time_get /api/v1/dashboard),
 "api_report_cases_ms": $(time_get "/api/v1/reports/cases?from=$FROM&to=$TO"),
 "api_report_money_by_agency_ms": $(time_get "/api/v1/reports/money?from=$FROM&to=$TO&by=agency"),
 "api_case_unloaded_ms": $(time_get "/api/v1/cases/$one_id"),
 "page_case_unloaded_ms": $(time_get "/cases/$one_id"),
 "api_search_unloaded_ms": $(time_get "/api/v1/cases?q=$one_name")}
EOF
cat "$OUT/dashboard.json" >&2
# Server-side latencies from the access log (the server's own "ms" field).
node -e '
const fs = require("fs"); const by = {};
for (const l of fs.readFileSync(process.argv[1], "utf8").split("\n")) {
  if (!l.startsWith("{")) continue;
  try { const r = JSON.parse(l); if (r.route && r.ms !== undefined) (by[r.route] ??= []).push(r.ms); } catch {}
}
const out = {};
for (const [k, v] of Object.entries(by)) { v.sort((a, b) => a - b); out[k] = {n: v.length, p50: v[Math.floor(v.length / 2)], p99: v[Math.min(v.length - 1, Math.floor(v.length * 0.99))]}; }
fs.writeFileSync(process.argv[2], JSON.stringify(out, null, 1) + "\n");
' "$W/serve.log" "$OUT/server-latency.json" || true
