import { describe, expect, it } from 'vitest';
import { checkContact, contactReason } from './contact';

describe('a phone number for outcomes that leave the applicant owing something', () => {
  it('is needed for 容缺受理, 补正告知 and an acceptance on a signed commitment', () => {
    expect(contactReason('accept-deferred', {})).toBe('deferred');
    expect(contactReason('notify-correction', {})).toBe('correction');
    expect(contactReason('accept', { M005: 'commitment', M001: 'original' })).toBe('commitment');
  });

  it('is not needed for a plain acceptance or a rejection', () => {
    expect(contactReason('accept', { M001: 'original' })).toBeNull();
    expect(contactReason('reject', { M005: 'commitment' })).toBeNull();
  });

  it('refuses a deferred acceptance without any phone, and takes the agent’s', () => {
    const refused = checkContact('accept-deferred', {}, ['', undefined]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INTAKE_PHONE_REQUIRED', details: { reason: 'deferred' } } });
    expect(refused.ok ? '' : refused.error.message).toContain('容缺受理');
    expect(checkContact('accept-deferred', {}, ['', '13800000000']).ok).toBe(true);
    expect(checkContact('accept', {}, []).ok).toBe(true);
  });
});
