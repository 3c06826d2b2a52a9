import { startOfLocalDate, type LocalDate } from './local-date';

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
