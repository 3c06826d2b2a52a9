import { existsSync, readFileSync } from 'node:fs';
import { calendarYearSchema } from '../../../src/contract/catalog';
import { importCatalogJson } from '../../../src/contract/catalog-import';
import type { WorkCalendar } from '../../../src/domain/calendar';
import { calendarInForce } from '../../../src/domain/statutory-calendar';
import type { Catalog } from '../../../src/domain/catalog';

const root = new URL('../../../', import.meta.url);
export const demoCatalogPath = new URL('resources/catalog/demo-hall.json', root);

export function hasDemoCatalog(): boolean {
  return existsSync(demoCatalogPath);
}

/** The demo hall (276 matters, 8 zones) as the hall server loads it on first start. */
export function demoCatalog(): Catalog {
  const r = importCatalogJson(JSON.parse(readFileSync(demoCatalogPath, 'utf8')));
  if (!r.ok) throw new Error(`demo catalogue: ${r.error.message}`);
  return r.value;
}

/** The calendar the hall counts on: the entered years, the statute's provisional ones after them. */
export function demoCalendar(): WorkCalendar {
  return calendarInForce([2025, 2026].map((y) => calendarYearSchema.parse(JSON.parse(readFileSync(new URL(`resources/calendar/${y}.json`, root), 'utf8')))));
}
