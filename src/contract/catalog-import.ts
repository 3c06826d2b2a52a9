/**
 * A hall imports its real catalogue from the provincial item system, as JSON (the Catalog shape) or as
 * a set of CSV tables with the same GB/T 39046 fields. Both go through parseCatalog, so an import
 * either yields a catalogue that holds together or fails with CATALOG_INVALID naming every problem.
 * Pure: it takes texts, not file paths; whoever reads the files passes their contents.
 *
 * CSV tables (header row required, English column names, list cells joined with `|`):
 *   hall            name,regionCode,siteCode                                  (one row)
 *   zones           code,name
 *   windows         code,name,kind,zones                                      zones like `A:3|B:1`
 *   departments     code,name
 *   materials       code,name,type,form,source,issuer,standard
 *   matters         code,basicCode,name,typeCode,departmentCode,zoneCode,caseType,statutoryLimitDays,
 *                   promisedLimitDays,feeCharged,feeBasis,visits,handlingForms,serviceObjects,
 *                   townAvailable,legalBasis,takeInSites                      handlingForms like `1|2`;
 *                   takeInSites (the centres that take the matter in as a full case, like `SZ|XF`)
 *                   may be left out of a file of a hall without centres
 *   matterMaterials matterCode,materialCode,necessity,originals,copies,commitmentAllowed,deferralDays
 *                   (file order is the order of the materials within each matter; deferralDays,
 *                   the working days to supply a deferrable material, is empty on other rows and
 *                   may be left out of a file that defers nothing)
 *   bundles         code,name,zoneCode,matterCodes,description                matterCodes like `X|Y`
 *   sites           code,name,windowCodes                                     windowCodes like `TC01|TC02`
 *                   (town and community centres; the file may be left out by a hall without them)
 * Enumerations also accept the GB/T 39046 numbers that provincial exports use (caseType 1/2,
 * necessity 1/2/3) and booleans accept true/false, 1/0 and 是/否.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { Bundle, Catalog, Department, Hall, Material, Matter, MatterMaterial, ServiceWindow, Site, Zone } from '../domain/catalog';
import { fail, type Result } from '../domain/result';
import {
  bundleSchema,
  departmentSchema,
  hallSchema,
  materialSchema,
  matterMaterialSchema,
  matterSchema,
  parseCatalog,
  siteSchema,
  windowSchema,
  zoneSchema,
} from './catalog';

export const CATALOG_CSV_FILES = ['hall', 'zones', 'windows', 'departments', 'materials', 'matters', 'matterMaterials', 'bundles', 'sites'] as const;
export type CatalogCsvFile = (typeof CATALOG_CSV_FILES)[number];

export const CATALOG_CSV_COLUMNS: Record<CatalogCsvFile, readonly string[]> = {
  hall: ['name', 'regionCode', 'siteCode'],
  zones: ['code', 'name'],
  windows: ['code', 'name', 'kind', 'zones'],
  departments: ['code', 'name'],
  materials: ['code', 'name', 'type', 'form', 'source', 'issuer', 'standard'],
  matters: [
    'code', 'basicCode', 'name', 'typeCode', 'departmentCode', 'zoneCode', 'caseType', 'statutoryLimitDays',
    'promisedLimitDays', 'feeCharged', 'feeBasis', 'visits', 'handlingForms', 'serviceObjects', 'townAvailable', 'legalBasis', 'takeInSites',
  ],
  matterMaterials: ['matterCode', 'materialCode', 'necessity', 'originals', 'copies', 'commitmentAllowed', 'deferralDays'],
  bundles: ['code', 'name', 'zoneCode', 'matterCodes', 'description'],
  sites: ['code', 'name', 'windowCodes'],
};

/** Files a catalogue may leave out: a hall without town or community centres has no sites. */
const OPTIONAL_FILES = new Set<CatalogCsvFile>(['sites']);

/** Columns whose cell may be left empty (the field is then absent). */
const OPTIONAL_COLUMNS = new Set(['materials.issuer', 'materials.standard', 'matters.feeBasis', 'matters.takeInSites', 'matterMaterials.deferralDays']);

/**
 * Columns a file may leave out altogether: deferralDays came after the first CSV layout, and a
 * file that defers nothing has no use for it (a deferrable row without it is refused by the
 * catalogue check, which names the column).
 */
const OPTIONAL_HEADERS = new Set(['matterMaterials.deferralDays', 'matters.takeInSites']);

/** One problem in one place of one CSV file; row counts data rows from 1, line counts file lines. */
export interface CsvProblem {
  file: string;
  row?: number;
  line?: number;
  field?: string;
  message: string;
}

