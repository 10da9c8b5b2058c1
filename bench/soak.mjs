// bench/soak.mjs: the traffic of bench/soak.sh (issue 12, "A soak"): C
// connections, each a loop of requests for SECONDS, a mix of reads and writes
// against one `thads serve`, every answer counted.
//
//   node bench/soak.mjs BASE LOGIN PASSWORD CASES.tsv SECONDS CONNS OUT.json [AGENCIES.txt]
//
// CASES.tsv: "id<TAB>version<TAB>writable" per line, every case of the store
// (writable = 1 for the active cases the writes go to). Each connection owns
// its own writable cases (connection i takes the cases i, i + C, ...), so its
// writes never race another's and every expected_version is known: a 409 or
// any other answer but the expected one is an error.
//
// The mix (per request, at random): 40% GET /api/v1/cases/{id}, 15% the case
// page, 10% the search API, 5% the search page, 10% the work queue
// (/api/v1/deadlines?agency=A, A drawn from AGENCIES.txt, one code a line:
// the heads of many agencies each at their own queue; without the file the
// login's own), 5% the dashboard (/api/v1/dashboard), 15% a write (POST
// /api/v1/cases/{id}/events, a `notified` act dated today).
//
// Writes OUT.json: {requests, errors, by_kind: {kind: {n, errors, p50_ms,
// p99_ms}}, acked: [[id, version], ...], first_errors: [...]}.
import http from 'node:http';
import fs from 'node:fs';

const [base, login, password, casesFile, secondsArg, connsArg, outFile, agenciesFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node soak.mjs BASE LOGIN PASSWORD CASES.tsv SECONDS CONNS OUT.json');
  process.exit(2);
}
const seconds = Number(secondsArg);
const conns = Number(connsArg);
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });

function request(method, path, headers, body) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      }));
      res.on('error', (e) => resolve({ status: 0, error: String(e), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.setTimeout(30000, () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', (e) => resolve({ status: 0, error: String(e), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    if (body) req.write(body);
    req.end();
  });
}

const cases = fs.readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const ids = cases.map((c) => c[0]);
const agencies = agenciesFile ? fs.readFileSync(agenciesFile, 'utf8').split('\n').filter(Boolean) : [];
const writable = cases.filter((c) => c[2] === '1').map((c) => ({ id: c[0], version: Number(c[1]) }));
if (writable.length < conns) {
  console.error(`soak: ${writable.length} active cases for ${conns} connections: each connection needs one`);
  process.exit(2);
}

const session = await request('POST', '/api/v1/session', { 'Content-Type': 'application/json' },
  JSON.stringify({ login, password }));
if (session.status !== 200) {
  console.error(`soak: login answered ${session.status}: ${session.body}`);
  process.exit(1);
}
const csrf = JSON.parse(session.body).csrf;
const cookie = [].concat(session.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
// Search words: the debtors' family and given names of the demo ("nguyen van").
const words = ['nguyen', 'tran van', 'le thi', 'pham', 'hoang van', 'vu thi', 'dang', 'bui van', 'do thi', 'ngo'];
const today = new Date().toISOString().slice(0, 10);

const stats = {};
const errors = [];
const acked = [];
let requests = 0;
function count(kind, res, ok) {
  const s = stats[kind] || (stats[kind] = { n: 0, errors: 0, ms: [] });
  s.n++;
  s.ms.push(res.ms);
  requests++;
  if (!ok) {
    s.errors++;
    if (errors.length < 20) errors.push({ kind, status: res.status, error: res.error, body: (res.body || '').slice(0, 300) });
  }
}

const pick = (a) => a[Math.floor(Math.random() * a.length)];
const deadline = Date.now() + seconds * 1000;
const headers = { Cookie: cookie };
const encode = (s) => encodeURIComponent(s);

async function connection(i) {
  const mine = writable.filter((_, k) => k % conns === i);
  while (Date.now() < deadline) {
    const r = Math.random();
    if (r < 0.40) {
      const res = await request('GET', `/api/v1/cases/${encode(pick(ids))}`, headers);
      count('api_case', res, res.status === 200);
    } else if (r < 0.55) {
      const res = await request('GET', `/cases/${encode(pick(ids))}`, headers);
      count('page_case', res, res.status === 200);
    } else if (r < 0.65) {
      const res = await request('GET', `/api/v1/cases?q=${encode(pick(words))}`, headers);
      count('api_search', res, res.status === 200);
    } else if (r < 0.70) {
      const res = await request('GET', `/search?q=${encode(pick(words))}`, headers);
      count('page_search', res, res.status === 200);
    } else if (r < 0.80) {
      const path = agencies.length ? `/api/v1/deadlines?agency=${encode(pick(agencies))}` : '/api/v1/deadlines';
      const res = await request('GET', path, headers);
      count('api_queue', res, res.status === 200);
    } else if (r < 0.85) {
      const res = await request('GET', '/api/v1/dashboard', headers);
      count('api_dashboard', res, res.status === 200);
    } else {
      const c = pick(mine);
      const body = JSON.stringify({ expected_version: c.version, event: { type: 'notified', date: today } });
      const res = await request('POST', `/api/v1/cases/${encode(c.id)}/events`,
        { ...headers, 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body);
      const ok = res.status === 201;
      count('write_event', res, ok);
      if (ok) {
        c.version = JSON.parse(res.body).version;
        acked.push([c.id, c.version]);
      }
    }
  }
}

await Promise.all(Array.from({ length: conns }, (_, i) => connection(i)));
agent.destroy();

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
const byKind = {};
let errorCount = 0;
for (const [kind, s] of Object.entries(stats)) {
  s.ms.sort((a, b) => a - b);
  byKind[kind] = { n: s.n, errors: s.errors, p50_ms: +quantile(s.ms, 0.5).toFixed(2), p99_ms: +quantile(s.ms, 0.99).toFixed(2) };
  errorCount += s.errors;
}
fs.writeFileSync(outFile, JSON.stringify({ seconds, connections: conns, requests, errors: errorCount, by_kind: byKind, acked, first_errors: errors }));
console.log(`soak traffic: ${requests} requests in ${seconds} s at ${conns} connections, ${errorCount} errors, ${acked.length} writes acknowledged`);
for (const [kind, s] of Object.entries(byKind)) console.log(`  ${kind}: ${s.n} requests, ${s.errors} errors, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms`);
for (const e of errors) console.log(`  error: ${JSON.stringify(e)}`);
