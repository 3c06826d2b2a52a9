-- A queue command may read without locks and then write in ONE statement, no BEGIN or COMMIT,
-- provided the statement proves that what it read is still so (db/work.ts, "guarded" units). The
-- proof is a count of rows its guarded UPDATEs matched (`… WHERE id = $1 AND xmin = $2`); this
-- function turns a failed proof into an error, so the statement writes nothing at all and the
-- command runs again. 40001 is PostgreSQL's own code for "changed under you, try again".
CREATE FUNCTION "hall_unchanged"(ok boolean) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION 'a row this command decided on has changed since it was read' USING ERRCODE = '40001';
  END IF;
  RETURN true;
END
$$;
