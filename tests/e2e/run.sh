#!/usr/bin/env bash
# End-to-end tests of thads in a real browser: Playwright (playwright-core from
# npm) driving Debian's chromium against `thads serve` on a loopback port.
#
#   bash tests/e2e/run.sh [--screenshots] [--pg URL] [FILE ...]
#
# --pg URL: the store is a new database on that PostgreSQL server (e.g.
# $THADS_TEST_PG of scripts/pg-test-server.sh), dropped at the end, instead
# of a SQLite file: the same tests on the other store.
# FILE: run only these test files (e.g. tests/e2e/01-officer-completes-case.test.mjs,
# or just 01-officer-completes-case); default: every tests/e2e/*.test.mjs. Some
# files read what an earlier one recorded (01 before 04): run them together.
#
# From the repository root, as scripts/test.sh calls it. With --screenshots
# the pages' screenshots are written to docs/screenshots/ (look at them, then
# commit them); without it they go to the temporary directory and are
# discarded, so that a test run leaves the work tree as it was.
#
# Steps: npm ci when node_modules is missing; a new store in a temporary
# directory; the fixture (tests/e2e/fixture/) imported; accounts added
# (an officer linked to officer HN-CHV-001, another linked to HN-CHV-003 of
# HN-KV2, the head and a clerk of HN-KV1, the procuracy of HN, an administrator); `thads serve` started on a
# free port and waited for on /health; `node --test` over
# tests/e2e/*.test.mjs, one file at a time (they share the server); the
# server stopped.
# Prints node's TAP output, whose closing lines "# pass N" / "# fail M" CI reads,
# and exits non-zero when a test failed or the setup did.
#
# Environment:
#   THADS_BIN        the thads binary (default: build/thads)
#   THADS_CHROMIUM   the browser (default: /usr/bin/chromium)
#   THADS_WEB_DIR    web/ directory of templates (default: found by the binary,
#                    or web/ of this repository when the binary lives elsewhere)
#   THADS_E2E_SHOTS  where screenshots go (overrides --screenshots)
#   THADS_E2E_KEEP=1 keep the temporary store and the server log
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"

