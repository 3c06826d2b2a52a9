import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvProblem, exportCatalogCsv, importCatalogCsv, importCatalogJson } from '../../src/contract/catalog-import';
import { calendarYearSchema, parseCatalog } from '../../src/contract/catalog';
import type { Catalog } from '../../src/domain/catalog';
import type { Result } from '../../src/domain/result';

const root = join(__dirname, '..', '..');
const demoText = readFileSync(join(root, 'resources', 'catalog', 'demo-hall.json'), 'utf8');

function valueOf(r: Result<Catalog>): Catalog {
  if (!r.ok) throw new Error(`${r.error.message}\n${JSON.stringify(r.error.details, null, 2)}`);
  return r.value;
}
const demo = valueOf(importCatalogJson(demoText));
/** A fresh, mutable copy of the demo catalogue as plain JSON. */
const demoJson = (): Catalog => JSON.parse(demoText) as Catalog;
/** The demo hall cut down to two bundles and their matters, for the many runs of a property test. */
function smallJson(): Catalog {
  const c = demoJson();
  const bundles = c.bundles.slice(0, 2);
  const wanted = new Set(bundles.flatMap((b) => b.matterCodes));
  return { ...c, bundles, matters: c.matters.filter((m) => wanted.has(m.code)) };
}

function issuesOf(r: Result<Catalog>): string[] {
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.error.code).toBe('CATALOG_INVALID');
  return (r.error.details?.issues as string[]) ?? [];
}
function problemsOf(r: Result<Catalog>): CsvProblem[] {
  issuesOf(r);
  return r.ok ? [] : ((r.error.details?.problems as CsvProblem[]) ?? []);
}

/** Replaces one cell of a CSV text (data row n counted from 1, column by header name). */
function setCell(csv: string, row: number, column: string, value: string): string {
  const lines = csv.split('\n');
  const header = lines[0]!.split(',');
  const col = header.indexOf(column);
  const cells = lines[row]!.split(',');
  // Only used on rows without quoted cells before the column, which split cleanly on commas.
  cells[col] = value;
  lines[row] = cells.join(',');
  return lines.join('\n');
}