function describeProblem(p: CsvProblem): string {
  const where = [p.file + '.csv'];
  if (p.row !== undefined) where.push(`row ${p.row}` + (p.line !== undefined ? ` (line ${p.line})` : ''));
  else if (p.line !== undefined) where.push(`line ${p.line}`);
  if (p.field !== undefined) where.push(`field ${p.field}`);
  return `${where.join(', ')}: ${p.message}`;
}

/** A JSON catalogue (an object, or its text) parsed and checked; the demo hall loads this way. */
export function importCatalogJson(json: unknown): Result<Catalog> {
  if (typeof json === 'string') {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (e) {
      const message = `the catalogue is not valid JSON: ${(e as Error).message}`;
      return fail('CATALOG_INVALID', message, { issues: [message] });
    }
    return parseCatalog(value);
  }
  return parseCatalog(json);
}

interface Table {
  rows: Array<{ row: number; line: number; cells: Record<string, string> }>;
}

function readTable(file: CatalogCsvFile, textOf: string | undefined, problems: CsvProblem[]): Table | undefined {
  if (textOf === undefined) {
    if (OPTIONAL_FILES.has(file)) return { rows: [] };
    problems.push({ file, message: `the file is missing (expected columns ${CATALOG_CSV_COLUMNS[file].join(',')})` });
    return undefined;
  }
  let header: string[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(textOf, {
      // Spreadsheets save CSV with a byte-order mark and pad cells; neither is part of the data.
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (h: string[]) => {
        header = h;
        return h;
      },
    }) as unknown as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (e) {
    const err = e as Error & { lines?: number };
    problems.push({ file, ...(err.lines !== undefined ? { line: err.lines } : {}), message: err.message });
    return undefined;
  }
  const missing = CATALOG_CSV_COLUMNS[file].filter((c) => !header.includes(c) && !OPTIONAL_HEADERS.has(`${file}.${c}`));
  for (const c of missing) problems.push({ file, line: 1, field: c, message: 'the header has no such column' });
  if (missing.length > 0) return undefined;
  return { rows: records.map((r, i) => ({ row: i + 1, line: r.info.lines, cells: r.record })) };
}

/** Reads typed cells of one row, writing a problem for each cell that does not convert. */
class RowReader {
  bad = false;
  constructor(
    private readonly file: CatalogCsvFile,
    private readonly at: { row: number; line: number; cells: Record<string, string> },
    private readonly problems: CsvProblem[],
  ) {}

  problem(field: string, message: string): void {
    this.bad = true;
    this.problems.push({ file: this.file, row: this.at.row, line: this.at.line, field, message });
  }

  text(field: string): string {
    const v = this.at.cells[field] ?? '';
    if (v === '' && !OPTIONAL_COLUMNS.has(`${this.file}.${field}`)) this.problem(field, 'the cell is empty');
    return v;
  }

  optionalText(field: string): string | undefined {
    const v = this.at.cells[field] ?? '';
    return v === '' ? undefined : v;
  }

  int(field: string): number {
    const v = this.text(field);
    if (v === '') return Number.NaN;
    if (!/^-?\d+$/.test(v)) {
      this.problem(field, `expected a whole number, got "${v}"`);
      return Number.NaN;
    }
    return Number(v);
  }

  /** A whole number, or undefined when the cell is empty (or the column absent). */
  optionalInt(field: string): number | undefined {
    const v = this.at.cells[field] ?? '';
    if (v === '') return undefined;
    if (!/^-?\d+$/.test(v)) {
      this.problem(field, `expected a whole number or nothing, got "${v}"`);
      return undefined;
    }
    return Number(v);
  }

  number(field: string, raw: string): number {
    if (!/^-?\d+(\.\d+)?$/.test(raw)) {
      this.problem(field, `expected a number, got "${raw}"`);
      return Number.NaN;
    }
    return Number(raw);
  }

  bool(field: string): boolean {
    const v = this.text(field);
    if (['true', '1', '是', 'TRUE', 'yes'].includes(v)) return true;
    if (['false', '0', '否', 'FALSE', 'no'].includes(v)) return false;
    if (v !== '') this.problem(field, `expected true or false, got "${v}"`);
    return false;
  }

  /** An enumeration written as its word, or as the GB/T 39046 number when `numbers` is given. */
  word<T extends string>(field: string, words: readonly T[], numbers: Record<string, T> = {}): T {
    const v = this.text(field);
    if ((words as readonly string[]).includes(v)) return v as T;
    const byNumber = numbers[v];
    if (byNumber !== undefined) return byNumber;
    if (v !== '') this.problem(field, `expected one of ${[...words, ...Object.keys(numbers)].join(', ')}, got "${v}"`);
    return v as T;
  }

  list(field: string): string[] {
    const v = this.text(field);
    return v === '' ? [] : v.split('|').map((s) => s.trim());
  }

  ints(field: string): number[] {
    return this.list(field).map((s) => {
      if (!/^\d+$/.test(s)) this.problem(field, `expected numbers joined with |, got "${s}"`);
      return Number(s);
    });
  }

  /** Once the cells converted, the record schema has the last word; its issues name the column. */
  check<T>(schema: z.ZodType<T>, value: unknown, columnOf: (path: PropertyKey[]) => string = (p) => String(p[0])): T | undefined {
    if (this.bad) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) this.problem(columnOf(issue.path), issue.message);
    return undefined;
  }
}

