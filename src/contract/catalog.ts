/**
 * The catalogue as it crosses a boundary: the demo file, an administrator's import, the hall server's
 * answer to a station. Each schema mirrors a type of src/domain/catalog.ts exactly (checked at compile
 * time below); `parseCatalog` adds what a per-record schema cannot see: codes that must be unique and
 * references that must resolve.
 */
import { z } from 'zod';
import type {
  Bundle,
  Catalog,
  Department,
  Hall,
  Material,
  Matter,
  MatterMaterial,
  ServiceWindow,
  Site,
  WindowZone,
  Zone,
} from '../domain/catalog';
import type { CalendarYear } from '../domain/calendar';
import { isLocalDate } from '../domain/local-date';
import { fail, ok, type Result } from '../domain/result';
import { RESERVED_WINDOW_CODE_PATTERN, SITE_CODE_PATTERN, WINDOW_CODE_PATTERN } from '../domain/site';

/** GB/T 39046 limits an implementation code to an..24 and a basic code to an..10. */
export const MATTER_CODE_PATTERN = /^[A-Za-z0-9]{1,24}$/;
export const MATTER_BASIC_CODE_PATTERN = /^[A-Za-z0-9]{1,10}$/;

const code = (what: string, pattern: RegExp = /^[A-Za-z0-9]{1,24}$/) =>
  z.string().regex(pattern, `${what} must match ${pattern.source}`);
const text = z.string().trim().min(1);
const wholeDays = z.number().int().min(0);

export const zoneSchema = z.object({
  // The zone letter is also the ticket prefix (A001), so one capital letter.
  code: code('zone code', /^[A-Z]$/),
  name: text,
});

export const windowZoneSchema = z.object({
  zoneCode: code('zone code', /^[A-Z]$/),
  weight: z.number().positive().finite(),
});

/**
 * A window code is the window part of every case number it mints: 1..8 capital letters or digits
 * (`A3`, a centre's `TC01`); a zone letter followed by zeros only (`B00`) is the hall's own series.
 */
export const windowCodeInCatalogSchema = code('window code', WINDOW_CODE_PATTERN).refine(
  (c) => !RESERVED_WINDOW_CODE_PATTERN.test(c),
  'a zone letter followed by zeros only (like B00) numbers the cases the hall accepts from its online inbox: choose another window code',
);

export const windowSchema = z.object({
  code: windowCodeInCatalogSchema,
  name: text,
  kind: z.enum(['counter', 'reception']),
  zones: z.array(windowZoneSchema).min(1),
});

export const departmentSchema = z.object({
  code: code('department code'),
  name: text,
});

export const materialSchema = z.object({
  code: code('material code'),
  name: text,
  type: z.literal([1, 2, 3]),
  form: z.literal([1, 2, 3]),
  source: z.enum(['applicant', 'government', 'online']),
  issuer: text.optional(),
  standard: text.optional(),
});

export const matterMaterialSchema = z.object({
  materialCode: code('material code'),
  necessity: z.enum(['required', 'optional', 'deferrable']),
  originals: z.number().int().min(0),
  copies: z.number().int().min(0),
  commitmentAllowed: z.boolean(),
  // Working days to supply a deferred material; whether it fits the matter is checked with the matter.
  deferralDays: z.number().int().min(1).optional(),
});

export const matterTypeCodeSchema = z.enum(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']);

export const matterSchema = z
  .object({
    code: code('implementation code', MATTER_CODE_PATTERN),
    basicCode: code('basic code', MATTER_BASIC_CODE_PATTERN),
    name: text,
    typeCode: matterTypeCodeSchema,
    departmentCode: code('department code'),
    zoneCode: code('zone code', /^[A-Z]$/),
    caseType: z.enum(['immediate', 'promised']),
    statutoryLimitDays: wholeDays,
    promisedLimitDays: wholeDays,
    fee: z.object({ charged: z.boolean(), basis: text.optional() }),
    visits: z.number().int().min(0),
    handlingForms: z.array(z.literal([1, 2, 3, 4])).min(1),
    serviceObjects: z.array(z.literal([1, 2, 3, 4, 5, 6])).min(1),
    townAvailable: z.boolean(),
    legalBasis: text,
    materials: z.array(matterMaterialSchema),
    takeInSites: z.array(code('site code', SITE_CODE_PATTERN)).optional(),
  })
  .superRefine((m, ctx) => {
    // An immediate matter is finished at the window: there is no promised date to print.
    if (m.caseType === 'immediate' && m.promisedLimitDays !== 0) {
      ctx.addIssue({ code: 'custom', path: ['promisedLimitDays'], message: 'an immediate matter has promisedLimitDays 0' });
    }
    if (m.caseType === 'promised' && m.promisedLimitDays < 1) {
      ctx.addIssue({ code: 'custom', path: ['promisedLimitDays'], message: 'a promised matter needs promisedLimitDays of at least 1' });
    }
    // A deferred material is due within the matter's own promise (the notice may not promise later).
    m.materials.forEach((mm, i) => {
      if (mm.deferralDays === undefined) return;
      const path = ['materials', i, 'deferralDays'];
      if (mm.necessity !== 'deferrable') {
        ctx.addIssue({ code: 'custom', path, message: `deferralDays is for a deferrable material only, and ${mm.materialCode} is ${mm.necessity}` });
      } else if (m.caseType === 'immediate') {
        ctx.addIssue({ code: 'custom', path, message: `an immediate matter (即办件) is decided at the window: material ${mm.materialCode} cannot be deferred` });
      } else if (mm.deferralDays > m.promisedLimitDays) {
        ctx.addIssue({ code: 'custom', path, message: `deferralDays ${mm.deferralDays} of material ${mm.materialCode} exceeds the promised limit of ${m.promisedLimitDays} working days` });
      }
    });
    // The promised limit is the statutory one cut short; it can never exceed what the law allows.
    if (m.statutoryLimitDays > 0 && m.promisedLimitDays > m.statutoryLimitDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['promisedLimitDays'],
        message: `promisedLimitDays ${m.promisedLimitDays} exceeds statutoryLimitDays ${m.statutoryLimitDays}`,
      });
    }
  });

