-- Personal data sealed at rest (crypto/sealer.ts). The applicant's and agent's ID number, phone and
-- address move inside a seal made with the hall's data key, which SQL does not have: this migration
-- only makes room, and the hall seals the existing rows at its next start (crypto/data-key.ts
-- sealOldCases), under the start-up lock, before it serves anyone. Until then `id_index` still holds
-- the clear number it had as `id_number`.
ALTER TABLE "cases" RENAME COLUMN "id_number" TO "id_index";--> statement-breakpoint
DROP INDEX "cases_id_number_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "id_number_masked" text;--> statement-breakpoint
UPDATE "cases" SET "id_number_masked" = CASE
  WHEN length("id_index") = 18 THEN left("id_index", 6) || repeat('*', 8) || right("id_index", 4)
  WHEN length("id_index") > 4 THEN left("id_index", 2) || repeat('*', length("id_index") - 4) || right("id_index", 2)
  ELSE repeat('*', length("id_index")) END;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "id_number_masked" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_id_index_idx" ON "cases" USING btree ("id_index");--> statement-breakpoint
-- A ticket's bare sha256 of the ID number is reversed in seconds (10^9 plausible numbers): gone.
-- New tickets carry an HMAC under the hall's key; old days' tickets need none.
UPDATE "tickets" SET "id_number_hash" = NULL;
