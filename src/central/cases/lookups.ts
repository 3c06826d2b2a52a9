import type { SQLWrapper } from 'drizzle-orm';
import { yearStatus, type CalendarVersion, type WorkCalendar } from '../../domain/calendar';
import type { CalendarYear } from '../../contract/catalog';
import { calendarInForce } from '../../domain/statutory-calendar';
import type { Matter, Site } from '../../domain/catalog';
import { siteOfWindow } from '../../domain/site';
import { listSites } from '../catalog/repository';
import type { ChecklistItem } from '../../domain/checklist';
import { calendarAtVersions, listCalendarYears } from '../calendar/repository';
import type { HallQueryable } from '../db/client';
import { caseEvents } from '../db/schema';
import { checklistOf, mattersOf } from './checklist';
import type { CaseHistoryEvent, CaseRow } from './record';
import { caseReads, caseWrites, catalogLookups } from './repository';
import type { Sealer } from '../crypto/sealer';

interface Held {
  row: CaseRow;
  history: CaseHistoryEvent[];
  /** Changed since it was read or inserted: written again at the end of the push. */
  changed: boolean;
}

/**
 * What the mutations of one push read and write, each once. A station that was offline all day
 * pushes hundreds of cases of the same few matters, ten mutations each, in one transaction: read
 * one by one, every mutation asked the database again for the calendar, the matters, their
 * materials, the case it had just written and that case's history, and wrote the case and a history
 * row — nine statements in ten of a drain.
 *
 * So the push keeps the cases it touches here, locked (FOR UPDATE on first touch, or inserted by
 * it), as they now stand; their history rows and final states go out with the push's last
 * statement (`writes`). Kept for one push only, one transaction: the catalogue and calendar cannot
 * change under it in a way it would notice, and nobody else can change the cases it holds.
 */
export class CaseLookups {
  private enteredRead: Promise<CalendarYear[]> | undefined;
  private calendarRead: Promise<WorkCalendar> | undefined;
  private readonly calendarsAt = new Map<string, Promise<WorkCalendar>>();
  private readonly matterSets = new Map<string, Promise<Matter[]>>();
  private readonly checklists = new Map<string, Promise<ChecklistItem[]>>();
  private readonly windowsKnown = new Map<string, Promise<boolean>>();
  private sitesRead: Promise<Site[]> | undefined;
  private readonly held = new Map<string, Held>();
  private readonly events: CaseHistoryEvent[] = [];

  constructor(
    private readonly db: HallQueryable,
    /** Cases are sealed at rest: they are opened when read here and sealed again when written. */
    readonly sealer: Sealer,
  ) {}

  /** The calendar in force: entered years, provisional ones from the statute. */
  calendar(): Promise<WorkCalendar> {
    this.calendarRead ??= this.entered().then(calendarInForce);
    return this.calendarRead;
  }

  /** The calendar as a station had it (the named revisions of the named years), once per set of versions. */
  calendarAt(versions: CalendarVersion[]): Promise<WorkCalendar> {
    const key = versions.map((v) => `${v.year}:${v.revision}`).join(',');
    return this.once(this.calendarsAt, key, async () => {
      // Usually the station had the calendar in force: the same object then, nothing to rebuild.
      const inForce = await this.calendar();
      if (versions.every((v) => yearStatus(inForce, v.year)?.revision === v.revision)) return inForce;
      return calendarAtVersions(this.db, await this.entered(), versions);
    });
  }

  private entered(): Promise<CalendarYear[]> {
    this.enteredRead ??= listCalendarYears(this.db).then((ys) => ys.map((y) => y.data));
    return this.enteredRead;
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

  /** The town centre running a window, or null for a window of the hall itself. */
  async siteOfWindow(code: string): Promise<Site | null> {
    this.sitesRead ??= listSites(this.db);
    return siteOfWindow(await this.sitesRead, code);
  }

  /** A case this push already holds, as it now stands, or null. */
  heldCase(id: string): CaseRow | null {
    return this.held.get(id)?.row ?? null;
  }

  /**
   * A mutation went through: keep the case as it now stands and its new history row (written at the
   * end of the push). `inserted`: the intake that just inserted the row. Answers the whole history.
   */
  async record(row: CaseRow, event: CaseHistoryEvent, inserted: boolean): Promise<CaseHistoryEvent[]> {
    const known = this.held.get(row.id);
    // A new case has no history but this event; a case first met here has what the database holds.
    const before = known ? known.history : inserted ? [] : await caseReads.history(this.db, row.id);
    const history = [...before, event];
    this.held.set(row.id, { row, history, changed: !inserted || (known?.changed ?? false) });
    this.events.push(event);
    return history;
  }

  /** The push's case writes, for its last statement: every history row, and each changed case once. */
  writes(tx: HallQueryable): SQLWrapper[] {
    const out: SQLWrapper[] = [];
    if (this.events.length > 0) out.push(tx.insert(caseEvents).values(this.events));
    for (const h of this.held.values()) if (h.changed) out.push(caseWrites.update(tx, this.sealer, h.row));
    return out;
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
