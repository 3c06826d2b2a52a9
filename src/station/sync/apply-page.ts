import { caseRecordSchema } from '../../contract/case';
import type { PullResponse } from '../../contract/sync';
import type { Store } from '../store';

export interface PageSummary {
  applied: number;
  catalogChanged: boolean;
  calendarChanged: boolean;
  queueChanged: boolean;
  /** Cases whose local row changed (for the UI's case list). */
  caseIds: string[];
  /** Changes the station could not read (kept out of the cache, reported in the sync run). */
  problems: string[];
}

/**
 * Applies one pull page and stores its cursor in the same transaction, so a crash (or a server
 * that drops mid-pull) leaves either the whole page with its cursor or neither: the next pull
 * starts from the last cursor that was stored with its data.
 */
export function applyPullPage(store: Store, page: PullResponse): PageSummary {
  const summary: PageSummary = { applied: 0, catalogChanged: false, calendarChanged: false, queueChanged: false, caseIds: [], problems: [] };
  // Each case change carries the whole case as it stood: where a page holds several versions of one
  // case (a day's drain brings ten per case), only the last needs storing.
  const lastOfCase = new Map<string, number>();
  page.changes.forEach((c, i) => {
    if (c.entity === 'case') lastOfCase.set(c.id, i);
  });
  store.db.transaction((tx) => {
    for (const [i, change] of page.changes.entries()) {
      if (change.entity === 'case') {
        if (change.op === 'delete' || lastOfCase.get(change.id) !== i) continue;
        const parsed = caseRecordSchema.safeParse(change.data);
        if (!parsed.success) {
          summary.problems.push(`case ${change.id}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
          continue;
        }
        const outcome = store.cases.applyServerCase(tx, parsed.data);
        if (outcome === 'applied') {
          summary.applied++;
          summary.caseIds.push(parsed.data.id);
        } else if (outcome === 'number-taken') {
          summary.problems.push(`case ${parsed.data.caseNo}: the number is held by another local case`);
        }
        continue;
      }
      const r = store.cache.applyChange(tx, change);
      if (r.problem) summary.problems.push(r.problem);
      if (r.kind === 'ignored') continue;
      summary.applied++;
      if (r.kind === 'catalog') summary.catalogChanged = true;
      if (r.kind === 'calendar') summary.calendarChanged = true;
      if (r.kind === 'ticket' || r.kind === 'window-state') summary.queueChanged = true;
    }
    store.syncState.setCursor(tx, page.cursor, summary.catalogChanged || summary.calendarChanged);
  });
  return summary;
}