export const bundleSchema = z.object({
  code: code('bundle code'),
  name: text,
  zoneCode: code('zone code', /^[A-Z]$/),
  // One matter is not a bundle: "一件事" chains several licences into one application.
  matterCodes: z.array(code('implementation code', MATTER_CODE_PATTERN)).min(2),
  description: text,
});

export const hallSchema = z.object({
  name: text,
  regionCode: z.string().regex(/^\d{6}$/, 'regionCode is a 6-digit GB/T 2260 code'),
  siteCode: code('site code', SITE_CODE_PATTERN),
});

/** A town or community centre: its own site code, its name, the windows (counters) it runs. */
export const siteSchema = z.object({
  code: code('site code', SITE_CODE_PATTERN),
  name: text,
  windowCodes: z.array(windowCodeInCatalogSchema).min(1),
});

export const catalogSchema = z.object({
  hall: hallSchema,
  // A catalogue written before centres existed has none.
  sites: z.array(siteSchema).default([]),
  zones: z.array(zoneSchema).min(1),
  windows: z.array(windowSchema),
  departments: z.array(departmentSchema),
  materials: z.array(materialSchema),
  matters: z.array(matterSchema),
  bundles: z.array(bundleSchema),
});

// Compile-time proof that the schemas and the domain types describe the same shapes, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameZone: Same<z.infer<typeof zoneSchema>, Zone> = true;
const _sameWindowZone: Same<z.infer<typeof windowZoneSchema>, WindowZone> = true;
const _sameWindow: Same<z.infer<typeof windowSchema>, ServiceWindow> = true;
const _sameDepartment: Same<z.infer<typeof departmentSchema>, Department> = true;
const _sameMaterial: Same<z.infer<typeof materialSchema>, Material> = true;
const _sameMatterMaterial: Same<z.infer<typeof matterMaterialSchema>, MatterMaterial> = true;
const _sameMatter: Same<z.infer<typeof matterSchema>, Matter> = true;
const _sameBundle: Same<z.infer<typeof bundleSchema>, Bundle> = true;
const _sameHall: Same<z.infer<typeof hallSchema>, Hall> = true;
const _sameSite: Same<z.infer<typeof siteSchema>, Site> = true;
const _sameCatalog: Same<z.infer<typeof catalogSchema>, Catalog> = true;

const isoDate = z.string().refine(isLocalDate, 'a date is a real calendar date written YYYY-MM-DD');

/**
 * One published year of holidays (resources/calendar/YYYY.json), as the State Council notice lists
 * it: holiday ranges and the make-up working days (调休上班) that fall on weekends. buildCalendar in
 * src/domain/calendar.ts refuses what only the whole year can show (a day listed twice, ...).
 */
export const calendarYearSchema = z.object({
  year: z.number().int().min(1900).max(9999),
  /** The notice the data was copied from, e.g. "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）". */
  source: text,
  holidays: z.array(
    z
      .object({ from: isoDate, to: isoDate, name: text })
      .refine((h) => h.from <= h.to, { message: 'a holiday ends on or after the day it starts', path: ['to'] }),
  ),
  workdays: z.array(z.object({ date: isoDate, name: text })),
  /** The hall's revision of an entered year (1, 2, …); set by the hall server, absent in resources/calendar. */
  revision: z.number().int().min(1).optional(),
});
export type { CalendarYear };
const _sameCalendarYear: Same<z.infer<typeof calendarYearSchema>, CalendarYear> = true;

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  return [...twice];
}

/**
 * Everything a record-by-record schema cannot check: unique codes and references that resolve.
 * Returns one readable sentence per problem, empty when the catalogue holds together.
 */
