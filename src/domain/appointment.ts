import { dayInfo, type WorkCalendar } from './calendar';
import { addDays, dayOfWeek, startOfLocalDate, type LocalDate } from './local-date';

/**
 * Appointments (预约, CITIZEN.md part E): the pure rules of a slot's time and of checking in.
 * Times are the hall's local time (Asia/Shanghai), 'HH:MM' on the slot's day.
 */

export interface SlotTime {
  day: LocalDate;
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isClockTime(s: string): boolean {
  return HHMM.test(s);
}

/** Minutes after midnight of 'HH:MM'. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The instant 'HH:MM' on a local date (Asia/Shanghai). */
export function instantOf(day: LocalDate, hhmm: string): Date {
  return new Date(startOfLocalDate(day).getTime() + minutesOf(hhmm) * 60_000);
}

/** Two slots of one zone and day overlap when each starts before the other ends (touching is fine). */
export function slotsOverlap(a: Pick<SlotTime, 'start' | 'end'>, b: Pick<SlotTime, 'start' | 'end'>): boolean {
  return minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end);
}

export interface CheckInWindow {
  /** Minutes before the slot's start that check-in opens (APPOINTMENT_EARLY_MINUTES). */
  earlyMinutes: number;
  /** Minutes after the slot's end that check-in closes (APPOINTMENT_LATE_MINUTES). */
  lateMinutes: number;
}

export const defaultCheckInWindow: CheckInWindow = { earlyMinutes: 30, lateMinutes: 0 };

/**
 * Where `now` falls against a slot's check-in window: before it opens, inside it (both ends
 * included), or after it closed (the appointment is then missed).
 */
export function checkInTiming(slot: SlotTime, now: Date, w: CheckInWindow): 'too-early' | 'open' | 'too-late' {
  const opens = instantOf(slot.day, slot.start).getTime() - w.earlyMinutes * 60_000;
  const closes = instantOf(slot.day, slot.end).getTime() + w.lateMinutes * 60_000;
  const t = now.getTime();
  if (t < opens) return 'too-early';
  if (t > closes) return 'too-late';
  return 'open';
}

/** A slot takes bookings until it ends. */
export function slotClosed(slot: SlotTime, now: Date): boolean {
  return now.getTime() >= instantOf(slot.day, slot.end).getTime();
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export const isoWeekday = (d: LocalDate): number => dayOfWeek(d) || 7;

/** The weekday whose template a make-up working day (调休补班) gets: a Monday's. */
export const MAKEUP_DAY_AS_WEEKDAY = 1;

export interface TemplateDays {
  /** Days that get the template's slots, ascending; `makeup` names a 补班 day laid out as a Monday. */
  days: Array<{ day: LocalDate; makeup: string | null }>;
  /** Chosen weekdays on which the hall does not work: statutory holidays by name, and rest days. */
  skipped: Array<{ day: LocalDate; reason: 'holiday' | 'weekend'; name: string | null }>;
}

/**
 * Which of the `count` days from `from` a week template lays its slots on, by the hall calendar:
 * a working day whose weekday (1 Monday … 7 Sunday) is chosen; a make-up working day (补班, a
 * Saturday or Sunday the hall works) as a Monday, when Monday is chosen; never a statutory holiday
 * or a rest day, even of a chosen weekday (those are named in `skipped`). Throws the calendar's
 * CALENDAR_YEAR_UNKNOWN for a day beyond the years the hall knows.
 */
export function templateDays(cal: WorkCalendar, from: LocalDate, count: number, weekdays: readonly number[]): TemplateDays {
  const out: TemplateDays = { days: [], skipped: [] };
  for (let i = 0; i < count; i++) {
    const day = addDays(from, i);
    const info = dayInfo(cal, day);
    const chosen = weekdays.includes(isoWeekday(day));
    if (info.reason === 'makeup') {
      if (weekdays.includes(MAKEUP_DAY_AS_WEEKDAY)) out.days.push({ day, makeup: info.name ?? '' });
    } else if (info.working) {
      if (chosen) out.days.push({ day, makeup: null });
    } else if (chosen) {
      out.skipped.push({ day, reason: info.reason === 'holiday' ? 'holiday' : 'weekend', name: info.name ?? null });
    }
  }
  return out;
}
