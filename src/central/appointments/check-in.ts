import { and, eq } from 'drizzle-orm';
import type { IssuedTicket } from '../../contract/queue';
import { checkInTiming, instantOf } from '../../domain/appointment';
import { parseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import type { Actor } from '../audit/writer';
import type { Permit } from '../auth/policy';
import type { HallContext } from '../context';
import { appointments } from '../db/schema';
import { inWork } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { issueTicket } from '../queue/issue';
import { notFound } from './booking';
import { appointmentEvent, findAppointment, type AppointmentRow } from './records';

export interface CheckInOutcome {
  appointment: AppointmentRow;
  ticket: IssuedTicket;
}

/**
 * Check a booking in at reception: the card read must be the booked person's, inside the slot's
 * check-in window. The ticket (class `appointment`) is issued under the booking's own requestId, so
 * two desks checking the same person in at once get one ticket; the status moves booked → checked-in
 * once, and the second desk hears APPOINTMENT_ALREADY_CHECKED_IN.
 */
export async function checkIn(ctx: HallContext, actor: Actor, permit: Permit, id: string, idNumber: string): Promise<CheckInOutcome> {
  const a = await findAppointment(ctx.db.drizzle, id);
  if (!a) throw notFound(id)();
  permit.require({ zoneCodes: [a.zoneCode] }, notFound(id));
  const now = ctx.now();
  const doc = unwrap(parseIdNumber(idNumber, localDateInShanghai(now)));
  if (ctx.sealer.index(doc.number) !== a.idNumberHash) {
    throw new HallError('APPOINTMENT_ID_MISMATCH', 'the ID card read is not the booked person’s', { idNumberMasked: a.idNumberMasked }, 409);
  }
  refuseByStatus(a);
  const timing = checkInTiming(a, now, ctx.config.appointments);
  if (timing === 'too-early') {
    const opens = new Date(instantOf(a.day, a.start).getTime() - ctx.config.appointments.earlyMinutes * 60_000);
    throw new HallError('CHECK_IN_TOO_EARLY', `check-in opens at ${opens.toISOString()}`, { opensAt: opens.toISOString(), start: a.start, day: a.day }, 409);
  }
  if (timing === 'too-late') {
    await markMissed(ctx, actor, a);
    throw tooLate(a);
  }

  const issued = await issueTicket(ctx, actor, { zoneCode: a.zoneCode, matterCode: a.matterCode ?? undefined, priority: 'appointment', idNumber: doc.number, requestId: a.ticketRequestId }, permit);
  const row = await inWork(ctx, actor, async (w) => {
    const moved = await w.tx
      .update(appointments)
      .set({ status: 'checked-in', ticketId: issued.ticket.id, updatedAt: w.at })
      .where(and(eq(appointments.id, a.id), eq(appointments.status, 'booked')))
      .returning();
    const next = moved[0];
    if (!next) {
      const now = (await w.tx.select().from(appointments).where(eq(appointments.id, a.id)))[0]!;
      refuseByStatus(now);
      throw new HallError('APPOINTMENT_ALREADY_CHECKED_IN', 'the appointment was already checked in', {}, 409);
    }
    w.change({ entity: 'appointment', id: a.id, op: 'upsert', event: 'appointment.checked-in', data: appointmentEvent(next) });
    w.audit({ action: 'appointment.checked-in', entity: 'appointment', entityId: a.id, after: { ticketId: issued.ticket.id, ticketNumber: issued.ticket.number } });
    return next;
  });
  return { appointment: row, ticket: issued.ticket };
}

function refuseByStatus(a: AppointmentRow): void {
  if (a.status === 'checked-in') throw new HallError('APPOINTMENT_ALREADY_CHECKED_IN', 'the appointment was already checked in', { ticketId: a.ticketId }, 409);
  if (a.status === 'cancelled') throw new HallError('APPOINTMENT_CANCELLED', 'the appointment was cancelled', {}, 409);
  if (a.status === 'missed') throw tooLate(a);
}

const tooLate = (a: AppointmentRow) => new HallError('CHECK_IN_TOO_LATE', `check-in for ${a.day} ${a.start}–${a.end} has closed; the appointment is missed`, { day: a.day, end: a.end }, 409);

/** Past the window: the booking becomes missed (kept for the no-show figures), once. */
async function markMissed(ctx: HallContext, actor: Actor, a: AppointmentRow): Promise<void> {
  await inWork(ctx, actor, async (w) => {
    const moved = await w.tx.update(appointments).set({ status: 'missed', updatedAt: w.at }).where(and(eq(appointments.id, a.id), eq(appointments.status, 'booked'))).returning();
    if (moved[0]) {
      w.change({ entity: 'appointment', id: a.id, op: 'upsert', event: 'appointment.missed', data: appointmentEvent(moved[0]) });
      w.audit({ action: 'appointment.missed', entity: 'appointment', entityId: a.id, before: { status: 'booked' }, after: { status: 'missed' } });
    }
  });
}