describe('importing a catalogue as JSON', () => {
  it('accepts the JSON text as well as the parsed object', () => {
    expect(valueOf(importCatalogJson(JSON.parse(demoText)))).toEqual(demo);
  });

  it('rejects text that is not JSON, with CATALOG_INVALID', () => {
    const r = importCatalogJson('{ "hall": ');
    expect(issuesOf(r)[0]).toMatch(/not valid JSON/);
  });

  it('rejects a matter that names a department the hall does not have, saying which', () => {
    const c = demoJson();
    c.matters[5]!.departmentCode = '099';
    const issues = issuesOf(importCatalogJson(c));
    expect(issues).toEqual([`matter ${c.matters[5]!.code} (${c.matters[5]!.name}) names department 099, which does not exist`]);
  });

  it('rejects a bundle that includes a matter the catalogue does not have', () => {
    const c = demoJson();
    c.bundles[0]!.matterCodes.push('11370902NOSUCHMATTER01');
    expect(issuesOf(importCatalogJson(c))).toEqual([`bundle ${c.bundles[0]!.code} (${c.bundles[0]!.name}) includes matter 11370902NOSUCHMATTER01, which does not exist`]);
  });

  it('rejects a window serving a zone that does not exist and a material missing from the dictionary', () => {
    const c = demoJson();
    c.windows[0]!.zones.push({ zoneCode: 'Z', weight: 1 });
    c.matters[0]!.materials[0]!.materialCode = 'M999';
    const issues = issuesOf(importCatalogJson(c));
    expect(issues).toContain('window A1 serves zone Z, which does not exist');
    expect(issues.some((i) => i.includes('asks for material M999, which is not in the materials list'))).toBe(true);
  });

  it('rejects a code used twice', () => {
    const c = demoJson();
    c.materials[1]!.code = c.materials[0]!.code;
    expect(issuesOf(importCatalogJson(c))).toContain(`material code ${c.materials[0]!.code} is used more than once`);
  });

  it('rejects a promised limit longer than the statutory one, and an immediate matter with a promised date', () => {
    const c = demoJson();
    const promised = c.matters.findIndex((m) => m.caseType === 'promised');
    const immediate = c.matters.findIndex((m) => m.caseType === 'immediate');
    c.matters[promised]!.promisedLimitDays = c.matters[promised]!.statutoryLimitDays + 1;
    c.matters[immediate]!.promisedLimitDays = 2;
    const issues = issuesOf(importCatalogJson(c));
    expect(issues).toContain(
      `matters[${promised}].promisedLimitDays: promisedLimitDays ${c.matters[promised]!.promisedLimitDays} exceeds statutoryLimitDays ${c.matters[promised]!.statutoryLimitDays}`,
    );
    expect(issues).toContain(`matters[${immediate}].promisedLimitDays: an immediate matter has promisedLimitDays 0`);
  });

  it('asks every deferrable material for its own deferral limit, within the promised limit of its matter', () => {
    const c = demoJson();
    const at = (pred: (m: Catalog['matters'][number]) => boolean) => c.matters.findIndex(pred);
    const deferring = at((m) => m.materials.some((mm) => mm.necessity === 'deferrable'));
    const row = c.matters[deferring]!.materials.findIndex((mm) => mm.necessity === 'deferrable');
    const m = c.matters[deferring]!;
    const mm = m.materials[row]!;
    delete mm.deferralDays;
    expect(issuesOf(importCatalogJson(c))).toEqual([
      `matter ${m.code} (${m.name}) defers material ${mm.materialCode} without deferralDays (working days to supply it, 1 to ${m.promisedLimitDays})`,
    ]);
    mm.deferralDays = m.promisedLimitDays + 1;
    expect(issuesOf(importCatalogJson(c))).toEqual([
      `matters[${deferring}].materials[${row}].deferralDays: deferralDays ${mm.deferralDays} of material ${mm.materialCode} exceeds the promised limit of ${m.promisedLimitDays} working days`,
    ]);
    mm.deferralDays = 0;
    expect(issuesOf(importCatalogJson(c))[0]).toMatch(new RegExp(`^matters\\[${deferring}\\]\\.materials\\[${row}\\]\\.deferralDays:`));
  });

  it('refuses a deferral limit on a material that is not deferrable, and any deferrable material of an immediate matter', () => {
    const c = demoJson();
    const promised = c.matters.findIndex((m) => m.caseType === 'promised');
    const required = c.matters[promised]!.materials.findIndex((mm) => mm.necessity === 'required');
    c.matters[promised]!.materials[required]!.deferralDays = 1;
    expect(issuesOf(importCatalogJson(c))).toEqual([
      `matters[${promised}].materials[${required}].deferralDays: deferralDays is for a deferrable material only, and ${c.matters[promised]!.materials[required]!.materialCode} is required`,
    ]);
    delete c.matters[promised]!.materials[required]!.deferralDays;

    const immediate = c.matters.findIndex((m) => m.caseType === 'immediate');
    const now = c.matters[immediate]!;
    now.materials[0]!.necessity = 'deferrable';
    expect(issuesOf(importCatalogJson(c))).toEqual([
      `matter ${now.code} (${now.name}) is immediate (即办件): material ${now.materials[0]!.materialCode} cannot be deferrable; make it required or optional`,
    ]);
    // With a limit it is refused as a record: nothing waits for a decision made at the window.
    now.materials[0]!.deferralDays = 1;
    expect(issuesOf(importCatalogJson(c))).toEqual([
      `matters[${immediate}].materials[0].deferralDays: an immediate matter (即办件) is decided at the window: material ${now.materials[0]!.materialCode} cannot be deferred`,
    ]);
  });

  it('rejects codes longer than GB/T 39046 allows', () => {
    const c = demoJson();
    c.matters[0]!.code = 'X'.repeat(25);
    c.matters[1]!.basicCode = '01001000011';
    const issues = issuesOf(importCatalogJson(c));
    expect(issues.some((i) => i.startsWith('matters[0].code:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('matters[1].basicCode:'))).toBe(true);
  });
});

describe('importing a catalogue as CSV tables', () => {
  it('reads an export back to the same catalogue', () => {
    expect(valueOf(importCatalogCsv(exportCatalogCsv(demo)))).toEqual(demo);
  });

  it('keeps any text through the round trip: commas, quotes, line breaks, bars', () => {
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const special = fc.constantFrom('含,逗号', '引号"在中间"', '第一行\n第二行', 'A|B|C', ' 《条例》第三条；第四条 ');
    fc.assert(
      fc.property(fc.oneof(text, special), fc.oneof(text, special), fc.nat(40), (name, law, i) => {
        const c = smallJson();
        c.matters[i % c.matters.length]!.name = name;
        c.matters[i % c.matters.length]!.legalBasis = law;
        c.materials[i % c.materials.length]!.standard = law;
        c.bundles[i % c.bundles.length]!.description = name;
        const parsed = parseCatalog(c);
        if (!parsed.ok) return true; // e.g. a name made only of whitespace: not a catalogue to round-trip
        expect(valueOf(importCatalogCsv(exportCatalogCsv(parsed.value)))).toEqual(parsed.value);
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it('names the file, row and field of a bad cell', () => {
    const files = exportCatalogCsv(demo);
    files.matters = setCell(files.matters, 5, 'statutoryLimitDays', 'abc');
    const r = importCatalogCsv(files);
    expect(problemsOf(r)).toEqual([{ file: 'matters', row: 5, line: 6, field: 'statutoryLimitDays', message: 'expected a whole number, got "abc"' }]);
    expect(issuesOf(r)).toEqual(['matters.csv, row 5 (line 6), field statutoryLimitDays: expected a whole number, got "abc"']);
    expect(r.ok ? '' : r.error.message).toContain('matters.csv, row 5 (line 6), field statutoryLimitDays');
  });

  it('reports every bad cell at once, across files', () => {
    const files = exportCatalogCsv(demo);
    files.windows = setCell(files.windows, 2, 'kind', 'desk');
    files.materials = setCell(files.materials, 3, 'type', '7');
    files.matterMaterials = setCell(files.matterMaterials, 10, 'necessity', 'maybe');
    const where = problemsOf(importCatalogCsv(files)).map((p) => `${p.file}:${p.row}:${p.field}`);
    expect(where).toEqual(['windows:2:kind', 'materials:3:type', 'matterMaterials:10:necessity']);
  });

  it('reports a matter material row whose matter is not in matters.csv at that row', () => {
    const files = exportCatalogCsv(demo);
    files.matterMaterials = setCell(files.matterMaterials, 4, 'matterCode', 'NOSUCHMATTER');
    expect(problemsOf(importCatalogCsv(files))).toEqual([
      { file: 'matterMaterials', row: 4, line: 5, field: 'matterCode', message: 'no matter NOSUCHMATTER in matters.csv' },
    ]);
  });

  it('reports an empty required cell, but allows the optional ones to be empty', () => {
    const files = exportCatalogCsv(demo);
    files.zones = setCell(files.zones, 1, 'name', '');
    const problems = problemsOf(importCatalogCsv(files));
    expect(problems).toEqual([{ file: 'zones', row: 1, line: 2, field: 'name', message: 'the cell is empty' }]);
    // issuer, standard and feeBasis are empty in many demo rows and import fine.
    expect(exportCatalogCsv(demo).matters).toMatch(/,false,,/);
  });

  it('reports a missing column, a missing file and a broken quote', () => {
    const files: Record<string, string> = { ...exportCatalogCsv(demo) };
    files.departments = files.departments!.replace(/^code,name/, 'code,title');
    delete files.bundles;
    files.zones = 'code,name\nA,"商事登记\nB,市场准入\n';
    const problems = problemsOf(importCatalogCsv(files));
    expect(problems).toContainEqual({ file: 'departments', line: 1, field: 'name', message: 'the header has no such column' });
    expect(problems).toContainEqual({ file: 'bundles', message: 'the file is missing (expected columns code,name,zoneCode,matterCodes,description)' });
    const quote = problems.find((p) => p.file === 'zones');
    expect(quote?.message).toMatch(/quote/i);
  });

  it('accepts file names with .csv, a byte-order mark, GB/T numbers for enumerations and 是/否', () => {
    const files = exportCatalogCsv(demo);
    const promised = demo.matters.findIndex((m) => m.caseType === 'promised') + 1;
    const named = Object.fromEntries(Object.entries(files).map(([k, v]) => [`${k}.csv`, v]));
    named['hall.csv'] = `\uFEFF${files.hall}`;
    named['matters.csv'] = setCell(setCell(files.matters, promised, 'caseType', '2'), promised, 'townAvailable', demo.matters[promised - 1]!.townAvailable ? '是' : '否');
    // A spreadsheet drops the leading zero of the item type code.
    named['matters.csv'] = setCell(named['matters.csv'], promised, 'typeCode', String(Number(demo.matters[promised - 1]!.typeCode)));
    named['matterMaterials.csv'] = setCell(files.matterMaterials, 1, 'necessity', { required: '1', optional: '2', deferrable: '3' }[demo.matters[0]!.materials[0]!.necessity]);
    expect(valueOf(importCatalogCsv(named))).toEqual(demo);
  });

  it('reads each deferrable row’s deferralDays, and names a bad one', () => {
    const files = exportCatalogCsv(demo);
    const lines = files.matterMaterials.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.at(-1)).toBe('deferralDays');
    const deferrable = lines.findIndex((l) => l.includes(',deferrable,'));
    expect(lines[deferrable]).toMatch(/,deferrable,\d+,\d+,(true|false),\d+$/);
    expect(lines.find((l) => l.includes(',required,'))).toMatch(/,(true|false),$/);
    files.matterMaterials = setCell(files.matterMaterials, deferrable, 'deferralDays', 'soon');
    expect(problemsOf(importCatalogCsv(files))).toEqual([
      { file: 'matterMaterials', row: deferrable, line: deferrable + 1, field: 'deferralDays', message: 'expected a whole number or nothing, got "soon"' },
    ]);
  });

  it('imports a file of the first layout, without the deferralDays column, until a row defers something', () => {
    const c = demoJson();
    for (const m of c.matters) {
      for (const mm of m.materials) {
        if (mm.necessity !== 'deferrable') continue;
        mm.necessity = 'required';
        delete mm.deferralDays;
      }
    }
    const files = exportCatalogCsv(valueOf(importCatalogJson(c)));
    const withoutColumn = files.matterMaterials.replace(/,deferralDays\n/, '\n').replace(/,\n/g, '\n');
    expect(withoutColumn.split('\n')[0]).toBe('matterCode,materialCode,necessity,originals,copies,commitmentAllowed');
    expect(valueOf(importCatalogCsv({ ...files, matterMaterials: withoutColumn }))).toEqual(valueOf(importCatalogJson(c)));
    // A deferrable row then needs the column, and the problem says which matter and what to add.
    const first = demo.matters.find((m) => m.materials.some((mm) => mm.necessity === 'deferrable'))!;
    const old = exportCatalogCsv(demo).matterMaterials.replace(/,deferralDays\n/, '\n').replace(/,\d*\n/g, '\n');
    const issues = issuesOf(importCatalogCsv({ ...exportCatalogCsv(demo), matterMaterials: old }));
    expect(issues.some((i) => i.startsWith(`matter ${first.code} (${first.name}) defers material`) && i.includes('without deferralDays'))).toBe(true);
  });

  it('checks references after the cells: a bundle naming an unknown matter is a readable problem', () => {
    const files = exportCatalogCsv(demo);
    files.bundles = setCell(files.bundles, 1, 'zoneCode', 'Q');
    expect(issuesOf(importCatalogCsv(files))).toEqual([`bundle YJS001 (${demo.bundles[0]!.name}) is taken in at zone Q, which does not exist`]);
  });
});

describe('the holiday calendar year schema', () => {
  it('accepts the published 2026 arrangement', () => {
    const year = JSON.parse(readFileSync(join(root, 'resources', 'calendar', '2026.json'), 'utf8'));
    expect(calendarYearSchema.parse(year).year).toBe(2026);
  });

  it('rejects a date that is not on the calendar and a holiday that ends before it starts', () => {
    const r = calendarYearSchema.safeParse({
      year: 2026,
      source: '测试',
      holidays: [{ from: '2026-10-07', to: '2026-10-01', name: '国庆节' }],
      workdays: [{ date: '2026-02-30', name: '春节调休上班' }],
    });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['holidays.0.to', 'workdays.0.date']));
  });
});
