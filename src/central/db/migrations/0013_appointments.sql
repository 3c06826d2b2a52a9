CREATE TABLE "appointment_slots" (
	"id" text PRIMARY KEY NOT NULL,
	"zone_code" text NOT NULL,
	"day" date NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appointment_slots_booked_check" CHECK ("booked" >= 0 AND "booked" <= "capacity")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" text PRIMARY KEY NOT NULL,
	"slot_id" text NOT NULL,
	"zone_code" text NOT NULL,
	"day" date NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"status" text NOT NULL,
	"name_sealed" text NOT NULL,
	"name_masked" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"phone_sealed" text,
	"matter_code" text,
	"request_id" text NOT NULL,
	"ticket_request_id" text NOT NULL,
	"ticket_id" text,
	"booked_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_slots_time_idx" ON "appointment_slots" USING btree ("zone_code","day","start");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_request_idx" ON "appointments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "appointments_person_idx" ON "appointments" USING btree ("id_number_hash","day");--> statement-breakpoint
CREATE INDEX "appointments_slot_idx" ON "appointments" USING btree ("slot_id");--> statement-breakpoint
-- One live booking per person, day and zone (APPOINTMENT_DUPLICATE), held by the database under concurrency.
CREATE UNIQUE INDEX "appointments_live_person_idx" ON "appointments" USING btree ("id_number_hash","day","zone_code") WHERE "status" IN ('booked', 'checked-in');
