import { dayOfWeek, localDateInShanghai, type LocalDate } from '../domain/local-date';

/**
 * Formatting of times for the counter screens. The hall is in Asia/Shanghai and counter PCs are not
 * always set to it (a browser in a town centre may run on UTC): clock times are computed at UTC+8
 * explicitly, the same fixed offset src/domain uses.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "04:10" under an hour, "1:02:03" above; negative or missing durations show "00:00". */
export function formatDuration(totalSeconds: number): string {
  const t = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(sec)}` : `${pad2(m)}:${pad2(sec)}`;
}

/** Whole seconds from an ISO instant to `now` (0 when the instant is missing or in the future). */
export function secondsSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.floor((now - at) / 1000));
}

/** Whole seconds between two ISO instants (0 if either is missing). */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number {
  if (!from || !to) return 0;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? 0 : Math.max(0, Math.floor((b - a) / 1000));
}

/** Minutes for the hall board: rounded down, as people count waiting ("等了32分"). */
export function wholeMinutes(seconds: number): number {
  return Math.max(0, Math.floor(seconds / 60));
}

/** "09:05" in Asia/Shanghai. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** "2026-11-28 09:05" in Asia/Shanghai. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return `${localDateInShanghai(new Date(ms))} ${clockTime(iso)}`;
}

export function today(now: number = Date.now()): LocalDate {
  return localDateInShanghai(new Date(now));
}

/** "6分12秒" style average for the day's figures. */
export function minutesSeconds(seconds: number, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const t = Math.max(0, Math.round(seconds));
  const m = Math.floor(t / 60);
  const s = t % 60;
  if (lang === 'en') return m > 0 ? `${m} min ${s} s` : `${s} s`;
  return m > 0 ? `${m}分${s}秒` : `${s}秒`;
}

export type WaitTone = 'ok' | 'warn' | 'alarm';

/**
 * The supervisor's warning colour: orange from the threshold, red from twice the threshold.
 * A threshold of 0 or less switches the colouring off.
 */
export function waitTone(seconds: number, warnMinutes: number): WaitTone {
  if (!(warnMinutes > 0)) return 'ok';
  const minutes = seconds / 60;
  if (minutes >= warnMinutes * 2) return 'alarm';
  if (minutes >= warnMinutes) return 'warn';
  return 'ok';
}

export interface DrainProgress {
  done: number;
  total: number;
  percent: number;
}

/**
 * Progress of the outbox drain: `drainTotal` is the backlog when the drain started, `pending` what
 * is left. New work queued during the drain can make pending exceed drainTotal; the bar then shows 0
 * rather than a negative number, and never 100 while anything is pending.
 */
export function drainProgress(state: { pending: number; drainTotal: number }): DrainProgress {
  const total = Math.max(state.drainTotal, state.pending, 0);
  if (total === 0) return { done: 0, total: 0, percent: 100 };
  const done = Math.max(0, total - state.pending);
  const raw = Math.floor((done / total) * 100);
  return { done, total, percent: state.pending > 0 ? Math.min(99, raw) : 100 };
}

const WEEKDAYS = { 'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] } as const;

/** "12-09 周三": a due date a clerk reads out to the applicant, with the day of the week. */
export function dayWithWeekday(date: LocalDate, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return `${date.slice(5)} ${WEEKDAYS[lang][dayOfWeek(date)]}`;
}
