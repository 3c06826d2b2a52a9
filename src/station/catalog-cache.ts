import type { WorkCalendar } from '../domain/calendar';
import type { Matter } from '../domain/catalog';
import { DomainFailure } from '../domain/result';
import { calendarInForce } from '../domain/statutory-calendar';
import { buildSearchIndex, type CatalogSearchIndex } from './catalog-search';
import type { CatalogSnapshot, Store } from './store';

/**
 * The catalogue, calendar and search index as the intake screen uses them, rebuilt only when a
 * pull changed the catalogue or the calendar (catalogVersion), not on every keystroke.
 */
export class CatalogCache {
  private version = -1;
  private snapshot: CatalogSnapshot | null = null;
  private index: CatalogSearchIndex | null = null;
  private calendar: WorkCalendar | null = null;
  private matterByCode = new Map<string, Matter>();

  constructor(private readonly store: Store) {}

  private refresh(): void {
    const version = this.store.syncState.get().catalogVersion;
    if (version === this.version) return;
    this.version = version;
    this.snapshot = this.store.cache.catalog(version);
    this.index = this.snapshot ? buildSearchIndex(this.snapshot, version) : null;
    this.matterByCode = new Map((this.snapshot?.matters ?? []).map((m) => [m.code, m]));
    // The entered years as last pulled, and the statute's provisional years where none is entered
    // (the same derivation as the hall's, so both count the same days). A station that never
    // pulled a year promises nothing.
    const years = this.store.cache.calendarYears();
    this.calendar = years.length > 0 ? calendarInForce(years) : null;
  }

  /** The catalogue, or CATALOG_NOT_SYNCED before the first sync brought one. */
  catalog(): CatalogSnapshot {
    this.refresh();
    if (!this.snapshot) throw new DomainFailure('CATALOG_NOT_SYNCED', '工作站还没有从大厅服务器取得事项目录，请连接服务器后登录一次');
    return this.snapshot;
  }

  hasCatalog(): boolean {
    this.refresh();
    return this.snapshot !== null;
  }

  search(): CatalogSearchIndex {
    this.catalog();
    return this.index!;
  }

  workCalendar(): WorkCalendar {
    this.refresh();
    if (!this.calendar) throw new DomainFailure('CALENDAR_NOT_SYNCED', '工作站还没有节假日数据，无法计算承诺办结日期，请连接大厅服务器同步');
    return this.calendar;
  }

  /** The matters by code, in the order given; MATTER_UNKNOWN names the ones the catalogue lacks. */
  matters(codes: string[]): Matter[] {
    this.catalog();
    const unknown = codes.filter((c) => !this.matterByCode.has(c));
    if (unknown.length > 0) throw new DomainFailure('MATTER_UNKNOWN', `事项 ${unknown.join('、')} 不在事项目录中`, { matterCodes: unknown });
    return [...new Set(codes)].map((c) => this.matterByCode.get(c)!);
  }

  matterName(code: string): string {
    this.refresh();
    return this.matterByCode.get(code)?.name ?? code;
  }
}
