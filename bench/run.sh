#!/usr/bin/env bash
# bench/run.sh: the national-size benchmark of thads, in one run.
#
#   1. generate the demo dataset (`thads demo --cases 1000000 --seed 1 --out FILE`);
#   2. import it into SQLite (`thads import`), wall time, events/s, peak RSS;
#   3. the national cases + money report inside a running process
#      (build-bench/report_bench: StatsSnapshot::load once, compute many times),
#      nationally and --by agency, and a fresh `thads report` process (hyperfine);
#   4. the same report by hand-written SQL (bench/report.sql) in PostgreSQL and
#      in DuckDB (@duckdb/node-api), timed after loading the same events;
#   5. wrk against `thads serve` when the server exists (bench/http.sh);
#      then bench/oversight.sh (the oversight modules at national scale);
#   6. bench/compare.mjs checks that all agree and prints the summary.
#
# Not a test and never run by CI. Results go to $WORK/results-<time>/ (summary.md
# is what docs/benchmarks.md quotes). Uses the 2 cores of the machine, ~25–35 min.
#
# Environment (defaults):
#   CASES=1000000 SEED=1      dataset size and seed
#   FY=<last complete>        statistical year N: 01/10/(N-1) … 30/09/N
#   REPS=50 SQL_REPS=5        repetitions (in-process report; each SQL query)
#   WORK=/tmp/thads-bench     dataset, stores and results (large files)
#   BUILD=<repo>/build-bench  build directory (configured here with -DTHADS_BUILD_BENCH=ON)
#   SKIP_BUILD=1              use the existing build
#   EXTRA_CXX_FLAGS=-Wno-restrict  added to CMAKE_CXX_FLAGS: GCC 12 at -O3 gives a false
#                             -Wrestrict on `"lit" + std::string&&` (GCC bug 105329), fatal under -Werror
#   REUSE_DATA=1              keep an existing dataset file of the same cases/seed/day
#   WAIT_QUIET=1 QUIET_MAX=90 first wait (up to QUIET_MAX × 10 s) for a 1-minute load average < 0.3
#   SKIP_IMPORT=1             reuse the store of the previous run ($WORK/thads.db; needs REUSE_DATA=1)
#   SKIP_PG=1 SKIP_DUCKDB=1 SKIP_HTTP=1
#   SKIP_OVERSIGHT=1          skip bench/oversight.sh (issues 14–16: oversight records at
#                             scale beside the cases, in $WORK/thads-oversight.db; ~30 min more)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
BUILD=${BUILD:-$ROOT/build-bench}
WORK=${WORK:-/tmp/thads-bench}
CASES=${CASES:-1000000}
SEED=${SEED:-1}
REPS=${REPS:-50}
SQL_REPS=${SQL_REPS:-5}
SCOPE=${SCOPE:-CQL}
TODAY=$(date -u +%F)
if [ -z "${FY:-}" ]; then
  # The last statistical year that has run its course.
  y=$(date -u +%Y); m=$(date -u +%-m)
  if [ "$m" -ge 10 ]; then FY=$y; else FY=$((y - 1)); fi
fi
FROM=$((FY - 1))-10-01
TO=$FY-09-30
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$WORK/results-$STAMP
mkdir -p "$OUT"
log() {  # also records the load average before each step (other jobs on the machine skew timings)
  printf '\n== %s  %s\n' "$(date -u +%T)" "$*" >&2
  printf '%s\t%s\t%s\n' "$(date -u +%T)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$*" >>"$OUT/load.txt"
}

# --- tools -------------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
command -v wrk >/dev/null || need_apt+=(wrk)
command -v psql >/dev/null || need_apt+=(postgresql)
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v cmake >/dev/null || need_apt+=(cmake ninja-build)
dpkg -s libbenchmark-dev >/dev/null 2>&1 || need_apt+=(libbenchmark-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -d "$BENCH/node_modules/@duckdb/node-api" ]; then
  log "npm ci (bench/package-lock.json)"
  (cd "$BENCH" && npm ci --no-audit --no-fund >/dev/null)
fi

# --- a quiet machine ---
if [ "${WAIT_QUIET:-1}" = 1 ]; then
  # Wait (up to 15 min) until nothing else runs: 1-minute load average < 0.3.
  for _ in $(seq 1 "${QUIET_MAX:-90}"); do
    awk '{exit !($1 < 0.3)}' /proc/loadavg && break
    echo "waiting for a quiet machine (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    sleep 10
  done
fi

