#!/usr/bin/env bash
# Runs every test of thads: the README's test command, and what CI runs.
#
#   scripts/test.sh [--quick] [--no-install]
#
# Steps, each timed; a failed step does not stop the later ones:
#   install-deps        scripts/install-deps.sh (--with-browser when package.json
#                       or tests/e2e/run.sh exists)
#   bench-lockfile      npm ci --dry-run in bench/: the benchmarks' lockfile
#                       installs on a fresh machine (docs/benchmarks.md)
#   build               scripts/build.sh -> build/
#   pg-server           scripts/pg-test-server.sh start and its replica (scripts/pg-test-replica.sh);
#                       exports THADS_TEST_PG and THADS_TEST_PG_REPLICA
#   ctest               unit, property and integration tests (SQLite and PostgreSQL)
#   acceptance-sqlite   ../shared/acceptance/run on the embedded default
#   acceptance-pg       ../shared/acceptance/run --pg on the test server
#   oversight-sqlite    ../shared/acceptance/run --scenarios ../shared/scenarios-oversight
#   oversight-pg        the same with --pg
#   build-asan          scripts/build.sh --asan -> build-asan/      (not with --quick);
#                       with clang installed a clang tree (THADS_ASAN_CLANG=1
#                       unless set to 0) that also holds the fuzz targets, so
#                       the fuzz step builds no libraries of its own: one full
#                       build fewer in CI's 90 minutes (GCC still builds build/)
#   ctest-asan          the same tests under ASan + UBSan, except HttpSuites.OnPostgres
#                       (the HTTP suites again on PostgreSQL: the ctest step runs
#                       it; the PostgreSQL adapter runs under ASan in the
#                       Backends/ suites) and MultiServer.OnPostgres (two servers
#                       behind haproxy: the ctest step runs it)   (not with --quick)
#   fuzz                scripts/fuzz.sh: builds the fuzz targets (in build-asan/
#                       when THADS_ASAN_CLANG=1 made it a clang tree, else in
#                       build-fuzz/) and runs every
#                       libFuzzer target $THADS_FUZZ_SECONDS (default 15) seconds
#                       (not with --quick; skipped when clang++ is missing)
#   e2e                 tests/e2e/run.sh, when it exists
#   e2e-pg              tests/e2e/run.sh --pg on the test server, started in the
#                       background with the e2e step (its time is what it
#                       took beyond it)
#
#   --quick       skip the ASan/UBSan build and its tests, and the fuzz step
#   --no-install  skip scripts/install-deps.sh
#
# Environment: THADS_SHARED (default: ../shared beside the repository),
# THADS_PG_PORT / THADS_PG_DIR (see scripts/pg-test-server.sh),
# THADS_TEST_TIMEOUT (seconds per ctest test, default 900).
# The PostgreSQL test server is stopped at the end unless it was already
# running before this script started.
# Prints a summary of the steps and, last, 'N passed, M failed' (steps);
# exits non-zero when any step failed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(git -C "$here" rev-parse --show-toplevel 2>/dev/null) || top=$(cd "$here/.." && pwd)
cd "$top" || exit 2

quick=0
install=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-install) install=0 ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

shared=${THADS_SHARED:-$top/../shared}
shared=$(cd "$shared" 2>/dev/null && pwd) || shared=${THADS_SHARED:-$top/../shared}
test_timeout=${THADS_TEST_TIMEOUT:-900}

names=() results=() times=()
passed=0 failed=0
failed_names=()

fmt_time() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

record() {  # name result seconds
  names+=("$1"); results+=("$2"); times+=("$3")
  case "$2" in
    ok) passed=$((passed + 1)) ;;
    skipped*) ;;
    *) failed=$((failed + 1)); failed_names+=("$1") ;;
  esac
}

# step NAME COMMAND...: runs the command with no standard input, records ok or FAILED.
step() {
  local name=$1; shift
  local t0=$SECONDS rc
  printf '\n==> %s: %s\n' "$name" "$*"
  "$@" </dev/null
  rc=$?
  local dt=$((SECONDS - t0))
  if [ "$rc" = 0 ]; then
    record "$name" ok "$dt"
    printf '==> %s: ok (%s)\n' "$name" "$(fmt_time "$dt")"
  else
    record "$name" "FAILED (exit $rc)" "$dt"
    printf '==> %s: FAILED with exit %s (%s)\n' "$name" "$rc" "$(fmt_time "$dt")"
  fi
  return "$rc"
}

# not_run NAME WHY: a step that could not run because an earlier one failed.
not_run() {
  record "$1" "FAILED (not run: $2)" 0
  printf '\n==> %s: FAILED (not run: %s)\n' "$1" "$2"
}

skip() {
  record "$1" "skipped ($2)" 0
}

