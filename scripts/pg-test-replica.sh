#!/usr/bin/env bash
# A streaming replica (hot standby) of the throwaway test server of
# scripts/pg-test-server.sh, for the tests of `thads serve --read-db` and of
# the read-only commands on a replica (issue 18 item 5; docs/operations.md,
# "Reading from a replica").
#
#   scripts/pg-test-replica.sh start    make it (pg_basebackup -R) and start it, or reuse a running one; prints the URL
#   scripts/pg-test-replica.sh stop     stop it (the data directory is kept)
#   scripts/pg-test-replica.sh url      print the URL
#   scripts/pg-test-replica.sh status   exit 0 when it is running and in recovery
#   scripts/pg-test-replica.sh destroy  stop it and delete its data directory
#
# The replica copies the whole primary cluster (every database, the roles) and
# then follows its WAL over a streaming replication connection; it answers
# reads only. URL: postgresql://thads@127.0.0.1:PORT (append /NAME as for the
# primary: a database created on the primary appears on the replica).
#
# Environment:
#   THADS_PG_PORT          the primary's port (default 55432; it must be running)
#   THADS_PG_REPLICA_PORT  the replica's port (default: the primary's + 1)
#   THADS_PG_REPLICA_DIR   where it lives (default /tmp/thads-pg-replica-PORT)
#   THADS_PG_BIN           PostgreSQL's bin directory (default: newest /usr/lib/postgresql/*/bin)
set -euo pipefail

primary_port=${THADS_PG_PORT:-55432}
port=${THADS_PG_REPLICA_PORT:-$((primary_port + 1))}
host=127.0.0.1
base=${THADS_PG_REPLICA_DIR:-/tmp/thads-pg-replica-$port}
data=$base/data
logfile=$base/server.log
url="postgresql://thads@$host:$port"

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "pg-test-replica: $*" >&2; exit 1; }

# find_bin, as_owner, owner, running, ready, stop
name=pg-test-replica
. "$(dirname "${BASH_SOURCE[0]}")/lib/pg-cluster.sh"
in_recovery() {
  [ "$("$bin/psql" "postgresql://postgres@$host:$port/postgres" -X -tA -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]
}

start() {
  if running; then
    ready || sleep 2
    ready || die "replica in $data is running but not answering on $host:$port (see $logfile)"
  else
    "$bin/pg_isready" -q -h "$host" -p "$primary_port" -t 5 ||
      die "the primary does not answer on $host:$primary_port (scripts/pg-test-server.sh start)"
    rm -rf "$data"
    mkdir -p "$base"
    chown "$(owner)" "$base"
    chmod 755 "$base"
    # -R: standby.signal and primary_conninfo, so it starts as a standby
    # following the primary; -X stream: the WAL written meanwhile comes too.
    as_owner "$bin/pg_basebackup" -h "$host" -p "$primary_port" -U postgres -D "$data" -R -X stream -c fast \
      >"$base/basebackup.log" 2>&1 || { cat "$base/basebackup.log" >&2; die "pg_basebackup failed"; }
    as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
      -o "-p $port -c listen_addresses=$host -k $base -c hot_standby=on" start >/dev/null ||
      { tail -n 30 "$logfile" >&2 2>/dev/null || true; die "the replica did not start"; }
  fi
  in_recovery || die "the server on $host:$port is not in recovery (not a replica)"
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
case "$cmd" in
  start) start ;;
  stop) stop ;;
  status)
    if running && ready && in_recovery; then echo "running, in recovery: $url ($data)"; else echo "not running ($data)"; exit 1; fi ;;
  destroy) stop; rm -rf "$data" "$base/server.log" "$base/basebackup.log"; rmdir "$base" 2>/dev/null || true ;;
esac
