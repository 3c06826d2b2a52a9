import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Appointment, AppointmentSlot } from '../../contract/appointment';
import type { ScopeFilter } from '../auth/policy';
import type { HallQueryable } from '../db/client';
import { appointmentSlots, appointments } from '../db/schema';

export type SlotRow = typeof appointmentSlots.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

export function slotView(s: SlotRow): AppointmentSlot {
  return { id: s.id, zoneCode: s.zoneCode, day: s.day, start: s.start, end: s.end, capacity: s.capacity, booked: s.booked, available: Math.max(0, s.capacity - s.booked) };
}

/** Masked: the name and ID number never leave the hall in full (the caller read them off the card). */
export function appointmentView(a: AppointmentRow): Appointment {
  return { id: a.id, slotId: a.slotId, zoneCode: a.zoneCode, day: a.day, start: a.start, end: a.end, status: a.status, name: a.nameMasked, idNumberMasked: a.idNumberMasked, matterCode: a.matterCode, ticketId: a.ticketId };
}

/** What live screens get with `appointment.*` events: no name, no ID number. */
export function appointmentEvent(a: AppointmentRow) {
  return { id: a.id, slotId: a.slotId, zoneCode: a.zoneCode, day: a.day, start: a.start, end: a.end, status: a.status, ticketId: a.ticketId };
}

export async function findSlot(db: HallQueryable, id: string): Promise<SlotRow | null> {
  return (await db.select().from(appointmentSlots).where(eq(appointmentSlots.id, id)).limit(1))[0] ?? null;
}

export async function findAppointment(db: HallQueryable, id: string): Promise<AppointmentRow | null> {
  return (await db.select().from(appointments).where(eq(appointments.id, id)).limit(1))[0] ?? null;
}

export async function findAppointmentByRequest(db: HallQueryable, requestId: string): Promise<AppointmentRow | null> {
  return (await db.select().from(appointments).where(eq(appointments.requestId, requestId)).limit(1))[0] ?? null;
}

/** Zones a list may show under a scope (null: all). */
export function zonesOf(scope: ScopeFilter): string[] | null {
  return scope.kind === 'all' ? null : scope.kind === 'zones' ? [...scope.zoneCodes] : [];
}

export async function listSlots(db: HallQueryable, q: { zoneCodes: string[] | null; day?: string }): Promise<SlotRow[]> {
  const where: SQL[] = [];
  if (q.zoneCodes) {
    if (q.zoneCodes.length === 0) return [];
    where.push(inArray(appointmentSlots.zoneCode, q.zoneCodes));
  }
  if (q.day) where.push(eq(appointmentSlots.day, q.day));
  return db.select().from(appointmentSlots).where(and(...where)).orderBy(asc(appointmentSlots.day), asc(appointmentSlots.zoneCode), asc(appointmentSlots.start)).limit(2000);
}

export async function listAppointmentsOf(db: HallQueryable, q: { idNumberHash: string; day: string; zoneCodes: string[] | null }): Promise<AppointmentRow[]> {
  const where: SQL[] = [eq(appointments.idNumberHash, q.idNumberHash), eq(appointments.day, q.day)];
  if (q.zoneCodes) {
    if (q.zoneCodes.length === 0) return [];
    where.push(inArray(appointments.zoneCode, q.zoneCodes));
  }
  return db.select().from(appointments).where(and(...where)).orderBy(asc(appointments.start));
}
