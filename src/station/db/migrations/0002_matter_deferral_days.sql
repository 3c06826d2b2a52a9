-- The cached catalogue gets the same deferral limits the hall server's migration 0004 gives its own
-- (`deferralDays` on each deferrable material row of a matter): a promised matter's rows get the
-- old hall-wide 5 working days, cut to its promised limit; a deferrable row of an immediate matter
-- becomes required. Intake at this window then proposes the dates the hall will accept, offline
-- too, until the hall's rewritten matters arrive by pull (they carry the same values).
UPDATE `catalog_entries` SET `data` = json_set(`data`, '$.materials', (
  SELECT json_group_array(json(
    CASE
      WHEN json_extract(m.value, '$.necessity') <> 'deferrable' OR json_type(m.value, '$.deferralDays') IS NOT NULL THEN m.value
      WHEN json_extract(`catalog_entries`.`data`, '$.caseType') = 'promised' AND json_extract(`catalog_entries`.`data`, '$.promisedLimitDays') >= 1
        THEN json_set(m.value, '$.deferralDays', min(5, json_extract(`catalog_entries`.`data`, '$.promisedLimitDays')))
      ELSE json_set(m.value, '$.necessity', 'required')
    END) ORDER BY m.key)
  FROM json_each(`catalog_entries`.`data`, '$.materials') AS m
))
WHERE `entity` = 'matter' AND EXISTS (
  SELECT 1 FROM json_each(`catalog_entries`.`data`, '$.materials') AS r
  WHERE json_extract(r.value, '$.necessity') = 'deferrable' AND json_type(r.value, '$.deferralDays') IS NULL
);
