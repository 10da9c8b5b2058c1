#!/usr/bin/env bash
# Several `thads serve` on one PostgreSQL behind a load balancer (issue 12
# item 6, docs/operations.md "Several servers on one PostgreSQL"). Starts a
# new database on the PostgreSQL server of URL, two `thads serve` on it
# (one key directory, as one installation) and haproxy (Debian's package,
# scripts/install-deps.sh) in front of them, round robin, all on 127.0.0.1;
# then checks:
#   1. a write through server A is read through server B by the next request
#      (the case is read from the store; no cache of B holds it);
#   2. a session opened through A is valid on B, and logging out through B
#      ends it on A;
#   3. two writes to one case at once, one through each server, both stating
#      the same expected_version: one 201 and one 409 (`version_conflict` or
#      `conflict_retry`), and the case moved by exactly one event (no lost
#      update);
#   4. requests through haproxy reach both servers and succeed; a write
#      through it is read back through it;
#   5. the audit chain verifies afterwards.
#
#   scripts/multi-server.sh [URL]     (default $THADS_TEST_PG)
#
# URL: postgresql://USER@HOST:PORT, a role that may create databases (the
# test server of scripts/pg-test-server.sh). Exit 0 when every check holds,
# 1 when one fails, 77 when there is no PostgreSQL URL or no haproxy (ctest
# `MultiServer.OnPostgres` treats 77 as skipped; CI sets THADS_TEST_PG and
# installs haproxy). Takes a few seconds. Needs build/thads (or $THADS_BIN),
# curl, psql, python3 and haproxy.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
thads=${THADS_BIN:-$top/build/thads}
pg=${1:-${THADS_TEST_PG:-}}
[ -n "$pg" ] || { echo "multi-server: no PostgreSQL URL (argument or THADS_TEST_PG): skipped"; exit 77; }
command -v haproxy >/dev/null || { echo "multi-server: haproxy is not installed (scripts/install-deps.sh): skipped"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/thads-multi-XXXXXX")
name=thads_ms_$$
password=mat-khau-nhieu-may-1
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  drop_database "$pg" "$name"
  rm -rf "$work"
}
trap cleanup EXIT
. "$top/scripts/lib/checks.sh"  # fail, pass, free_port, field

export THADS_KEYS=$work/keys
create_database "$pg" "$name" || { echo "multi-server: cannot create database $name on $pg"; exit 1; }
db=$pg/$name

# The store: an agency, an officer and two cases, and the officer's account.
{
  echo '{"kind":"agency","code":"CQL","name":"Cục Quản lý thi hành án dân sự","level":"national","parent":null}'
  echo '{"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":"CQL"}'
  echo '{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN","role":"enforcement_officer"}'
  for n in 1 2; do
    echo '{"kind":"event","case":"M'"$n"'","seq":1,"type":"case_opened","date":"2024-11-05","agency":"HN","mode":"proactive","judgment_kind":"civil","judgment":{"number":"'"$n"'/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-09-06","effective_date":"2024-10-06"},"debtor":{"name":"Người phải thi hành '"$n"'","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]}'
    echo '{"kind":"event","case":"M'"$n"'","seq":2,"type":"officer_assigned","date":"2024-11-05","officer":"HN-CHV-1"}'
  done
} >"$work/seed.jsonl"
"$thads" import --db "$db" "$work/seed.jsonl" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
printf '%s\n' "$password" | "$thads" user add --db "$db" --login officer1 --role officer --agency HN --officer HN-CHV-1 \
  >"$work/user.log" 2>&1 || { cat "$work/user.log"; exit 1; }

a=$(free_port) b=$(free_port) lb=$(free_port)
"$thads" serve --db "$db" --listen "127.0.0.1:$a" >"$work/a.log" 2>&1 & pids+=($!)
"$thads" serve --db "$db" --listen "127.0.0.1:$b" >"$work/b.log" 2>&1 & pids+=($!)
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 256
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend thads
  bind 127.0.0.1:$lb
  default_backend servers
backend servers
  balance roundrobin
  http-response set-header X-Thads-Server %s
  server a 127.0.0.1:$a check inter 500ms
  server b 127.0.0.1:$b check inter 500ms
