CREATE TABLE "window_pauses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"window_code" text NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"paused_by" text,
	"paused_by_name" text,
	"paused_at" timestamp with time zone NOT NULL,
	"resumed_by" text,
	"resumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "window_pauses_window_idx" ON "window_pauses" USING btree ("window_code","paused_at");--> statement-breakpoint
CREATE INDEX "window_pauses_day_idx" ON "window_pauses" USING btree ("day");
