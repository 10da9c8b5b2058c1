// PostgreSQL side of the report benchmark, driven through psql: loads a thads
// interchange file with bench/pg-load.sql (COPY into text, jsonb, then typed
// columns), then times bench/report.sql (national cases + money, and --by
// agency) with psql's \timing, the result of every run written to a file.
//
// Usage: node bench/pg.mjs --url postgresql://… --file EVENTS.jsonl
//          --from YYYY-MM-DD --to YYYY-MM-DD [--scope CQL] [--reps 5]
//          [--skip-load 1] [--out RESULT.json]
// Session settings come from PGOPTIONS (run.sh sets work_mem and parallelism).
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median, reportSql } from './report-sql.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function args(argv) {
  const a = { scope: 'CQL', reps: 5 };
  for (let i = 2; i < argv.length; i += 2) a[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['url', 'file', 'from', 'to']) if (!a[k]) throw new Error(`--${k} is required`);
  a.reps = Number(a.reps);
  return a;
}

function psql(url, { script, stdinFile, extra = [] }) {
  const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const r = spawnSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...extra, '-f', script], {
    stdio: [fd, 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (typeof fd === 'number') closeSync(fd);
  if (r.status !== 0) throw new Error(`psql ${script} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function parseCsv(text) {
  // Output of report.sql: no quoted commas (keys are agency codes).
  const lines = text.trim().split('\n');
  const out = [];
  let header = null;
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    if (cells[0] === 'key') { header = cells; continue; }
    out.push(Object.fromEntries(header.map((h, i) => [h, h === 'key' ? cells[i] : cells[i] === '' ? null : Number(cells[i])])));
  }
  return out;
}

function main() {
  const a = args(process.argv);
  const tmp = mkdtempSync(join(tmpdir(), 'thads-pg-'));
  try {
    const version = psql(a.url, { script: '-', extra: ['-At', '-c', 'SHOW server_version'] }).trim();
    const result = { engine: 'postgresql', version };
    if (a['skip-load'] !== '1') {
      const t0 = performance.now();
      psql(a.url, { script: join(here, 'pg-load.sql'), stdinFile: a.file });
      result.load_ms = performance.now() - t0;
    }
    const [events, cases] = psql(a.url, { script: '-', extra: ['-At', '-F', ' ', '-c', 'SELECT count(*), count(DISTINCT case_no) FROM ev'] })
      .trim().split(' ').map(Number);
    Object.assign(result, { events, cases });
    const settings = psql(a.url, {
      script: '-',
      extra: ['-At', '-c', "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('work_mem','shared_buffers','max_parallel_workers_per_gather','jit','hash_mem_multiplier')"],
    }).trim();
    result.settings = settings;

    const template = readFileSync(join(here, 'report.sql'), 'utf8');
    for (const [name, byAgency] of [['national', false], ['by_agency', true]]) {
      const sql = reportSql(template, { from: a.from, to: a.to, scope: a.scope, byAgency }).trim().replace(/;?\s*$/, ';');
      const script = join(tmp, `${name}.sql`);
      const resFile = join(tmp, `${name}.csv`);
      // Run reps + 1 times (the first warms the cache and is not counted);
      // results go to a file, \timing lines to stdout.
      let s = `\\pset format csv\n\\o ${resFile}\n\\timing on\n`;
      for (let i = 0; i < a.reps + 1; i++) s += sql + '\n';
      writeFileSync(script, s);
      const out = psql(a.url, { script });
      const ms = [...out.matchAll(/^Time: ([0-9.]+) ms/gm)].map((m) => Number(m[1])).slice(1);
      const rows = parseCsv(readFileSync(resFile, 'utf8').split(/\n(?=key,)/).pop());
      result[name] = byAgency ? { ms, rows } : { ms, row: rows[0] };
      process.stderr.write(`postgresql ${name}: median ${median(ms).toFixed(1)} ms over ${ms.length} runs\n`);
    }
    // The plan of one national run, for the record.
    const plan = join(tmp, 'plan.sql');
    writeFileSync(plan, 'EXPLAIN (ANALYZE, BUFFERS) ' + reportSql(template, { from: a.from, to: a.to, scope: a.scope, byAgency: false }));
    result.explain = psql(a.url, { script: plan, extra: ['-At'] });
    const text = JSON.stringify(result, null, 1);
    if (a.out) writeFileSync(a.out, text + '\n');
    else process.stdout.write(text + '\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
