-- The online inbox (issue 16): applications filed on the portal or at a town centre, their material
-- files (content-addressed chunks, each sealed), and the hall's own case-number series per zone.
CREATE TABLE "online_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"portal_staff_id" text NOT NULL,
	"portal_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"channel" text NOT NULL,
	"site_name" text,
	"state" text NOT NULL,
	"zone_code" text NOT NULL,
	"matter_codes" jsonb NOT NULL,
	"bundle_code" text,
	"applicant" jsonb NOT NULL,
	"id_index" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"agent" jsonb,
	"form_sealed" text NOT NULL,
	"commitments" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"review_due_date" date NOT NULL,
	"notice" jsonb,
	"refusal" jsonb,
	"corrections" jsonb NOT NULL,
	"case_id" text,
	"case_no" text,
	"accepted_at" timestamp with time zone,
	"promised_date" date,
	"history" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "online_applications_portal_idx" ON "online_applications" USING btree ("portal_staff_id","portal_id");--> statement-breakpoint
CREATE INDEX "online_applications_inbox_idx" ON "online_applications" USING btree ("zone_code","state","review_due_date");--> statement-breakpoint
CREATE INDEX "online_applications_updated_idx" ON "online_applications" USING btree ("updated_at");--> statement-breakpoint
CREATE TABLE "material_chunks" (
	"sha256" text NOT NULL,
	"n" integer NOT NULL,
	"sealed" bytea NOT NULL,
	CONSTRAINT "material_chunks_sha256_n_pk" PRIMARY KEY("sha256","n")
);
--> statement-breakpoint
CREATE TABLE "inbox_case_serials" (
	"day" date NOT NULL,
	"zone_code" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "inbox_case_serials_day_zone_code_pk" PRIMARY KEY("day","zone_code")
);
