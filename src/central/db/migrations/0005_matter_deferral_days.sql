-- Each deferrable material row of a matter now names its own deferral limit (`deferralDays`, the
-- working days after acceptance the applicant gets to supply it), inside matters.data.materials.
-- Rows stored before have none. They get what the intake rules gave them until now, so no case
-- taken in tomorrow is treated differently from one taken in today:
--   * a promised matter: the old hall-wide 5 working days, cut to the matter's promised limit;
--   * an immediate matter (即办件, promised limit 0): nothing can wait for a decision made at the
--     window (容缺 was always refused on the matter alone, for lack of time), so the row becomes
--     required. Taken in together with a promised matter that defers the same paper, it used to
--     let that paper wait; now the immediate matter's need makes it required on the merged list,
--     as a decision at the window needs it. An import now refuses a deferrable row on such a matter.
-- Every matter rewritten here also goes to the change log, so each station pulls the same record
-- (a station's own migration gives its cached copy the same defaults until then).
-- One statement: the rewritten rows, their change-log entries and one audit entry go together.
WITH "changed" AS (
  UPDATE "matters" m SET "data" = jsonb_set(m."data", '{materials}', (
    SELECT jsonb_agg(
      CASE
        WHEN mm->>'necessity' <> 'deferrable' OR mm ? 'deferralDays' THEN mm
        WHEN m."data"->>'caseType' = 'promised' AND (m."data"->>'promisedLimitDays')::int >= 1
          THEN mm || jsonb_build_object('deferralDays', least(5, (m."data"->>'promisedLimitDays')::int))
        ELSE mm || '{"necessity": "required"}'::jsonb
      END
      ORDER BY ord)
    FROM jsonb_array_elements(m."data"->'materials') WITH ORDINALITY AS rows(mm, ord)
  ))
  WHERE EXISTS (
    SELECT 1 FROM jsonb_array_elements(m."data"->'materials') AS r(mm)
    WHERE mm->>'necessity' = 'deferrable' AND NOT mm ? 'deferralDays'
  )
  RETURNING m."code", m."data"
), "logged" AS (
  INSERT INTO "change_log" ("at", "entity", "entity_id", "op", "event", "data")
  SELECT now(), 'matter', c."code", 'upsert', 'catalog.changed', c."data" FROM "changed" c ORDER BY c."code"
)
INSERT INTO "audit_log" ("at", "action", "entity", "entity_id", "before", "after")
SELECT now(), 'catalog.migrate', 'catalog', 'hall', NULL,
  jsonb_build_object('migration', '0005_matter_deferral_days', 'matters', jsonb_agg(c."code" ORDER BY c."code"))
FROM "changed" c HAVING count(*) > 0;