export function validateCatalogReferences(c: Catalog): string[] {
  const problems: string[] = [];
  const lists: Array<[string, Array<{ code: string }>]> = [
    ['zone', c.zones],
    ['window', c.windows],
    ['department', c.departments],
    ['material', c.materials],
    ['matter', c.matters],
    ['bundle', c.bundles],
    ['site', c.sites],
  ];
  for (const [what, list] of lists) {
    for (const d of duplicates(list.map((x) => x.code))) problems.push(`${what} code ${d} is used more than once`);
  }

  const zones = new Set(c.zones.map((z) => z.code));
  const departments = new Set(c.departments.map((d) => d.code));
  const materials = new Set(c.materials.map((m) => m.code));
  const matters = new Set(c.matters.map((m) => m.code));

  for (const w of c.windows) {
    for (const wz of w.zones) {
      if (!zones.has(wz.zoneCode)) problems.push(`window ${w.code} serves zone ${wz.zoneCode}, which does not exist`);
    }
    for (const d of duplicates(w.zones.map((wz) => wz.zoneCode))) problems.push(`window ${w.code} lists zone ${d} more than once`);
  }

  for (const m of c.matters) {
    const label = `matter ${m.code} (${m.name})`;
    if (!departments.has(m.departmentCode)) problems.push(`${label} names department ${m.departmentCode}, which does not exist`);
    if (!zones.has(m.zoneCode)) problems.push(`${label} belongs to zone ${m.zoneCode}, which does not exist`);
    for (const mm of m.materials) {
      if (!materials.has(mm.materialCode)) problems.push(`${label} asks for material ${mm.materialCode}, which is not in the materials list`);
    }
    for (const d of duplicates(m.materials.map((mm) => mm.materialCode))) problems.push(`${label} asks for material ${d} more than once`);
  }

  const windowByCode = new Map(c.windows.map((w) => [w.code, w]));
  const siteCodes = new Set(c.sites.map((s) => s.code));
  const siteOf = new Map<string, string>();
  for (const s of c.sites) {
    const label = `site ${s.code} (${s.name})`;
    // The site code is the first part of a case number: a centre sharing the hall's would share its numbers.
    if (s.code === c.hall.siteCode) problems.push(`${label} has the hall's own site code ${s.code}; give the centre a code of its own`);
    for (const wc of s.windowCodes) {
      const w = windowByCode.get(wc);
      if (!w) problems.push(`${label} runs window ${wc}, which does not exist`);
      else if (w.kind !== 'counter') problems.push(`${label} runs window ${wc}, which is a reception desk; a centre's windows are counters`);
      const other = siteOf.get(wc);
      if (other !== undefined && other !== s.code) problems.push(`window ${wc} is listed by sites ${other} and ${s.code}; a window belongs to one site`);
      siteOf.set(wc, s.code);
    }
    for (const d of duplicates(s.windowCodes)) problems.push(`${label} lists window ${d} more than once`);
  }
  for (const m of c.matters) {
    for (const sc of m.takeInSites ?? []) {
      if (!siteCodes.has(sc)) problems.push(`matter ${m.code} (${m.name}) is taken in at site ${sc}, which is not in the sites list`);
    }
    for (const d of duplicates(m.takeInSites ?? [])) problems.push(`matter ${m.code} (${m.name}) lists site ${d} more than once`);
  }

  for (const b of c.bundles) {
    const label = `bundle ${b.code} (${b.name})`;
    if (!zones.has(b.zoneCode)) problems.push(`${label} is taken in at zone ${b.zoneCode}, which does not exist`);
    for (const mc of b.matterCodes) {
      if (!matters.has(mc)) problems.push(`${label} includes matter ${mc}, which does not exist`);
    }
    for (const d of duplicates(b.matterCodes)) problems.push(`${label} includes matter ${d} more than once`);
  }
  return problems;
}

/**
 * What an imported catalogue must say about 容缺 that a single record read from a hall's change log
 * need not (a record from before deferralDays existed still reads, with the intake rules' default):
 * every deferrable row names its limit, and an immediate matter defers nothing.
 */
export function validateCatalogDeferrals(c: Catalog): string[] {
  const problems: string[] = [];
  for (const m of c.matters) {
    for (const mm of m.materials) {
      if (mm.necessity !== 'deferrable') continue;
      const label = `matter ${m.code} (${m.name})`;
      if (m.caseType === 'immediate') {
        problems.push(`${label} is immediate (即办件): material ${mm.materialCode} cannot be deferrable; make it required or optional`);
      } else if (mm.deferralDays === undefined) {
        problems.push(`${label} defers material ${mm.materialCode} without deferralDays (working days to supply it, 1 to ${m.promisedLimitDays})`);
      }
    }
  }
  return problems;
}

/** A zod issue as one line an administrator can act on: `matters[3].fee.charged: expected boolean`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parse an untrusted catalogue: shape first, then references. Fails with CATALOG_INVALID. */
export function parseCatalog(json: unknown): Result<Catalog> {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(describeIssue);
    return fail('CATALOG_INVALID', `the catalogue does not have the expected shape (${issues.length} problems)`, { issues });
  }
  const issues = [...validateCatalogReferences(parsed.data), ...validateCatalogDeferrals(parsed.data)];
  if (issues.length > 0) {
    return fail('CATALOG_INVALID', `the catalogue does not hold together (${issues.length} problems)`, { issues });
  }
  return ok(parsed.data);
}
