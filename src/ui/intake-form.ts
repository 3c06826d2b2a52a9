import type { CaseSummary, StationArgs, StationResult } from '../contract/station-api';
import { contactReason, type ContactReason } from '../domain/contact';
import { parseIdNumber } from '../domain/id-number';
import type { LocalDate } from '../domain/local-date';
import type { DomainError } from '../domain/result';

/**
 * The intake form (一窗受理) as plain data, and the rules the screen applies to it before anything is
 * sent: which receipt marks a material may take, what each row looks like, whether the applicant is
 * complete, and the exact args of intake.evaluate / intake.submit. The station decides the outcome;
 * these helpers only keep the form honest.
 */

export type Receipt = 'original' | 'copy' | 'electronic' | 'commitment' | 'missing';
export type ChecklistItem = StationResult<'intake.checklist'>[number];
export type Decision = StationResult<'intake.evaluate'>;
export type DeferredItem = Decision['deferred'][number];
export type Outcome = 'accept' | 'accept-deferred' | 'notify-correction' | 'reject';

export interface PersonFields {
  name: string;
  idNumber: string;
  phone: string;
}

export interface IntakeForm {
  applicant: PersonFields & { address: string };
  agentOn: boolean;
  agent: PersonFields;
  /** Matters picked one by one, with their names for the tags. */
  matters: { code: string; name: string }[];
  /** A bundle (一件事) brings its matters; removing the bundle removes them. */
  bundle: { code: string; name: string; matterCodes: string[] } | null;
  received: Record<string, Receipt>;
  /** 容缺: due dates the clerk agreed with the applicant, earlier than proposed, by material code. */
  dueDates: Record<string, LocalDate>;
  creditOk: boolean;
  /** The applicant's ID card was read at the counter: the original was in the clerk's hand. */
  cardRead: boolean;
}

export const emptyForm = (): IntakeForm => ({
  applicant: { name: '', idNumber: '', phone: '', address: '' },
  agentOn: false,
  agent: { name: '', idNumber: '', phone: '' },
  matters: [],
  bundle: null,
  received: {},
  dueDates: {},
  creditOk: true,
  cardRead: false,
});

/** The matters of the application: the bundle's, then the ones added by hand, each once. */
export function matterCodesOf(form: IntakeForm): string[] {
  return [...new Set([...(form.bundle?.matterCodes ?? []), ...form.matters.map((m) => m.code)])];
}

/** The marks a material can take: 承诺 only where notify-and-commit is allowed for it. */
export function receiptOptions(item: Pick<ChecklistItem, 'commitmentAllowed'>): Receipt[] {
  return item.commitmentAllowed ? ['original', 'copy', 'electronic', 'commitment', 'missing'] : ['original', 'copy', 'electronic', 'missing'];
}

export type RowState = 'ok' | 'short' | 'deferred' | 'optional-missing';

/**
 * How a checklist row is shown: ok (received well enough), short (a required material missing or
 * only a copy where an original is needed: red), deferred (a 容缺 material not yet here: orange),
 * optional-missing (grey). A commitment where none is allowed is short.
 */
export function rowState(item: ChecklistItem, receipt: Receipt): RowState {
  let received: boolean;
  switch (receipt) {
    case 'original':
    case 'electronic':
      received = true;
      break;
    case 'copy':
      received = item.originals === 0;
      break;
    case 'commitment':
      received = item.commitmentAllowed;
      break;
    default:
      received = false;
  }
  if (received) return 'ok';
  if (item.necessity === 'optional') return 'optional-missing';
  return item.necessity === 'deferrable' ? 'deferred' : 'short';
}

/** Keeps the marks of materials still on the checklist; new materials start as missing. */
export function alignReceived(received: Record<string, Receipt>, checklist: ChecklistItem[]): Record<string, Receipt> {
  const out: Record<string, Receipt> = {};
  for (const item of checklist) {
    const mark = received[item.materialCode];
    out[item.materialCode] = mark && receiptOptions(item).includes(mark) ? mark : 'missing';
  }
  return out;
}

/**
 * "All here": marks what the application needs. Optional materials (授权委托书 without an agent,
 * a second proof) are left as they are when marking received: only the clerk who saw one may say
 * so, and the case records what was handed over. Resetting to 缺 touches every row.
 */
