CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"key_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"retry_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"window_code" text,
	"key_hash" text NOT NULL,
	"pairing_code" text NOT NULL,
	"status" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "stations_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "login_failures" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "login_failures" CASCADE;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "station_id" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
UPDATE "sessions" SET "last_seen_at" = "created_at";--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "last_seen_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "ended_reason" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "department_codes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "pushed_by" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "zone_codes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "department_codes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "access_code_hash" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_staff_idx" ON "api_keys" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "sessions_station_idx" ON "sessions" USING btree ("station_id","staff_id");--> statement-breakpoint
-- Who may see a case (auth/policy.ts): the zones of its matters, the departments that own them or were sent it.
UPDATE "cases" c SET
  "zone_codes" = coalesce((SELECT jsonb_agg(DISTINCT m."zone_code") FROM "matters" m WHERE m."code" IN (SELECT jsonb_array_elements_text(c."matter_codes"))), '[]'::jsonb),
  "department_codes" = coalesce((SELECT jsonb_agg(DISTINCT d) FROM (
    SELECT m."department_code" AS d FROM "matters" m WHERE m."code" IN (SELECT jsonb_array_elements_text(c."matter_codes"))
    UNION SELECT r->>'departmentCode' FROM jsonb_array_elements(c."reviews") r
  ) x), '[]'::jsonb);--> statement-breakpoint
-- The change log and the answers kept for repeated pushes hold no personal data any more: a pull reads
-- the case itself; an applied push answers with a receipt of the case; a refusal keeps masked details.
UPDATE "change_log" SET "data" = NULL WHERE "entity" = 'case';--> statement-breakpoint
UPDATE "processed_mutations" SET "value" = jsonb_build_object('id', "value"->'id', 'caseNo', "value"->'caseNo', 'status', "value"->'status', 'promisedDate', "value"->'promisedDate', 'updatedAt', "value"->'updatedAt')
  WHERE "status" = 'applied' AND "value" IS NOT NULL AND "value" ? 'applicant';--> statement-breakpoint
UPDATE "processed_mutations" SET
  "value" = regexp_replace("value"::text, '([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])', '\1********\2', 'g')::jsonb,
  "message" = regexp_replace("message", '([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])', '\1********\2', 'g')
  WHERE "status" = 'rejected';
