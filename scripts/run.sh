#!/usr/bin/env bash
# Runs thads on the embedded SQLite store with demo data: the README's run command.
#
#   scripts/run.sh [--no-install]
#
# Installs what is missing, builds, creates a demo store at $THADS_DB
# (default var/thads.db) when there is none, then serves the web UI on
# $THADS_LISTEN (default 127.0.0.1:8080) when this build has `thads serve`;
# otherwise prints this statistical year's reports in the terminal.
#
# Environment: THADS_DB (SQLite file or postgresql:// URL), THADS_LISTEN,
# THADS_DEMO_CASES (size of the demo data set; default: the demo command's).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

install=1
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

db=${THADS_DB:-var/thads.db}
listen=${THADS_LISTEN:-127.0.0.1:8080}
thads=build/thads

[ "$install" = 1 ] && scripts/install-deps.sh
echo "run: building build/thads (the first build takes several minutes) ..."
build_log=$(mktemp)
# Progress while building: ninja's "[done/total]" counter, every 5 seconds,
# on one line when the output is a terminal (one line each 30 s otherwise).
scripts/build.sh >"$build_log" 2>&1 &
build_pid=$!
interval=5; [ -t 1 ] || interval=30
while kill -0 "$build_pid" 2>/dev/null; do
  sleep "$interval"
  step=$(grep -o '^\[[0-9]*/[0-9]*\]' "$build_log" | tail -n 1 | tr -d '[]' || true)
  if [ -n "$step" ]; then
    msg="run: building ${step%/*} of ${step#*/} steps ($(( ${step%/*} * 100 / ${step#*/} ))%)"
    if [ -t 1 ]; then printf '\r%s ' "$msg"; else echo "$msg"; fi
  fi
done
[ -t 1 ] && echo
if ! wait "$build_pid"; then
  tail -n 60 "$build_log" >&2
  echo "run: build FAILED (full log: $build_log)" >&2
  exit 1
fi
echo "run: build done"
rm -f "$build_log"

case "$db" in
  postgresql://*|postgres://*)
    echo "run: using the PostgreSQL store $db as it is (load demo data with: $thads demo --db '$db')" ;;
  *)
    if [ ! -e "$db" ]; then
      mkdir -p "$(dirname "$db")"
      demo_args=(demo --db "$db")
      [ -n "${THADS_DEMO_CASES:-}" ] && demo_args+=(--cases "$THADS_DEMO_CASES")
      echo "run: creating a demo store at $db ($thads ${demo_args[*]}) ..."
      created_demo=1
      if ! "$thads" "${demo_args[@]}" </dev/null; then
        rm -f "$db" "$db-wal" "$db-shm"   # no half-made store for the next run to trust
        echo "run: demo data FAILED" >&2
        exit 1
      fi
    else
      echo "run: using the existing store $db (delete it to get fresh demo data)"
    fi ;;
esac

# Demo accounts, one per role, bound to agencies of the demo tree (created
# once, with the demo store; passwords are for the demo only).
demo_accounts=(
  "chv.hn      officer    HN-KV1 HN-KV1-CHV-01"
  "thuky.hn    clerk      HN-KV1 -"
  "truong.hn   head       HN-KV1 -"
  "giamsat.hn  supervisor HN     -"
  "vks.hn      procuracy  HN     -"
  "bcd.hn      steering   HN     -"
  "cucql       supervisor CQL    -"
  "quantri     admin      CQL    -"
)
demo_password="thads-demo-2026"

if "$thads" serve --help >/dev/null 2>&1; then
  if [ "${created_demo:-0}" = 1 ]; then
    for a in "${demo_accounts[@]}"; do
      read -r login role agency officer <<<"$a"
      args=(user add --db "$db" --login "$login" --role "$role" --agency "$agency")
      [ "$officer" != "-" ] && args+=(--officer "$officer")
      printf '%s\n' "$demo_password" | "$thads" "${args[@]}" >/dev/null
    done
  fi
  echo
  echo "thads is starting at http://$listen/"
  echo "  public list of debtors without conditions: http://$listen/public/unable-debtors (no login)"
  echo "  public list of bodies not complying with administrative judgments: http://$listen/public/non-compliance (no login)"
  echo "  administrative judgments monitored (head, supervisor): http://$listen/reports/admin-judgments"
  echo "  API: http://$listen/api/v1/openapi.json"
  echo "Demo accounts (password: $demo_password):"
  for a in "${demo_accounts[@]}"; do
    read -r login role agency officer <<<"$a"
    printf '  %-12s %-11s %s\n' "$login" "$role" "$agency"
  done
  echo "(Ctrl-C stops the server)"
  exec "$thads" serve --db "$db" --listen "$listen"
fi

# No web server in this build: show the reports of the current statistical
# year, which runs from 1 October of the previous year to 30 September.
year=$(date +%Y)
month=$((10#$(date +%m)))
if [ "$month" -lt 10 ]; then from="$((year - 1))-10-01"; else from="$year-10-01"; fi
to=$(date +%F)

echo
echo "== Cases (việc), statistical year from $from to $to =="
"$thads" report cases --db "$db" --from "$from" --to "$to" --format table
echo
echo "== Money (tiền), statistical year from $from to $to =="
"$thads" report money --db "$db" --from "$from" --to "$to" --format table
echo
echo "== Administrative judgments monitored, statistical year from $from to $to =="
"$thads" report admin-judgments --db "$db" --from "$from" --to "$to" --format table
cat <<EOF

This build has no web server (\`thads serve\`), so the reports are printed here.
Look further with, for example:
  $thads report cases --db $db --from $from --to $to --by agency --format table
  $thads report money --db $db --from $from --to $to --format xlsx --out var/money.xlsx
  $thads deadlines --help
  $thads verify-audit --db $db
  $thads --help
EOF
