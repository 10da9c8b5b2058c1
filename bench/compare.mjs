// Reads the results of one bench/run.sh run, checks that thads, PostgreSQL and
// DuckDB agree on the report, and prints the summary (markdown) that
// docs/benchmarks.md quotes.
//
// Usage: node bench/compare.mjs RESULTS_DIR
// RESULTS_DIR holds (written by run.sh): meta.json, import.json, thads.json
// (report_bench), cli-cases.json + cli-money.json (`thads report … --format
// json`), cold.json (hyperfine), pg.json, duckdb.json, and optionally wrk.json.
// Exit status 1 when the engines disagree on any column.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, percentile } from './report-sql.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/compare.mjs RESULTS_DIR');
  process.exit(2);
}
const load = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);
const meta = load('meta.json') ?? {};
const imp = load('import.json');
const thads = load('thads.json');
const cliCases = load('cli-cases.json');
const cliMoney = load('cli-money.json');
const cold = load('cold.json');
const pg = load('pg.json');
const duck = load('duckdb.json');
const wrk = load('wrk.json');
const dash = load('dashboard.json');
const serverLat = load('server-latency.json');
const loadTxt = existsSync(join(dir, 'load.txt')) ? readFileSync(join(dir, 'load.txt'), 'utf8') : '';

const CASES_KEYS = ['carried_over', 'new', 'accepted', 'entrusted_out', 'to_enforce', 'with_conditions', 'completed',
  'terminated', 'in_progress', 'postponed_suspended', 'without_conditions', 'closed_unenforced', 'completion_rate',
  'carried_to_next'];
const MONEY_KEYS = [...CASES_KEYS.slice(0, 8), 'reduced', ...CASES_KEYS.slice(8)];

// Columns of one form from a SQL row (c_* or m_* prefixed).
function sqlColumns(row, form) {
  const pre = form === 'cases' ? 'c_' : 'm_';
  const keys = form === 'cases' ? CASES_KEYS : MONEY_KEYS;
  return Object.fromEntries(keys.map((k) => [k, row[pre + k] ?? null]));
}

const problems = [];
function same(label, want, got, form) {
  const keys = form === 'cases' ? CASES_KEYS : MONEY_KEYS;
  for (const k of keys) {
    const a = want?.[k] ?? null;
    const b = got?.[k] ?? null;
    const eq = a === null || b === null ? a === b : Number(a) === Number(b);
    if (!eq) problems.push(`${label} ${form}.${k}: thads ${a}, other ${b}`);
  }
}

const checks = [];
function checkEngine(name, res) {
  if (!res || !thads) return;
  for (const form of ['cases', 'money']) {
    const t = thads.national[`${form}_report`].columns;
    same(`${name} national`, t, sqlColumns(res.national.row, form), form);
    const byKey = Object.fromEntries(res.by_agency.rows.map((r) => [r.key, r]));
    for (const row of thads.by_agency[`${form}_report`].rows) {
      same(`${name} ${row.key}`, row.columns, byKey[row.key] ? sqlColumns(byKey[row.key], form) : null, form);
    }
  }
  checks.push(`${name}: national cases + money and ${thads.by_agency.cases_report.rows.length} agency rows compared`);
}
checkEngine('postgresql', pg);
checkEngine('duckdb', duck);
// The CLI (fresh process) must print what the in-process snapshot computes.
if (thads && cliCases) same('cli', thads.national.cases_report.columns, cliCases.columns, 'cases');
if (thads && cliMoney) same('cli', thads.national.money_report.columns, cliMoney.columns, 'money');
if (cliCases) checks.push('thads report (CLI) vs in-process snapshot: compared');

const f1 = (x) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(1));
const f2 = (x) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(2));
const ratio = (a, b) => (a && b ? (a / b).toFixed(0) + '×' : 'n/a');
const stat = (ms) => ({ median: median(ms), p90: percentile(ms, 90) });

const lines = [];
const out = (s = '') => lines.push(s);
out(`## Results of ${meta.date ?? '?'} (${meta.host ?? ''})`);
out();
out(`Dataset: ${meta.cases_requested} cases requested, seed ${meta.seed}, today ${meta.today}; file ${meta.file_mib} MiB, ` +
  `${meta.lines} lines, ${meta.events} events, ${meta.cases} cases (${(meta.events / meta.cases).toFixed(2)} events per case). ` +
  `Statistical year ${meta.from} … ${meta.to}, scope ${meta.scope}.`);
