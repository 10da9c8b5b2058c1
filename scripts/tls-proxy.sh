#!/usr/bin/env bash
# TLS in front of `thads serve` (issue 12 item 5, docs/operations.md
# "Behind a reverse proxy (TLS)"): runs deploy/haproxy-tls.cfg, the
# configuration the documentation gives, with a certificate authority and a
# server certificate made here by openssl, in front of one `thads serve
# --secure-cookies --trusted-proxy 127.0.0.1` on a SQLite store; then checks:
#   1. HTTPS answers /health with a certificate the client verifies against
#      the test authority (and a client without it refuses the server);
#   2. every HTTPS answer carries Strict-Transport-Security, and the
#      application's own security headers pass through;
#   3. plain HTTP on the HTTP port is redirected (301) to https://;
#   4. TLS 1.1 is refused, TLS 1.2 and 1.3 are accepted;
#   5. a login over HTTPS sets a session cookie marked Secure and HttpOnly,
#      and that cookie then reads a case over HTTPS;
#   6. the login throttle counts the client haproxy forwards, not haproxy:
#      after 20 wrong passwords from one client address (X-Forwarded-For
#      set by a client is kept before haproxy's own entry; the test sends
#      its "address" through a second trusted hop), that client is
#      throttled and another is not.
#
#   scripts/tls-proxy.sh
#
# Exit 0 when every check holds, 1 when one fails, 77 when haproxy, openssl
# or curl is missing (ctest `TlsProxy.Serve` treats 77 as skipped; CI
# installs them: scripts/install-deps.sh). Needs build/thads (or $THADS_BIN).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
thads=${THADS_BIN:-$top/build/thads}
for tool in haproxy openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "tls-proxy: $tool is not installed (scripts/install-deps.sh): skipped"; exit 77; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/thads-tls-XXXXXX")
password=mat-khau-tls-thu-1
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
. "$top/scripts/lib/checks.sh"  # fail, pass, free_port, field
export THADS_KEYS=$work/keys

# A certificate authority and a certificate for "localhost" signed by it.
(
  cd "$work" &&
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=thads test CA" \
      -keyout ca.key -out ca.pem &&
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
      -keyout server.key -out server.csr &&
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >ext.cnf &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out server.pem &&
    cat server.pem server.key >haproxy.pem
) >"$work/openssl.log" 2>&1 || { echo "tls-proxy: openssl failed"; cat "$work/openssl.log"; exit 1; }

# A store with one case and an officer's account.
db=$work/thads.db
{
  echo '{"kind":"agency","code":"CQL","name":"Cục Quản lý thi hành án dân sự","level":"national","parent":null}'
  echo '{"kind":"agency","code":"HN","name":"Thi hành án dân sự thành phố Hà Nội","level":"province","parent":"CQL"}'
  echo '{"kind":"officer","id":"HN-CHV-1","name":"Nguyễn Văn An","agency":"HN","role":"enforcement_officer"}'
  echo '{"kind":"event","case":"T1","seq":1,"type":"case_opened","date":"2024-11-05","agency":"HN","mode":"proactive","judgment_kind":"civil","judgment":{"number":"1/2024/DS-ST","court":"Tòa án nhân dân khu vực 1 - Hà Nội","date":"2024-09-06","effective_date":"2024-10-06"},"debtor":{"name":"Người phải thi hành","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]}'
  echo '{"kind":"event","case":"T1","seq":2,"type":"officer_assigned","date":"2024-11-05","officer":"HN-CHV-1"}'
} >"$work/seed.jsonl"
"$thads" import --db "$db" "$work/seed.jsonl" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
printf '%s\n' "$password" | "$thads" user add --db "$db" --login officer1 --role officer --agency HN --officer HN-CHV-1 \
  >"$work/user.log" 2>&1 || { cat "$work/user.log"; exit 1; }

app=$(free_port) https=$(free_port) http=$(free_port)
"$thads" serve --db "$db" --listen "127.0.0.1:$app" --secure-cookies --trusted-proxy 127.0.0.1 >"$work/serve.log" 2>&1 &
pids+=($!)
sed -e "s|@PEM@|$work/haproxy.pem|" -e "s|@HTTPS@|127.0.0.1:$https|" -e "s|@HTTP@|127.0.0.1:$http|" \
  -e "s|@SERVERS@|  server app 127.0.0.1:$app check inter 500ms|" "$top/deploy/haproxy-tls.cfg" >"$work/haproxy.cfg"
haproxy -c -q -f "$work/haproxy.cfg" >"$work/haproxy-check.log" 2>&1 ||
  { echo "tls-proxy: haproxy refuses deploy/haproxy-tls.cfg"; cat "$work/haproxy-check.log"; exit 1; }