# --- build -------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "build (Release, benchmarks on) in $BUILD"
  # The build's own Debian packages (libzstd-dev since session 30, …): what
  # the README's commands install, here too on a fresh machine.
  "$ROOT/scripts/install-deps.sh" >/dev/null
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTHADS_BUILD_BENCH=ON -DTHADS_BUILD_TESTS=OFF \
    -DCMAKE_CXX_FLAGS="${EXTRA_CXX_FLAGS--Wno-restrict}" >/dev/null
  cmake --build "$BUILD" -j2 >/dev/null
fi
THADS=$BUILD/thads
[ -x "$THADS" ] && [ -x "$BUILD/report_bench" ] || { echo "missing $THADS or $BUILD/report_bench" >&2; exit 2; }

# --- 1. dataset ----------------------------------------------------------------
DATA=$WORK/demo-$CASES-s$SEED-$TODAY.jsonl
demo_s=null
if [ "${REUSE_DATA:-0}" = 1 ] && [ -s "$DATA" ]; then
  log "reusing $DATA"
else
  log "thads demo --cases $CASES --seed $SEED --out $DATA"
  t0=$(date +%s.%N)
  "$THADS" demo --cases "$CASES" --seed "$SEED" --out "$DATA" 2>"$OUT/demo.log"
  demo_s=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN {printf "%.3f", a - b}')
fi
lines=$(wc -l <"$DATA")
events=$(grep -c '"kind": *"event"' "$DATA" || true)
cases=$(grep -c '"type": *"case_opened"' "$DATA" || true)
file_mib=$(( $(stat -c %s "$DATA") / 1048576 ))
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cat >"$OUT/meta.json" <<EOF
{"date": "$(date -u '+%F %T UTC')", "host": "$(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)",
 "cases_requested": $CASES, "seed": $SEED, "today": "$TODAY", "file": "$DATA", "file_mib": $file_mib,
 "lines": $lines, "events": $events, "cases": $cases, "demo_s": $demo_s,
 "from": "$FROM", "to": "$TO", "scope": "$SCOPE", "reps": $REPS, "sql_reps": $SQL_REPS}
EOF
log "dataset: $events events, $cases cases, $file_mib MiB"
if [ "$events" -lt 3000000 ]; then
  echo "WARNING: the dataset has $events events, fewer than the 3,000,000 the brief asks for" >&2
fi

# --- 2. import into SQLite ---------------------------------------------------------
DB=$WORK/thads.db
if [ "${SKIP_IMPORT:-0}" = 1 ] && [ -s "$DB" ]; then
  log "reusing the store $DB (no import measured)"
else
rm -f "$DB" "$DB-wal" "$DB-shm"
log "thads import --db $DB $DATA"
set +e
/usr/bin/time -v -o "$OUT/import.time" "$THADS" import --db "$DB" "$DATA" >"$OUT/import.out" 2>"$OUT/import.err"
import_rc=$?
set -e
tail -5 "$OUT/import.out" >&2 || true
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$OUT/import.time")
user=$(awk -F': ' '/User time/ {print $2}' "$OUT/import.time")
sys=$(awk -F': ' '/System time/ {print $2}' "$OUT/import.time")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/import.time")
db_mib=$(( $(stat -c %s "$DB" 2>/dev/null || echo 0) / 1048576 ))
cat >"$OUT/import.json" <<EOF
{"wall_s": $wall, "user_s": $user, "sys_s": $sys, "max_rss_kib": $rss, "events": $events, "db_mib": $db_mib, "exit": $import_rc}
EOF
log "import: ${wall}s, exit $import_rc, peak RSS $((rss / 1024)) MiB"
[ "$import_rc" = 0 ] || { echo "import failed; see $OUT/import.err" >&2; exit 1; }
fi

# --- 3. the report in thads ----------------------------------------------------------
log "report_bench (in-process, $REPS repetitions)"
"$BUILD/report_bench" --db "$DB" --from "$FROM" --to "$TO" --reps "$REPS" --out "$OUT/thads.json"
log "periodic_report_bench (the six-month report $FY-6M as PDF, province and country, 5 runs)"
"$BUILD/periodic_report_bench" --db "$DB" --period "$FY-6M" --province "${PROVINCE:-HN}" --runs 5 --reload-runs 1 \
  --out "$OUT/periodic.json"