if (meta.demo_s) out(`Generation (\`thads demo --out\`): ${f1(meta.demo_s)} s.`);
out();
if (imp) {
  out('### Import into SQLite');
  out();
  out('| figure | value |');
  out('| --- | --- |');
  out(`| wall time | ${f1(imp.wall_s)} s |`);
  out(`| events per second | ${Math.round(imp.events / imp.wall_s).toLocaleString('en-US')} (goal ≥ 50,000: ${imp.events / imp.wall_s >= 50000 ? 'met' : 'missed'}) |`);
  out(`| user + system CPU | ${f1(imp.user_s)} s + ${f1(imp.sys_s)} s |`);
  out(`| peak RSS | ${Math.round(imp.max_rss_kib / 1024).toLocaleString('en-US')} MiB |`);
  out(`| store size | ${imp.db_mib} MiB |`);
  out(`| exit status | ${imp.exit} |`);
  out();
}
const rows = [];
if (thads) {
  out('### The report');
  out();
  out(`thads snapshot load (open store + \`StatsSnapshot::load\`): ${f1(thads.open_ms + thads.load_ms)} ms for ${thads.cases} cases, RSS after load ${Math.round(thads.rss_after_load_mib)} MiB.`);
  out();
  out('| what | median | p90 | runs |');
  out('| --- | --- | --- | --- |');
  const n = thads.national, b = thads.by_agency;
  out(`| thads in-process, national cases + money | ${f2(n.median_ms)} ms | ${f2(n.p90_ms)} ms | ${n.reps} |`);
  out(`| … of which cases / money | ${f2(n.cases_median_ms)} / ${f2(n.money_median_ms)} ms | ${f2(n.cases_p90_ms)} / ${f2(n.money_p90_ms)} ms | |`);
  if (n.one_pass_median_ms !== undefined)
    out(`| thads in-process, national, both forms in one pass (\`compute_both\`) | ${f2(n.one_pass_median_ms)} ms | ${f2(n.one_pass_p90_ms)} ms | ${n.reps} |`);
  out(`| thads in-process, --by agency (${b.cases_report.rows.length} rows) cases + money | ${f2(b.median_ms)} ms | ${f2(b.p90_ms)} ms | ${b.reps} |`);
  if (b.one_pass_median_ms !== undefined)
    out(`| thads in-process, --by agency, both forms in one pass | ${f2(b.one_pass_median_ms)} ms | ${f2(b.one_pass_p90_ms)} ms | ${b.reps} |`);
  if (cold) {
    for (const r of cold.results) {
      const t = r.times.map((x) => x * 1000);
      out(`| fresh process: \`${r.command.replace(/^.*?thads /, 'thads ').replace(/ --db \S+/, '').replace(/ --from \S+ --to \S+/, '')}\` | ${f1(median(t))} ms | ${f1(percentile(t, 90))} ms | ${t.length} |`);
    }
  }
  for (const [name, res] of [['PostgreSQL', pg], ['DuckDB', duck]]) {
    if (!res) continue;
    const sn = stat(res.national.ms), sb = stat(res.by_agency.ms);
    out(`| ${name} ${res.version}, national cases + money (one query) | ${f1(sn.median)} ms | ${f1(sn.p90)} ms | ${res.national.ms.length} |`);
    out(`| ${name}, by agency | ${f1(sb.median)} ms | ${f1(sb.p90)} ms | ${res.by_agency.ms.length} |`);
    rows.push([name, sn.median, sb.median, res.load_ms]);
  }
  out();
  if (rows.length) {
    out('Ratios (SQL median ÷ thads median; higher means thads is faster; goal ≥ 10×):');
    out();
    out('| engine | national | by agency | SQL load time |');
    out('| --- | --- | --- | --- |');
    for (const [name, nm, bm, loadMs] of rows)
      out(`| ${name} | ${ratio(nm, n.median_ms)} | ${ratio(bm, b.median_ms)} | ${f1(loadMs / 1000)} s |`);
    out();
  }
  out(`Goals: national < 100 ms: ${n.p90_ms < 100 ? 'met' : 'missed'} (p90 ${f2(n.p90_ms)} ms); by agency < 200 ms: ${b.p90_ms < 200 ? 'met' : 'missed'} (p90 ${f2(b.p90_ms)} ms).`);
  out();
}
if (wrk) {
  out('### HTTP (wrk against `thads serve`)');
  out();
  out(`${wrk[0]?.connections} connections unless the table says otherwise, ${wrk[0]?.seconds} s each, wrk -t2 on the same 2 cores as the server.`);
  out();
  out('| run | endpoint | connections | requests/s | p50 | p99 | timeouts | non-2xx | requests/s vs trivial endpoint |');
  out('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const base = wrk.find((w) => w.trivial);
  for (const w of wrk)
    out(`| ${w.name} | \`${w.path}\` | ${w.connections} | ${Math.round(w.rps).toLocaleString('en-US')} | ${f2(w.p50_ms)} ms | ${f2(w.p99_ms)} ms | ${w.timeouts ?? 0} | ${w.non_2xx} | ${base ? (w.rps / base.rps).toFixed(3) : 'n/a'} |`);
  out();
  if (serverLat) {
    out('Server-side time per request (access log `ms`, all requests of the run):');
    out();
    out('| route | requests | p50 | p99 |');
    out('| --- | --- | --- | --- |');
    for (const [k, v] of Object.entries(serverLat)) out(`| \`${k}\` | ${v.n} | ${f2(v.p50)} ms | ${f2(v.p99)} ms |`);
    out();
  }
}
if (dash) {
  out('Single requests, one at a time (median of 5 after one warm-up):');
  out();
  out('| request | status | median |');
  out('| --- | --- | --- |');
  for (const [k, v] of Object.entries(dash)) if (v && v.ms) out(`| ${k.replace(/_ms$/, '')} | ${v.status} | ${f1(median(v.ms))} ms |`);
  if (dash.startup_s !== undefined) out(`| server start until /health answers | | ${f2(Number(dash.startup_s))} s |`);
  out();
}
if (loadTxt) {
  out('Load average (1, 5, 15 min) at the start of each step:');
  out();
  out('```');
  out(loadTxt.trim());
  out('```');
  out();
}
out('### Agreement');
out();
for (const c of checks) out(`- ${c}`);
if (problems.length) {
  out(`- **DISAGREEMENT** (${problems.length} columns):`);
  for (const p of problems.slice(0, 40)) out(`  - ${p}`);
} else {
  out('- every compared column is equal in thads, PostgreSQL and DuckDB');
}
if (thads) {
  out();
  out('National figures (thads JSON):');
  out();
  out('```json');
  out(JSON.stringify(thads.national.cases_report));
  out(JSON.stringify(thads.national.money_report));
  out('```');
}
const text = lines.join('\n') + '\n';
writeFileSync(join(dir, 'summary.md'), text);
process.stdout.write(text);
process.exit(problems.length ? 1 : 0);