export function markAll(checklist: ChecklistItem[], received: Record<string, Receipt>, mark: Receipt): Record<string, Receipt> {
  const out = { ...received };
  for (const item of checklist) {
    if (mark !== 'missing' && item.necessity === 'optional') continue;
    if (receiptOptions(item).includes(mark)) out[item.materialCode] = mark;
  }
  return out;
}

/** The checklist rows that stand for the applicant's ID card itself (居民身份证, 申请人身份证件). */
export function idCardMaterials(checklist: Pick<ChecklistItem, 'materialCode' | 'name'>[]): string[] {
  return checklist.filter((item) => /^(申请人)?(居民)?身份证(件)?(原件)?$/.test(item.name.trim())).map((item) => item.materialCode);
}

/** A card read at the counter is the original ID card received: its rows say so, whatever they said. */
export function withCardRead(received: Record<string, Receipt>, checklist: ChecklistItem[]): Record<string, Receipt> {
  const out = { ...received };
  for (const code of idCardMaterials(checklist)) out[code] = 'original';
  return out;
}

/** Why the chosen outcome needs a phone that the form does not have yet (null: it is fine). */
export function phoneMissingFor(form: IntakeForm, outcome: Outcome): ContactReason | null {
  const phones = [form.applicant.phone, form.agentOn ? form.agent.phone : ''];
  if (phones.some((p) => p.trim() !== '')) return null;
  return contactReason(outcome, form.received);
}

/** Today's cases by what intake decided: 受理 (incl. 容缺 and cases since in review), 告知, 不予受理. */
export function countOutcomes(cases: Pick<CaseSummary, 'status'>[]): { accepted: number; notified: number; rejected: number } {
  const out = { accepted: 0, notified: 0, rejected: 0 };
  for (const c of cases) {
    if (c.status === 'correction-notified') out.notified++;
    else if (c.status === 'rejected') out.rejected++;
    else out.accepted++;
  }
  return out;
}

/**
 * The date each deferred material is due by: the day the clerk picked, while it is still one of
 * the material's choices (a change of matters or acceptance day can take it away), else the day
 * proposed from the material's own deferral limit.
 */
export function deferredDueDates(decision: Pick<Decision, 'deferred'>, picked: Record<string, LocalDate>): Record<string, LocalDate> {
  return Object.fromEntries(
    decision.deferred.map((d) => {
      const mine = picked[d.materialCode];
      return [d.materialCode, mine !== undefined && d.dueDateChoices.includes(mine) ? mine : d.dueDate];
    }),
  );
}

/** The last of the deferred materials' due dates: everything is supplied by then. */
export function lastDueDate(dates: Record<string, LocalDate>): LocalDate | null {
  return Object.values(dates).reduce<LocalDate | null>((last, d) => (last === null || d > last ? d : last), null);
}

export type FieldProblem = DomainError | { code: 'REQUIRED'; message: string } | { code: 'PHONE_FORMAT'; message: string } | { code: 'PHONE_NEEDED'; message: string };

export interface ApplicantCheck {
  name: FieldProblem | null;
  idNumber: FieldProblem | null;
  phone: FieldProblem | null;
  agentName: FieldProblem | null;
  agentIdNumber: FieldProblem | null;
  agentPhone: FieldProblem | null;
}

const PHONE = /^[0-9+\- ]{5,20}$/;
const required = (v: string): FieldProblem | null => (v.trim() === '' ? { code: 'REQUIRED', message: 'required' } : null);
const phone = (v: string): FieldProblem | null => (v.trim() === '' || PHONE.test(v.trim()) ? null : { code: 'PHONE_FORMAT', message: 'phone' });
const idNumber = (v: string, today: LocalDate): FieldProblem | null => {
  const parsed = parseIdNumber(v, today);
  return parsed.ok ? null : parsed.error;
};

/** Validates the applicant (and the agent, when there is one) as typed; `today` bounds birth dates. */
export function checkApplicant(form: IntakeForm, today: LocalDate): ApplicantCheck {
  const agentOn = form.agentOn;
  return {
    name: required(form.applicant.name),
    idNumber: idNumber(form.applicant.idNumber, today),
    phone: phone(form.applicant.phone),
    agentName: agentOn ? required(form.agent.name) : null,
    agentIdNumber: agentOn ? idNumber(form.agent.idNumber, today) : null,
    agentPhone: agentOn ? phone(form.agent.phone) : null,
  };
}

