import type { WorkCalendar } from '../../domain/calendar';
import type { Matter } from '../../domain/catalog';
import type { ChecklistItem } from '../../domain/checklist';
import { loadWorkCalendar } from '../calendar/repository';
import type { HallQueryable } from '../db/client';
import { checklistOf, mattersOf } from './checklist';
import type { CaseEventRow, CaseRow } from './record';
import { caseReads, catalogLookups } from './repository';

/**
 * What the mutations of one push read, read once. A station that was offline all day pushes
 * hundreds of cases of the same few matters, ten mutations each, in one transaction: without this,
 * every mutation asked the database again for the calendar, the matters, their materials, the case
 * it had just written and that case's history — three quarters of the statements of a drain.
 *
 * Kept for one push only (one transaction): the catalogue and calendar cannot change under it in a
 * way it would notice, and the cases it holds are locked by it.
 */
export class CaseLookups {
  private calendarRead: Promise<WorkCalendar> | undefined;
  private readonly matterSets = new Map<string, Promise<Matter[]>>();
  private readonly checklists = new Map<string, Promise<ChecklistItem[]>>();
  private readonly windowsKnown = new Map<string, Promise<boolean>>();
  /** Cases this push has locked or written, as they now stand, with their history. */
  private readonly held = new Map<string, { row: CaseRow; history: CaseEventRow[] }>();

  constructor(private readonly db: HallQueryable) {}

  calendar(): Promise<WorkCalendar> {
    this.calendarRead ??= loadWorkCalendar(this.db);
    return this.calendarRead;
  }

  /** `mattersOf`, once per list of codes (a failed look-up is not kept: it throws again). */
  matters(codes: string[]): Promise<Matter[]> {
    return this.once(this.matterSets, codes.join('\u0000'), () => mattersOf(this.db, codes));
  }

  checklist(matters: Matter[]): Promise<ChecklistItem[]> {
    return this.once(this.checklists, matters.map((m) => m.code).join('\u0000'), () => checklistOf(this.db, matters));
  }

  windowExists(code: string): Promise<boolean> {
    return this.once(this.windowsKnown, code, () => catalogLookups.windowExists(this.db, code));
  }

  /** A case this push already holds (locked and maybe written), or null. */
  heldCase(id: string): CaseRow | null {
    return this.held.get(id)?.row ?? null;
  }

  /** Remember a case as this push left it; `event` is the history row just written for it. */
  async holdCase(row: CaseRow, event: CaseEventRow, isNew: boolean): Promise<CaseEventRow[]> {
    const known = this.held.get(row.id);
    // A new case has no history but this event; a case seen before has what we kept plus it.
    const history = isNew ? [event] : known ? [...known.history, event] : await caseReads.history(this.db, row.id);
    this.held.set(row.id, { row, history });
    return history;
  }

  private once<T>(memo: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    let p = memo.get(key);
    if (!p) {
      p = read();
      memo.set(key, p);
      p.catch(() => memo.delete(key));
    }
    return p;
  }
}
