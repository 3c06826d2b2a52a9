-- The change log is numbered at COMMIT instead of at INSERT.
--
-- Readers (sync pull, SSE replay) move a cursor over seq and never look back, so seq order must be
-- commit order: a row numbered 12 must never become visible before row 11. Until now every writing
-- transaction took an advisory lock, inserted its rows and sent NOTIFY, then committed: the lock was
-- held across three round trips to the client, and every command of the hall queued behind it.
-- Now rows are inserted with seq NULL, and a deferred constraint trigger numbers them at COMMIT,
-- after every other lock of the transaction (foreign-key checks included) has been taken: the lock
-- is held for the numbering and the commit itself, never while the client is thinking.
ALTER TABLE "change_log" DROP CONSTRAINT "change_log_pkey";--> statement-breakpoint
ALTER TABLE "change_log" ALTER COLUMN "seq" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "change_log" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "change_log" ADD COLUMN "id" bigserial PRIMARY KEY NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "change_log_seq_idx" ON "change_log" USING btree ("seq");--> statement-breakpoint
-- The old column default's sequence keeps counting, so seqs go on from where they were.
CREATE FUNCTION "change_log_number"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  -- Held to the end of the transaction: the next committer numbers its rows after this one is visible.
  PERFORM pg_advisory_xact_lock(7300001);
  n := nextval('change_log_seq_seq');
  UPDATE "change_log" SET "seq" = n WHERE "id" = NEW."id";
  -- Queued in the transaction: delivered only if it commits. Listeners read the log, not the payload.
  PERFORM pg_notify('hall_changes', n::text);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "change_log_number" AFTER INSERT ON "change_log"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "change_log_number"();
