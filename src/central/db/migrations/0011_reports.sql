-- Daily aggregates behind the reports (issue 19; src/central/reports/aggregates.ts). They are a cache
-- recounted day by day from the raw rows, which stay the truth; report_refresh holds how far the
-- change log has been read. Nothing existing changes, so no data migration is needed.
CREATE TABLE "report_case_daily" (
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"zone_code" text NOT NULL,
	"window_code" text NOT NULL,
	"staff_id" text NOT NULL,
	"matter_code" text NOT NULL,
	"channel" text NOT NULL,
	"received" integer NOT NULL,
	"accepted" integer NOT NULL,
	"accepted_deferred" integer NOT NULL,
	"deferred_on_time" integer NOT NULL,
	"corrections" integer NOT NULL,
	"rejections" integer NOT NULL,
	"decided" integer NOT NULL,
	"decided_on_time" integer NOT NULL,
	"delivered" integer NOT NULL,
	"open_promised" date[] NOT NULL,
	CONSTRAINT "report_case_daily_day_hour_zone_code_window_code_staff_id_matter_code_channel_pk" PRIMARY KEY("day","hour","zone_code","window_code","staff_id","matter_code","channel")
);
--> statement-breakpoint
CREATE TABLE "report_queue_daily" (
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"zone_code" text NOT NULL,
	"window_code" text NOT NULL,
	"staff_id" text NOT NULL,
	"matter_code" text NOT NULL,
	"issued" integer NOT NULL,
	"called" integer NOT NULL,
	"served" integer NOT NULL,
	"no_show" integer NOT NULL,
	"cancelled" integer NOT NULL,
	"transferred" integer NOT NULL,
	"wait_seconds" integer[] NOT NULL,
	"service_seconds" integer[] NOT NULL,
	CONSTRAINT "report_queue_daily_day_hour_zone_code_window_code_staff_id_matter_code_pk" PRIMARY KEY("day","hour","zone_code","window_code","staff_id","matter_code")
);
--> statement-breakpoint
CREATE TABLE "report_rating_daily" (
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"zone_code" text NOT NULL,
	"window_code" text NOT NULL,
	"staff_id" text NOT NULL,
	"matter_code" text NOT NULL,
	"channel" text NOT NULL,
	"rated" integer NOT NULL,
	"good" integer NOT NULL,
	"bad" integer NOT NULL,
	CONSTRAINT "report_rating_daily_day_hour_zone_code_window_code_staff_id_matter_code_channel_pk" PRIMARY KEY("day","hour","zone_code","window_code","staff_id","matter_code","channel")
);
--> statement-breakpoint
CREATE TABLE "report_refresh" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);--> statement-breakpoint
-- Ratings are counted by the day they were given: recounting one day finds its rated cases by this.
CREATE INDEX "cases_evaluated_at_idx" ON "cases" USING btree (("evaluation"->>'at')) WHERE "evaluation" IS NOT NULL;
