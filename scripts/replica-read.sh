#!/usr/bin/env bash
# `thads serve` reading from a PostgreSQL streaming replica and writing
# through the primary, and the read-only commands on the replica (issue 18
# item 5, docs/operations.md "Reading from a replica"). Makes a new database
# on the primary of PRIMARY_URL (the replica of REPLICA_URL follows the whole
# cluster, so the database appears there), then checks:
#   1. `thads report cases` and `thads export` on the replica answer what they
#      answer on the primary (the read-only commands write nothing);
#   2. `thads serve --db PRIMARY --read-db REPLICA` serves its reads (GET) from
#      the replica (its /metrics count them) and answers every page and API
#      read tried with 200;
#   3. every write is read back by the very next request, 30 times in a row
#      (reads wait for the replica to replay the server's last write, up to
#      --read-wait-ms, then read the primary);
#   4. sessions work (they are kept on the primary), and a logout ends the
#      session at once;
#   5. --read-db with a SQLite --db, or naming a database that is not there,
#      is refused at start with a clear message;
#   6. the audit chain verifies on the primary and on the replica.
#
#   scripts/replica-read.sh [PRIMARY_URL [REPLICA_URL]]
#
# Defaults: $THADS_TEST_PG and $THADS_TEST_PG_REPLICA (scripts/test.sh starts
# both: scripts/pg-test-server.sh, scripts/pg-test-replica.sh). Exit 0 when
# every check holds, 1 when one fails, 77 when a URL is missing (ctest
# `Replica.OnPostgres` treats 77 as skipped; CI sets both). Takes a few
# seconds. Needs build/thads (or $THADS_BIN), curl, psql and python3.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
thads=${THADS_BIN:-$top/build/thads}
pg=${1:-${THADS_TEST_PG:-}}
replica=${2:-${THADS_TEST_PG_REPLICA:-}}
[ -n "$pg" ] && [ -n "$replica" ] ||
  { echo "replica-read: no PostgreSQL primary and replica URLs (THADS_TEST_PG, THADS_TEST_PG_REPLICA): skipped"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/thads-replica-XXXXXX")
name=thads_rr_$$
password=mat-khau-ban-sao-1
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  drop_database "$pg" "$name"
  rm -rf "$work"
}
trap cleanup EXIT
. "$top/scripts/lib/checks.sh"  # fail, pass, free_port, field

export THADS_KEYS=$work/keys
create_database "$pg" "$name" || { echo "replica-read: cannot create database $name on $pg"; exit 1; }
db=$pg/$name
rdb=$replica/$name

"$thads" demo --db "$db" --cases 300 >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
printf '%s\n' "$password" | "$thads" user add --db "$db" --login head1 --role head --agency CQL >/dev/null 2>&1 &&
  printf '%s\n' "$password" | "$thads" user add --db "$db" --login admin1 --role admin --agency CQL >/dev/null 2>&1 ||
  { echo "replica-read: user add failed"; exit 1; }
