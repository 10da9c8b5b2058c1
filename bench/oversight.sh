#!/usr/bin/env bash
# bench/oversight.sh: the oversight records at national scale (issues 14, 15
# and 16, "Speed"), beside the national demo cases. Called by bench/run.sh
# (unless SKIP_OVERSIGHT=1) or alone:
#
#   BUILD=build bash bench/oversight.sh       # BUILD holds thads, oversight_gen, oversight_bench
#
#   1. the demo cases (`thads demo --cases $CASES --seed $SEED --out`), unless reused;
#   2. the oversight records beside them (bench/oversight_gen: ADMIN_FILES
#      monitoring files, COMPLAINTS complaints, PROCURACY procuracy acts,
#      REQUESTS requests; deterministic by seed);
#   3. both imported into a fresh SQLite store, one after the other, each timed
#      with /usr/bin/time -v (records/s, peak RSS): the oversight import beside
#      the case import;
#   4. bench/oversight_bench in process: the admin-judgments, complaints and
#      coordination reports for the country, one agency's work queue, the
#      queues of QUEUE_AGENCIES agencies as before and as now (median, p99), the
#      freeze-budget check (medians);
#   5. `thads serve` and wrk (-t2 -c$CONN -d${DURATION}s, bench/wrk.lua) on
#      /health, the public non-compliance search and agencies' work queues
#      (plain, then as a browser asks: Accept-Encoding: gzip), one after the
#      other in this run.
#
# Results in $WORK/oversight-<time>/ (summary.json, load.txt: the load average
# before each step). Not a test, never run by CI; nothing asserts a time.
#
# Environment (defaults): CASES=1000000 SEED=1 WORK=/tmp/thads-bench-scale
#   ADMIN_FILES=100000 COMPLAINTS=150000 PROCURACY=50000 REQUESTS=3000000
#   FROM/TO (the statistical year that has run its course) RUNS=5
#   QUEUE_AGENCY=HN-KV1 (in-process queue) CONN=256 DURATION=15 PORT=18189
#   QUEUE_AGENCIES=40 QUEUE_RUNS=200 (agencies' queues before/after, in process)
#   ONLY=reports,queue,freeze (the parts of oversight_bench to run)
#   DB=$WORK/thads-oversight.db (the store; not bench/run.sh's)
#   REUSE_DATA=1 (keep the files of the same day) SKIP_IMPORT=1 (keep the store) SKIP_HTTP=1
#   SKIP_INPROCESS=1 (no oversight_bench: an HTTP run of another build's server)
#   SERVE=$BUILD/thads (the server measured over HTTP; e.g. the build before a change)
#   DATA, OV (the demo and oversight files: default the day's names under WORK)
#   AGAIN=1 (the public search and the queue twice: the second run finds the
#   answers the first one made held at the journal's position)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
BUILD=${BUILD:-$ROOT/build-bench}
WORK=${WORK:-/tmp/thads-bench-scale}
CASES=${CASES:-1000000}
SEED=${SEED:-1}
ADMIN_FILES=${ADMIN_FILES:-100000}
COMPLAINTS=${COMPLAINTS:-150000}
PROCURACY=${PROCURACY:-50000}
REQUESTS=${REQUESTS:-3000000}
RUNS=${RUNS:-5}
QUEUE_AGENCY=${QUEUE_AGENCY:-HN-KV1}
QUEUE_AGENCIES=${QUEUE_AGENCIES:-40}
QUEUE_RUNS=${QUEUE_RUNS:-200}
ONLY=${ONLY:-reports,queue,freeze}
CONN=${CONN:-256}
DURATION=${DURATION:-15}
PORT=${PORT:-18189}
TODAY=$(date -u +%F)
# The day a server calls today (Vietnam's, UTC+7: vn_date_of) and holds every
# agency's queue for once it listens: the queue runs ask for that day, as a
# head's page does. From 17:00 UTC it is the day after TODAY.
SERVER_TODAY=${SERVER_TODAY:-$(TZ=Asia/Ho_Chi_Minh date +%F)}
if [ -z "${FROM:-}" ]; then
  y=$(date -u +%Y); m=$(date -u +%-m)
  if [ "$m" -ge 10 ]; then fy=$y; else fy=$((y - 1)); fi
  FROM=$((fy - 1))-10-01; TO=$fy-09-30
fi
THADS=$BUILD/thads
for b in thads oversight_gen oversight_bench; do
  [ -x "$BUILD/$b" ] || { echo "missing $BUILD/$b (scripts/build.sh --bench, or bench/run.sh)" >&2; exit 2; }
done
OUT=$WORK/oversight-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
log() {
  printf '\n== %s  %s\n' "$(date -u +%T)" "$*" >&2
  printf '%s\t%s\t%s\n' "$(date -u +%T)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$*" >>"$OUT/load.txt"
}
seconds() {  # /usr/bin/time -v's wall clock, in seconds
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"
}
rss_kib() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

