import type { CaseMaterial } from '../../contract/case';
import type { WorkCalendar } from '../../domain/calendar';
import type { Matter } from '../../domain/catalog';
import { decideIntake, mergeChecklist, type ChecklistItem, type IntakeDecision, type MaterialReceipt } from '../../domain/checklist';
import type { HallQueryable } from '../db/client';
import { HallError } from '../http/errors';
import { catalogLookups } from './repository';

/** The matters of a case, every one of them in the catalogue (MATTER_UNKNOWN names the others). */
export async function mattersOf(db: HallQueryable, codes: string[]): Promise<Matter[]> {
  const unique = [...new Set(codes)];
  const found = await catalogLookups.matters(db, unique);
  const known = new Set(found.map((m) => m.code));
  const unknown = unique.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new HallError('MATTER_UNKNOWN', `matter ${unknown.join(', ')} is not in the hall catalogue`, { matterCodes: unknown });
  }
  return found;
}

/** The merged checklist of the matters (each material once, the strictest necessity). */
export async function checklistOf(db: HallQueryable, matters: Matter[]): Promise<ChecklistItem[]> {
  const codes = [...new Set(matters.flatMap((m) => m.materials.map((mm) => mm.materialCode)))];
  return mergeChecklist(matters, await catalogLookups.materials(db, codes));
}

/** Every material the case lists is on its checklist, and listed once. */
export function checkMaterialsListed(checklist: ChecklistItem[], listed: CaseMaterial[]): void {
  const onList = new Set(checklist.map((i) => i.materialCode));
  const seen = new Set<string>();
  for (const m of listed) {
    if (!onList.has(m.materialCode)) {
      throw new HallError('CASE_MATERIAL_UNKNOWN', `material ${m.materialCode} is not asked for by the matters of this case`, { materialCode: m.materialCode });
    }
    if (seen.has(m.materialCode)) {
      throw new HallError('CASE_MATERIAL_DUPLICATE', `material ${m.materialCode} is listed twice`, { materialCode: m.materialCode });
    }
    seen.add(m.materialCode);
  }
}

export function receiptsOf(listed: CaseMaterial[]): Record<string, MaterialReceipt> {
  return Object.fromEntries(listed.map((m) => [m.materialCode, m.receipt]));
}

/**
 * The domain's intake decision for these materials on this acceptance day. Throws DomainFailure
 * CALENDAR_YEAR_UNKNOWN when the promised date falls in a year the hall has no calendar for.
 */
export function decide(checklist: ChecklistItem[], listed: CaseMaterial[], matters: Matter[], calendar: WorkCalendar, acceptedOn: string): IntakeDecision {
  // The station checks the applicant's credit (it has the list); the server takes its word for it.
  return decideIntake(checklist, receiptsOf(listed), { acceptedOn, calendar, matters, creditOk: true });
}

/** "营业执照: 未提交; 身份证: 需提供原件1份（仅交复印件）" — what is short, for the clerk. */
export function describeShortfalls(decision: IntakeDecision): string {
  return decision.shortfalls.map((s) => `${s.item.name} (${s.item.materialCode}): ${s.reason}`).join('; ');
}

/**
 * The intake outcome the clerk chose, as the decision allows it: 受理 needs every material, 容缺受理
 * every required one (and the matters' leave to defer). The one rule for a window's intake and the
 * online inbox's acceptance (online/review.ts).
 */
export function requireOutcome(decision: IntakeDecision, outcome: 'accept' | 'accept-deferred'): void {
  if (outcome === 'accept' && !decision.allowed.accept.ok) {
    throw new HallError('CASE_MATERIALS_INCOMPLETE', `the case cannot be accepted outright: ${describeShortfalls(decision)}`, shortfallDetails(decision));
  }
  if (outcome === 'accept-deferred') {
    if (decision.missingRequired.length > 0) {
      throw new HallError('CASE_MATERIALS_INCOMPLETE', `required materials are short, so no deferred acceptance: ${describeShortfalls(decision)}`, shortfallDetails(decision));
    }
    const allowed = decision.allowed.acceptDeferred;
    if (!allowed.ok) throw new HallError(allowed.code, allowed.reason);
  }
}

function shortfallDetails(decision: IntakeDecision): Record<string, unknown> {
  return { shortfalls: decision.shortfalls.map((s) => ({ materialCode: s.item.materialCode, necessity: s.item.necessity, problem: s.problem })) };
}
