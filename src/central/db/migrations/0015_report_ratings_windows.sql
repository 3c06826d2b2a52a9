-- The ratings report counts the pad's per-ticket ratings (table evaluations, issue 17) and the
-- follow-up state of bad ones (issue 19): open follow-ups, the date after which each is overdue
-- (its next missing step's deadline; none once only the citizen's acceptance is left), closed ones.
ALTER TABLE "report_rating_daily" ADD COLUMN "follow_up_open" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rating_daily" ADD COLUMN "follow_up_closed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rating_daily" ADD COLUMN "follow_up_due" date[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- The aggregates are a cache: forget how far they were read so the next report read recounts every
-- day the change log names, now with the pad's ratings.
DELETE FROM "report_refresh";
--> statement-breakpoint
-- Windows' open, serving, paused and idle time per day and clerk (src/domain/window-time.ts), worked
-- out from the change log's sign-ins, sign-outs, pauses and resumes and from the ticket history.
CREATE TABLE "report_window_daily" (
	"day" date NOT NULL,
	"zone_code" text NOT NULL,
	"window_code" text NOT NULL,
	"staff_id" text NOT NULL,
	"open_seconds" integer NOT NULL,
	"serving_seconds" integer NOT NULL,
	"paused_seconds" integer NOT NULL,
	"idle_seconds" integer NOT NULL,
	CONSTRAINT "report_window_daily_day_window_code_staff_id_pk" PRIMARY KEY("day","window_code","staff_id")
);
