#!/usr/bin/env bash
# Kill -9 harness for `thads serve` during concurrent API writes (issue 12,
# docs/security/faults.md). Each trial: a server on a fresh store, W writers
# each recording events on its own cases through the API, the server killed
# with SIGKILL a random 0.2-2.5 s after the first acknowledged write, then
# the store checked:
#   - it opens and `thads verify-audit` passes;
#   - every write the API acknowledged (201) is in the journal;
#   - nothing is half there: each case's read-model version equals the last
#     seq of its journal stream, and each stream's seqs run 1..n without gap.
#
#   scripts/kill9.sh [--pg URL] [TRIALS]     (default $THADS_KILL9_TRIALS or 20)
#
# The store is a SQLite file copied from one seeded once, or with --pg a new
# database per trial, created from a seeded template, on the PostgreSQL server of URL (postgresql://USER@HOST:PORT, a role that may
# create databases, e.g. the test server of scripts/pg-test-server.sh),
# dropped after the trial.
#
# Needs build/thads, curl and sqlite3 (psql with --pg). Prints one line per trial and a
# summary; exits 1 when any trial fails. Work files: $TMPDIR/thads-kill9-PID/.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
thads=${THADS_BIN:-$top/build/thads}
pg=
if [ "${1:-}" = --pg ]; then pg=${2:?--pg needs a URL}; shift 2; fi
trials=${1:-${THADS_KILL9_TRIALS:-20}}
writers=${THADS_KILL9_WRITERS:-4}
cases_per_writer=3
work=${TMPDIR:-/tmp}/thads-kill9-$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
password=mat-khau-kill9-dai-1

# A SQLite store of journal layout 2 (docs/storage.md) reads its view
# `journal` through thads' own SQL functions, which sqlite3 does not have:
# for sqlite3, a temporary view of the same name without the bodies.
sqlite_journal() {
  if [ "$(sqlite3 "$1" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal_data'")" = 1 ]; then
    printf '%s' "CREATE TEMP VIEW journal AS SELECT d.pos AS pos, s.kind AS kind, s.stream AS stream, d.seq AS seq, d.recorded_at AS recorded_at, d.actor AS actor FROM main.journal_data d JOIN main.journal_streams s ON s.id = d.stream_id; "
  fi
}
# sql DB QUERY: the query's rows, '|'-separated, on the trial's store.
sql() {
  if [ -n "$pg" ]; then psql -X -q -tA -v ON_ERROR_STOP=1 "$1" -c "$2"; else sqlite3 "$1" "$(sqlite_journal "$1")$2"; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

seed() {  # DB
  local f=$work/seed.jsonl n
  {
    echo '{"kind":"agency","code":"CQL","name":"Cục Quản lý thi hành án dân sự","level":"national","parent":null}'
    echo '{"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":"CQL"}'
    echo '{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN","role":"enforcement_officer"}'
    for n in $(seq 1 $((writers * cases_per_writer))); do
      echo '{"kind":"event","case":"K'"$n"'","seq":1,"type":"case_opened","date":"2024-11-05","agency":"HN","mode":"proactive","judgment_kind":"civil","judgment":{"number":"'"$n"'/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-09-06","effective_date":"2024-10-06"},"debtor":{"name":"Người phải thi hành '"$n"'","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]}'
      echo '{"kind":"event","case":"K'"$n"'","seq":2,"type":"officer_assigned","date":"2024-11-05","officer":"HN-CHV-1"}'
    done
  } >"$f"
  "$thads" import --db "$1" "$f" >/dev/null || return 1
  printf '%s\n' "$password" | "$thads" user add --db "$1" --login officer1 --role officer --agency HN --officer HN-CHV-1 >/dev/null
}

login() {  # PORT: logs officer1 in once for all the writers (one slow password
  # hash per trial, not one per writer); prints the CSRF token, the cookie in $work/jar
  curl -s -c "$work/jar" -H 'Content-Type: application/json' \
    -d '{"login":"officer1","password":"'"$password"'"}' "http://127.0.0.1:$1/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("csrf",""))' 2>/dev/null
}

writer() {  # PORT W ACKED CSRF: records notified events on its cases until the server is gone
  local port=$1 w=$2 acked=$3 csrf=$4 jar=$work/jar c v status
  declare -A ver
  for c in $(seq 1 $cases_per_writer); do ver[$c]=2; done
  while :; do
    for c in $(seq 1 $cases_per_writer); do
      local id=K$(((w - 1) * cases_per_writer + c))
      v=${ver[$c]}
      status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -H 'Content-Type: application/json' \
        -H "X-CSRF-Token: $csrf" \
        -d '{"expected_version":'"$v"',"event":{"type":"notified","date":"2025-01-05"}}' \
        "http://127.0.0.1:$port/api/v1/cases/$id/events") || return 0
      case "$status" in
        201) echo "$id $((v + 1))" >>"$acked"; ver[$c]=$((v + 1)) ;;
        000) return 0 ;;
        *) echo "writer $w: $id answered $status" >&2; return 0 ;;
      esac
    done
  done
}

