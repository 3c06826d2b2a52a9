import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Appointment slots (预约时段): a zone's bookable times on a day, with their capacity. `booked` is
 * the count of live bookings (booked or checked in), moved in the booking's own transaction by one
 * conditional UPDATE (`booked < capacity`), so capacity holds under concurrent bookings; the CHECK
 * constraint is the last word.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    id: text('id').primaryKey(),
    zoneCode: text('zone_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** 'HH:MM', Asia/Shanghai. */
    start: text('start').notNull(),
    end: text('end').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('appointment_slots_time_idx').on(t.zoneCode, t.day, t.start), check('appointment_slots_booked_check', sql`"booked" >= 0 AND "booked" <= "capacity"`)],
);

/**
 * Appointments (预约): one person's booking of a slot. The name and phone are sealed at rest; the ID
 * number is kept masked and as the hall's HMAC index (check-in compares the card read against it).
 * `ticketRequestId` is the requestId the check-in issues the ticket under, so a repeated check-in
 * can never issue two tickets.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    slotId: text('slot_id').notNull(),
    zoneCode: text('zone_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    status: text('status', { enum: ['booked', 'cancelled', 'checked-in', 'missed'] }).notNull(),
    nameSealed: text('name_sealed').notNull(),
    nameMasked: text('name_masked').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneSealed: text('phone_sealed'),
    matterCode: text('matter_code'),
    requestId: text('request_id').notNull(),
    ticketRequestId: text('ticket_request_id').notNull(),
    ticketId: text('ticket_id'),
    bookedBy: text('booked_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('appointments_request_idx').on(t.requestId),
    index('appointments_person_idx').on(t.idNumberHash, t.day),
    index('appointments_slot_idx').on(t.slotId),
    // One live booking per person, day and zone (APPOINTMENT_DUPLICATE), held by the database under concurrency.
    uniqueIndex('appointments_live_person_idx').on(t.idNumberHash, t.day, t.zoneCode).where(sql`status in ('booked', 'checked-in')`),
  ],
);
