ALTER TABLE "staff" ADD COLUMN "staff_no" text;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_staff_no_unique" UNIQUE("staff_no");--> statement-breakpoint
-- A demo hall's accounts get 工号 as a freshly seeded demo hall gives them (1001, 1002, … by creation).
UPDATE "staff" SET "staff_no" = n.no FROM (
  SELECT "id", (1000 + row_number() OVER (ORDER BY "created_at", "id"))::text AS no FROM "staff"
) n
WHERE "staff"."id" = n."id" AND EXISTS (SELECT 1 FROM "hall_meta" WHERE "key" = 'seeded' AND "value"->>'demo' = 'true');
--> statement-breakpoint
-- The slip's QR opens /q/<token>: a random token per ticket, not derived from its id (CITIZEN.md C).
ALTER TABLE "tickets" ADD COLUMN "position_token" text;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_position_token_idx" ON "tickets" USING btree ("position_token");
