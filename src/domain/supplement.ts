/**
 * A material handed in after intake: a deferred (容缺) one, or one a correction notice asked for.
 * The one rule both the station (so the clerk hears "no" at once, offline too) and the hall server
 * (which has the last word) apply.
 *
 * A corrected case counts as accepted on the day its materials are complete (Administrative
 * Licensing Law art. 32), so its promised date runs from that day; until then it keeps waiting.
 */
import type { WorkCalendar } from './calendar';
import { caseTransition, type CaseStatus } from './case';
import type { Matter } from './catalog';
import { decideIntake, type ChecklistItem, type IntakeDecision, type MaterialReceipt } from './checklist';
import type { LocalDate } from './local-date';
import { localDateInShanghai } from './local-date';
import { fail, ok, type Result } from './result';

export interface CaseMaterialState {
  materialCode: string;
  receipt: MaterialReceipt;
  receivedAt: string | null;
  dueDate: LocalDate | null;
}

export interface SupplementInput {
  status: CaseStatus;
  materials: CaseMaterialState[];
  /** When the case was (last) accepted: the deferred deadlines and the promise run from that day. */
  acceptedAt: Date;
  checklist: ChecklistItem[];
  matters: Matter[];
  calendar: WorkCalendar;
  materialCode: string;
  receipt: Exclude<MaterialReceipt, 'missing'>;
  /** When it was handed in. */
  at: Date;
}

export interface Supplemented {
  item: ChecklistItem;
  materials: CaseMaterialState[];
  status: CaseStatus;
  /** Set when this supplement completes a correction: the case is accepted now, promised from today. */
  accepted: { at: Date; promisedDate: LocalDate; promisedDays: number } | null;
}

/** Statuses in which something may still be owed. */
const OWING: ReadonlySet<CaseStatus> = new Set(['correction-notified', 'accepted-deferred', 'in-review']);

function shortfallsOn(input: SupplementInput, materials: CaseMaterialState[], acceptedOn: LocalDate): IntakeDecision {
  const receipts = Object.fromEntries(materials.map((m) => [m.materialCode, m.receipt]));
  // Credit was checked at intake; a supplement only completes what was owed.
  return decideIntake(input.checklist, receipts, { acceptedOn, calendar: input.calendar, matters: input.matters, creditOk: true });
}

export function supplementMaterial(input: SupplementInput): Result<Supplemented> {
  if (!OWING.has(input.status)) {
    const refused = caseTransition(input.status, 'supplement');
    if (!refused.ok) return refused;
  }
  const item = input.checklist.find((i) => i.materialCode === input.materialCode);
  if (!item) return fail('CASE_MATERIAL_UNKNOWN', `material ${input.materialCode} is not asked for by the matters of this case`, { materialCode: input.materialCode });

  const acceptedOn = localDateInShanghai(input.acceptedAt);
  const before = shortfallsOn(input, input.materials, acceptedOn);
  if (!before.shortfalls.some((s) => s.item.materialCode === input.materialCode)) {
    return fail('CASE_MATERIAL_NOT_OWED', `${item.name} (${item.materialCode}) is not owed on this case`, { materialCode: input.materialCode });
  }

  const listed = input.materials.find((m) => m.materialCode === input.materialCode);
  const supplied: CaseMaterialState = { materialCode: input.materialCode, receipt: input.receipt, receivedAt: input.at.toISOString(), dueDate: listed?.dueDate ?? null };
  const materials = listed ? input.materials.map((m) => (m.materialCode === input.materialCode ? supplied : m)) : [...input.materials, supplied];

  const completing = input.status === 'correction-notified';
  const after = shortfallsOn(input, materials, completing ? localDateInShanghai(input.at) : acceptedOn);
  const still = after.shortfalls.find((s) => s.item.materialCode === input.materialCode);
  if (still) {
    return fail('CASE_MATERIAL_STILL_SHORT', `${item.name} (${item.materialCode}) is still short: ${still.reason}`, { materialCode: input.materialCode, problem: still.problem });
  }

  if (completing) {
    // Still short of something else: the case waits for the rest of the correction.
    if (after.shortfalls.length > 0) return ok({ item, materials, status: input.status, accepted: null });
    const status = caseTransition(input.status, 'supplement', { deferredPending: false });
    if (!status.ok) return status;
    return ok({ item, materials, status: status.value, accepted: { at: input.at, promisedDate: after.promisedDate, promisedDays: after.promisedDays } });
  }
  const status = caseTransition(input.status, 'supplement', { deferredPending: after.deferred.length > 0 });
  if (!status.ok) return status;
  return ok({ item, materials, status: status.value, accepted: null });
}
