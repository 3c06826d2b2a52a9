import type { CaseDetail } from '../contract/station-api';

type Material = CaseDetail['materials'][number];

/** A deferred material is overdue once its due date has passed without it. */
export function materialOverdue(m: Pick<Material, 'dueDate' | 'receivedAt' | 'receipt'>, on: string): boolean {
  return m.dueDate !== null && m.receipt === 'missing' && m.dueDate < on;
}