EOF
haproxy -q -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & pids+=($!)
for port in $a $b $lb; do
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
  curl -s -o /dev/null "http://127.0.0.1:$port/health" || { echo "multi-server: nothing answers on port $port"; cat "$work"/*.log; exit 1; }
done

login() {  # PORT JAR -> csrf
  curl -s -c "$2" -H 'Content-Type: application/json' -d '{"login":"officer1","password":"'"$password"'"}' \
    "http://127.0.0.1:$1/api/v1/session" | field '["csrf"]'
}
version() {  # PORT JAR CASE
  curl -s -b "$2" "http://127.0.0.1:$1/api/v1/cases/$3" | field '["version"]'
}
record() {  # PORT JAR CSRF CASE VERSION -> HTTP status (body in $work/last.json)
  curl -s -o "$work/last.json" -w '%{http_code}' -b "$2" -H 'Content-Type: application/json' -H "X-CSRF-Token: $3" \
    -d '{"expected_version":'"$5"',"event":{"type":"notified","date":"2025-01-05"}}' \
    "http://127.0.0.1:$1/api/v1/cases/$4/events"
}

# 2. One session, both servers (the session is in the store).
jar=$work/jar
csrf=$(login "$a" "$jar")
[ -n "$csrf" ] || fail "login through server A"
who=$(curl -s -b "$jar" "http://127.0.0.1:$b/api/v1/session" | field '["login"]')
[ "$who" = officer1 ] && pass "a session opened through A is valid on B" || fail "the session of A on B: '$who'"

# 1. A write through A, read through B by the next request.
v=$(version "$b" "$jar" M1)
[ "$v" = 2 ] || fail "M1 read through B before the write: version '$v'"
s=$(record "$a" "$jar" "$csrf" M1 2)
[ "$s" = 201 ] || fail "write through A: $s $(cat "$work/last.json")"
v=$(version "$b" "$jar" M1)
[ "$v" = 3 ] && pass "a write through A is read through B by the next request" || fail "M1 through B after the write: version '$v'"

# 3. Two writes to one case at once, one through each server, same expected version.
record "$a" "$jar" "$csrf" M2 2 >"$work/ra" & ra=$!
record "$b" "$jar" "$csrf" M2 2 >"$work/rb" & rb=$!
wait "$ra" "$rb"
pair=$(printf '%s\n%s\n' "$(cat "$work/ra")" "$(cat "$work/rb")" | sort | paste -sd' ')
v=$(version "$a" "$jar" M2)
if [ "$pair" = "201 409" ] && [ "$v" = 3 ]; then
  pass "concurrent writes to one case through A and B: one 201, one 409, the case moved once"
else
  fail "concurrent writes to one case: statuses '$pair', version now '$v' (want '201 409' and 3)"
fi

# 4. Through the load balancer: both servers answer; a write is read back.
# haproxy's TCP checks (every 500 ms; down after 3 failures, up after 2
# successes) may have found a server not yet listening when it started: it
# sends nothing there until two checks pass, so the servers seen are asked
# again for up to 10 s before the check fails.
for _ in $(seq 1 50); do
  seen=$(for _ in 1 2 3 4; do curl -s -o /dev/null -D - -b "$jar" "http://127.0.0.1:$lb/api/v1/session" |
    tr -d '\r' | sed -n 's/^[Xx]-[Tt]hads-[Ss]erver: //p'; done | sort -u | paste -sd' ')
  [ "$seen" = "a b" ] && break
  sleep 0.2
done
[ "$seen" = "a b" ] && pass "haproxy spreads requests over both servers" || fail "servers seen through haproxy: '$seen'"
s=$(record "$lb" "$jar" "$csrf" M1 3)
v=$(version "$lb" "$jar" M1)
[ "$s" = 201 ] && [ "$v" = 4 ] && pass "a write through haproxy is read back through it" || fail "write through haproxy: $s, version '$v'"

# 2 (end). Logging out through B ends the session on A.
# A may have found the session valid moments before: its session cache
# keeps that for at most 1 s (SessionCache, session_recheck_seconds), so A is
# asked again for up to 3 s.
curl -s -o /dev/null -b "$jar" -X DELETE -H "X-CSRF-Token: $csrf" "http://127.0.0.1:$b/api/v1/session"
for _ in $(seq 1 30); do
  s=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "http://127.0.0.1:$a/api/v1/session")
  [ "$s" = 401 ] && break
  sleep 0.1
done
[ "$s" = 401 ] && pass "a session ended through B is ended on A (within the 1 s of A's session cache)" ||
  fail "3 s after logout through B, A still answers $s"

# 5. The chain.
"$thads" verify-audit --db "$db" >"$work/audit.log" 2>&1 && pass "the audit chain verifies" ||
  fail "verify-audit: $(cat "$work/audit.log")"

if [ "$failed" = 0 ]; then echo "multi-server: 1 passed, 0 failed"; else
  echo "--- server A"; tail -5 "$work/a.log"; echo "--- server B"; tail -5 "$work/b.log"
  echo "multi-server: 0 passed, 1 failed"
fi
exit "$failed"
