import type { CaseStatus } from './case';
import type { LocalDate } from './local-date';

/**
 * What the citizen's progress page (the receipt's QR) says about a case, in plain words: where it
 * stands on the way 受理 → 审查 → 决定 → 办结/可领取, and what the applicant must still do. Pure: the
 * caller gives the case's status and dates, this says how to put them.
 */
/** The case's own statuses (case.ts): the page words every one of them. */
export type CaseStatusForProgress = CaseStatus;

export interface ProgressStep {
  label: string;
  state: 'done' | 'current' | 'todo';
}

export interface CaseProgress {
  /** One sentence: what is happening with the application now. */
  headline: string;
  /** The four steps; empty for an application that was never accepted (correction, refusal). */
  steps: ProgressStep[];
  /** Whether the result is waiting at the hall to be collected. */
  collectable: boolean;
  /** Whether the promised date still runs (accepted, not yet decided). */
  running: boolean;
}

export const PROGRESS_STEPS = ['受理', '审查', '决定', '办结'] as const;

/** The step the case is at now (those before it are done); 4: all done. */
const CURRENT: Partial<Record<CaseStatusForProgress, number>> = {
  accepted: 1,
  'accepted-deferred': 1,
  'in-review': 1,
  approved: 3,
  denied: 3,
  ready: 3,
  delivered: 4,
};

const HEADLINE: Record<CaseStatusForProgress, string> = {
  accepted: '您的申请已受理，正在等待审查',
  'accepted-deferred': '您的申请已容缺受理，请按期补交材料',
  'in-review': '您的申请正在审查中',
  approved: '审批部门已作出准予决定，正在制作办理结果',
  denied: '审批部门已作出不予许可的决定，请到窗口领取决定书',
  ready: '办理结果已可领取',
  delivered: '已办结，办理结果已送达',
  'correction-notified': '申请材料需要补正，请按补正告知书补齐后再来办理',
  rejected: '申请未予受理，详见不予受理通知书',
};

const RUNNING = new Set<CaseStatusForProgress>(['accepted', 'accepted-deferred', 'in-review']);

export function caseProgress(status: CaseStatusForProgress): CaseProgress {
  const current = CURRENT[status];
  const steps: ProgressStep[] =
    current === undefined
      ? []
      : PROGRESS_STEPS.map((label, i) => ({
          // The last step reads 可领取 while the result waits at the hall, 办结 once it is handed out.
          label: i === 3 && status === 'ready' ? '可领取' : label,
          state: i < current ? 'done' : i === current ? 'current' : 'todo',
        }));
  return { headline: HEADLINE[status], steps, collectable: status === 'ready' || status === 'denied', running: RUNNING.has(status) };
}

/** A material still owed under 容缺: not handed in, with the day it is due. */
export function owedMaterials<M extends { receipt: string; dueDate: LocalDate | null }>(status: CaseStatusForProgress, materials: readonly M[]): Array<M & { dueDate: LocalDate }> {
  if (status !== 'accepted-deferred' && status !== 'in-review') return [];
  return materials.filter((m): m is M & { dueDate: LocalDate } => m.receipt === 'missing' && m.dueDate !== null).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** `2026-12-07` → `2026年12月7日`. */
export function chineseDate(d: LocalDate): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}
