#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) in
# build-fuzz/ and runs each for a bounded time; fails when any target finds a
# crash, a leak, undefined behaviour or a timeout. See fuzz/README.md.
#
#   scripts/fuzz.sh [--time SECONDS] [--no-build] [--dir DIR] [TARGET ...]
#
#   --time S     seconds per target (default $THADS_FUZZ_SECONDS or 30)
#   --no-build   use the build directory as it is
#   --dir DIR    build the targets in an existing clang tree configured with
#                THADS_BUILD_FUZZ=ON (scripts/build.sh --asan makes one:
#                build-asan/, whose libraries are then reused) instead of
#                configuring build-fuzz/
#   TARGET       run only these (default: every target of fuzz/CMakeLists.txt)
#
# Corpora: build-fuzz/corpus/TARGET/ keeps what the runs find between runs;
# each run starts from it, fuzz/seeds/TARGET/ (hand-written seeds),
# fuzz/regressions/TARGET/ (inputs that once failed: replayed first, every
# run) and inputs taken from the shared scenarios (../shared, or
# $THADS_SHARED). A failing input is written to build-fuzz/artifacts/TARGET/.
# Parallelism of the build: $THADS_JOBS (default 2).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

seconds=${THADS_FUZZ_SECONDS:-30}
build=1
dir_arg=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) seconds=$2; shift ;;
    --no-build) build=0 ;;
    --dir) dir_arg=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
if [ ${#targets[@]} = 0 ]; then
  # set(THADS_FUZZ_TARGETS a b ... ), possibly over several lines.
  read -r -a targets <<<"$(sed -n '/^set(THADS_FUZZ_TARGETS/,/)/p' fuzz/CMakeLists.txt |
    tr '\n' ' ' | sed 's/^set(THADS_FUZZ_TARGETS *//; s/).*$//')"
  if [ ${#targets[@]} = 0 ]; then
    echo "fuzz: no targets found in fuzz/CMakeLists.txt (set(THADS_FUZZ_TARGETS ...))" >&2
    exit 2
  fi
fi
shared=${THADS_SHARED:-$top/../shared}
dir=${dir_arg:-build-fuzz}

if [ "$build" = 1 ] && [ -n "$dir_arg" ]; then
  if ! grep -q '^THADS_BUILD_FUZZ:BOOL=ON$' "$dir/CMakeCache.txt" 2>/dev/null; then
    echo "fuzz: $dir is not a tree configured with THADS_BUILD_FUZZ=ON (clang)" >&2
    exit 2
  fi
  cmake --build "$dir" -j "${THADS_JOBS:-2}" --target fuzz_all
elif [ "$build" = 1 ]; then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  # -O1 and line tables only: what libFuzzer recommends, and the quickest build.
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" -DCMAKE_C_FLAGS_RELEASE="-O1 -gline-tables-only" \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
    -DTHADS_BUILD_FUZZ=ON -DTHADS_BUILD_TESTS=OFF ${launcher[@]+"${launcher[@]}"} >/dev/null
  cmake --build "$dir" -j "${THADS_JOBS:-2}" --target fuzz_all
fi

# seed_from_scenarios TARGET CORPUS: inputs drawn from the shared scenarios
# (one file per distinct input, named by its hash, so reruns add nothing).
seed_from_scenarios() {
  [ -d "$shared" ] || return 0
  python3 - "$1" "$2" "$shared" fuzz <<'PY'
import hashlib, pathlib, sys
target, corpus, roots = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
def put(data):
    (corpus / ("s-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)
files = sorted(p for r in roots for p in pathlib.Path(r).rglob("*") if p.is_file())
if target == "interchange_line":    # every distinct line of every interchange file
    lines = {l for p in files if p.suffix == ".jsonl" for l in p.read_bytes().splitlines() if l.strip()}
    for l in sorted(lines)[:5000]: put(l)
elif target == "import_file":       # every interchange file, whole
    for p in files:
        if p.suffix == ".jsonl" and p.stat().st_size < 256 * 1024: put(p.read_bytes())
elif target == "compare_file":      # the figures of the expected reports
    for p in files:
        if p.name.startswith("expected-admin-") and p.suffix == ".json": put(p.read_bytes())
PY
}

failed=()
mkdir -p "$dir/artifacts"
for t in "${targets[@]}"; do
  bin=$dir/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: no target $bin" >&2; exit 2; }
  corpus=$dir/corpus/$t
  mkdir -p "$corpus" "$dir/artifacts/$t" "fuzz/seeds/$t"
  seed_from_scenarios "$t" "$corpus"
  dirs=("$corpus" "fuzz/seeds/$t")
  [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
  echo "==> fuzz $t: ${seconds}s"
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$dir/artifacts/$t/" "${dirs[@]}" >"$dir/artifacts/$t.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|new_units_added)' "$dir/artifacts/$t.log" | tr '\n' ' '
    echo
  else
    echo "fuzz: $t FAILED; the log: $dir/artifacts/$t.log, the input: $dir/artifacts/$t/" >&2
    tail -n 40 "$dir/artifacts/$t.log" >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ok (${#targets[@]} targets, ${seconds}s each)"
