import { z } from 'zod';
import type { Endpoint } from './api';
import { errorResponseSchema } from './api';
import { idSchema, localDateSchema, matterCodeSchema, shortText, zoneCodeSchema } from './primitives';
import { issuedTicketSchema } from './queue';

/**
 * Appointments (预约, CITIZEN.md part E): supervisors lay out slots per zone and day; the online
 * portal (role `portal`) books and cancels; the reception desk checks the booking in by the ID card
 * read, which issues a ticket of class `appointment`.
 */

const endpoint = <const E extends Endpoint>(e: E): E => e;
const err = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<number, typeof errorResponseSchema>;

export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const createSlotRequestSchema = z
  .object({ zoneCode: zoneCodeSchema, day: localDateSchema, start: clockTimeSchema, end: clockTimeSchema, capacity: z.number().int().min(1).max(500) })
  .refine((s) => s.start < s.end, { message: 'the slot must end after it starts', path: ['end'] });

export const appointmentSlotSchema = z.object({
  id: z.string(),
  zoneCode: z.string(),
  day: localDateSchema,
  start: clockTimeSchema,
  end: clockTimeSchema,
  capacity: z.number().int(),
  booked: z.number().int(),
  available: z.number().int(),
});
export type AppointmentSlot = z.infer<typeof appointmentSlotSchema>;

export const slotListQuerySchema = z.object({ zoneCode: zoneCodeSchema.optional(), day: localDateSchema.optional() });
export const slotListResponseSchema = z.object({ slots: z.array(appointmentSlotSchema) });

/**
 * A week laid out from a template: the template's slots on each chosen weekday (1 Monday … 7 Sunday)
 * of the `days` days from `from` that the hall works by its calendar: never on a statutory holiday
 * or a rest day; a make-up working day (调休补班) gets them when Monday is chosen. A slot that would
 * overlap one already there is skipped and named, so laying the same week out twice changes nothing.
 */
export const weekTemplateRequestSchema = z
  .object({
    zoneCode: zoneCodeSchema,
    from: localDateSchema,
    days: z.number().int().min(1).max(14).default(7),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
    slots: z
      .array(z.object({ start: clockTimeSchema, end: clockTimeSchema, capacity: z.number().int().min(1).max(500) }).refine((s) => s.start < s.end, { message: 'the slot must end after it starts', path: ['end'] }))
      .min(1)
      .max(48),
  })
  .refine((t) => t.slots.every((a, i) => t.slots.every((b, j) => i === j || a.end <= b.start || b.end <= a.start)), { message: 'the template’s slots overlap', path: ['slots'] });
export type WeekTemplate = z.input<typeof weekTemplateRequestSchema>;

export const weekLayoutResponseSchema = z.object({
  created: z.array(appointmentSlotSchema),
  /** Template slots left out because they overlap a slot already there. */
  skipped: z.array(z.object({ day: localDateSchema, start: clockTimeSchema, end: clockTimeSchema })),
  /**
   * Chosen weekdays the hall does not work, by its calendar: statutory holidays (with the holiday's
   * name) and rest days. No slot is laid on them.
   */
  skippedDays: z.array(z.object({ day: localDateSchema, reason: z.enum(['holiday', 'weekend']), name: z.string().nullable() })),
  /** How many of `skippedDays` are statutory holidays. */
  skippedHolidays: z.number().int().min(0),
  /** Make-up working days (调休补班) in the range that got the template as a Monday does. */
  makeupDays: z.array(z.object({ day: localDateSchema, name: z.string() })),
});
export type WeekLayout = z.infer<typeof weekLayoutResponseSchema>;

export const appointmentStatusSchema = z.enum(['booked', 'cancelled', 'checked-in', 'missed']);

export const bookAppointmentRequestSchema = z.object({
  slotId: idSchema,
  idNumber: z.string().trim().min(6).max(24),
  name: shortText(50),
  phone: z.string().trim().regex(/^[0-9+-]{5,20}$/, 'expected a phone number').optional(),
  matterCode: matterCodeSchema.optional(),
  /** Makes booking idempotent: the same requestId again answers with the same appointment. */
  requestId: idSchema,
});
export type BookAppointmentRequest = z.infer<typeof bookAppointmentRequestSchema>;

/** An appointment as the hall shows it: the name and ID number masked, never in full. */
export const appointmentSchema = z.object({
  id: z.string(),
  slotId: z.string(),
  zoneCode: z.string(),
  day: localDateSchema,
  start: clockTimeSchema,
  end: clockTimeSchema,
  status: appointmentStatusSchema,
  name: z.string(),
  idNumberMasked: z.string(),
  matterCode: z.string().nullable(),
  ticketId: z.string().nullable(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListQuerySchema = z.object({ idNumber: z.string().trim().min(6).max(24), day: localDateSchema.optional() });
export const appointmentListResponseSchema = z.object({ appointments: z.array(appointmentSchema) });

export const checkInRequestSchema = z.object({ idNumber: z.string().trim().min(6).max(24) });
export const checkInResponseSchema = z.object({ appointment: appointmentSchema, ticket: issuedTicketSchema });
export type CheckInResult = z.infer<typeof checkInResponseSchema>;

const idParams = z.object({ id: idSchema });

export const appointmentApi = {
  createAppointmentSlot: endpoint({
    method: 'POST',
    path: '/api/v1/appointment-slots',
    summary: 'Open a bookable slot of a zone on a day, with its capacity',
    body: createSlotRequestSchema,
    responses: { 201: appointmentSlotSchema, ...err(400, 401, 403, 409, 422) },
  }),
  layOutAppointmentWeek: endpoint({
    method: 'POST',
    path: '/api/v1/appointment-slots/week',
    summary: "Lay out a zone's slots for a week from a template; slots already there are kept and named",
    body: weekTemplateRequestSchema,
    responses: { 201: weekLayoutResponseSchema, ...err(400, 401, 403, 422) },
  }),
  listAppointmentSlots: endpoint({
    method: 'GET',
    path: '/api/v1/appointment-slots',
    summary: 'Slots of a zone and day with what is still free',
    query: slotListQuerySchema,
    responses: { 200: slotListResponseSchema, ...err(400, 401, 403) },
  }),
  bookAppointment: endpoint({
    method: 'POST',
    path: '/api/v1/appointments',
    summary: 'Book a slot for one person (idempotent by requestId; capacity holds under concurrency)',
    body: bookAppointmentRequestSchema,
    responses: { 200: appointmentSchema, 201: appointmentSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
  listAppointments: endpoint({
    method: 'GET',
    path: '/api/v1/appointments',
    summary: "A person's bookings of a day, found from the ID card read at reception",
    query: appointmentListQuerySchema,
    responses: { 200: appointmentListResponseSchema, ...err(400, 401, 403, 422) },
  }),
  cancelAppointment: endpoint({
    method: 'POST',
    path: '/api/v1/appointments/:id/cancel',
    summary: 'Cancel a booking; its place in the slot is free again',
    params: idParams,
    responses: { 200: appointmentSchema, ...err(400, 401, 403, 404, 409) },
  }),
  checkInAppointment: endpoint({
    method: 'POST',
    path: '/api/v1/appointments/:id/check-in',
    summary: 'Check a booking in at reception by the ID card: issues a ticket of class appointment',
    params: idParams,
    body: checkInRequestSchema,
    responses: { 201: checkInResponseSchema, ...err(400, 401, 403, 404, 409, 422) },
  }),
} as const satisfies Record<string, Endpoint>;
