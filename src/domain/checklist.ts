/**
 * The material checklist of one application (one matter, several matters, or a bundle "一件事") and
 * what an intake may do with what the applicant brought.
 *
 * Merging: a material asked for by several matters is asked once ("一套材料"): the strictest
 * necessity (required > deferrable > optional), the highest originals and copies counts, the
 * commitment (告知承诺) allowed only if every matter asking for it allows it, and, when it stays
 * deferrable, the shortest deferral limit of the matters that defer it (the applicant must meet the
 * strictest promise).
 *
 * Receipts — when a checklist item counts as received:
 * - 'original': always.
 * - 'electronic': always. An electronic licence or record from the e-licence library has the same
 *   legal effect as the paper one (国务院 e-licence rules), and online forms are electronic.
 * - 'copy': only when the matter asks for no original (originals = 0). When an original is asked
 *   for, the clerk must see it (核验原件); a copy alone is a defect the correction notice names.
 * - 'commitment': only where the commitment is allowed; elsewhere it is a defect (the notice says
 *   the material cannot be replaced by a commitment).
 * - 'missing' (or nothing recorded): not received.
 * Optional materials never block anything.
 *
 * The outcomes (Administrative Licensing Law art. 32):
 * - accept: every required and deferrable material received.
 * - acceptDeferred (容缺受理): every required material received, some deferrable ones not, the
 *   applicant's credit is good (bad-credit applicants are excluded), and there is time to supply
 *   them. Each deferred material is due on its own date: `deferralDays` working days after
 *   acceptance (its catalogue row's limit), never after the promised date, and after the acceptance
 *   day (an immediate matter leaves no time). The clerk may agree an earlier day with the applicant
 *   (`dueDateChoices`); never a later one.
 * - notifyCorrection (补正/一次性告知): whenever a required or deferrable material is not received;
 *   the notice lists ALL of them at once (art. 32 (4): tell everything in one go).
 * - reject: always possible (the reason is checked where it is entered).
 */
import type { Bundle, Material, MaterialNecessity, Matter, MatterMaterial } from './catalog';
import { addWorkingDays, type WorkCalendar } from './calendar';
import { compareLocalDate, type LocalDate } from './local-date';
import { fail, ok, type Result } from './result';

export interface ChecklistItem {
  materialCode: string;
  name: string;
  /** The strictest over the matters: required > deferrable > optional. */
  necessity: MaterialNecessity;
  originals: number;
  /** Highest over the matters (as originals). */
  copies: number;
  /** Only if every matter asking for it allows it. */
  commitmentAllowed: boolean;
  matterCodes: string[];
  standard?: string;
  /**
   * Deferrable items only: working days after acceptance to supply it, the smallest over the
   * matters that ask for it as deferrable.
   */
  deferralDays?: number;
}

const strictness: Record<MaterialNecessity, number> = { optional: 0, deferrable: 1, required: 2 };

export const DEFAULT_DEFERRAL_DAYS = 5;

/**
 * The deferral limit of one matter's row: its own `deferralDays`, or, for a record from before the
 * field existed, the old hall-wide default cut to the matter's promised limit (0 for an immediate
 * matter: nothing can wait for a decision made at the window).
 */
export function rowDeferralDays(matter: Matter, row: MatterMaterial): number {
  if (row.deferralDays !== undefined) return row.deferralDays;
  return Math.min(DEFAULT_DEFERRAL_DAYS, promisedDaysOf([matter]));
}

/** Each material once, in the order it first appears (matter by matter). */
export function mergeChecklist(matters: Matter[], materials: Material[]): ChecklistItem[] {
  const dictionary = new Map(materials.map((m) => [m.code, m]));
  const items = new Map<string, ChecklistItem>();
  for (const matter of matters) {
    for (const mm of matter.materials) {
      const seen = items.get(mm.materialCode);
      // Only a matter that itself defers the material limits how long it may wait; one that asks
      // for it as optional does not need it at all, one that requires it makes the item required.
      const days = mm.necessity === 'deferrable' ? rowDeferralDays(matter, mm) : undefined;
      if (!seen) {
        const material = dictionary.get(mm.materialCode);
        const item: ChecklistItem = {
          materialCode: mm.materialCode,
          // The catalogue importer checks references; a gap shows the code rather than hiding the line.
          name: material?.name ?? mm.materialCode,
          necessity: mm.necessity,
          originals: mm.originals,
          copies: mm.copies,
          commitmentAllowed: mm.commitmentAllowed,
          matterCodes: [matter.code],
        };
        if (material?.standard !== undefined) item.standard = material.standard;
        if (days !== undefined) item.deferralDays = days;
        items.set(mm.materialCode, item);
        continue;
      }
      if (strictness[mm.necessity] > strictness[seen.necessity]) seen.necessity = mm.necessity;
      if (days !== undefined) seen.deferralDays = Math.min(seen.deferralDays ?? days, days);
      seen.originals = Math.max(seen.originals, mm.originals);
      seen.copies = Math.max(seen.copies, mm.copies);
      seen.commitmentAllowed = seen.commitmentAllowed && mm.commitmentAllowed;
      if (!seen.matterCodes.includes(matter.code)) seen.matterCodes.push(matter.code);
    }
  }
  // A limit belongs to a deferrable item only: one that another matter requires is never deferred.
  for (const item of items.values()) if (item.necessity !== 'deferrable') delete item.deferralDays;
  return [...items.values()];
}