export function applicantComplete(check: ApplicantCheck): boolean {
  return Object.values(check).every((p) => p === null);
}

/**
 * A partly typed ID number is not yet wrong: while fewer than 18 characters are typed the field
 * only says how many are left; the reason appears once the length is complete (or exceeded).
 */
export function idNumberShownProblem(raw: string, problem: FieldProblem | null): FieldProblem | null {
  if (!problem) return null;
  const typed = raw.replace(/\s+/g, '').length;
  if (problem.code === 'ID_NUMBER_EMPTY') return null;
  if (problem.code === 'ID_NUMBER_LENGTH' && typed < 18 && typed !== 15) return null;
  return problem;
}

export function evaluateArgs(form: IntakeForm): StationArgs<'intake.evaluate'> | null {
  const matterCodes = matterCodesOf(form);
  if (matterCodes.length === 0) return null;
  return { matterCodes, bundleCode: form.bundle?.code ?? null, received: form.received, creditOk: form.creditOk };
}

export function submitArgs(
  form: IntakeForm,
  outcome: Outcome,
  ticket: { id: string; number: string } | null,
  rejection: { reason: string; competentBody: string } | null,
  decision?: Pick<Decision, 'deferred'>,
): StationArgs<'intake.submit'> {
  const a = form.applicant;
  const trimmed = (v: string) => v.trim();
  // Only the dates of materials deferred now, and only when deferring: a pick left over from a
  // row since marked received describes nothing.
  const dueDates = outcome === 'accept-deferred' && decision ? deferredDueDates(decision, form.dueDates) : {};
  return {
    matterCodes: matterCodesOf(form),
    bundleCode: form.bundle?.code ?? null,
    received: form.received,
    creditOk: form.creditOk,
    outcome,
    dueDates,
    applicant: {
      name: trimmed(a.name),
      idType: idTypeOfNumber(a.idNumber),
      idNumber: a.idNumber.replace(/\s+/g, '').toUpperCase(),
      ...(trimmed(a.phone) ? { phone: trimmed(a.phone) } : {}),
      ...(trimmed(a.address) ? { address: trimmed(a.address) } : {}),
    },
    agent: form.agentOn
      ? {
          name: trimmed(form.agent.name),
          idNumber: form.agent.idNumber.replace(/\s+/g, '').toUpperCase(),
          ...(trimmed(form.agent.phone) ? { phone: trimmed(form.agent.phone) } : {}),
        }
      : null,
    ticketId: ticket?.id ?? null,
    ticketNumber: ticket?.number ?? null,
    rejection: outcome === 'reject' && rejection ? { reason: rejection.reason.trim(), competentBody: rejection.competentBody.trim() } : null,
  };
}

/** The allowance of an outcome in the station's verdict. */
export function allowanceOf(decision: Decision, outcome: Outcome): Decision['allowed']['accept'] {
  switch (outcome) {
    case 'accept':
      return decision.allowed.accept;
    case 'accept-deferred':
      return decision.allowed.acceptDeferred;
    case 'notify-correction':
      return decision.allowed.notifyCorrection;
    default:
      return decision.allowed.reject;
  }
}

export const outcomes: Outcome[] = ['accept', 'accept-deferred', 'notify-correction', 'reject'];

/** The certificate type of a typed number (resident ID unless the number says otherwise). */
export function idTypeOfNumber(raw: string): '111' | '154' | '553' | '554' {
  const parsed = parseIdNumber(raw);
  return parsed.ok ? idTypeOfCard(parsed.value.kind) : '111';
}

/** ID type code of GB/T 39046 for a document kind read from the card. */
export function idTypeOfCard(cardType: 'resident' | 'permit' | 'foreign2017' | 'foreign2023'): '111' | '154' | '553' | '554' {
  // 111 居民身份证, 154 港澳台居民居住证, 553/554 外国人永久居留身份证 (2017 / 2023 layouts).
  return cardType === 'resident' ? '111' : cardType === 'permit' ? '154' : cardType === 'foreign2017' ? '553' : '554';
}

/** The promise line's wording: an immediate case (0 working days) is done on the spot, not "（0个工作日）". */
export function promisedKey(promisedDays: number): 'intake.promised' | 'intake.promisedImmediate' {
  return promisedDays === 0 ? 'intake.promisedImmediate' : 'intake.promised';
}
