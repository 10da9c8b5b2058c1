#!/usr/bin/env bash
# bench/serve-start.sh: how long a `thads serve` takes from its start to its
# first answer (/health) and to complete figures (the statistics loaded) and
# a complete search index (background loading done), two builds in turn on
# one store (issue 18 item 2; docs/benchmarks.md, "Session 17").
#   BEFORE=/tmp/thads-before AFTER=build/thads DB=/tmp/x/thads.db ROUNDS=3 bash bench/serve-start.sh
# Each round starts BEFORE, then AFTER (one at a time, port 18093), waits
# for its log's "background loading done", and stops it. Prints one line per
# start: build, round, seconds to /health, to "statistics loaded", to
# "background loading done"; then the medians. The store is only read (and
# its saved read models written by the servers, as in production); the
# keys directory is $THADS_KEYS (default: the user's), where each build
# remembers how far it verified the audit chain.
set -euo pipefail
: "${BEFORE:?}" "${AFTER:?}" "${DB:?}"
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18093}
W=$(mktemp -d /tmp/thads-serve-start.XXXXXX)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$W"' EXIT
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

one() {  # build-name binary round
  local log=$W/$1-$3.log t0 h s d
  t0=$(now)
  "$2" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 >"$log" 2>&1 &
  pid=$!
  h=""; s=""; d=""
  for _ in $(seq 1 12000); do  # at most 10 minutes
    [ -z "$h" ] && curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && h=$(since "$t0")
    [ -z "$s" ] && grep -q "statistics loaded" "$log" && s=$(since "$t0")
    if grep -q "background loading done" "$log"; then d=$(since "$t0"); break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s %s %.2f %.2f %.2f\n' "$1" "$3" "$h" "$s" "$d" | tee -a "$W/all.txt"
}

echo "build round health_s statistics_s background_done_s"
for r in $(seq 1 "$ROUNDS"); do
  one before "$BEFORE" "$r"
  one after "$AFTER" "$r"
done
for b in before after; do
  grep "^$b " "$W/all.txt" | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin]
med = lambda k: statistics.median(float(r[k]) for r in rows)
print("%s median: health %.2f s, statistics %.2f s, background done %.2f s" % (rows[0][0], med(2), med(3), med(4)))'
done
