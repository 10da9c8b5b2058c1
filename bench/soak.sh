#!/usr/bin/env bash
# bench/soak.sh: a long mixed read/write run against `thads serve` (issue 12,
# "A soak"; not CI: it runs for half an hour). It checks what a server that
# has worked for hours must still do:
#   - 0 errors: every read answers 200, every write 201 (the writes never race
#     each other, so a 409 is an error too);
#   - 0 lost writes: after the run the server is stopped and the store exported;
#     every acknowledged write (case, version) is in the export, and the export
#     holds exactly as many of the run's acts as were acknowledged;
#   - the audit chain verifies (`thads verify-audit`);
#   - resident memory flat: the server's RSS and what /metrics (read by an
#     administrator) says its case cache, its render cache and SQLite hold
#     are sampled every 10 s; the script
#     prints the median of the first and of the last fifth of the run and the
#     RSS's slope over the second half, when the caches are full.
#
#   bench/soak.sh [--pg URL] [--minutes M] [--conns C] [--cases N] [--out DIR]
#
# Defaults: 30 minutes, 256 connections, a demo store of 20,000 cases
# (`thads demo`). The store is a new SQLite file, or with --pg a new database on
# the PostgreSQL server of URL (a role that may create databases, e.g.
# scripts/pg-test-server.sh), dropped afterwards. The traffic is bench/soak.mjs
# (Node, no packages): 40% case API, 15% case page, 10% search API, 5% search
# page, 10% work queues (of agencies drawn from all of the store's), 5%
# dashboard, 15% writes, as the root agency's head.
# Writes DIR/soak.json (the traffic's counts and latencies), DIR/rss.tsv and
# DIR/summary.txt; exits 1 when any check fails. Needs build/thads (or
# $THADS_BIN), node, curl, sqlite3 (psql with --pg).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
thads=${THADS_BIN:-$top/build/thads}
pg= minutes=30 conns=256 ncases=20000 out=
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) pg=${2:?--pg needs a URL}; shift 2 ;;
    --minutes) minutes=${2:?}; shift 2 ;;
    --conns) conns=${2:?}; shift 2 ;;
    --cases) ncases=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
work=${TMPDIR:-/tmp}/thads-soak-$$
out=${out:-$work/out}
mkdir -p "$work" "$out"
login=soak-head
password=mat-khau-soak-dai-2026
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# A SQLite store of journal layout 2 (docs/storage.md) reads its view
# `journal` through thads' own SQL functions, which sqlite3 does not have:
# for sqlite3, a temporary view of the same name without the bodies.
sqlite_journal() {
  if [ "$(sqlite3 "$1" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal_data'")" = 1 ]; then
    printf '%s' "CREATE TEMP VIEW journal AS SELECT d.pos AS pos, s.kind AS kind, s.stream AS stream, d.seq AS seq, d.recorded_at AS recorded_at, d.actor AS actor FROM main.journal_data d JOIN main.journal_streams s ON s.id = d.stream_id; "
  fi
}
sql() {  # QUERY: rows '|'-separated (tabs with -t), on the store
  if [ -n "$pg" ]; then psql -X -q -tA -v ON_ERROR_STOP=1 "$db" -c "$1"; else sqlite3 "$db" "$(sqlite_journal "$db")$1"; fi
}
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  if [ -n "$pg" ]; then psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS thads_soak_$$ WITH (FORCE)" >/dev/null 2>&1; fi
  # The work files go; the results stay (in $work/out unless --out named a place).
  if [ "$out" = "$work/out" ]; then
    find "$work" -mindepth 1 -maxdepth 1 ! -name out -exec rm -rf {} +
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

if [ -n "$pg" ]; then
  psql -X -q "$pg/postgres" -c "CREATE DATABASE thads_soak_$$" >/dev/null || exit 1
  db=$pg/thads_soak_$$
else
  db=$work/store.db
fi
echo "soak: a demo store of $ncases cases ($([ -n "$pg" ] && echo PostgreSQL || echo SQLite))"
"$thads" demo --db "$db" --cases "$ncases" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
printf '%s\n' "$password" | "$thads" user add --db "$db" --login "$login" --role head --agency CQL >/dev/null 2>&1 || exit 1
# An administrator reads /metrics beside the memory samples (the case cache's size).
printf '%s\n' "$password" | "$thads" user add --db "$db" --login soak-admin --role admin --agency CQL >/dev/null 2>&1 || exit 1
sql "SELECT case_id || '|' || version || '|' || CASE WHEN status = 'active' THEN 1 ELSE 0 END FROM cases" | tr '|' '\t' >"$work/cases.tsv"
sql "SELECT code FROM agencies" >"$work/agencies.txt"
before=$(sql "SELECT COUNT(*) FROM journal")
# The store before the run: the demo itself may hold `notified` acts dated
# today (9 of 20,000 cases on 07/12/2026), which are not the run's.
"$thads" export --db "$db" >"$work/before.jsonl" || { echo "soak: export before the run failed" >&2; exit 1; }

