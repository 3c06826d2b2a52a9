-- The ratings report counts the pad's per-ticket ratings (table evaluations, issue 17) and the
-- follow-up state of bad ones (issue 19): open follow-ups, the date after which each is overdue
-- (its next missing step's deadline; none once only the citizen's acceptance is left), closed ones.
ALTER TABLE "report_rating_daily" ADD COLUMN "follow_up_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rating_daily" ADD COLUMN "follow_up_closed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rating_daily" ADD COLUMN "follow_up_due" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- The aggregates are a cache: forget how far they were read so the next report read recounts every
-- day the change log names, now with the pad's ratings.
DELETE FROM "report_refresh";