shots_to_docs=0
files=()
pg=""
pg_name=thads_e2e_$$
while [ $# -gt 0 ]; do
  arg=$1
  shift
  case "$arg" in
    --screenshots) shots_to_docs=1 ;;
    --pg) [ $# -gt 0 ] || { echo "e2e: --pg needs a URL" >&2; exit 2; }; pg=$1; shift ;;
    -h|--help) sed -n '2,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "e2e: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    *)
      f=$arg
      [ -f "$f" ] || f=tests/e2e/${arg%.test.mjs}.test.mjs
      [ -f "$f" ] || { echo "e2e: no test file $arg" >&2; exit 2; }
      files+=("$f") ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=(tests/e2e/*.test.mjs)

bin=${THADS_BIN:-build/thads}
case "$bin" in /*) ;; *) bin="$top/$bin" ;; esac
chromium=${THADS_CHROMIUM:-/usr/bin/chromium}

die() { echo "e2e: $*" >&2; exit 2; }
[ -x "$bin" ] || die "no thads binary at $bin (build first, or set THADS_BIN)"
"$bin" serve --help >/dev/null 2>&1 || die "$bin has no 'serve' command"
[ -x "$chromium" ] || die "no browser at $chromium (scripts/install-deps.sh --with-browser installs Debian's chromium)"
command -v node >/dev/null || die "node not found"

if [ ! -d node_modules/playwright-core ]; then
  echo "e2e: npm ci" >&2
  npm ci --no-audit --no-fund >&2 || die "npm ci failed"
fi

# The binary finds web/ next to itself (up to 4 levels up); one built outside
# this repository uses this repository's web/.
if [ -z "${THADS_WEB_DIR:-}" ] && [ "${bin#"$top"/}" = "$bin" ]; then
  export THADS_WEB_DIR="$top/web"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/thads-e2e.XXXXXX")
server_pid=""
server_log_shown=0
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$rc" != 0 ] && [ "$server_log_shown" = 0 ] && [ -s "$tmp/server.log" ]; then
    echo "e2e: last lines of the server log ($tmp/server.log):" >&2
    tail -n 30 "$tmp/server.log" >&2
  fi
  if [ -n "$pg" ] && [ "${THADS_E2E_KEEP:-0}" != 1 ]; then
    psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ "${THADS_E2E_KEEP:-0}" = 1 ]; then
    echo "e2e: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db="$tmp/thads.db"
if [ -n "$pg" ]; then
  command -v psql >/dev/null || die "--pg needs psql"
  PGOPTIONS="-c client_min_messages=warning" psql -X -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $pg_name WITH (FORCE)" \
    >/dev/null 2>&1 || true
  PGOPTIONS="-c client_min_messages=warning" psql -X -q "$pg/postgres" -c "CREATE DATABASE $pg_name" >/dev/null ||
    die "cannot create database $pg_name on $pg"
  db=$pg/$pg_name
fi
node "$here/fixture/recent.mjs" >"$tmp/recent.jsonl"
node "$here/fixture/workload.mjs" >"$tmp/workload.jsonl"
"$bin" import --db "$db" "$here/fixture/cases.jsonl" >&2 || die "import of the fixture failed"
"$bin" import --db "$db" "$tmp/recent.jsonl" >&2 || die "import of the recent case failed"
"$bin" import --db "$db" "$tmp/workload.jsonl" >&2 || die "import of the officers' caseload failed"
"$bin" import --db "$db" "$here/fixture/steering.jsonl" >&2 || die "import of the steering fixture failed"

# Accounts (passwords on standard input). The tests read the same names.
export THADS_E2E_OFFICER=chv.an THADS_E2E_OFFICER_PASSWORD='Mật-khẩu-CHV-2025'
export THADS_E2E_OFFICER2=chv.bao THADS_E2E_OFFICER2_PASSWORD='Mật-khẩu-CHV-Bảo-2025'
export THADS_E2E_HEAD=truongphong.kv1 THADS_E2E_HEAD_PASSWORD='thu-truong-KV1-2025'
export THADS_E2E_ADMIN=quantri THADS_E2E_ADMIN_PASSWORD='quan-tri-CQL-2025'
export THADS_E2E_CLERK=vanthu.kv1 THADS_E2E_CLERK_PASSWORD='van-thu-KV1-2025'
export THADS_E2E_PROCURACY=kiemsat.hn THADS_E2E_PROCURACY_PASSWORD='kiem-sat-HN-2025'
printf '%s\n' "$THADS_E2E_OFFICER_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_OFFICER" --role officer --agency HN-KV1 --officer HN-CHV-001 >&2
printf '%s\n' "$THADS_E2E_OFFICER2_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_OFFICER2" --role officer --agency HN-KV2 --officer HN-CHV-003 >&2
printf '%s\n' "$THADS_E2E_HEAD_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_HEAD" --role head --agency HN-KV1 >&2
printf '%s\n' "$THADS_E2E_CLERK_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_CLERK" --role clerk --agency HN-KV1 >&2
printf '%s\n' "$THADS_E2E_PROCURACY_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_PROCURACY" --role procuracy --agency HN >&2
# Steering (issue 17): the head of the province, its steering secretariat,
# the police's user and the follow-up owner's (role body, bound to a body).
export THADS_E2E_PHEAD=lanhdao.hn THADS_E2E_PHEAD_PASSWORD='lanh-dao-HN-2026'
export THADS_E2E_STEERING=bcd.hn THADS_E2E_STEERING_PASSWORD='ban-chi-dao-HN-2026'
export THADS_E2E_POLICE=ca.hn THADS_E2E_POLICE_PASSWORD='cong-an-HN-2026'
export THADS_E2E_FOLLOWER=bnc.hn THADS_E2E_FOLLOWER_PASSWORD='noi-chinh-HN-2026'
printf '%s\n' "$THADS_E2E_PHEAD_PASSWORD" | "$bin" user add --db "$db" --login "$THADS_E2E_PHEAD" --role head --agency HN >&2
printf '%s\n' "$THADS_E2E_STEERING_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_STEERING" --role steering --agency HN >&2
printf '%s\n' "$THADS_E2E_POLICE_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_POLICE" --role body --agency HN --officer CA-HN >&2
printf '%s\n' "$THADS_E2E_FOLLOWER_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_FOLLOWER" --role body --agency HN --officer BNC-HN >&2
printf '%s\n' "$THADS_E2E_ADMIN_PASSWORD" |
  "$bin" user add --db "$db" --login "$THADS_E2E_ADMIN" --role admin --agency CQL >&2

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$bin" serve --db "$db" --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
export THADS_E2E_URL="http://127.0.0.1:$port"

# Wait for /health (at most 30 s), failing at once if the server exits.
node --input-type=module - "$THADS_E2E_URL/health" "$server_pid" <<'EOF' || die "the server did not answer on /health"
const [url, pid] = process.argv.slice(2);
const deadline = Date.now() + 30000;
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
for (;;) {
  try { const r = await fetch(url); if (r.ok) process.exit(0); } catch {}
  if (!alive()) { console.error('e2e: the server exited'); process.exit(1); }
  if (Date.now() > deadline) process.exit(1);
  await new Promise((r) => setTimeout(r, 100));
}
EOF
echo "e2e: thads serving $THADS_E2E_URL (store $db)" >&2

export THADS_CHROMIUM="$chromium"
if [ -z "${THADS_E2E_SHOTS:-}" ]; then
  if [ "$shots_to_docs" = 1 ]; then THADS_E2E_SHOTS="$top/docs/screenshots"; else THADS_E2E_SHOTS="$tmp/screenshots"; fi
fi
export THADS_E2E_SHOTS
mkdir -p "$THADS_E2E_SHOTS"

set +e
node --test --test-concurrency=1 --test-reporter=tap "${files[@]}" | tee "$tmp/tap.txt"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" != 0 ]; then
  # The server's side of the failure, then node's summary again, so that the
  # output still closes with "# pass N" / "# fail M".
  echo "e2e: last lines of the server log:"
  tail -n 30 "$tmp/server.log" | sed 's/^/  /'
  server_log_shown=1
  grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$tmp/tap.txt" | tail -n 8
fi
exit "$rc"
