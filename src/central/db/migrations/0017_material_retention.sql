CREATE TABLE "material_purge_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"staff_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"rules" jsonb NOT NULL,
	"applications_kept" integer NOT NULL,
	"applications_expired" integer NOT NULL,
	"files_deleted" integer NOT NULL,
	"chunks_deleted" integer NOT NULL,
	"bytes_deleted" bigint NOT NULL,
	"deleted" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "material_purge_runs_started_idx" ON "material_purge_runs" USING btree ("started_at");