# --- the PostgreSQL test server, stopped on exit if we started it ------------
pg_started_here=0 replica_started_here=0
cleanup() {
  if [ "$replica_started_here" = 1 ]; then
    scripts/pg-test-replica.sh stop >/dev/null 2>&1 || true
  fi
  if [ "$pg_started_here" = 1 ]; then
    scripts/pg-test-server.sh stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_start() {
  local out
  scripts/pg-test-server.sh status >/dev/null 2>&1 || pg_started_here=1
  out=$(scripts/pg-test-server.sh start) || return 1
  pg_url=$(printf '%s\n' "$out" | tail -n 1)
  export THADS_TEST_PG=$pg_url
  echo "THADS_TEST_PG=$THADS_TEST_PG"
  # Its streaming replica (pg_basebackup), for Replica.OnPostgres.
  scripts/pg-test-replica.sh status >/dev/null 2>&1 || replica_started_here=1
  out=$(scripts/pg-test-replica.sh start) || return 1
  export THADS_TEST_PG_REPLICA=$(printf '%s\n' "$out" | tail -n 1)
  echo "THADS_TEST_PG_REPLICA=$THADS_TEST_PG_REPLICA"
}

acceptance() {  # [--pg URL]
  if [ ! -f "$shared/acceptance/run" ]; then
    echo "acceptance runner not found at $shared/acceptance/run (set THADS_SHARED)" >&2
    return 2
  fi
  python3 "$shared/acceptance/run" --thads build/thads "$@"
}

ctest_in() {  # DIR
  ctest --test-dir "$1" --output-on-failure -j2 --no-tests=error --timeout "$test_timeout"
}

asan_env=(env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
# One sanitized clang tree for the ASan/UBSan tests and the fuzz targets
# (scripts/build.sh --asan): GCC's warnings still hold in build/.
export THADS_ASAN_CLANG=${THADS_ASAN_CLANG:-1}

# --- the steps ---------------------------------------------------------------
echo "thads tests: repo $top, shared $shared"

if [ "$install" = 1 ]; then
  deps_args=()
  if [ -f package.json ] || [ -f tests/e2e/run.sh ]; then deps_args+=(--with-browser); fi
  step install-deps scripts/install-deps.sh ${deps_args[@]+"${deps_args[@]}"}
else
  skip install-deps "--no-install"
fi

bench_lockfile() {
  (cd bench && npm ci --dry-run --ignore-scripts --no-audit --no-fund >/dev/null)
}
step bench-lockfile bench_lockfile

build_ok=0
step build scripts/build.sh && build_ok=1

pg_ok=0
pg_url=""
step pg-server pg_start && pg_ok=1

if [ "$build_ok" = 1 ]; then
  step ctest ctest_in build
  step acceptance-sqlite acceptance
  step oversight-sqlite acceptance --scenarios "$shared/scenarios-oversight"
  if [ "$pg_ok" = 1 ]; then
    step acceptance-pg acceptance --pg "$pg_url"
    step oversight-pg acceptance --scenarios "$shared/scenarios-oversight" --pg "$pg_url"
  else
    not_run acceptance-pg "no PostgreSQL test server"
    not_run oversight-pg "no PostgreSQL test server"
  fi
else
  not_run ctest "build failed"
  not_run acceptance-sqlite "build failed"
  not_run oversight-sqlite "build failed"
  not_run acceptance-pg "build failed"
  not_run oversight-pg "build failed"
fi

if [ "$quick" = 1 ]; then
  skip build-asan "--quick"
  skip ctest-asan "--quick"
elif [ "$build_ok" != 1 ]; then
  not_run build-asan "build failed"
  not_run ctest-asan "build failed"
else
  if step build-asan "${asan_env[@]}" scripts/build.sh --asan; then
    step ctest-asan "${asan_env[@]}" ctest --test-dir build-asan --output-on-failure -j2 \
      --no-tests=error --timeout "$test_timeout" -E '^(HttpSuites|MultiServer|Replica)\.OnPostgres$'
  else
    not_run ctest-asan "ASan build failed"
  fi
fi

if [ "$quick" = 1 ]; then
  skip fuzz "--quick"
elif ! command -v clang++ >/dev/null; then
  record fuzz "FAILED (clang++ is not installed)" 0
else
  # The sanitized tree is a clang tree with the fuzz targets when clang is
  # there (scripts/build.sh --asan): its libraries are reused, not rebuilt.
  fuzz_args=()
  if grep -q '^THADS_BUILD_FUZZ:BOOL=ON$' build-asan/CMakeCache.txt 2>/dev/null; then
    fuzz_args=(--dir build-asan)
  fi
  step fuzz env THADS_FUZZ_SECONDS="${THADS_FUZZ_SECONDS:-15}" scripts/fuzz.sh ${fuzz_args[@]+"${fuzz_args[@]}"}
fi

if [ -f tests/e2e/run.sh ]; then
  if [ "$build_ok" = 1 ] && [ "$pg_ok" = 1 ]; then
    # The same browser tests on PostgreSQL, beside the SQLite run: each has
    # its own server, store and browser, and both mostly wait on the browser,
    # so together they take little longer than one (issue 12 item 6).
    # Installed once here, not by both runs at once.
    [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund </dev/null >/dev/null 2>&1 || true
    e2e_pg_log=$(mktemp)
    bash tests/e2e/run.sh --pg "$pg_url" >"$e2e_pg_log" 2>&1 </dev/null &
    e2e_pg_pid=$!
    step e2e bash tests/e2e/run.sh
    e2e_pg_wait() {
      local rc=0
      wait "$e2e_pg_pid" || rc=$?
      cat "$e2e_pg_log"
      rm -f "$e2e_pg_log"
      return "$rc"
    }
    step e2e-pg e2e_pg_wait
  elif [ "$build_ok" = 1 ]; then
    step e2e bash tests/e2e/run.sh
    not_run e2e-pg "no PostgreSQL test server"
  else
    not_run e2e "build failed"
    not_run e2e-pg "build failed"
  fi
fi

# --- summary -----------------------------------------------------------------
total=$SECONDS
printf '\n==== thads test summary ====\n'
for i in "${!names[@]}"; do
  printf '  %-18s %-40s %s\n' "${names[i]}" "${results[i]}" "$(fmt_time "${times[i]}")"
done
printf '  %-18s %-40s %s\n' "total" "" "$(fmt_time "$total")"
if [ "$failed" -gt 0 ]; then
  printf 'failed steps: %s\n' "${failed_names[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
