import { and, eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { WeekLayout } from '../../contract/appointment';
import { slotsOverlap, templateDays } from '../../domain/appointment';
import type { Permit } from '../auth/policy';
import { loadWorkCalendar } from '../calendar/repository';
import { zoneExists } from '../catalog/repository';
import type { HallContext } from '../context';
import { appointmentSlots } from '../db/schema';
import { inWork, type Work } from '../db/work';
import type { Actor } from '../audit/writer';
import { HallError } from '../http/errors';
import { slotView, type SlotRow } from './records';

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

export interface WeekInput {
  zoneCode: string;
  from: string;
  days: number;
  weekdays: number[];
  slots: Array<{ start: string; end: string; capacity: number }>;
}

/**
 * The template's slots on each chosen weekday the hall works (the hall calendar: statutory holidays
 * and rest days skipped and named, a 补班 day laid out as a Monday), in one unit of work; what
 * overlaps a slot already there is skipped.
 */
export async function layOutWeek(ctx: HallContext, actor: Actor, permit: Permit, t: WeekInput): Promise<WeekLayout> {
  if (!(await zoneExists(ctx.db.drizzle, t.zoneCode))) {
    throw new HallError('ZONE_UNKNOWN', `the hall has no zone ${t.zoneCode}`, { zoneCode: t.zoneCode });
  }
  permit.require({ zoneCodes: [t.zoneCode] });
  const plan = templateDays(await loadWorkCalendar(ctx.db.drizzle), t.from, t.days, t.weekdays);
  return inWork(ctx, actor, async (w) => {
    const out: WeekLayout = {
      created: [],
      skipped: [],
      skippedDays: plan.skipped,
      skippedHolidays: plan.skipped.filter((d) => d.reason === 'holiday').length,
      makeupDays: plan.days.flatMap((d) => (d.makeup === null ? [] : [{ day: d.day, name: d.makeup }])),
    };
    for (const { day } of plan.days) {
      for (const s of t.slots) {
        try {
          out.created.push(slotView(await addSlot(w, { zoneCode: t.zoneCode, day, ...s })));
        } catch (e) {
          if (!(e instanceof HallError) || e.code !== 'SLOT_OVERLAPS') throw e;
          out.skipped.push({ day, start: s.start, end: s.end });
        }
      }
    }
    return out;
  });
}
