# Shared by the end-to-end check scripts (multi-server.sh, tls-proxy.sh,
# replica-read.sh; sourced): a check passes or fails with one line each, and
# `failed` says whether any failed.
failed=0
fail() { echo "FAILED: $*"; failed=1; }
pass() { echo "ok: $*"; }
# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# A field of the JSON on stdin: field '["a"]["b"]'.
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d'"$1"')' 2>/dev/null; }
# A new database NAME on the PostgreSQL server of URL (a role that may create
# databases), and its removal (from the caller's cleanup trap).
create_database() {  # URL NAME
  PGOPTIONS="-c client_min_messages=warning" psql -X -q "$1/postgres" -c "CREATE DATABASE $2" >/dev/null
}
drop_database() {  # URL NAME
  psql -X -q "$1/postgres" -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null 2>&1
}