check() {  # DB ACKED -> prints a problem, or nothing
  local db=$1 acked=$2
  "$thads" verify-audit --db "$db" >"$work/audit.out" 2>&1 || { echo "verify-audit: $(tr '\n' ' ' <"$work/audit.out")"; return; }
  if [ -s "$acked" ]; then  # one query for all the acknowledged writes
    local values missing
    values=$(sed "s/^\([^ ]*\) \(.*\)$/('\1',\2)/" "$acked" | paste -sd,)
    missing=$(sql "$db" "WITH v(id, seq) AS (VALUES $values) SELECT v.id || ' seq ' || v.seq FROM v
                         WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.kind='event' AND j.stream=v.id AND j.seq=v.seq) LIMIT 1")
    [ -z "$missing" ] || { echo "acknowledged $missing is not in the journal"; return; }
  fi
  local bad
  bad=$(sql "$db" "SELECT c.case_id FROM cases c WHERE c.version <> (SELECT MAX(seq) FROM journal j WHERE j.kind='event' AND j.stream=c.case_id)
                       UNION ALL SELECT stream FROM journal WHERE kind='event' GROUP BY stream HAVING MAX(seq) <> COUNT(*) LIMIT 3")
  [ -z "$bad" ] || echo "half-written cases: $bad"
}

# The seeded store is made once and copied for each trial (a file copy, or a
# database created from it as a template): the seeding (an import and a slow
# password hash) would otherwise be most of a trial's time.
if [ -n "$pg" ]; then
  template=thads_k9_$$_seed
  PGOPTIONS="-c client_min_messages=warning" psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $template" -c "CREATE DATABASE $template" >/dev/null ||
    { echo "kill9: cannot create database $template" >&2; exit 1; }
  trap 'rm -rf "$work"; psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $template WITH (FORCE)" >/dev/null 2>&1' EXIT
  seed "$pg/$template" || { echo "kill9: seeding failed" >&2; exit 1; }
else
  seed "$work/seed.db" || { echo "kill9: seeding failed" >&2; exit 1; }
fi

failed=0 acked_total=0
for t in $(seq 1 "$trials"); do
  acked=$work/acked.$t
  if [ -n "$pg" ]; then
    name=thads_k9_$$_$t
    PGOPTIONS="-c client_min_messages=warning" psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name TEMPLATE $template" >/dev/null ||
      { echo "trial $t: cannot create database $name"; failed=$((failed + 1)); continue; }
    db=$pg/$name
  else
    db=$work/t$t.db
    cp "$work/seed.db" "$db" || { echo "trial $t: cannot copy the seeded store"; failed=$((failed + 1)); continue; }
  fi
  : >"$acked"
  port=$(free_port)
  "$thads" serve --db "$db" --listen "127.0.0.1:$port" >"$work/serve.$t.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
  csrf=$(login "$port")
  pids=()
  if [ -n "$csrf" ]; then
    for w in $(seq 1 "$writers"); do writer "$port" "$w" "$acked" "$csrf" & pids+=($!); done
  else
    echo "trial $t: the login failed (the server is killed all the same)" >&2
  fi
  # The random delay counts from the first acknowledged write (or 10 s).
  for _ in $(seq 1 200); do [ -s "$acked" ] && break; sleep 0.05; done
  delay_ms=$((200 + RANDOM % 2301))  # 0.2-2.5 s
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -9 "$server"
  wait "$server" 2>/dev/null
  for p in "${pids[@]}"; do wait "$p"; done
  problem=$(check "$db" "$acked")
  n=$(wc -l <"$acked")
  acked_total=$((acked_total + n))
  if [ -n "$problem" ]; then
    echo "trial $t: FAILED after $n acknowledged writes: $problem"
    failed=$((failed + 1))
  else
    echo "trial $t: ok ($n acknowledged writes, all there)"
  fi
  if [ -n "$pg" ]; then
    psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
  else
    rm -f "$db" "$db-wal" "$db-shm"
  fi
done
echo "kill9 ($([ -n "$pg" ] && echo postgres || echo sqlite)): $trials trials, $acked_total acknowledged writes, $failed failed"
[ "$failed" = 0 ]