# --- 1, 2. data ----------------------------------------------------------------------
DATA=${DATA:-$WORK/demo-$CASES-s$SEED-$TODAY.jsonl}
OV=${OV:-$WORK/oversight-$CASES-s$SEED-$ADMIN_FILES-$COMPLAINTS-$PROCURACY-$REQUESTS-$TODAY.jsonl}
if [ "${REUSE_DATA:-0}" != 1 ] || [ ! -s "$DATA" ]; then
  log "thads demo --cases $CASES --seed $SEED --out $DATA"
  "$THADS" demo --cases "$CASES" --seed "$SEED" --out "$DATA" 2>"$OUT/demo.log"
fi
if [ "${REUSE_DATA:-0}" != 1 ] || [ ! -s "$OV" ]; then
  log "oversight_gen → $OV"
  /usr/bin/time -v -o "$OUT/gen.time" "$BUILD/oversight_gen" --demo "$DATA" --out "$OV" --seed "$SEED" --today "$TODAY" \
    --admin-files "$ADMIN_FILES" --complaints "$COMPLAINTS" --procuracy "$PROCURACY" --requests "$REQUESTS"
fi
ov_lines=$(($(wc -l <"$OV") - 1))
count() { grep -c "^{\"kind\":\"$1\",\"id\":\"[^\"]*\",\"seq\":1," "$OV" || true; }
cat >"$OUT/data.json" <<EOF
{"demo_file": "$DATA", "demo_lines": $(wc -l <"$DATA"), "oversight_file": "$OV", "oversight_records": $ov_lines,
 "admin_judgment": $(count admin_judgment), "complaint": $(count complaint), "procuracy": $(count procuracy), "request": $(count request)}
EOF
cat "$OUT/data.json" >&2

# --- 3. import -------------------------------------------------------------------------
DB=${DB:-$WORK/thads-oversight.db}
if [ "${SKIP_IMPORT:-0}" = 1 ] && [ -s "$DB" ]; then
  log "reusing the store $DB (no import measured)"
