import { and, eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import { slotsOverlap } from '../../domain/appointment';
import type { Permit } from '../auth/policy';
import { zoneExists } from '../catalog/repository';
import type { HallContext } from '../context';
import { appointmentSlots } from '../db/schema';
import { inWork, type Work } from '../db/work';
import type { Actor } from '../audit/writer';
import { HallError } from '../http/errors';
import type { SlotRow } from './records';

export interface SlotInput {
  zoneCode: string;
  day: string;
  start: string;
  end: string;
  capacity: number;
}

/**
 * Open a slot. Slots of one zone and day never overlap (a citizen booked at 09:00 must not find a
 * second 09:00–10:00 list at the desk): checked under a lock on the zone-day's slots, and the unique
 * (zone, day, start) index stops two identical ones racing in.
 */
export async function createSlot(ctx: HallContext, actor: Actor, permit: Permit, input: SlotInput): Promise<SlotRow> {
  if (!(await zoneExists(ctx.db.drizzle, input.zoneCode))) {
    throw new HallError('ZONE_UNKNOWN', `the hall has no zone ${input.zoneCode}`, { zoneCode: input.zoneCode });
  }
  permit.require({ zoneCodes: [input.zoneCode] });
  return inWork(ctx, actor, (w) => addSlot(w, input));
}

/** Inside a unit of work: refuse an overlap, else insert. */
export async function addSlot(w: Work, input: SlotInput): Promise<SlotRow> {
  const sameDay = await w.tx
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.zoneCode, input.zoneCode), eq(appointmentSlots.day, input.day)))
    .for('update');
  const clash = sameDay.find((s) => slotsOverlap(s, input));
  if (clash) {
    throw new HallError('SLOT_OVERLAPS', `zone ${input.zoneCode} already has a slot ${clash.start}–${clash.end} on ${input.day}`, { slotId: clash.id, start: clash.start, end: clash.end }, 409);
  }
  const row: SlotRow = { id: ulid(w.at.getTime()), zoneCode: input.zoneCode, day: input.day, start: input.start, end: input.end, capacity: input.capacity, booked: 0, createdBy: w.actor.staffId, createdAt: w.at };
  await w.tx.insert(appointmentSlots).values(row);
  w.audit({ action: 'appointment.slot-created', entity: 'appointment-slot', entityId: row.id, after: row });
  return row;
}
