#!/usr/bin/env bash
# Configures and builds thads with Ninja.
#
#   scripts/build.sh [--asan] [--bench] [-DNAME=VALUE ...]
#
#   (default)  build/       RelWithDebInfo: -O2 with line tables only (-g1)
#   --asan     build-asan/  Debug, THADS_SANITIZE=ON (AddressSanitizer + UBSan)
#                           at -O1 with line tables only, as the sanitizers'
#                           documentation recommends. GCC by default; with
#                           THADS_ASAN_CLANG=1 (and clang installed) a clang
#                           tree that also defines the libFuzzer targets
#                           (THADS_BUILD_FUZZ, built by scripts/fuzz.sh --dir
#                           build-asan): one sanitized build serves the tests
#                           and the fuzzers instead of two. Not yet CI's
#                           default: the whole suite has not yet run under
#                           clang's sanitizers.
#
# Line tables (-g1) are what backtraces and sanitizer reports need (file and
# line); full debug information (-g) made every compile a third slower and
# the CI run near its time limit. Pass -DCMAKE_CXX_FLAGS_...=... to override.
#   --bench    also build the benchmarks (THADS_BUILD_BENCH=ON)
#   -D...      passed on to cmake's configure step
#
# Parallelism: $THADS_JOBS (default 2, the machine's size).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

dir=build
build_type=RelWithDebInfo
sanitize=OFF
bench=OFF
extra=()
for arg in "$@"; do
  case "$arg" in
    --asan) dir=build-asan; build_type=Debug; sanitize=ON ;;
    --bench) bench=ON ;;
    -D*) extra+=("$arg") ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

# A build directory configured by another generator cannot be reused by Ninja:
# drop its cache (only the cache; objects are regenerated anyway).
if [ -f "$dir/CMakeCache.txt" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$dir/CMakeCache.txt"; then
  echo "build: $dir was configured with another generator; reconfiguring with Ninja" >&2
  rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
fi

compiler=()
if [ "$sanitize" = ON ] && [ "${THADS_ASAN_CLANG:-0}" = 1 ] && command -v clang++ >/dev/null &&
  command -v clang >/dev/null; then
  compiler=(-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DTHADS_BUILD_FUZZ=ON)
fi
# A tree configured with another compiler cannot be switched in place.
if [ -f "$dir/CMakeCache.txt" ]; then
  want=c++; [ ${#compiler[@]} -gt 0 ] && want=clang++
  have=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$dir/CMakeCache.txt")
  case "$(basename "${have:-c++}")" in
    clang++*) have=clang++ ;;
    *) have=c++ ;;
  esac
  if [ "$have" != "$want" ]; then
    echo "build: $dir was configured with another compiler; reconfiguring" >&2
    rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
  fi
fi

case "$build_type" in
  Debug) flags=(-DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_C_FLAGS_DEBUG="-O1 -g1") ;;
  *) flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG") ;;
esac

cmake -S . -B "$dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="$build_type" "${flags[@]}" \
  -DTHADS_SANITIZE="$sanitize" ${compiler[@]+"${compiler[@]}"} \
  -DTHADS_BUILD_BENCH="$bench" \
  ${extra[@]+"${extra[@]}"}
cmake --build "$dir" -j "${THADS_JOBS:-2}"
echo "build: ok ($dir, $build_type)"
