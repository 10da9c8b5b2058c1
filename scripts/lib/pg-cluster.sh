# Shared by scripts/pg-test-server.sh and scripts/pg-test-replica.sh (sourced):
# finding PostgreSQL's binaries, running them as the cluster's owner, and
# asking whether the cluster in $data on $host:$port runs, answers and stops.
# The sourcing script sets name (for messages), data, host, port and bin
# (after find_bin), and defines die.

find_bin() {
  if [ -n "${THADS_PG_BIN:-}" ]; then
    [ -x "$THADS_PG_BIN/pg_ctl" ] || die "no pg_ctl in THADS_PG_BIN=$THADS_PG_BIN"
    echo "$THADS_PG_BIN"; return
  fi
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    { [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; } || continue
    best=$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n 1)
  done
  if [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1; then
    best=$(dirname "$(command -v pg_ctl)")
  fi
  [ -n "$best" ] || die "PostgreSQL server binaries not found (install the postgresql package: scripts/install-deps.sh)"
  echo "$best"
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' system user (install the postgresql package)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

owner() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

running() {
  [ -f "$data/PG_VERSION" ] || return 1
  as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

ready() { "$bin/pg_isready" -q -h "$host" -p "$port" -t 2 >/dev/null 2>&1; }

stop() {
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    echo "$name: stopped ($data)" >&2
  else
    echo "$name: not running ($data)" >&2
  fi
}

