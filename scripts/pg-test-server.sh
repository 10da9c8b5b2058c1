#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests.
#
#   scripts/pg-test-server.sh start    start it (or reuse a running one); prints the URL
#   scripts/pg-test-server.sh stop     stop it (the data directory is kept)
#   scripts/pg-test-server.sh url      print the URL
#   scripts/pg-test-server.sh status   exit 0 when it is running
#   scripts/pg-test-server.sh destroy  stop it and delete its data directory
#
# The URL is postgresql://thads@127.0.0.1:PORT (no database: append /NAME).
# Role `thads` is a superuser (tests create databases); database `thads` exists.
# Trust authentication, loopback only; fsync is off: never use it for real data.
#
# Environment:
#   THADS_PG_PORT  port (default 55432)
#   THADS_PG_DIR   where it lives (default /tmp/thads-pg-PORT): data/, server.log, socket
#   THADS_PG_BIN   PostgreSQL's bin directory (default: newest /usr/lib/postgresql/*/bin)
#
# As root, initdb and the server run as the `postgres` system user (PostgreSQL
# refuses to run as root).
set -euo pipefail

port=${THADS_PG_PORT:-55432}
host=127.0.0.1
base=${THADS_PG_DIR:-/tmp/thads-pg-$port}
data=$base/data
logfile=$base/server.log
url="postgresql://thads@$host:$port"

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "pg-test-server: $*" >&2; exit 1; }

# find_bin, as_owner, owner, running, ready, stop
name=pg-test-server
. "$(dirname "${BASH_SOURCE[0]}")/lib/pg-cluster.sh"

psql_admin() {  # as the bootstrap superuser, over TCP on loopback (trust)
  "$psql" "postgresql://postgres@$host:$port/postgres" -X -q -v ON_ERROR_STOP=1 "$@"
}

init_cluster() {
  local version locale_opt
  version=$("$bin/postgres" --version | awk '{print $3}' | cut -d. -f1)
  if [ -f "$data/PG_VERSION" ] && [ "$(cat "$data/PG_VERSION")" = "$version" ]; then
    return 0
  fi
  # Missing, half-made or of another major version: it is throwaway, start afresh.
  rm -rf "$data"
  mkdir -p "$base"
  chown "$(owner)" "$base"
  chmod 755 "$base"
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
    locale_opt=--locale=C.UTF-8
  else
    locale_opt=--no-locale
  fi
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 "$locale_opt" \
    >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; die "initdb failed"; }
  cat >>"$data/postgresql.conf" <<EOF

# --- thads test server (scripts/pg-test-server.sh): throwaway, never for real data
listen_addresses = '$host'
unix_socket_directories = '$base'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
}

start() {
  if running; then
    ready || sleep 2
    ready || die "server in $data is running but not answering on $host:$port (see $logfile)"
  else
    if ready; then
      die "port $port is taken by another server; set THADS_PG_PORT or stop it"
    fi
    init_cluster
    # wal_keep_size: the replica of scripts/pg-test-replica.sh may fall behind
    # while the PostgreSQL tests write several GB of WAL on two busy cores;
    # 4 GB kept means it never asks for a segment already recycled.
    as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
      -o "-p $port -c listen_addresses=$host -k $base -c wal_keep_size=4096" start >/dev/null \
      || { tail -n 30 "$logfile" >&2 2>/dev/null || true; die "the server did not start"; }
  fi
  psql_admin <<'SQL' -f - || die "could not create role/database thads"
SELECT 'CREATE ROLE thads LOGIN SUPERUSER'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'thads') \gexec
SELECT 'CREATE DATABASE thads OWNER thads'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'thads') \gexec
SQL
  echo "$url"
}

cmd=${1:-}
case "$cmd" in
  url) echo "$url"; exit 0 ;;
  -h|--help|help) usage; exit 0 ;;
  start|stop|status|destroy) ;;
  *) usage >&2; exit 2 ;;
esac

bin=$(find_bin)
psql=$bin/psql
[ -x "$psql" ] || psql=psql
case "$cmd" in
  start) start ;;
  stop) stop ;;
  status)
    if running && ready; then echo "running: $url ($data)"; else echo "not running ($data)"; exit 1; fi ;;
  destroy) stop; rm -rf "$data" "$base/server.log" "$base/initdb.log"; rmdir "$base" 2>/dev/null || true ;;
esac
