#!/usr/bin/env bash
# Installs everything thads needs to build, test and run on Debian 12.
#
#   scripts/install-deps.sh [--with-browser]
#
# Idempotent: when every package is already installed, apt is not touched at
# all, so a developer's rerun takes a second. Then, when package-lock.json
# exists in the repository root, runs `npm ci`. --with-browser also installs
# Debian's chromium (for the end-to-end tests; never a browser download).
#
# Quiet: everything goes to the log file (var/log/install-deps.log, or
# $THADS_LOG_DIR/install-deps.log); one summary line is printed, and the
# log's tail when something fails.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config g++
  librestinio-dev libasio-dev libpcre2-dev nlohmann-json3-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql postgresql-contrib
  libsodium-dev libzstd-dev libicu-dev libxlsxwriter-dev libhpdf-dev fonts-dejavu-core poppler-utils
  libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  libkainjow-mustache-dev libhttp-parser-dev
  libxml2-dev libminizip-dev zlib1g-dev
  haproxy openssl
  clang libclang-rt-14-dev
  python3 unzip curl ca-certificates
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
[ "$with_browser" = 1 ] && packages+=(chromium)

log_dir=${THADS_LOG_DIR:-$top/var/log}
mkdir -p "$log_dir"
log=$log_dir/install-deps.log
: >"$log"

fail() {
  echo "install-deps: FAILED: $1 (log: $log); last lines:" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}

installed() {  # true when the package is fully installed
  local s
  s=$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) || return 1
  [ "${s:0:2}" = "ii" ]
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

sudo=()
if [ "$(id -u)" != 0 ]; then
  if [ ${#missing[@]} -gt 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "not root and no sudo; missing: ${missing[*]}"
    sudo=(sudo -n)
  fi
fi

summary=()
if [ ${#missing[@]} -eq 0 ]; then
  summary+=("${#packages[@]} Debian packages already installed")
else
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  echo "+ apt-get update" >>"$log"
  ok=0
  for attempt in 1 2 3; do
    if "${sudo[@]}" apt-get "${apt_opts[@]}" update >>"$log" 2>&1 </dev/null; then ok=1; break; fi
    echo "apt-get update failed (attempt $attempt)" >>"$log"
    sleep $((attempt * 5))
  done
  [ "$ok" = 1 ] || fail "apt-get update"
  echo "+ apt-get install ${missing[*]}" >>"$log"
  "${sudo[@]}" apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}" \
    >>"$log" 2>&1 </dev/null || fail "apt-get install ${missing[*]}"
  for p in "${missing[@]}"; do
    installed "$p" || fail "package $p is still not installed"
  done
  summary+=("installed ${#missing[@]} Debian package(s): ${missing[*]}")
fi

if [ -f package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || fail "npm is not available"
  echo "+ npm ci --no-audit --no-fund" >>"$log"
  npm ci --no-audit --no-fund >>"$log" 2>&1 </dev/null || fail "npm ci"
  summary+=("npm ci done")
fi

joined=$(printf '%s; ' "${summary[@]}")
echo "install-deps: ok (${joined}log: ${log#"$top"/})"