# SERVE_ARGS: more options of `thads serve`, e.g. SERVE_ARGS="--case-cache-mib 0".
# shellcheck disable=SC2086
"$thads" serve --db "$db" --listen "127.0.0.1:$port" ${SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -q "background loading done" "$work/serve.log" && break; sleep 0.5; done
curl -fs -o /dev/null "http://127.0.0.1:$port/health" || { echo "soak: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

# RSS (KiB) and the case cache's estimated bytes every 10 s while the traffic
# runs; then the RSS split into anonymous memory (the heap: what the program
# and its allocator hold) and file-backed pages (the store's pages SQLite maps,
# PRAGMA mmap_size), from /proc/PID/status (RssAnon, RssFile), in KiB.
curl -fs -o /dev/null -c "$work/admin.jar" -H 'Content-Type: application/json' \
  -d "{\"login\":\"soak-admin\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" ||
  { echo "soak: the administrator could not log in" >&2; exit 1; }
: >"$out/rss.tsv"
( while kill -0 "$server" 2>/dev/null; do
    m=$(curl -fs -b "$work/admin.jar" "http://127.0.0.1:$port/metrics")
    cache=$(awk '/^thads_case_cache_bytes / {print $2}' <<<"$m")
    split=$(awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} END {printf "%s\t%s", a, f}' /proc/$server/status 2>/dev/null)
    held=$(awk '/^thads_render_cache_bytes / {r = $2} /^thads_sqlite_memory_bytes / {q = $2}
                /^thads_heap_bytes\{state="in_use"\} / {u = $2} /^thads_heap_bytes\{state="free"\} / {f = $2}
                END {printf "%s\t%s\t%s\t%s", r, q, u, f}' <<<"$m")
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date +%s)" "$(awk '/^VmRSS:/ {print $2}' /proc/$server/status 2>/dev/null)" "${cache:-}" \
      "$split" "$held" >>"$out/rss.tsv"
    sleep 10
  done ) &
sampler=$!

echo "soak: $minutes minutes at $conns connections against http://127.0.0.1:$port (pid $server)"
node "$top/bench/soak.mjs" "http://127.0.0.1:$port" "$login" "$password" "$work/cases.tsv" \
  $((minutes * 60)) "$conns" "$out/soak.json" "$work/agencies.txt" | tee "$out/summary.txt"
traffic=${PIPESTATUS[0]}
kill "$sampler" 2>/dev/null
kill -0 "$server" 2>/dev/null || { echo "soak: FAILED: the server died" | tee -a "$out/summary.txt"; exit 1; }
kill -TERM "$server"; wait "$server" 2>/dev/null; server=

failed=0
[ "$traffic" = 0 ] || failed=1
errors=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).errors)' "$out/soak.json")
[ "$errors" = 0 ] || { echo "soak: FAILED: $errors errors" | tee -a "$out/summary.txt"; failed=1; }

# Lost writes: every acknowledged (case, version) is a `notified` act of today in
# the export, and the export holds exactly as many of them as were
# acknowledged beside those the store held before the run.
"$thads" export --db "$db" >"$work/export.jsonl" || { echo "soak: FAILED: export" | tee -a "$out/summary.txt"; exit 1; }
node -e '
  const fs = require("fs");
  const acked = JSON.parse(fs.readFileSync(process.argv[1])).acked;
  const today = new Date().toISOString().slice(0, 10);
  const todays = (file) => {
    const out = new Set();
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (!line.includes("\"notified\"") || !line.includes(today)) continue;
      const e = JSON.parse(line);
      if (e.kind === "event" && e.type === "notified" && e.date === today) out.add(e.case + "#" + e.seq);
    }
    return out;
  };
  const earlier = todays(process.argv[3]);
  const have = new Set([...todays(process.argv[2])].filter((k) => !earlier.has(k)));
  const missing = acked.filter(([id, v]) => !have.has(id + "#" + v));
  console.log(`export: ${acked.length} writes acknowledged, ${have.size} of the run in the export, ${missing.length} missing`);
  if (missing.length || have.size !== acked.length) { console.log("missing: " + JSON.stringify(missing.slice(0, 5))); process.exit(1); }