else
  rm -f "$DB" "$DB-wal" "$DB-shm"
  for step in cases:"$DATA" oversight:"$OV"; do
    name=${step%%:*} file=${step#*:}
    log "thads import --db $DB $file ($name)"
    /usr/bin/time -v -o "$OUT/import-$name.time" "$THADS" import --db "$DB" "$file" >"$OUT/import-$name.out" 2>"$OUT/import-$name.err" ||
      { tail -5 "$OUT/import-$name.out" "$OUT/import-$name.err" >&2; exit 1; }
    records=$(($(wc -l <"$file") - 1))
    wall=$(seconds "$OUT/import-$name.time")
    echo "{\"records\": $records, \"wall_s\": $wall, \"records_per_s\": $(awk -v r="$records" -v w="$wall" 'BEGIN {printf "%.0f", r / w}'), \"max_rss_kib\": $(rss_kib "$OUT/import-$name.time"), \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" \
      >"$OUT/import-$name.json"
    cat "$OUT/import-$name.json" >&2
  done
fi

# --- 4. in process -------------------------------------------------------------------------
if [ "${SKIP_INPROCESS:-0}" != 1 ]; then
  log "oversight_bench ($RUNS runs)"
  "$BUILD/oversight_bench" --db "$DB" --from "$FROM" --to "$TO" --today "$TODAY" --queue-agency "$QUEUE_AGENCY" \
    --runs "$RUNS" --queue-agencies "$QUEUE_AGENCIES" --queue-runs "$QUEUE_RUNS" --only "$ONLY" --out "$OUT/inprocess.json"
fi

# --- 5. HTTP ------------------------------------------------------------------------------
if [ "${SKIP_HTTP:-0}" != 1 ]; then
  command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  BASE=http://127.0.0.1:$PORT
  LOGIN=bench-head PASSWORD=bench-password-2026
  printf '%s\n' "$PASSWORD" | "$THADS" user add --db "$DB" --login "$LOGIN" --role supervisor --agency CQL \
    >"$OUT/user.log" 2>&1 || grep -qi "exist" "$OUT/user.log" || { cat "$OUT/user.log" >&2; exit 1; }
  SERVE=${SERVE:-$THADS}
  "$SERVE" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$OUT/serve.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    curl -fs "$BASE/health" >/dev/null 2>&1 && break
    kill -0 $SERVER 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  for _ in $(seq 1 1200); do grep -q "background loading done" "$OUT/serve.log" && break; sleep 0.5; done
  curl -fs -c "$OUT/jar" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
  COOKIE=$(sed 's/^#HttpOnly_//' "$OUT/jar" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
  [ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
  # One request of each first: the held models' first load (tens of seconds
  # at this scale, once per process) is not part of the timed runs.
  log "warm-up: the first public search and agency queue"
  curl -fs -o /dev/null "$BASE/api/v1/public/non-compliance?q=" || true
  curl -fs -o /dev/null -H "Cookie: $COOKIE" "$BASE/api/v1/deadlines?today=$SERVER_TODAY&agency=$QUEUE_AGENCY" || true

  # Inputs: the public search asks for the (folded, URL-encoded) first two or
  # three words of the debtors' names of the files that were published, and
  # for nothing at all (the whole list); the queue for the agencies below the
  # provinces (one agency's queue per request).
  python3 - "$OV" "$DATA" "$OUT/public-q.txt" "$OUT/agencies.txt" <<'EOF'
import json, random, sys, unicodedata, urllib.parse
def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
names, published = {}, set()
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.startswith('{"kind":"admin_judgment"'): continue
    r = json.loads(line)
    if r["type"] == "received": names[r["id"]] = r["debtor"]["name"]
    elif r["type"] == "published": published.add(r["id"])
rng = random.Random(1)
qs = [""] * 50
for i in sorted(published):
    words = fold(names[i]).split()
    qs.append(" ".join(words[: rng.choice([2, 3, len(words)])]))
rng.shuffle(qs)
with open(sys.argv[3], "w") as f:
    for q in qs[:2000]: f.write(urllib.parse.quote_plus(q) + "\n")
ags = []
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith('{"kind":"event"'): break  # the reference records come first
    if line.startswith('{"kind":"agency"'):
        a = json.loads(line)
        if a["level"] not in ("national", "province"): ags.append(a["code"])
with open(sys.argv[4], "w") as f:
    for a in ags: f.write(a + "\n")
print(f"{len(published)} published files, {len(qs)} queries, {len(ags)} agencies", file=sys.stderr)
EOF
  to_ms() {
    local v=${1:-0}
    case $v in
      *us) awk -v x="${v%us}" 'BEGIN {printf "%.3f", x / 1000}' ;;
      *ms) echo "${v%ms}" ;;
      *s) awk -v x="${v%s}" 'BEGIN {printf "%.3f", x * 1000}' ;;
      *) echo 0 ;;
    esac
  }
  results=()
  run_wrk() {  # name path-prefix input-file [accept-encoding]
    local name=$1 prefix=$2 inputs=$3 encoding=${4:-}
    log "wrk $name ($prefix${encoding:+, Accept-Encoding: $encoding})"
    PREFIX=$prefix INPUTS=$inputs COOKIE=$COOKIE ACCEPT_ENCODING=$encoding wrk -t2 -c"$CONN" -d"${DURATION}s" --timeout 10s --latency \
      -s "$BENCH/wrk.lua" "$BASE" >"$OUT/wrk-$name.txt" 2>&1
    local rps p50 p99 non2xx errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk-$name.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk-$name.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-$name.txt")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$OUT/wrk-$name.txt")
    errors=$(awk '/Socket errors:/ {print $0}' "$OUT/wrk-$name.txt")
    results+=("{\"name\":\"$name\",\"path\":\"$prefix\",\"rps\":${rps:-0},\"p50_ms\":$(to_ms "$p50"),\"p99_ms\":$(to_ms "$p99"),\"non_2xx\":${non2xx:-0},\"errors\":\"$errors\",\"connections\":$CONN,\"seconds\":$DURATION}")
    echo "wrk $name: $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0} $errors" >&2
  }
  run_wrk health /health ""
  run_wrk public_search "/api/v1/public/non-compliance?q=" "$OUT/public-q.txt"
  run_wrk health_2 /health ""
  run_wrk agency_queue "/api/v1/deadlines?today=$SERVER_TODAY&agency=" "$OUT/agencies.txt"
  # As a browser asks (Accept-Encoding: gzip): the held queue goes compressed
  # (src/http/held_gzip.h), then /health again in the same run.
  run_wrk agency_queue_gzip "/api/v1/deadlines?today=$SERVER_TODAY&agency=" "$OUT/agencies.txt" "gzip, deflate"
  run_wrk health_3 /health ""
  if [ "${AGAIN:-0}" = 1 ]; then
    run_wrk public_search_2 "/api/v1/public/non-compliance?q=" "$OUT/public-q.txt"
    run_wrk agency_queue_2 "/api/v1/deadlines?today=$SERVER_TODAY&agency=" "$OUT/agencies.txt"
  fi
  printf '[%s]\n' "$(IFS=,; echo "${results[*]}")" >"$OUT/wrk.json"
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
  trap - EXIT
fi

# --- summary --------------------------------------------------------------------------------
python3 - "$OUT" <<'EOF'
import json, os, sys
out = sys.argv[1]
def load(n):
    p = os.path.join(out, n)
    return json.load(open(p)) if os.path.exists(p) else None
s = {"data": load("data.json"), "import_cases": load("import-cases.json"), "import_oversight": load("import-oversight.json"),
     "in_process": load("inprocess.json"), "wrk": load("wrk.json"), "load": open(os.path.join(out, "load.txt")).read().splitlines()}
json.dump(s, open(os.path.join(out, "summary.json"), "w"), indent=1, ensure_ascii=False)
print(json.dumps(s, indent=1, ensure_ascii=False))
EOF
echo "results in $OUT" >&2
