// DuckDB side of the report benchmark: loads a thads interchange file (JSON
// Lines) into an in-memory DuckDB through @duckdb/node-api, then times
// bench/report.sql (the national cases + money forms, and --by agency).
//
// Usage: node bench/duckdb.mjs --file EVENTS.jsonl --from YYYY-MM-DD --to YYYY-MM-DD
//          [--scope CQL] [--reps 7] [--out RESULT.json]
// Prints a one-line summary on stderr and writes a JSON result:
//   {engine, version, threads, load_ms, events, cases,
//    national: {ms: [...], row: {...}}, by_agency: {ms: [...], rows: [...]}}
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { median, reportSql } from './report-sql.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const EVENT_TYPES = ['case_opened', 'officer_assigned', 'notified', 'verified', 'unable_decided', 'resumed',
  'postponed', 'suspended', 'collected', 'paid_out', 'reduced', 'terminated', 'completed', 'entrusted_out',
  'pulled_up', 'request_sent_back', 'moved_to_separate_register', 'coercion_planned', 'coercion_executed', 'voided'];

function args(argv) {
  const a = { scope: 'CQL', reps: 7 };
  for (let i = 2; i < argv.length; i += 2) a[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['file', 'from', 'to']) if (!a[k]) throw new Error(`--${k} is required`);
  a.reps = Number(a.reps);
  return a;
}

// Plain JSON values: BIGINT/HUGEINT come back as bigint, DECIMAL as objects.
function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v) <= Number.MAX_SAFE_INTEGER ? Number(v) : v.toString();
  if (typeof v === 'object' && 'toDouble' in v) return v.toDouble();
  if (typeof v === 'object') return Number(v.toString());
  return v;
}

async function main() {
  const a = args(process.argv);
  const template = readFileSync(join(here, 'report.sql'), 'utf8');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const version = plain((await conn.runAndReadAll('SELECT version()')).getRows()[0][0]);
  const threads = plain((await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);

  // Load: one typed table of events and the agency tree, both in memory.
  const file = a.file.replaceAll("'", "''");
  const t0 = performance.now();
  await conn.run(`
    CREATE TABLE rec AS SELECT * FROM read_ndjson('${file}', columns = {
      kind: 'VARCHAR', "case": 'VARCHAR', seq: 'INTEGER', type: 'VARCHAR', date: 'VARCHAR',
      agency: 'VARCHAR', amount: 'BIGINT', ground: 'VARCHAR', voids: 'INTEGER',
      obligations: 'STRUCT(category VARCHAR, amount BIGINT)[]', code: 'VARCHAR', parent: 'VARCHAR'},
      maximum_object_size = 16777216)`);
  // Typed columns: an integer key per case, an ENUM for the event type.
  await conn.run(`CREATE TYPE event_type AS ENUM (${EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`);
  await conn.run(`CREATE TABLE case_key AS SELECT "case" AS case_id, CAST(row_number() OVER () AS INTEGER) AS case_no
                  FROM (SELECT DISTINCT "case" FROM rec WHERE kind = 'event')`);
  await conn.run(`
    CREATE TABLE ev AS
    -- a (case, seq) imported twice with identical content is one event
    SELECT DISTINCT ON (k.case_no, r.seq) k.case_no, r.seq, CAST(r.type AS event_type) AS type, CAST(r.date AS DATE) AS date, r.agency,
           CASE WHEN r.type = 'case_opened'
                THEN coalesce(list_sum(list_transform(r.obligations, o -> o.amount)), 0)
                ELSE r.amount END AS amount,
           r.ground, r.voids
    FROM rec r JOIN case_key k ON k.case_id = r."case"
    WHERE r.kind = 'event'
    ORDER BY k.case_no, r.seq`);
  await conn.run(`CREATE TABLE agency AS SELECT code, parent FROM rec WHERE kind = 'agency'`);
  await conn.run('DROP TABLE rec');
  await conn.run('DROP TABLE case_key');
  const loadMs = performance.now() - t0;
  const counts = (await conn.runAndReadAll('SELECT count(*), count(DISTINCT case_no) FROM ev')).getRows()[0].map(plain);

  const result = { engine: 'duckdb', version, threads, load_ms: loadMs, events: counts[0], cases: counts[1] };
  for (const [name, byAgency] of [['national', false], ['by_agency', true]]) {
    const sql = reportSql(template, { from: a.from, to: a.to, scope: a.scope, byAgency });
    const ms = [];
    let rows;
    for (let i = 0; i < a.reps + 1; i++) {
      const t = performance.now();
      const reader = await conn.runAndReadAll(sql);
      const dt = performance.now() - t;
      if (i > 0) ms.push(dt); // the first run warms up and is not counted
      rows = reader.getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    }
    result[name] = byAgency ? { ms, rows } : { ms, row: rows[0] };
    process.stderr.write(`duckdb ${name}: median ${median(ms).toFixed(1)} ms over ${ms.length} runs\n`);
  }
  process.stderr.write(`duckdb load: ${(loadMs / 1000).toFixed(1)} s, ${result.events} events, ${result.cases} cases\n`);
  const text = JSON.stringify(result, null, 1);
  if (a.out) writeFileSync(a.out, text + '\n');
  else process.stdout.write(text + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