' "$out/soak.json" "$work/export.jsonl" "$work/before.jsonl" | tee -a "$out/summary.txt"
[ "${PIPESTATUS[0]}" = 0 ] || { echo "soak: FAILED: lost or extra writes" | tee -a "$out/summary.txt"; failed=1; }
"$thads" verify-audit --db "$db" >"$work/audit.log" 2>&1 || { echo "soak: FAILED: verify-audit: $(tail -1 "$work/audit.log")" | tee -a "$out/summary.txt"; failed=1; }
echo "journal: $before entries before, $(sql "SELECT COUNT(*) FROM journal") after; audit chain verified" | tee -a "$out/summary.txt"

# Memory: the median RSS of the first and of the last fifth of the samples, the
# slope over the second half (least squares, MiB a minute: the caches are full
# by then, so a leak shows as a slope), and beside it what the server says its
# caches and SQLite hold (/metrics).
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").split("\n").map((l) => l.split("\t").map(Number))
    .filter((r) => r[1] > 0);
  const v = rows.map((r) => r[1]);
  const k = Math.max(1, Math.floor(v.length / 5));
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)] || 0; };
  const mib = (kb) => (kb / 1024).toFixed(0);
  console.log(`resident memory: ${v.length} samples; median of the first fifth ${mib(median(v.slice(0, k)))} MiB, ` +
    `of the last fifth ${mib(median(v.slice(-k)))} MiB, peak ${mib(Math.max(0, ...v))} MiB`);
  // Least-squares slope of column `col` over the second half, in MiB a minute
  // (`unit`: the column\u0027s bytes per unit, 1024 for KiB).
  const half = rows.slice(Math.floor(rows.length / 2));
  const slope = (col, unit) => {
    const h = half.filter((r) => r[col] > 0);
    if (h.length < 3) return null;
    const n = h.length, mx = h.reduce((a, r) => a + r[0], 0) / n, my = h.reduce((a, r) => a + r[col], 0) / n;
    const sxy = h.reduce((a, r) => a + (r[0] - mx) * (r[col] - my), 0), sxx = h.reduce((a, r) => a + (r[0] - mx) ** 2, 0);
    return ((sxx ? sxy / sxx : 0) * 60 * unit / 1048576).toFixed(2);
  };
  if (half.length >= 3) {
    const parts = [["resident memory", 1, 1024], ["anonymous", 3, 1024], ["heap in use", 7, 1]]
      .map(([what, col, unit]) => [what, slope(col, unit)]).filter(([, v]) => v !== null);
    console.log("second half: " + parts.map(([what, v]) => `${what} ${v} MiB a minute`).join(", "));
  }
  for (const [col, what] of [[3, "anonymous (heap)"], [4, "file-backed (mapped store pages)"]]) {
    const x = rows.map((r) => r[col]).filter((y) => y > 0);
    if (x.length >= 5) {
      const kx = Math.max(1, Math.floor(x.length / 5));
      console.log(`  of which ${what}: median of the first fifth ${mib(median(x.slice(0, kx)))} MiB, ` +
        `of the last fifth ${mib(median(x.slice(-kx)))} MiB`);
    }
  }
  // What the server says it holds (/metrics, bytes): the built cases, the
  // page parts kept rendered, and the page caches, schemas and statements of SQLite.
  for (const [col, name, bound] of [[2, "case cache", "serve --case-cache-mib"],
                                    [5, "render cache", "serve --render-cache-mib"],
                                    [6, "SQLite", "each connection\u0027s PRAGMA cache_size"],
                                    [7, "heap in use (the allocator\u0027s count)", "all of the above and the rest"],
                                    [8, "heap free in the arenas", "serve\u0027s M_TRIM_THRESHOLD, 512 MiB"]]) {
    const c = rows.map((r) => r[col]).filter((x) => x >= 0 && !Number.isNaN(x));
    if (!c.length) continue;
    const kc = Math.max(1, Math.floor(c.length / 5));
    const mb = (b) => (b / 1048576).toFixed(0);
    console.log(`${name}: median of the first fifth ${mb(median(c.slice(0, kc)))} MiB, of the last fifth ` +
      `${mb(median(c.slice(-kc)))} MiB, peak ${mb(Math.max(...c))} MiB (bound: ${bound})`);
  }
' "$out/rss.tsv" | tee -a "$out/summary.txt"
echo "soak: $([ "$failed" = 0 ] && echo passed || echo FAILED); results in $out"
exit "$failed"
