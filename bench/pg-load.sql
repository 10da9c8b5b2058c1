-- Loads a thads interchange file (JSON Lines) into PostgreSQL for bench/report.sql.
-- Usage: psql -f bench/pg-load.sql < EVENTS.jsonl
-- 1. COPY every line as text (CSV with quote and delimiter bytes that never
--    occur in JSON, so backslashes and quotes pass through untouched);
-- 2. parse to jsonb, keep records (skip blank and // lines);
-- 3. typed columns: ev (events: integer case key, ENUM type) and agency (the tree).
\set ON_ERROR_STOP on
\timing on
SET client_min_messages = warning;
DROP TABLE IF EXISTS raw, rec, case_key, ev, agency;
DROP TYPE IF EXISTS event_type;
CREATE TYPE event_type AS ENUM ('case_opened', 'officer_assigned', 'notified', 'verified', 'unable_decided',
  'resumed', 'postponed', 'suspended', 'collected', 'paid_out', 'reduced', 'terminated', 'completed',
  'entrusted_out', 'pulled_up', 'request_sent_back', 'moved_to_separate_register', 'coercion_planned',
  'coercion_executed', 'voided');
CREATE UNLOGGED TABLE raw (line text);
\copy raw FROM pstdin WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE UNLOGGED TABLE rec AS SELECT line::jsonb AS j FROM raw WHERE line LIKE '{%';
DROP TABLE raw;
-- Typed columns: an integer key per case, an ENUM for the event type.
CREATE UNLOGGED TABLE case_key AS
SELECT case_id, (row_number() OVER ())::int AS case_no
FROM (SELECT DISTINCT j->>'case' AS case_id FROM rec WHERE j->>'kind' = 'event') d;
-- A (case, seq) imported twice with identical content is one event.
CREATE UNLOGGED TABLE ev AS
SELECT DISTINCT ON (k.case_no, (j->>'seq')::int) k.case_no,
       (j->>'seq')::int AS seq,
       (j->>'type')::event_type AS type,
       (j->>'date')::date AS date,
       j->>'agency' AS agency,
       CASE WHEN j->>'type' = 'case_opened'
            THEN (SELECT coalesce(sum((o->>'amount')::bigint), 0) FROM jsonb_array_elements(j->'obligations') o)
            ELSE (j->>'amount')::bigint END AS amount,
       j->>'ground' AS ground,
       (j->>'voids')::int AS voids
FROM rec JOIN case_key k ON k.case_id = rec.j->>'case'
WHERE j->>'kind' = 'event'
ORDER BY k.case_no, (j->>'seq')::int;  -- stored case by case, as a fold reads it
CREATE INDEX ev_case ON ev (case_no, seq);
CREATE UNLOGGED TABLE agency AS
SELECT j->>'code' AS code, j->>'parent' AS parent
FROM rec WHERE j->>'kind' = 'agency';
DROP TABLE rec, case_key;
VACUUM ANALYZE ev;
VACUUM ANALYZE agency;
SELECT count(*) AS events, count(DISTINCT case_no) AS cases FROM ev;
