/**
 * A window's pause as the timeline keeps it, and how long it lasted: a pause still open counts up
 * to now; a clock a little behind (resumed "before" paused) counts as no time, never negative.
 */
export function pauseSeconds(pausedAt: Date, resumedAt: Date | null, now: Date): number {
  const end = resumedAt ?? now;
  return Math.max(0, Math.floor((end.getTime() - pausedAt.getTime()) / 1000));
}

/**
 * Why a window paused, as the reports count it: the hall's own list (the words the pause control
 * offers, 午休 / 会议 / 业务咨询 / 设备故障, in Chinese or the English screen's words) and 其他 for
 * anything typed. Stable codes: the queue report's `paused<Code>Seconds` figures are named by them.
 */
export const pauseReasonCodes = ['lunch', 'meeting', 'consult', 'fault', 'other'] as const;
export type PauseReasonCode = (typeof pauseReasonCodes)[number];

const reasonWords: Record<Exclude<PauseReasonCode, 'other'>, readonly string[]> = {
  lunch: ['午休', 'lunch'],
  meeting: ['会议', 'meeting'],
  consult: ['业务咨询', 'consultation'],
  fault: ['设备故障', 'equipment fault'],
};

export const pauseReasonNames: Record<PauseReasonCode, string> = { lunch: '午休', meeting: '会议', consult: '业务咨询', fault: '设备故障', other: '其他' };

/** The code of a pause reason as typed or picked (case, spaces and a trailing full stop do not matter). */
export function pauseReasonCode(reason: string | null | undefined): PauseReasonCode {
  const r = (reason ?? '').trim().replace(/[。.]$/, '').toLowerCase();
  for (const code of ['lunch', 'meeting', 'consult', 'fault'] as const) if (reasonWords[code].includes(r)) return code;
  return 'other';
}

/** The queue report's figure of paused seconds for one reason: `pausedLunchSeconds` … `pausedOtherSeconds`. */
export const pausedFigure = (code: PauseReasonCode): string => `paused${code[0]!.toUpperCase()}${code.slice(1)}Seconds`;
