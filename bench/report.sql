-- The national `cases` + `money` report (../shared/domain/statistics.md) computed
-- from the raw events by hand-written SQL, for PostgreSQL and DuckDB alike.
--
-- Input (loaded by bench/pg-load.sql or bench/duckdb.mjs):
--   ev(case_no, seq, type, date, agency, amount, ground, voids)
--     one row per `event` record; `case_no` is an integer key of the case id
--     (assigned at load); `type` an ENUM of the v1 event types; `amount` is
--     the opened amount (sum of the
--     obligations' amounts) for case_opened, the amount for collected/reduced;
--     `agency` is set on case_opened only; `voids` on voided only.
--   agency(code, parent)
-- Placeholders replaced textually by the drivers: {{FROM}}, {{TO}} (YYYY-MM-DD),
-- {{SCOPE}} (agency code; the scope is it and every agency below it),
-- {{KEY}} and {{GROUP_BY}}: 'total' and nothing for one total row, or `top` and
-- `GROUP BY top` for one row per agency directly below {{SCOPE}} (--by agency).
--
-- Semantics, as statistics.md says:
-- - a `voided` event removes its target whatever the dates; voiding case_opened
--   removes the case (it then has no case_opened row and drops out of the join);
-- - only events dated <= to count; a case's status at `to` is the one set by its
--   last status-changing event (seq order = date order within a case);
-- - a case ends on its ending event (at most one stays effective after import).
-- Output: key, then the cases-form columns (c_*) and the money-form columns (m_*).
WITH RECURSIVE scope(code, top) AS (
  -- top: the agency directly below {{SCOPE}} that the code belongs to (for
  -- --by agency); {{SCOPE}} itself for its own cases.
  SELECT code, code FROM agency WHERE code = '{{SCOPE}}'
  UNION ALL
  SELECT a.code, CASE WHEN s.code = '{{SCOPE}}' THEN a.code ELSE s.top END
  FROM agency a JOIN scope s ON a.parent = s.code
),
voided AS (
  SELECT case_no, voids AS seq FROM ev WHERE type = 'voided'
),
eff AS (
  SELECT e.case_no, e.seq, e.type, e.date, e.agency, e.amount, e.ground
  FROM ev e
  LEFT JOIN voided v ON v.case_no = e.case_no AND v.seq = e.seq
  WHERE v.case_no IS NULL AND e.type <> 'voided' AND e.date <= DATE '{{TO}}'
),
per_case AS (
  SELECT
    case_no,
    max(agency) FILTER (WHERE type = 'case_opened') AS agency,
    max(date) FILTER (WHERE type = 'case_opened') AS opened,
    coalesce(max(amount) FILTER (WHERE type = 'case_opened'), 0) AS opened_amount,
    max(type) FILTER (WHERE type IN ('completed', 'terminated', 'entrusted_out', 'pulled_up',
                                     'request_sent_back', 'moved_to_separate_register')) AS end_type,
    max(date) FILTER (WHERE type IN ('completed', 'terminated', 'entrusted_out', 'pulled_up',
                                     'request_sent_back', 'moved_to_separate_register')) AS end_date,
    -- status at `to`: the last status change wins; seq * 4 + code, code in 0..3
    -- (0 active, 1 postponed_agreed, 2 postponed_suspended, 3 unable).
    coalesce(max(seq * 4 + CASE type WHEN 'resumed' THEN 0
                                      WHEN 'postponed' THEN CASE WHEN ground = '48.1.c' THEN 1 ELSE 2 END
                                      WHEN 'suspended' THEN 2
                                      ELSE 3 END)
             FILTER (WHERE type IN ('resumed', 'postponed', 'suspended', 'unable_decided')) % 4,
             0) AS status,
    coalesce(sum(amount) FILTER (WHERE type IN ('collected', 'reduced') AND date < DATE '{{FROM}}'), 0) AS paid_before,
    coalesce(sum(amount) FILTER (WHERE type IN ('collected', 'reduced')), 0) AS paid_to_end,
    coalesce(sum(amount) FILTER (WHERE type = 'collected'), 0) AS collected_ever,
    coalesce(sum(amount) FILTER (WHERE type = 'collected' AND date >= DATE '{{FROM}}'), 0) AS collected_in,
    coalesce(sum(amount) FILTER (WHERE type = 'reduced' AND date >= DATE '{{FROM}}'), 0) AS reduced_in
  FROM eff
  GROUP BY case_no
),
counted AS (
  -- Accepted cases of the scope: opened by `to`, not ended before `from`.
  SELECT p.*, s.top,
         p.opened < DATE '{{FROM}}' AS carried,
         p.end_date IS NOT NULL AS ended_in,
         p.opened_amount - p.paid_before AS rem_from,
         p.opened_amount - p.paid_to_end AS rem_end
  FROM per_case p JOIN scope s ON s.code = p.agency
  WHERE p.opened IS NOT NULL
    AND (p.end_date IS NULL OR p.end_date >= DATE '{{FROM}}')
),
primary_cols AS (
  SELECT
    {{KEY}} AS key,
    -- cases form
    count(*) FILTER (WHERE carried) AS c_carried_over,
    count(*) FILTER (WHERE NOT carried) AS c_new,
    count(*) FILTER (WHERE ended_in AND end_type IN ('entrusted_out', 'pulled_up') AND collected_ever = 0) AS c_entrusted_out,
    count(*) FILTER (WHERE ended_in AND (end_type = 'completed'
                     OR (end_type IN ('entrusted_out', 'pulled_up', 'terminated') AND collected_ever > 0))) AS c_completed,
    count(*) FILTER (WHERE ended_in AND end_type = 'terminated' AND collected_ever = 0) AS c_terminated,
    count(*) FILTER (WHERE ended_in AND end_type IN ('request_sent_back', 'moved_to_separate_register')) AS c_closed_unenforced,
    count(*) FILTER (WHERE NOT ended_in AND status IN (0, 1)) AS c_in_progress,
    count(*) FILTER (WHERE NOT ended_in AND status = 2) AS c_postponed_suspended,
    count(*) FILTER (WHERE (NOT ended_in AND status = 3)
                     OR (ended_in AND end_type IN ('request_sent_back', 'moved_to_separate_register'))) AS c_without_conditions,
    -- money form, whole VND
    coalesce(sum(rem_from) FILTER (WHERE carried), 0) AS m_carried_over,
    coalesce(sum(opened_amount) FILTER (WHERE NOT carried), 0) AS m_new,
    coalesce(sum(rem_end) FILTER (WHERE ended_in AND end_type IN ('entrusted_out', 'pulled_up')), 0) AS m_entrusted_out,
    coalesce(sum(collected_in), 0) AS m_completed,
    coalesce(sum(reduced_in), 0) AS m_reduced,
    coalesce(sum(rem_end) FILTER (WHERE ended_in AND end_type = 'terminated'), 0) AS m_terminated,
    coalesce(sum(rem_end) FILTER (WHERE ended_in AND end_type IN ('request_sent_back', 'moved_to_separate_register')), 0) AS m_closed_unenforced,
    coalesce(sum(rem_end) FILTER (WHERE NOT ended_in AND status IN (0, 1)), 0) AS m_in_progress,
    coalesce(sum(rem_end) FILTER (WHERE NOT ended_in AND status = 2), 0) AS m_postponed_suspended,
    coalesce(sum(rem_end) FILTER (WHERE (NOT ended_in AND status = 3)
                     OR (ended_in AND end_type IN ('request_sent_back', 'moved_to_separate_register'))), 0) AS m_without_conditions
  FROM counted
  {{GROUP_BY}}
)
SELECT
  key,
  c_carried_over, c_new, c_carried_over + c_new AS c_accepted, c_entrusted_out,
  c_carried_over + c_new - c_entrusted_out AS c_to_enforce,
  c_completed + c_terminated + c_in_progress AS c_with_conditions,
  c_completed, c_terminated, c_in_progress, c_postponed_suspended, c_without_conditions, c_closed_unenforced,
  CASE WHEN c_completed + c_terminated + c_in_progress = 0 THEN NULL
       ELSE round(100.0 * (c_completed + c_terminated) / (c_completed + c_terminated + c_in_progress), 2) END AS c_completion_rate,
  c_carried_over + c_new - c_entrusted_out - c_completed - c_terminated - c_closed_unenforced AS c_carried_to_next,
  m_carried_over, m_new, m_carried_over + m_new AS m_accepted, m_entrusted_out,
  m_carried_over + m_new - m_entrusted_out AS m_to_enforce,
  m_completed + m_reduced + m_terminated + m_in_progress AS m_with_conditions,
  m_completed, m_reduced, m_terminated, m_in_progress, m_postponed_suspended, m_without_conditions, m_closed_unenforced,
  CASE WHEN m_completed + m_reduced + m_terminated + m_in_progress = 0 THEN NULL
       ELSE round(100.0 * (m_completed + m_reduced + m_terminated) / (m_completed + m_reduced + m_terminated + m_in_progress), 2) END AS m_completion_rate,
  m_carried_over + m_new - m_entrusted_out - m_completed - m_reduced - m_terminated - m_closed_unenforced AS m_carried_to_next
FROM primary_cols
ORDER BY key