haproxy -q -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & pids+=($!)

c() { curl -s --cacert "$work/ca.pem" "$@"; }
base=https://localhost:$https
for _ in $(seq 1 150); do [ "$(c -o /dev/null -w '%{http_code}' "$base/health")" = 200 ] && break; sleep 0.1; done

# 1. HTTPS with a verified certificate.
code=$(c -o /dev/null -w '%{http_code}' "$base/health")
[ "$code" = 200 ] && pass "HTTPS answers with a certificate the client verifies" ||
  { fail "HTTPS /health: '$code'"; cat "$work"/*.log; exit 1; }
curl -s -o /dev/null "$base/health" && fail "a client without the test authority accepted the certificate" ||
  pass "a client that does not trust the certificate refuses the server"

# 2. HSTS and the application's headers on HTTPS answers.
for target in /health /login /api/v1/cases/T1 /no/such/page; do
  headers=$(c -o /dev/null -D - "$base$target" | tr -d '\r')
  grep -qi '^strict-transport-security: max-age=31536000' <<<"$headers" || fail "no HSTS on $target"
  grep -qi '^x-content-type-options: nosniff' <<<"$headers" || fail "no nosniff on $target"
done
pass "HSTS and the security headers on every HTTPS answer"

# 3. Plain HTTP is redirected.
loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http/cases/T1")
[ "$loc" = "301 https://127.0.0.1:$http/cases/T1" ] && pass "plain HTTP is redirected to HTTPS" ||
  fail "plain HTTP: '$loc'"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$https/health")
[ "$code" != 200 ] && pass "plain HTTP on the HTTPS port gets no answer from thads ($code)" ||
  fail "plain HTTP on the HTTPS port answered 200"

# 4. TLS versions.
c -o /dev/null --tlsv1.1 --tls-max 1.1 "$base/health" && fail "TLS 1.1 was accepted" || pass "TLS 1.1 is refused"
[ "$(c -o /dev/null -w '%{http_code}' --tlsv1.2 --tls-max 1.2 "$base/health")" = 200 ] && pass "TLS 1.2 is accepted" ||
  fail "TLS 1.2 refused"
[ "$(c -o /dev/null -w '%{http_code}' --tlsv1.3 "$base/health")" = 200 ] && pass "TLS 1.3 is accepted" ||
  fail "TLS 1.3 refused"

# 5. A login over HTTPS: a Secure, HttpOnly cookie that reads a case.
jar=$work/jar
headers=$(c -D - -o "$work/login.json" -c "$jar" -H 'Content-Type: application/json' \
  -d '{"login":"officer1","password":"'"$password"'"}' "$base/api/v1/session" | tr -d '\r')
cookie=$(grep -i '^set-cookie: thads_session=' <<<"$headers")
if grep -q '; Secure' <<<"$cookie" && grep -qi '; HttpOnly' <<<"$cookie"; then
  pass "the session cookie is Secure and HttpOnly"
else
  fail "the session cookie: '$cookie'"
fi
id=$(c -b "$jar" "$base/api/v1/cases/T1" | field '["id"]')
[ "$id" = T1 ] && pass "the cookie reads a case over HTTPS" || fail "the case over HTTPS: '$id'"

# 6. The throttle counts the forwarded client. A client's own
# X-Forwarded-For is kept by haproxy before its entry; a second trusted hop
# (127.0.0.1 connecting to haproxy) stands in for clients at two addresses:
# haproxy appends 127.0.0.1, thads skips it as trusted and takes the hop's
# address.
wrong() {  # ADDRESS LOGIN -> status (a login locks after 5 failures: each try names another)
  c -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: $1" -H 'Content-Type: application/json' \
    -d '{"login":"'"$2"'","password":"wrong-password"}' "$base/api/v1/session"
}
right() {  # ADDRESS -> status
  c -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: $1" -H 'Content-Type: application/json' \
    -d '{"login":"officer1","password":"'"$password"'"}' "$base/api/v1/session"
}
for i in $(seq 1 20); do wrong 203.0.113.7 "nobody$i" >/dev/null; done
s1=$(right 203.0.113.7) s2=$(right 203.0.113.8)
[ "$s1" = 429 ] && [ "$s2" = 200 ] && pass "the throttle counts the client haproxy forwards (429 for it, 200 for another)" ||
  fail "throttle behind the proxy: '$s1' for the throttled client, '$s2' for another (want 429 and 200)"

[ "$failed" = 0 ] && echo "tls-proxy: all checks passed" || echo "tls-proxy: some checks FAILED"
exit "$failed"
