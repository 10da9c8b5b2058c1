#!/usr/bin/env bash
# bench/http-router.sh: the per-request cost of the HTTP layer, two builds of
# `thads serve` side by side on one store (issue 18 item 3; docs/benchmarks.md,
# "Session 13: the router and the request path").
#   BEFORE=/tmp/thads-before AFTER=build/thads DB=/tmp/x/thads.db bash bench/http-router.sh
# The store: `thads demo --db DB --cases 20000 --seed 1`. Both servers run at
# once (ports 18091 and 18092, 2 threads each) and wrk takes turns: for each
# endpoint the before and the after run back to back (in turn first), ROUNDS
# times, after a warm-up, and the medians of the rounds are printed.
# Endpoints: /health (first routes of the
# table), GET /api/v1/cases/{id} over every case of the store, a module route
# registered late in the table (/api/v1/public/non-compliance) and a path no
# route matches (404: every pattern is tried).
# Traffic goes to 127.0.0.1 only; every wrk run is bounded (DURATION seconds).
set -euo pipefail
: "${BEFORE:?}" "${AFTER:?}" "${DB:?}"
BENCH=$(cd "$(dirname "$0")" && pwd)
WEB=${WEB:-$BENCH/../web}  # templates and static files (a copied binary finds none next to it)
CONN=${CONN:-256}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
W=${OUT:-$(mktemp -d /tmp/thads-router-bench.XXXXXX)}
LOGIN=bench-supervisor
PASSWORD=bench-password-2026
mkdir -p "$W"

printf '%s\n' "$PASSWORD" | "$AFTER" user add --db "$DB" --login "$LOGIN" --role supervisor --agency CQL \
  >"$W/user.log" 2>&1 || grep -qi "exist" "$W/user.log" || { cat "$W/user.log" >&2; exit 1; }
sqlite3 "$DB" 'select case_id from cases' | python3 -c \
  'import sys, urllib.parse; [print(urllib.parse.quote(l.strip(), safe="")) for l in sys.stdin if l.strip()]' \
  >"$W/ids.txt"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done' EXIT
declare -A PORT=([before]=18091 [after]=18092) BIN=([before]=$BEFORE [after]=$AFTER) COOKIE=()
for v in before after; do
  "${BIN[$v]}" serve --db "$DB" --listen "127.0.0.1:${PORT[$v]}" --threads 2 --web "$WEB" >"$W/serve-$v.log" 2>&1 &
  pids+=($!)
done
for v in before after; do
  for _ in $(seq 1 600); do
    grep -q "background loading done" "$W/serve-$v.log" && break
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
run_wrk() {  # variant name path-prefix inputs round
  local v=$1 name=$2 prefix=$3 inputs=$4 round=$5 f="$W/$2-$1-$5.txt"
  PREFIX=$prefix INPUTS=$inputs COOKIE=${COOKIE[$v]} wrk -t2 -c"$CONN" -d"${DURATION}s" --timeout 5s --latency \
    -s "$BENCH/wrk.lua" "http://127.0.0.1:${PORT[$v]}" >"$f" 2>&1
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' "$f")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$f")
  echo "$name $v $round $rps $p50 $p99 ${non2xx:-0}" >>"$W/results.txt"
  echo "round $round $name $v: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx ${non2xx:-0}" >&2
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
  for v in $order; do run_wrk $v health /health "" "$round"; done
  for v in $order; do run_wrk $v api_case_many /api/v1/cases/ "$W/ids.txt" "$round"; done
  for v in $order; do run_wrk $v non_compliance "/api/v1/public/non-compliance?page=1" "" "$round"; done
  for v in $order; do run_wrk $v no_route /no/such/route "" "$round"; done
done
echo "load after: $(uptime)" >&2

# Medians of the rounds: endpoint, before and after req/s, p50, p99, and the
# median of the rounds' after/before ratios (each pair ran back to back, so
# the ratio is less exposed to the machine's other load than the figures).
python3 - "$W/results.txt" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, v, _, rps, p50, p99, non2xx = line.split()
    rows.setdefault((name, v), []).append((float(rps), float(p50), float(p99), int(non2xx)))
print("| endpoint | before req/s | after req/s | ratio (median of rounds) | before p50 / p99 ms | after p50 / p99 ms | non-2xx before / after |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in dict.fromkeys(n for n, _ in rows):
    b, a = rows[(name, "before")], rows[(name, "after")]
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    ratio = statistics.median(y[0] / x[0] for x, y in zip(b, a))
    print(f"| {name} | {med(b,0):,.0f} | {med(a,0):,.0f} | {ratio:.2f} | "
          f"{med(b,1):.2f} / {med(b,2):.2f} | {med(a,1):.2f} / {med(a,2):.2f} | "
          f"{sum(x[3] for x in b)} / {sum(x[3] for x in a)} |")
EOF
echo "raw results: $W" >&2
