CREATE TABLE "evaluations" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"ticket_number" text NOT NULL,
	"day" date NOT NULL,
	"zone_code" text NOT NULL,
	"window_code" text NOT NULL,
	"staff_id" text NOT NULL,
	"staff_username" text NOT NULL,
	"staff_name" text NOT NULL,
	"case_id" text,
	"case_no" text,
	"level" integer NOT NULL,
	"reason" text,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" text,
	"mutation_id" text,
	"appeal" jsonb
);
--> statement-breakpoint
CREATE TABLE "evaluation_follow_ups" (
	"evaluation_id" text PRIMARY KEY NOT NULL,
	"zone_code" text NOT NULL,
	"window_code" text NOT NULL,
	"return_visit_due" date NOT NULL,
	"rectification_due" date NOT NULL,
	"return_visit" jsonb,
	"finding" text,
	"rectification" jsonb,
	"citizen_accepts" boolean,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_ticket_idx" ON "evaluations" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "evaluations_day_idx" ON "evaluations" USING btree ("day","window_code");--> statement-breakpoint
CREATE INDEX "evaluations_staff_idx" ON "evaluations" USING btree ("staff_id","day");--> statement-breakpoint
CREATE INDEX "evaluation_follow_ups_open_idx" ON "evaluation_follow_ups" USING btree ("zone_code","closed_at");