/** The matters of a bundle, in the bundle's order; an unknown matter code is a catalogue error. */
export function bundleMatters(bundle: Bundle, matters: Matter[]): Result<Matter[]> {
  const byCode = new Map(matters.map((m) => [m.code, m]));
  const found: Matter[] = [];
  for (const code of bundle.matterCodes) {
    const m = byCode.get(code);
    if (!m) return fail('CATALOG_MATTER_UNKNOWN', `bundle ${bundle.code} names matter ${code}, which is not in the catalogue`, { bundle: bundle.code, matter: code });
    found.push(m);
  }
  return ok(found);
}

export type MaterialReceipt = 'original' | 'copy' | 'electronic' | 'commitment' | 'missing';

export interface IntakeContext {
  acceptedOn: LocalDate;
  calendar: WorkCalendar;
  matters: Matter[];
  /** bad-credit applicants may not use 容缺 */
  creditOk: boolean;
}

export type Allowance = { ok: true } | { ok: false; code: string; reason: string };

/** Why a required or deferrable item does not count as received. */
export type ShortfallProblem = 'missing' | 'original-required' | 'commitment-not-allowed';

export interface Shortfall {
  item: ChecklistItem;
  receipt: MaterialReceipt;
  problem: ShortfallProblem;
  /** Short Chinese wording for the clerk's screen and the correction notice. */
  reason: string;
}

/** A deferrable item not received: supplied later under 容缺, by its own date. */
export interface DeferredItem extends ChecklistItem {
  /**
   * The date proposed for it: `deferralDays` working days after acceptance, never after the promised
   * date. It is also the latest date allowed.
   */
  dueDate: LocalDate;
  /** Every working day after acceptance up to `dueDate`: the days a clerk may agree instead. */
  dueDateChoices: LocalDate[];
}

export interface IntakeDecision {
  /** acceptedOn + max promised limit over the matters (immediate matters: acceptedOn). */
  promisedDate: LocalDate;
  promisedDays: number;
  /** Required items not received. */
  missingRequired: ChecklistItem[];
  /** Deferrable items not received (supplied later under 容缺, or listed in the correction notice), each with its due date. */
  deferred: DeferredItem[];
  /** Items received as the applicant's commitment (告知承诺), where allowed. */
  committed: ChecklistItem[];
  /** Every required or deferrable item not received, with why: the full list of the correction notice. */
  shortfalls: Shortfall[];
  /** The last due date of the deferred items (everything supplied by then); null when nothing is deferred. */
  deferredDueDate: LocalDate | null;
  allowed: { accept: Allowance; acceptDeferred: Allowance; notifyCorrection: Allowance; reject: Allowance };
}

const yes: Allowance = { ok: true };
const no = (code: string, reason: string): Allowance => ({ ok: false, code, reason });

function assess(item: ChecklistItem, receipt: MaterialReceipt): Shortfall | null {
  switch (receipt) {
    case 'original':
    case 'electronic':
      return null;
    case 'copy':
      return item.originals > 0 ? { item, receipt, problem: 'original-required', reason: `需提供原件${item.originals}份（仅交复印件）` } : null;
    case 'commitment':
      return item.commitmentAllowed ? null : { item, receipt, problem: 'commitment-not-allowed', reason: '该材料不适用告知承诺，须提交材料' };
    case 'missing':
    default:
      return { item, receipt: 'missing', problem: 'missing', reason: '未提交' };
  }
}

/** The longest promised limit of the matters, in working days (immediate matters count 0). */
export function promisedDaysOf(matters: Matter[]): number {
  return matters.reduce((max, m) => Math.max(max, m.caseType === 'immediate' ? 0 : m.promisedLimitDays), 0);
}

/**
 * Throws DomainFailure CALENDAR_YEAR_UNKNOWN (from the calendar) when a deadline falls in a year the
 * hall has no holiday data for: a guessed deadline on a notice would be worse than none.
 */
