import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { BookAppointmentRequest } from '../../contract/appointment';
import { slotClosed } from '../../domain/appointment';
import { parseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { maskIdNumber, maskName } from '../../domain/masking';
import type { Actor } from '../audit/writer';
import type { Permit } from '../auth/policy';
import { findMatter } from '../catalog/repository';
import type { HallContext } from '../context';
import { isUniqueViolation } from '../db/pg-errors';
import { appointmentSlots, appointments } from '../db/schema';
import { inWork } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { appointmentEvent, findAppointment, findAppointmentByRequest, findSlot, type AppointmentRow } from './records';

const notFound = (id: string) => () => new HallError('APPOINTMENT_NOT_FOUND', `no appointment ${id}`, { id });

export interface BookOutcome {
  appointment: AppointmentRow;
  replay: boolean;
}

/**
 * Book one place in a slot. The place is taken by ONE conditional UPDATE (`booked < capacity`) in
 * the booking's transaction: concurrent bookings queue on the slot's row lock and each re-checks the
 * count the one before it left, so a slot of 10 takes exactly 10. A failed insert rolls the place back.
 */
export async function book(ctx: HallContext, actor: Actor, permit: Permit, req: BookAppointmentRequest): Promise<BookOutcome> {
  const seen = await findAppointmentByRequest(ctx.db.drizzle, req.requestId);
  if (seen) return replay(permit, seen, req);

  const slot = await findSlot(ctx.db.drizzle, req.slotId);
  if (!slot) throw new HallError('SLOT_NOT_FOUND', `no appointment slot ${req.slotId}`, { slotId: req.slotId });
  permit.require({ zoneCodes: [slot.zoneCode] });
  const now = ctx.now();
  if (slotClosed(slot, now)) throw new HallError('SLOT_CLOSED', `the slot ${slot.day} ${slot.start}–${slot.end} has ended`, { slotId: slot.id }, 409);
  const doc = unwrap(parseIdNumber(req.idNumber, localDateInShanghai(now)));
  if (req.matterCode) {
    const matter = await findMatter(ctx.db.drizzle, req.matterCode);
    if (!matter) throw new HallError('MATTER_UNKNOWN', `the catalogue has no matter ${req.matterCode}`, { matterCode: req.matterCode });
    if (matter.zoneCode !== slot.zoneCode) throw new HallError('MATTER_NOT_IN_ZONE', `matter ${req.matterCode} is handled in zone ${matter.zoneCode}`, { matterCode: req.matterCode, zoneCode: matter.zoneCode });
  }
  const idNumberHash = ctx.sealer.index(doc.number);

  try {
    const row = await inWork(ctx, actor, async (w) => {
      const live = await w.tx
        .select({ id: appointments.id })
        .from(appointments)
        .where(and(eq(appointments.idNumberHash, idNumberHash), eq(appointments.day, slot.day), eq(appointments.zoneCode, slot.zoneCode), inArray(appointments.status, ['booked', 'checked-in'])))
        .limit(1);
      if (live[0]) throw duplicate(slot.day, slot.zoneCode);
      const taken = await w.tx
        .update(appointmentSlots)
        .set({ booked: sql`${appointmentSlots.booked} + 1` })
        .where(and(eq(appointmentSlots.id, slot.id), lt(appointmentSlots.booked, appointmentSlots.capacity)))
        .returning({ booked: appointmentSlots.booked });
      if (taken.length === 0) throw new HallError('SLOT_FULL', `the slot ${slot.day} ${slot.start}–${slot.end} is fully booked`, { slotId: slot.id, capacity: slot.capacity }, 409);
      const a: AppointmentRow = {
        id: ulid(w.at.getTime()),
        slotId: slot.id,
        zoneCode: slot.zoneCode,
        day: slot.day,
        start: slot.start,
        end: slot.end,
        status: 'booked',
        nameSealed: ctx.sealer.seal(req.name),
        nameMasked: maskName(req.name),
        idNumberMasked: maskIdNumber(doc.number),
        idNumberHash,
        phoneSealed: req.phone ? ctx.sealer.seal(req.phone) : null,
        matterCode: req.matterCode ?? null,
        requestId: req.requestId,
        ticketRequestId: ulid(w.at.getTime()),
        ticketId: null,
        bookedBy: actor.staffId ?? 'system',
        createdAt: w.at,
        updatedAt: w.at,
      };
      await w.tx.insert(appointments).values(a);
      w.change({ entity: 'appointment', id: a.id, op: 'upsert', event: 'appointment.booked', data: appointmentEvent(a) });
      w.audit({ action: 'appointment.booked', entity: 'appointment', entityId: a.id, after: appointmentEvent(a) });
      return a;
    });
    return { appointment: row, replay: false };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // The same requestId raced in: answer with the winner's booking. Otherwise the same person did.
    const winner = await findAppointmentByRequest(ctx.db.drizzle, req.requestId);
    if (winner) return replay(permit, winner, req);
    throw duplicate(slot.day, slot.zoneCode);
  }
}

const duplicate = (day: string, zoneCode: string) =>
  new HallError('APPOINTMENT_DUPLICATE', `this person already has an appointment in zone ${zoneCode} on ${day}`, { day, zoneCode }, 409);

function replay(permit: Permit, a: AppointmentRow, req: BookAppointmentRequest): BookOutcome {
  permit.require({ zoneCodes: [a.zoneCode], staffId: a.bookedBy });
  // The same requestId for another slot is a client bug; answering with the old booking would hide it.
  if (a.slotId !== req.slotId) throw new HallError('REQUEST_ID_REUSED', `requestId ${req.requestId} was already used for another booking`, { appointmentId: a.id });
  return { appointment: a, replay: true };
}

/** Cancel a booking and give its place back. Cancelling a cancelled booking answers with it again. */
export async function cancel(ctx: HallContext, actor: Actor, permit: Permit, id: string): Promise<AppointmentRow> {
  return inWork(ctx, actor, async (w) => {
    const a = (await w.tx.select().from(appointments).where(eq(appointments.id, id)).for('update'))[0];
    if (!a) throw notFound(id)();
    permit.require({ zoneCodes: [a.zoneCode], staffId: a.bookedBy }, notFound(id));
    if (a.status === 'cancelled') return a;
    if (a.status !== 'booked') throw new HallError('APPOINTMENT_NOT_CANCELLABLE', `the appointment is ${a.status}`, { status: a.status }, 409);
    const next: AppointmentRow = { ...a, status: 'cancelled', updatedAt: w.at };
    w.later(w.tx.update(appointments).set({ status: 'cancelled', updatedAt: w.at }).where(eq(appointments.id, id)));
    w.later(w.tx.update(appointmentSlots).set({ booked: sql`${appointmentSlots.booked} - 1` }).where(eq(appointmentSlots.id, a.slotId)));
    w.change({ entity: 'appointment', id, op: 'upsert', event: 'appointment.cancelled', data: appointmentEvent(next) });
    w.audit({ action: 'appointment.cancelled', entity: 'appointment', entityId: id, before: { status: a.status }, after: { status: 'cancelled' } });
    return next;
  });
}

export { findAppointment, notFound };
