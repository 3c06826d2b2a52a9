-- Town and community centres (就近受理、远程审批, issue 16 part 4): each a site of the catalogue
-- with its own site code (the first part of its windows' case numbers), its name and its windows.
-- The whole record in `data`, as the other catalogue tables keep theirs.
CREATE TABLE "sites" (
	"code" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"sort" integer NOT NULL
);
--> statement-breakpoint
-- The centre that filed an application into the inbox (channel `town`), from the clerk's session
-- there; null for the portal's filings and for every application filed before centres existed.
ALTER TABLE "online_applications" ADD COLUMN "site_code" text;--> statement-breakpoint
-- A centre opens the case accepted from its filing by the case's id.
CREATE INDEX "online_applications_case_idx" ON "online_applications" USING btree ("case_id");