# The replica replays the new database and its rows: milliseconds on a quiet
# machine, seconds when the other PostgreSQL tests run beside this one (ctest
# -j2 on two cores; the HTTP suites write several GB of WAL). The wait is for
# the primary's WAL position at the time of the call, up to 120 s, and says
# what the replica was doing when it gives up.
catch_up() {  # WHAT
  local target got i
  target=$(psql -X -tA "$pg/postgres" -c "SELECT pg_current_wal_lsn()")
  for i in $(seq 1 600); do
    got=$(psql -X -tA "$replica/postgres" -c \
      "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '$target') >= 0" 2>/dev/null)
    [ "$got" = t ] && psql -X -tA "$rdb" -c "SELECT 1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "replica-read: the replica did not replay the primary's WAL up to $target in 120 s ($1)"
  echo "--- replica: $(psql -X -tA "$replica/postgres" -c "SELECT 'in recovery ' || pg_is_in_recovery() || ', received ' ||
    COALESCE(pg_last_wal_receive_lsn()::text, '-') || ', replayed ' || COALESCE(pg_last_wal_replay_lsn()::text, '-')" 2>&1)"
  echo "--- primary's senders: $(psql -X -tA "$pg/postgres" -c "SELECT state || ' sent ' || sent_lsn || ' replayed ' ||
    COALESCE(replay_lsn::text, '-') FROM pg_stat_replication" 2>&1)"
  local log=${THADS_PG_REPLICA_DIR:-/tmp/thads-pg-replica-${replica##*:}}/server.log
  [ -r "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }
  return 1
}
catch_up "the new database" || exit 1
[ "$(psql -X -tA "$rdb" -c 'SELECT pg_is_in_recovery()')" = t ] || { echo "replica-read: $replica is not a replica"; exit 1; }

# 1. The read-only commands on the replica.
"$thads" report cases --db "$db" --from 2025-10-01 --to 2026-09-30 >"$work/report-primary.txt" 2>&1
if "$thads" report cases --db "$rdb" --from 2025-10-01 --to 2026-09-30 >"$work/report-replica.txt" 2>&1 &&
   cmp -s "$work/report-primary.txt" "$work/report-replica.txt"; then
  pass "thads report cases on the replica answers as on the primary"
else
  fail "report on the replica: $(head -3 "$work/report-replica.txt")"
fi
"$thads" export --db "$db" --out "$work/primary.jsonl" >/dev/null 2>&1
if "$thads" export --db "$rdb" --out "$work/replica.jsonl" >"$work/export.log" 2>&1 &&
   cmp -s "$work/primary.jsonl" "$work/replica.jsonl"; then
  pass "thads export on the replica is byte-identical to the primary's ($(wc -l <"$work/primary.jsonl") lines)"
else
  fail "export on the replica: $(cat "$work/export.log")"
fi

# 5. Refused at start.
"$thads" serve --db "$work/x.db" --read-db "$rdb" --listen 127.0.0.1:1 >"$work/refuse1.log" 2>&1
s1=$?
"$thads" serve --db "$db" --read-db "$replica/thads_not_there_$$" --listen 127.0.0.1:1 >"$work/refuse2.log" 2>&1
s2=$?
if [ "$s1" = 2 ] && grep -q "PostgreSQL" "$work/refuse1.log" && [ "$s2" = 2 ] && grep -q -- "--read-db" "$work/refuse2.log"; then
  pass "--read-db with a SQLite store, or naming no store, is refused at start"
else
  fail "refusals at start: $s1 $(cat "$work/refuse1.log") / $s2 $(cat "$work/refuse2.log")"
fi

# 2. The server.
port=$(free_port)
"$thads" serve --db "$db" --read-db "$rdb" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 & server=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$port/health" || { echo "replica-read: the server did not start"; cat "$work/serve.log"; exit 1; }
grep -q "reads (GET) from the replica, in recovery" "$work/serve.log" || fail "the server's log does not name the replica: $(cat "$work/serve.log")"
login() {  # LOGIN JAR -> csrf
  curl -s -c "$2" -H 'Content-Type: application/json' -d '{"login":"'"$1"'","password":"'"$password"'"}' \
    "http://127.0.0.1:$port/api/v1/session" | field '["csrf"]'
}
jar=$work/jar
csrf=$(login head1 "$jar")
[ -n "$csrf" ] || fail "login"
who=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/v1/session" | field '["login"]')
[ "$who" = head1 ] && pass "a session opened by a write on the primary is read back at once" || fail "session: '$who'"

case_id=$(psql -X -tA "$db" -c "SELECT case_id FROM cases WHERE status = 'active' ORDER BY case_id LIMIT 1")
admin_jar=$work/admin
login admin1 "$admin_jar" >/dev/null
counts() {  # -> "REPLICA PRIMARY": the reads each store answered, from /metrics
  curl -s -b "$admin_jar" "http://127.0.0.1:$port/metrics" |
    awk '/^thads_read_requests_total\{store="replica"\} / {r = $2} /^thads_read_requests_total\{store="primary"\} / {p = $2}
         END {printf "%d %d", r, p}'
}
# The logins were writes: wait until a read goes to the replica again (the
# test server sends its WAL up to 200 ms late, synchronous_commit=off).
for _ in $(seq 1 40); do
  read -r _ p0 <<<"$(counts)"
  curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$port/api/v1/cases/$case_id"
  read -r _ p1 <<<"$(counts)"
  [ "$p1" = "$p0" ] && break
  sleep 0.25
done
read -r r0 p0 <<<"$(counts)"
bad=
for path in /api/v1/cases/"$case_id" /cases/"$case_id" /api/v1/dashboard /dashboard /cases "/api/v1/cases?q=nguyen" \
  "/search?q=nguyen" /reports /api/v1/reports/cases /queue /api/v1/deadlines /oversight /api/v1/oversight \
  /reports/admin-judgments /coordination/report /steering /api/v1/audit/checkpoints /public/non-compliance; do
  s=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "http://127.0.0.1:$port$path")
  [ "$s" = 200 ] || bad="$bad $path=$s"
done
read -r r1 p1 <<<"$(counts)"
[ -z "$bad" ] && pass "pages and API reads answer 200 through the replica" || fail "reads:$bad"
if [ $((r1 - r0)) -ge 15 ] && [ "$p1" = "$p0" ]; then
  pass "those reads were the replica's: $((r1 - r0)) reads by the replica, none by the primary"
else
  fail "reads by the replica $((r1 - r0)), by the primary $((p1 - p0)) (want >= 15 and 0)"
fi

# 3. Read your writes, 30 times: each write is seen by the next request.
stale=0
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
for i in $(seq 1 30); do
  v=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/v1/cases/$case_id" | field '["version"]')
  s=$(curl -s -o "$work/last.json" -w '%{http_code}' -b "$jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"expected_version":'"$v"',"event":{"type":"verified","date":"'"$today"'","result":"able"}}' \
    "http://127.0.0.1:$port/api/v1/cases/$case_id/events")
  [ "$s" = 201 ] || { fail "write $i: $s $(cat "$work/last.json")"; break; }
  v2=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/v1/cases/$case_id" | field '["version"]')
  [ "$v2" = $((v + 1)) ] || stale=$((stale + 1))
done
[ "$stale" = 0 ] && [ "$s" = 201 ] && pass "30 writes, each read back by the next request (0 stale reads)" ||
  fail "$stale of 30 reads after a write were stale"

read -r r2 p2 <<<"$(counts)"
pass "reads served by the replica in all: $r2; by the primary (the replica had not replayed this server's last write within --read-wait-ms): $p2"

# 4. Logout ends the session at once.
curl -s -o /dev/null -b "$jar" -X DELETE -H "X-CSRF-Token: $csrf" "http://127.0.0.1:$port/api/v1/session"
s=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "http://127.0.0.1:$port/api/v1/session")
[ "$s" = 401 ] && pass "a logout ends the session at once" || fail "after logout: $s"

kill "$server"; wait "$server" 2>/dev/null; server=
# 6. The chain, on both.
catch_up "the last writes" || failed=1
if "$thads" verify-audit --db "$db" >"$work/audit.log" 2>&1 && "$thads" verify-audit --db "$rdb" >>"$work/audit.log" 2>&1; then
  pass "the audit chain verifies on the primary and on the replica"
else
  fail "verify-audit: $(cat "$work/audit.log")"
fi

if [ "$failed" = 0 ]; then echo "replica-read: 1 passed, 0 failed"; else
  echo "--- server"; tail -20 "$work/serve.log"
  echo "replica-read: 0 passed, 1 failed"
fi
exit "$failed"
