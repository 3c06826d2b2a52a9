/**
 * Outcomes that leave the applicant owing something need a way to reach them: 容缺受理 (papers
 * owed by a deadline), 告知承诺 (a commitment the department may check and revoke), 补正告知 (the
 * missing items to bring within the correction period). Without a phone number the hall cannot
 * remind, and a lapse falls on the applicant who was never told. An agent's phone serves too.
 */
import { fail, ok, type Result } from './result';

export type IntakeOutcome = 'accept' | 'accept-deferred' | 'notify-correction' | 'reject';
export type ContactReason = 'deferred' | 'commitment' | 'correction';

/** Why this outcome needs a phone number, or null when it does not. */
export function contactReason(outcome: IntakeOutcome, received: Record<string, string>): ContactReason | null {
  if (outcome === 'accept-deferred') return 'deferred';
  if (outcome === 'notify-correction') return 'correction';
  if (outcome === 'accept' && Object.values(received).includes('commitment')) return 'commitment';
  return null;
}

const reasonText: Record<ContactReason, string> = {
  deferred: '容缺受理',
  commitment: '告知承诺',
  correction: '一次性告知补正',
};

/** Refuses the outcome when it needs a phone and neither the applicant nor the agent left one. */
export function checkContact(outcome: IntakeOutcome, received: Record<string, string>, phones: Array<string | undefined | null>): Result<true> {
  const reason = contactReason(outcome, received);
  if (reason === null || phones.some((p) => (p ?? '').trim() !== '')) return ok(true);
  return fail('INTAKE_PHONE_REQUIRED', `${reasonText[reason]}须留申请人或代理人的联系电话，以便提醒补交或核查`, { reason });
}