"$THADS" report cases --db "$DB" --from "$FROM" --to "$TO" --format json >"$OUT/cli-cases.json"
"$THADS" report money --db "$DB" --from "$FROM" --to "$TO" --format json >"$OUT/cli-money.json"
log "fresh process (hyperfine)"
hyperfine --warmup 1 --runs 5 --export-json "$OUT/cold.json" \
  "$THADS report cases --db $DB --from $FROM --to $TO --format json" \
  "$THADS report money --db $DB --from $FROM --to $TO --format json --by agency" >&2

# --- 4a. PostgreSQL ---------------------------------------------------------------------
if [ "${SKIP_PG:-0}" != 1 ]; then
  PGSETTINGS="-c work_mem=1GB -c hash_mem_multiplier=2 -c max_parallel_workers_per_gather=2 -c jit=${PG_JIT:-off}"
  own_pg=0
  PGDIR=/tmp/thads-bench-pg
  if [ -x "$ROOT/scripts/pg-test-server.sh" ]; then
    # The project's throwaway server, as a separate instance (own port and
    # directory, so the tests' server is left alone), with 2 GB of shared buffers.
    export THADS_PG_PORT=${PG_PORT:-55433} THADS_PG_DIR=$PGDIR
    log "scripts/pg-test-server.sh start (port $THADS_PG_PORT, $PGDIR)"
    "$ROOT/scripts/pg-test-server.sh" destroy >/dev/null 2>&1 || true
    PGURL=$("$ROOT/scripts/pg-test-server.sh" start | grep -Eo 'postgres(ql)?://[^ ]+' | tail -1)/thads
    psql "$PGURL" -X -q -c "ALTER SYSTEM SET shared_buffers = '2GB'" -c "ALTER SYSTEM SET max_wal_size = '8GB'"
    "$ROOT/scripts/pg-test-server.sh" stop
    "$ROOT/scripts/pg-test-server.sh" start >/dev/null
  else
    own_pg=1
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    log "throwaway PostgreSQL in $PGDIR, port 55433"
    [ -f "$PGDIR/data/PG_VERSION" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"; mkdir -p "$PGDIR"; chown postgres "$PGDIR"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o \
      "-p 55433 -k $PGDIR -c listen_addresses='' -c shared_buffers=2GB -c max_wal_size=8GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    PGURL="postgresql://postgres@/postgres?host=$PGDIR&port=55433"
  fi
  psql "$PGURL" -X -q -c 'CREATE SCHEMA IF NOT EXISTS thads_bench'
  log "PostgreSQL: load + report.sql ($SQL_REPS runs)"
  PGOPTIONS="-c search_path=thads_bench $PGSETTINGS" \
    node "$BENCH/pg.mjs" --url "$PGURL" --file "$DATA" --from "$FROM" --to "$TO" --scope "$SCOPE" \
    --reps "$SQL_REPS" --out "$OUT/pg.json"
  psql "$PGURL" -X -q -c 'DROP SCHEMA thads_bench CASCADE'
  if [ "$own_pg" = 1 ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null
    rm -rf "$PGDIR"
  else
    "$ROOT/scripts/pg-test-server.sh" destroy
  fi
fi

# --- 4b. DuckDB -----------------------------------------------------------------------
if [ "${SKIP_DUCKDB:-0}" != 1 ]; then
  log "DuckDB: load + report.sql ($SQL_REPS runs)"
  node "$BENCH/duckdb.mjs" --file "$DATA" --from "$FROM" --to "$TO" --scope "$SCOPE" --reps "$SQL_REPS" --out "$OUT/duckdb.json"
fi

# --- 5. HTTP ----------------------------------------------------------------------------
if [ "${SKIP_HTTP:-0}" != 1 ] && "$THADS" serve --help >/dev/null 2>&1; then
  log "wrk against thads serve"
  THADS="$THADS" DB="$DB" OUT="$OUT" DATA="$DATA" FROM="$FROM" TO="$TO" bash "$BENCH/http.sh" || echo "http benchmark failed" >&2
fi

# --- 5b. oversight records at national scale (issues 14, 15, 16) -----------------------
if [ "${SKIP_OVERSIGHT:-0}" != 1 ]; then
  log "bench/oversight.sh (oversight records beside the cases; its own store and results)"
  BUILD="$BUILD" WORK="$WORK" CASES="$CASES" SEED="$SEED" REUSE_DATA=1 FROM="$FROM" TO="$TO" \
    bash "$BENCH/oversight.sh" || echo "oversight benchmark failed" >&2
fi

# --- 6. agreement and summary ---------------------------------------------------------
log "compare"
set +e
node "$BENCH/compare.mjs" "$OUT"
rc=$?
set -e
log "results in $OUT (summary.md)"
exit $rc