export function decideIntake(checklist: ChecklistItem[], received: Record<string, MaterialReceipt>, ctx: IntakeContext): IntakeDecision {
  const promisedDays = promisedDaysOf(ctx.matters);
  const promisedDate = addWorkingDays(ctx.calendar, ctx.acceptedOn, promisedDays);

  const missingRequired: ChecklistItem[] = [];
  const deferred: DeferredItem[] = [];
  const committed: ChecklistItem[] = [];
  const shortfalls: Shortfall[] = [];
  for (const item of checklist) {
    const receipt = received[item.materialCode] ?? 'missing';
    if (item.necessity === 'optional') continue;
    const shortfall = assess(item, receipt);
    if (shortfall === null) {
      if (receipt === 'commitment') committed.push(item);
      continue;
    }
    shortfalls.push(shortfall);
    if (item.necessity === 'required') missingRequired.push(item);
    else deferred.push(deferredItem(item, ctx, promisedDate));
  }

  const deferredDueDate = deferred.reduce<LocalDate | null>((last, d) => (last === null || compareLocalDate(d.dueDate, last) > 0 ? d.dueDate : last), null);
  const noTime = deferred.some((d) => compareLocalDate(d.dueDate, ctx.acceptedOn) <= 0);

  const noMatter = ctx.matters.length === 0 ? no('INTAKE_NO_MATTER', '未选择办理事项') : null;

  const accept: Allowance = noMatter ?? (shortfalls.length === 0 ? yes : no('INTAKE_MATERIALS_INCOMPLETE', `尚缺${shortfalls.length}项材料`));

  let acceptDeferred: Allowance;
  if (noMatter) acceptDeferred = noMatter;
  else if (missingRequired.length > 0) acceptDeferred = no('INTAKE_REQUIRED_MISSING', `缺少${missingRequired.length}项必要材料，不能容缺受理`);
  else if (deferred.length === 0) acceptDeferred = no('INTAKE_NOTHING_DEFERRED', '材料齐全，无需容缺');
  else if (!ctx.creditOk) acceptDeferred = no('INTAKE_CREDIT_EXCLUDED', '申请人有失信记录，不适用容缺受理');
  else if (noTime) {
    acceptDeferred = no('INTAKE_DEFERRAL_NO_TIME', '承诺时限内没有补交材料的时间（即办件不适用容缺）');
  } else acceptDeferred = yes;

  const notifyCorrection: Allowance = shortfalls.length > 0 ? yes : no('INTAKE_NOTHING_MISSING', '材料齐全，无需补正');

  return {
    promisedDate,
    promisedDays,
    missingRequired,
    deferred,
    committed,
    shortfalls,
    deferredDueDate,
    allowed: { accept, acceptDeferred, notifyCorrection, reject: yes },
  };
}

/**
 * The due date of one deferred item: its own limit in working days after acceptance, cut to the
 * promised date, and the earlier working days a clerk may agree instead.
 */
function deferredItem(item: ChecklistItem, ctx: IntakeContext, promisedDate: LocalDate): DeferredItem {
  const days = Math.max(0, Math.floor(item.deferralDays ?? DEFAULT_DEFERRAL_DAYS));
  const dueDateChoices: LocalDate[] = [];
  let dueDate = ctx.acceptedOn;
  for (let n = 1; n <= days; n++) {
    const day = addWorkingDays(ctx.calendar, ctx.acceptedOn, n);
    if (compareLocalDate(day, promisedDate) > 0) break;
    dueDateChoices.push(day);
    dueDate = day;
  }
  return { ...item, dueDate, dueDateChoices };
}

export type DeferredDueDateProblem = 'missing' | 'not-after-acceptance' | 'after-promised-date' | 'beyond-deferral-limit';

/**
 * Whether `due` may stand as the date a deferred material is supplied by: after the acceptance day,
 * no later than the promised date, and within the material's own deferral limit (the latest is
 * `item.dueDate`). The station checks the clerk's choice with it and the hall checks the station's
 * with it, so both refuse the same dates. Null when the date may stand.
 */
export function deferredDueDateProblem(item: DeferredItem, due: LocalDate | null, acceptedOn: LocalDate, promisedDate: LocalDate): DeferredDueDateProblem | null {
  if (due === null) return 'missing';
  if (compareLocalDate(due, acceptedOn) <= 0) return 'not-after-acceptance';
  if (compareLocalDate(due, promisedDate) > 0) return 'after-promised-date';
  if (compareLocalDate(due, item.dueDate) > 0) return 'beyond-deferral-limit';
  return null;
}
