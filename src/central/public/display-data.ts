import { and, count, desc, eq, isNotNull, notInArray } from 'drizzle-orm';
import { displaySettingsSchema, type DisplayCall, type DisplaySettings, type DisplayState, type DisplayZone } from '../../contract/api-public';
import { localDateInShanghai } from '../../domain/local-date';
import { voiceText } from '../../domain/voice';
import { readCatalog } from '../catalog/repository';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { hallMeta, tickets } from '../db/schema';
import type { Work } from '../db/work';

const SETTINGS_KEY = 'display.settings';

export async function saveDisplaySettings(w: Work, patch: Partial<DisplaySettings>): Promise<DisplaySettings> {
  const before = await readDisplaySettings(w.tx);
  const after = displaySettingsSchema.parse({ ...before, ...patch });
  await w.tx
    .insert(hallMeta)
    .values({ key: SETTINGS_KEY, value: after, updatedAt: w.at })
    .onConflictDoUpdate({ target: hallMeta.key, set: { value: after, updatedAt: w.at } });
  w.audit({ action: 'display.settings', entity: 'hall', entityId: SETTINGS_KEY, before, after });
  return after;
}

export async function readDisplaySettings(db: HallQueryable): Promise<DisplaySettings> {
  const [row] = await db.select().from(hallMeta).where(eq(hallMeta.key, SETTINGS_KEY)).limit(1);
  const parsed = displaySettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : displaySettingsSchema.parse({});
}

/** Names the screens show: the hall, zones and windows, from the catalogue (read once, refreshed on change). */
export interface DisplayNames {
  hallName: string;
  zones: Array<{ code: string; name: string }>;
  zoneName: Map<string, string>;
  windowName: Map<string, string>;
  /** The zones a window serves (a window event reaches the screens of those zones). */
  windowZones: Map<string, string[]>;
}

export async function readDisplayNames(db: HallQueryable): Promise<DisplayNames> {
  const c = await readCatalog(db);
  return {
    hallName: c.hall.name,
    zones: c.zones,
    zoneName: new Map(c.zones.map((z) => [z.code, z.name])),
    windowName: new Map(c.windows.map((w) => [w.code, w.name])),
    windowZones: new Map(c.windows.map((w) => [w.code, w.zones.map((z) => z.zoneCode)])),
  };
}

/** A ticket as it was called, in public fields: its number, the window, the zone, and what is said. */
export function displayCall(
  names: DisplayNames,
  settings: DisplaySettings,
  t: { number: string; windowCode: string | null; zoneCode: string; calledAt: string | null; recallCount: number },
): DisplayCall | null {
  if (!t.windowCode || !t.calledAt) return null;
  return {
    ticketNumber: t.number,
    windowCode: t.windowCode,
    windowName: names.windowName.get(t.windowCode) ?? t.windowCode,
    zoneCode: t.zoneCode,
    zoneName: names.zoneName.get(t.zoneCode) ?? t.zoneCode,
    calledAt: t.calledAt,
    recall: t.recallCount > 0,
    voice: voiceText(settings.template, { ticketNumber: t.number, windowCode: t.windowCode }),
  };
}

export async function waitingByZone(db: HallQueryable, day: string, names: DisplayNames): Promise<DisplayZone[]> {
  const rows = await db
    .select({ zone: tickets.zoneCode, n: count() })
    .from(tickets)
    .where(and(eq(tickets.day, day), eq(tickets.status, 'waiting')))
    .groupBy(tickets.zoneCode);
  const n = new Map(rows.map((r) => [r.zone, Number(r.n)]));
  return names.zones.map((z) => ({ code: z.code, name: z.name, waiting: n.get(z.code) ?? 0 }));
}

export const zonesOf = (q: { zone?: string }): Set<string> | null => (q.zone ? new Set(q.zone.split(',')) : null);

/** What the call display shows now (GET /api/v1/display). */
export async function displayState(ctx: HallContext, names: DisplayNames, zones: Set<string> | null): Promise<DisplayState> {
  const db = ctx.db.drizzle;
  // Read before the rows: a call committed in between is in both, and the screen keeps it once.
  const seq = ctx.feed.position;
  const now = ctx.now();
  const day = localDateInShanghai(now);
  const settings = await readDisplaySettings(db);
  const recent = await db
    .select({ number: tickets.number, windowCode: tickets.windowCode, zoneCode: tickets.zoneCode, calledAt: tickets.calledAt, recallCount: tickets.recallCount })
    .from(tickets)
    // A ticket transferred back into a queue, or cancelled, no longer stands at the window that called it.
    .where(and(eq(tickets.day, day), isNotNull(tickets.calledAt), isNotNull(tickets.windowCode), notInArray(tickets.status, ['waiting', 'cancelled'])))
    .orderBy(desc(tickets.calledAt))
    .limit(zones ? 200 : settings.recentCalls);
  const calls = recent
    .filter((t) => !zones || zones.has(t.zoneCode))
    .slice(0, settings.recentCalls)
    .map((t) => displayCall(names, settings, { ...t, calledAt: t.calledAt!.toISOString() }))
    .filter((c): c is DisplayCall => c !== null);
  const waiting = (await waitingByZone(db, day, names)).filter((z) => !zones || zones.has(z.code));
  return { at: now.toISOString(), day, hallName: names.hallName, voiceRepeat: settings.voiceRepeat, calls, zones: waiting, seq };
}
