import { match as pinyinMatch, pinyin } from 'pinyin-pro';
import type { SearchHit } from '../contract/station-api';
import type { Catalog } from '../domain/catalog';

/**
 * The intake screen's search over every matter and bundle: by code, by name, and by pinyin, full or
 * initials (`yyzz` finds 营业执照), because clerks type pinyin initials faster than they pick
 * characters from an IME. Ranked so that what the clerk most likely meant comes first:
 * exact code > name or initials starting with the query > code prefix > substring of the name >
 * initials or full pinyin containing it > a mixed spelling (`yingyezz`).
 */

interface Entry {
  hit: Omit<SearchHit, 'score'>;
  code: string;
  name: string;
  full: string;
  initials: string;
}

export const SCORE = {
  exactCode: 100,
  namePrefix: 90,
  initialsPrefix: 88,
  codePrefix: 80,
  nameSubstring: 70,
  fullPinyinPrefix: 65,
  initialsSubstring: 60,
  fullPinyinSubstring: 55,
  mixedPinyin: 40,
} as const;

const letters = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');

function entry(hit: Omit<SearchHit, 'score'>): Entry {
  return {
    hit,
    code: hit.code.toLowerCase(),
    name: hit.name.toLowerCase(),
    full: letters(pinyin(hit.name, { toneType: 'none', type: 'array' })),
    initials: letters(pinyin(hit.name, { pattern: 'first', toneType: 'none', type: 'array' })),
  };
}

function score(e: Entry, q: string, qLetters: string): number {
  if (e.code === q) return SCORE.exactCode;
  if (e.name.startsWith(q)) return SCORE.namePrefix;
  if (qLetters && e.initials.startsWith(qLetters)) return SCORE.initialsPrefix;
  if (e.code.startsWith(q)) return SCORE.codePrefix;
  if (e.name.includes(q)) return SCORE.nameSubstring;
  if (!qLetters) return 0;
  if (e.full.startsWith(qLetters)) return SCORE.fullPinyinPrefix;
  if (e.initials.includes(qLetters)) return SCORE.initialsSubstring;
  if (e.full.includes(qLetters)) return SCORE.fullPinyinSubstring;
  // Only for pure Latin input: pinyin-pro's matcher takes mixed full/initial spellings.
  if (/^[a-z]+$/.test(q) && q.length >= 2 && mayMatchMixed(e.initials, q) && pinyinMatch(e.hit.name, q, { precision: 'start', continuous: true })) return SCORE.mixedPinyin;
  return 0;
}

/**
 * A cheap necessary condition for a mixed spelling, so pinyin-pro's matcher (the slow part of a
 * keystroke) runs on a handful of names instead of all of them. A spelling that fits inside one
 * syllable is a substring of the full pinyin and was scored above, so a mixed match spans two or
 * more consecutive syllables: the query starts with syllable i's initial, and syllable i+1's
 * initial appears later in the query.
 */
export function mayMatchMixed(initials: string, q: string): boolean {
  for (let i = initials.indexOf(q[0]!); i >= 0 && i < initials.length - 1; i = initials.indexOf(q[0]!, i + 1)) {
    if (q.indexOf(initials[i + 1]!, 1) > 0) return true;
  }
  return false;
}

export interface CatalogSearchIndex {
  readonly version: number;
  readonly size: number;
  search(query: string, opts?: { zoneCode?: string; limit?: number }): SearchHit[];
}

/** Built once per catalogue version (pinyin of ~300 names takes a few milliseconds; a keystroke should not). */
export function buildSearchIndex(catalog: Catalog, version = 0): CatalogSearchIndex {
  const departments = new Map(catalog.departments.map((d) => [d.code, d.name]));
  const matters = new Map(catalog.matters.map((m) => [m.code, m]));
  const entries: Entry[] = [
    ...catalog.matters.map((m) =>
      entry({
        kind: 'matter',
        code: m.code,
        name: m.name,
        zoneCode: m.zoneCode,
        departmentName: departments.get(m.departmentCode) ?? null,
        caseType: m.caseType,
        promisedLimitDays: m.promisedLimitDays,
        matterCodes: [m.code],
      }),
    ),
    ...catalog.bundles.map((b) => {
      const ms = b.matterCodes.map((c) => matters.get(c)).filter((m) => m !== undefined);
      return entry({
        kind: 'bundle',
        code: b.code,
        name: b.name,
        zoneCode: b.zoneCode,
        departmentName: null,
        caseType: ms.some((m) => m.caseType === 'promised') ? 'promised' : 'immediate',
        promisedLimitDays: ms.reduce((max, m) => Math.max(max, m.promisedLimitDays), 0),
        matterCodes: [...b.matterCodes],
      });
    }),
  ];

  return {
    version,
    size: entries.length,
    search(query, opts = {}) {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      const qLetters = q.replace(/[^a-z0-9]/g, '');
      const limit = opts.limit ?? 12;
      const hits: SearchHit[] = [];
      for (const e of entries) {
        if (opts.zoneCode && e.hit.zoneCode !== opts.zoneCode) continue;
        const s = score(e, q, qLetters);
        if (s > 0) hits.push({ ...e.hit, matterCodes: [...e.hit.matterCodes], score: s });
      }
      // Equal scores: the shorter name is the closer match ("营业执照" before "营业执照变更登记"), then by code.
      hits.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.code.localeCompare(b.code));
      return hits.slice(0, limit);
    },
  };
}
