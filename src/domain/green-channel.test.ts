import { describe, expect, it } from 'vitest';
import { checkGreenChannel } from './green-channel';

describe('a green-channel ticket', () => {
  it('needs the ID number and a reason', () => {
    expect(checkGreenChannel('green', undefined, 'elderly')).toMatchObject({ ok: false, error: { code: 'GREEN_CHANNEL_ID_REQUIRED' } });
    expect(checkGreenChannel('green', '370902198803150021', undefined)).toMatchObject({ ok: false, error: { code: 'GREEN_CHANNEL_REASON_REQUIRED' } });
    expect(checkGreenChannel('green', '370902198803150021', 'military').ok).toBe(true);
  });

  it('asks nothing of a normal or appointment ticket', () => {
    expect(checkGreenChannel('normal', undefined, undefined).ok).toBe(true);
    expect(checkGreenChannel('appointment', undefined, undefined).ok).toBe(true);
  });
});
