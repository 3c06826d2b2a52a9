CREATE TABLE "calendar_revisions" (
	"year" integer NOT NULL,
	"revision" integer NOT NULL,
	"data" jsonb NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	"saved_by" text,
	"forced" boolean DEFAULT false NOT NULL,
	CONSTRAINT "calendar_revisions_year_revision_pk" PRIMARY KEY("year","revision")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "calendar_versions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "internal_due_date" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "internal_due_moved_by" jsonb;--> statement-breakpoint
CREATE INDEX "cases_internal_due_idx" ON "cases" USING btree ("internal_due_date");--> statement-breakpoint
-- Every year entered before revisions existed is revision 1, and that revision is kept.
UPDATE "calendar_years" SET "data" = "data" || '{"revision": 1}'::jsonb WHERE NOT ("data" ? 'revision');--> statement-breakpoint
INSERT INTO "calendar_revisions" ("year", "revision", "data", "saved_at", "saved_by", "forced")
  SELECT "year", ("data"->>'revision')::int, "data", "updated_at", "updated_by", false FROM "calendar_years"
  ON CONFLICT DO NOTHING;
