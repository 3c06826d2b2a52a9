import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../src/contract/catalog';
import { buildSearchIndex, mayMatchMixed, SCORE } from '../../../src/station/catalog-search';
import { smallCatalog } from './catalog-fixture';

const index = buildSearchIndex(smallCatalog, 1);
const names = (q: string, zoneCode?: string) => index.search(q, { zoneCode }).map((h) => h.name);

describe('catalogue search at the intake screen', () => {
  it('finds 营业执照 by its pinyin initials yyzz, shortest name first, a code prefix next, an inner match last', () => {
    expect(names('yyzz')).toEqual(['营业执照', '营业执照变更登记', '印章刻制备案', '个体工商户营业执照注销']);
    expect(index.search('yyzz').map((h) => h.score)).toEqual([SCORE.initialsPrefix, SCORE.initialsPrefix, SCORE.codePrefix, SCORE.initialsSubstring]);
  });

  it('puts an exact code above every name match, even one whose initials spell the code', () => {
    const hits = index.search('yyzz01');
    expect(hits[0]).toMatchObject({ code: 'YYZZ01', score: SCORE.exactCode });
  });

  it('ranks a name that starts with the query above one that merely contains it', () => {
    expect(names('营业执照')).toEqual(['营业执照', '营业执照变更登记', '个体工商户营业执照注销']);
    expect(index.search('营业执照').map((h) => h.score)).toEqual([SCORE.namePrefix, SCORE.namePrefix, SCORE.nameSubstring]);
  });

  it('finds by full pinyin and by a mixed spelling of full syllables and initials', () => {
    expect(names('shipinjingying')).toEqual(['食品经营许可证核发']);
    expect(names('zhizhao')).toContain('营业执照');
    expect(names('yingyezz')[0]).toBe('营业执照');
  });

  it('finds by code prefix, case-insensitive', () => {
    expect(names('370902zrzy')).toEqual(['不动产首次登记']);
  });

  it('offers bundles with the matters they chain and the longest promised limit', () => {
    const [hit] = index.search('kcg');
    expect(hit).toMatchObject({ kind: 'bundle', code: 'KCG', matterCodes: ['370902SCJG002', '370902SCJG010'], promisedLimitDays: 3, caseType: 'promised' });
    expect(names('wykcg')).toEqual(['我要开餐馆']);
  });

  it('keeps to the zone when the clerk serves only one', () => {
    expect(names('xk', 'B')).toEqual(['公共场所卫生许可', '食品经营许可证核发']);
    expect(names('yyzz', 'D')).toEqual([]);
  });

  it('returns nothing for an empty query or a query nothing matches, and honours the limit', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('qqqqqq')).toEqual([]);
    expect(index.search('370902', { limit: 2 })).toHaveLength(2);
  });
});

const demoPath = 'resources/catalog/demo-hall.json';
describe.skipIf(!existsSync(demoPath))('search over the demo hall catalogue', () => {
  it('indexes all 276 matters and the bundles, and yyzz leads with a business licence matter', () => {
    const parsed = parseCatalog(JSON.parse(readFileSync(demoPath, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const demo = buildSearchIndex(parsed.value);
    expect(parsed.value.matters).toHaveLength(276);
    expect(demo.size).toBe(276 + parsed.value.bundles.length);
    expect(demo.search('yyzz')[0]?.name).toContain('营业执照');
  });
});

describe('the quick filter in front of the mixed-spelling matcher', () => {
  const demoFile = new URL('../../../resources/catalog/demo-hall.json', import.meta.url);
  it('never hides a name that a mixed spelling (full syllables and initials) of two or more syllables matches', async () => {
    const { default: fc } = await import('fast-check');
    const { pinyin, match } = await import('pinyin-pro');
    const parsed = parseCatalog(JSON.parse(readFileSync(demoFile, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const demoNames = parsed.value.matters.map((m) => m.name).filter((n) => /^[\u4e00-\u9fff]{3,}$/.test(n.slice(0, 3)));
    const letters = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    fc.assert(
      fc.property(fc.nat(demoNames.length - 1), fc.nat(), fc.array(fc.nat(6), { minLength: 2, maxLength: 4 }), (n, start, cuts) => {
        const name = demoNames[n]!;
        const syllables = pinyin(name, { toneType: 'none', type: 'array' }).map((x) => x.toLowerCase());
        const i = start % Math.max(1, syllables.length - cuts.length);
        const parts = cuts.map((c, k) => syllables[i + k]).filter((x): x is string => Boolean(x && /^[a-z]+$/.test(x)));
        if (parts.length < 2) return;
        // Each syllable spelled in full or by a prefix of it (at least its initial).
        const q = parts.map((syl, k) => syl.slice(0, 1 + (cuts[k]! % syl.length))).join('');
        if (!match(name, q, { precision: 'start', continuous: true })) return;
        if (letters(syllables).includes(q)) return; // scored earlier as a plain pinyin substring
        const initials = letters(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }));
        expect(mayMatchMixed(initials, q)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
