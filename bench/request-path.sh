#!/usr/bin/env bash
# bench/request-path.sh: the request path under writes, two builds of
# `thads serve` side by side on one store (issue 18; docs/benchmarks.md,
# "Session 17: the request path under writes").
#   BEFORE=/tmp/thads-before AFTER=build/thads DB=/tmp/x/thads.db bash bench/request-path.sh
# The store: `thads demo --db DB --cases 20000 --seed 1` (a copy: the mixed
# runs write to it). Both servers run at once (ports 18191 and 18192, 2
# threads each) as the head of the root agency (soak-head). For each round,
# each endpoint runs on one build then the other (in turn first):
#   page_case  wrk GET /cases/{id} over every case of the store;
#   api_case   wrk GET /api/v1/cases/{id} over every case;
#   mixed      node bench/soak.mjs for DURATION seconds: 40% case API, 15%
#              case page, 10% search API, 5% search page, 10% work queues,
#              5% dashboard, 15% writes (a `notified` act with its expected
#              version); the case list is read from the store before each run,
#              so the expected versions are current (the other build's writes
#              are in it).
# Prints the medians of the rounds and the median of the paired ratios.
# Traffic goes to 127.0.0.1 only; every run is bounded (DURATION seconds).
set -euo pipefail
: "${BEFORE:?}" "${AFTER:?}" "${DB:?}"
BENCH=$(cd "$(dirname "$0")" && pwd)
WEB=${WEB:-$BENCH/../web}  # templates and static files (a copied binary finds none next to it)
CONN=${CONN:-64}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
W=${OUT:-$(mktemp -d /tmp/thads-request-path.XXXXXX)}
LOGIN=soak-head
PASSWORD=mat-khau-soak-dai-2026
mkdir -p "$W"

printf '%s\n' "$PASSWORD" | "$AFTER" user add --db "$DB" --login "$LOGIN" --role head --agency CQL \
  >"$W/user.log" 2>&1 || grep -qi "exist" "$W/user.log" || { cat "$W/user.log" >&2; exit 1; }
sqlite3 "$DB" 'select case_id from cases' | python3 -c \
  'import sys, urllib.parse; [print(urllib.parse.quote(l.strip(), safe="")) for l in sys.stdin if l.strip()]' \
  >"$W/ids.txt"
sqlite3 "$DB" 'select code from agencies' >"$W/agencies.txt"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
declare -A PORT=([before]=18191 [after]=18192) BIN=([before]=$BEFORE [after]=$AFTER) COOKIE=()
for v in before after; do
  "${BIN[$v]}" serve --db "$DB" --listen "127.0.0.1:${PORT[$v]}" --threads 2 --web "$WEB" >"$W/serve-$v.log" 2>&1 &
  pids+=($!)
  echo "${PORT[$v]} $!" >"$W/pid-$v"
done
for v in before after; do
  for _ in $(seq 1 600); do
    grep -q "background loading done" "$W/serve-$v.log" && break
    # A server that could not start (its port taken) must not let the other program answer in its place.
    kill -0 "$(awk '{print $2}' "$W/pid-$v")" 2>/dev/null || { echo "server $v did not start:" >&2; cat "$W/serve-$v.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -fs -c "$W/jar-$v" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:${PORT[$v]}/api/v1/session" >/dev/null
  COOKIE[$v]=$(sed 's/^#HttpOnly_//' "$W/jar-$v" | awk '!/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}')
  [ -n "${COOKIE[$v]}" ] || { echo "login failed ($v)" >&2; exit 1; }
done

to_ms() {  # wrk prints 812.00us, 1.23ms, 2.01s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
                          else if (v ~ /s$/) printf "%.2f", v * 1000; else print "nan" }'
}
run_wrk() {  # variant name path-prefix round
  local v=$1 name=$2 prefix=$3 round=$4 f="$W/$2-$1-$4.txt"
  PREFIX=$prefix INPUTS=$W/ids.txt COOKIE=${COOKIE[$v]} wrk -t2 -c"$CONN" -d"${DURATION}s" --timeout 5s --latency \
    -s "$BENCH/wrk.lua" "http://127.0.0.1:${PORT[$v]}" >"$f" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' "$f")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$f")
  echo "$name $v $round $rps $p50 $p99 ${non2xx:-0}" >>"$W/results.txt"
  echo "round $round $name $v: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx ${non2xx:-0}" >&2
}
run_mixed() {  # variant round
  local v=$1 round=$2 f="$W/mixed-$1-$2.json"
  sqlite3 "$DB" "SELECT case_id || '|' || version || '|' || CASE WHEN status = 'active' THEN 1 ELSE 0 END FROM cases" \
    | tr '|' '\t' >"$W/cases.tsv"
  node "$BENCH/soak.mjs" "http://127.0.0.1:${PORT[$v]}" "$LOGIN" "$PASSWORD" "$W/cases.tsv" "$DURATION" "$CONN" "$f" \
    "$W/agencies.txt" >"$W/mixed-$v-$round.txt" 2>&1
  python3 - "$f" "$v" "$round" "$DURATION" >>"$W/results.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
w = r["by_kind"].get("write_event", {})
print(f'mixed {sys.argv[2]} {sys.argv[3]} {r["requests"] / float(sys.argv[4]):.0f} {w.get("p50_ms", 0)} {w.get("p99_ms", 0)} {r["errors"]}')
PY
  echo "round $round mixed $v: $(tail -1 "$W/results.txt")" >&2
}

: >"$W/results.txt"
# Warm-up (not recorded): the servers build the cases they keep on first use.
for v in before after; do
  PREFIX=/api/v1/cases/ INPUTS=$W/ids.txt COOKIE=${COOKIE[$v]} wrk -t2 -c"$CONN" -d"${WARMUP:-5}s" --timeout 5s \
    -s "$BENCH/wrk.lua" "http://127.0.0.1:${PORT[$v]}" >/dev/null 2>&1 || true
done
echo "load before: $(uptime)" >&2
for round in $(seq 1 "$ROUNDS"); do
  order="before after"
  [ $((round % 2)) = 0 ] && order="after before"  # neither goes first every time
  for v in $order; do run_wrk $v page_case /cases/ "$round"; done
  for v in $order; do run_wrk $v api_case /api/v1/cases/ "$round"; done
  for v in $order; do run_mixed $v "$round"; done
done
echo "load after: $(uptime)" >&2

# Medians of the rounds: req/s, p50 and p99 (for mixed: the writes' p50 and
# p99), and the median of the rounds' after/before ratios of req/s (each
# pair ran back to back, so the ratio is less exposed to the machine's other
# load than the figures).
python3 - "$W/results.txt" <<'EOF2'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, v, _, rps, p50, p99, non2xx = line.split()
    rows.setdefault((name, v), []).append((float(rps), float(p50), float(p99), int(non2xx)))
print("| endpoint | before req/s | after req/s | after / before (median of rounds) | before p50 / p99 ms | after p50 / p99 ms | errors before / after |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in dict.fromkeys(n for n, _ in rows):
    b, a = rows[(name, "before")], rows[(name, "after")]
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    ratio = statistics.median(y[0] / x[0] for x, y in zip(b, a))
    print(f"| {name} | {med(b,0):,.0f} | {med(a,0):,.0f} | {ratio:.2f} | "
          f"{med(b,1):.2f} / {med(b,2):.2f} | {med(a,1):.2f} / {med(a,2):.2f} | "
          f"{sum(x[3] for x in b)} / {sum(x[3] for x in a)} |")
EOF2
echo "raw results: $W" >&2
