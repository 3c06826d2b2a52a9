CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"staff_id" text,
	"station_id" text,
	"mutation_id" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"station_id" text NOT NULL,
	"window_code" text NOT NULL,
	"clerk_id" text NOT NULL,
	"ticket_id" text,
	"ticket_number" text,
	"matter_codes" jsonb NOT NULL,
	"bundle_code" text,
	"applicant" jsonb NOT NULL,
	"id_number" text NOT NULL,
	"agent" jsonb,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"promised_days" integer NOT NULL,
	"promised_date" date NOT NULL,
	"notice_no" text NOT NULL,
	"materials" jsonb NOT NULL,
	"rejection" jsonb,
	"correction_due_date" date,
	"reviews" jsonb NOT NULL,
	"clock_pauses" jsonb NOT NULL,
	"delivery" jsonb,
	"evaluation" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_mutations" (
	"id" text PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"name" text NOT NULL,
	"staff_id" text,
	"case_id" text,
	"status" text NOT NULL,
	"code" text,
	"message" text,
	"value" jsonb,
	"mutation_at" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_no_idx" ON "cases" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "cases_id_number_idx" ON "cases" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","accepted_at");--> statement-breakpoint
CREATE INDEX "cases_accepted_at_idx" ON "cases" USING btree ("accepted_at");--> statement-breakpoint
CREATE INDEX "cases_station_idx" ON "cases" USING btree ("station_id");--> statement-breakpoint
CREATE INDEX "processed_mutations_station_idx" ON "processed_mutations" USING btree ("station_id","at");--> statement-breakpoint
CREATE INDEX "processed_mutations_case_idx" ON "processed_mutations" USING btree ("case_id");