function rowsOf<T>(
  file: CatalogCsvFile,
  table: Table | undefined,
  problems: CsvProblem[],
  read: (r: RowReader) => T | undefined,
): T[] {
  if (!table) return [];
  const out: T[] = [];
  for (const at of table.rows) {
    const value = read(new RowReader(file, at, problems));
    if (value !== undefined) out.push(value);
  }
  return out;
}

const CASE_TYPES = ['immediate', 'promised'] as const;
const NECESSITIES = ['required', 'optional', 'deferrable'] as const;

/**
 * A catalogue from its CSV tables, keyed by table name (`matters` or `matters.csv`). Every bad cell is
 * reported at once, each naming its file, row and column, before the references are checked.
 */
export function importCatalogCsv(files: Record<string, string>): Result<Catalog> {
  const problems: CsvProblem[] = [];
  const table = (f: CatalogCsvFile) => readTable(f, files[f] ?? files[`${f}.csv`], problems);

  const hallRows = rowsOf('hall', table('hall'), problems, (r) =>
    r.check<Hall>(hallSchema, { name: r.text('name'), regionCode: r.text('regionCode'), siteCode: r.text('siteCode') }),
  );
  const zones = rowsOf('zones', table('zones'), problems, (r) =>
    r.check<Zone>(zoneSchema, { code: r.text('code'), name: r.text('name') }),
  );
  const windows = rowsOf('windows', table('windows'), problems, (r) => {
    const served = r.list('zones').map((cell) => {
      // `A` alone means weight 1; `A:3` gives zone A three shares of this window's calls.
      const [zoneCode = '', weight] = cell.split(':').map((s) => s.trim());
      return { zoneCode, weight: weight === undefined ? 1 : r.number('zones', weight) };
    });
    return r.check<ServiceWindow>(
      windowSchema,
      { code: r.text('code'), name: r.text('name'), kind: r.word('kind', ['counter', 'reception']), zones: served },
    );
  });
  const departments = rowsOf('departments', table('departments'), problems, (r) =>
    r.check<Department>(departmentSchema, { code: r.text('code'), name: r.text('name') }),
  );
  const materials = rowsOf('materials', table('materials'), problems, (r) =>
    r.check<Material>(materialSchema, {
      code: r.text('code'),
      name: r.text('name'),
      type: r.int('type'),
      form: r.int('form'),
      source: r.word('source', ['applicant', 'government', 'online']),
      ...optional('issuer', r.optionalText('issuer')),
      ...optional('standard', r.optionalText('standard')),
    }),
  );
  const mattersTable = table('matters');
  // Rows of a matter that was itself reported (or a matters.csv that could not be read) are not
  // reported again for each of their materials: one problem, one message.
  const listedMatters = new Set(mattersTable?.rows.map((r) => r.cells.code ?? ''));
  const matterRows = rowsOf('matters', mattersTable, problems, (r) => {
    // Spreadsheets drop the leading zero of "01"; the item type code is always two digits.
    const typeCode = r.text('typeCode').replace(/^(\d)$/, '0$1');
    const feeBasis = r.optionalText('feeBasis');
    const takeInSites = r.optionalText('takeInSites');
    return r.check<Matter>(
      matterSchema,
      {
        code: r.text('code'),
        basicCode: r.text('basicCode'),
        name: r.text('name'),
        typeCode,
        departmentCode: r.text('departmentCode'),
        zoneCode: r.text('zoneCode'),
        caseType: r.word('caseType', CASE_TYPES, { '1': 'immediate', '2': 'promised' }),
        statutoryLimitDays: r.int('statutoryLimitDays'),
        promisedLimitDays: r.int('promisedLimitDays'),
        fee: { charged: r.bool('feeCharged'), ...optional('basis', feeBasis) },
        visits: r.int('visits'),
        handlingForms: r.ints('handlingForms'),
        serviceObjects: r.ints('serviceObjects'),
        townAvailable: r.bool('townAvailable'),
        legalBasis: r.text('legalBasis'),
        materials: [],
        ...(takeInSites === undefined ? {} : { takeInSites: takeInSites.split('|').map((c) => c.trim()) }),
      },
      (p) => (p[0] === 'fee' ? (p[1] === 'basis' ? 'feeBasis' : 'feeCharged') : String(p[0])),
    );
  });
  const byCode = new Map(matterRows.map((m) => [m.code, m]));
  rowsOf('matterMaterials', table('matterMaterials'), problems, (r) => {
    const matterCode = r.text('matterCode');
    const deferralDays = r.optionalInt('deferralDays');
    const entry = r.check<MatterMaterial>(matterMaterialSchema, {
      materialCode: r.text('materialCode'),
      necessity: r.word('necessity', NECESSITIES, { '1': 'required', '2': 'optional', '3': 'deferrable' }),
      originals: r.int('originals'),
      copies: r.int('copies'),
      commitmentAllowed: r.bool('commitmentAllowed'),
      ...(deferralDays === undefined ? {} : { deferralDays }),
    });
    if (!entry) return undefined;
    const matter = byCode.get(matterCode);
    if (!matter) {
      if (mattersTable && !listedMatters.has(matterCode)) r.problem('matterCode', `no matter ${matterCode} in matters.csv`);
      return undefined;
    }
    matter.materials.push(entry);
    return entry;
  });
  const bundles = rowsOf('bundles', table('bundles'), problems, (r) =>
    r.check<Bundle>(bundleSchema, {
      code: r.text('code'),
      name: r.text('name'),
      zoneCode: r.text('zoneCode'),
      matterCodes: r.list('matterCodes'),
      description: r.text('description'),
    }),
  );

  const sites = rowsOf('sites', table('sites'), problems, (r) =>
    r.check<Site>(siteSchema, { code: r.text('code'), name: r.text('name'), windowCodes: r.list('windowCodes') }),
  );

  if (hallRows.length !== 1 && !problems.some((p) => p.file === 'hall')) {
    problems.push({ file: 'hall', message: `expected exactly one row describing the hall, found ${hallRows.length}` });
  }
  if (problems.length > 0) {
    return fail('CATALOG_INVALID', `the CSV catalogue has ${problems.length} problems; the first: ${describeProblem(problems[0]!)}`, {
      issues: problems.map(describeProblem),
      problems,
    });
  }
  return parseCatalog({ hall: hallRows[0], sites, zones, windows, departments, materials, matters: matterRows, bundles });
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

const bool = (b: boolean) => (b ? 'true' : 'false');

function table(file: CatalogCsvFile, rows: Array<Record<string, string | number>>): string {
  return stringify(rows, { header: true, columns: [...CATALOG_CSV_COLUMNS[file]] });
}

/** The catalogue as CSV tables that importCatalogCsv reads back to the same catalogue. */
export function exportCatalogCsv(c: Catalog): Record<CatalogCsvFile, string> {
  return {
    hall: table('hall', [{ ...c.hall }]),
    zones: table('zones', c.zones.map((z) => ({ code: z.code, name: z.name }))),
    windows: table(
      'windows',
      c.windows.map((w) => ({ code: w.code, name: w.name, kind: w.kind, zones: w.zones.map((z) => `${z.zoneCode}:${z.weight}`).join('|') })),
    ),
    departments: table('departments', c.departments.map((d) => ({ code: d.code, name: d.name }))),
    materials: table(
      'materials',
      c.materials.map((m) => ({ code: m.code, name: m.name, type: m.type, form: m.form, source: m.source, issuer: m.issuer ?? '', standard: m.standard ?? '' })),
    ),
    matters: table(
      'matters',
      c.matters.map((m) => ({
        code: m.code,
        basicCode: m.basicCode,
        name: m.name,
        typeCode: m.typeCode,
        departmentCode: m.departmentCode,
        zoneCode: m.zoneCode,
        caseType: m.caseType,
        statutoryLimitDays: m.statutoryLimitDays,
        promisedLimitDays: m.promisedLimitDays,
        feeCharged: bool(m.fee.charged),
        feeBasis: m.fee.basis ?? '',
        visits: m.visits,
        handlingForms: m.handlingForms.join('|'),
        serviceObjects: m.serviceObjects.join('|'),
        townAvailable: bool(m.townAvailable),
        legalBasis: m.legalBasis,
        takeInSites: (m.takeInSites ?? []).join('|'),
      })),
    ),
    matterMaterials: table(
      'matterMaterials',
      c.matters.flatMap((m) =>
        m.materials.map((mm) => ({
          matterCode: m.code,
          materialCode: mm.materialCode,
          necessity: mm.necessity,
          originals: mm.originals,
          copies: mm.copies,
          commitmentAllowed: bool(mm.commitmentAllowed),
          deferralDays: mm.deferralDays ?? '',
        })),
      ),
    ),
    bundles: table(
      'bundles',
      c.bundles.map((b) => ({ code: b.code, name: b.name, zoneCode: b.zoneCode, matterCodes: b.matterCodes.join('|'), description: b.description })),
    ),
    sites: table('sites', c.sites.map((s) => ({ code: s.code, name: s.name, windowCodes: s.windowCodes.join('|') }))),
  };
}
