import { describe, expect, it } from 'vitest';
import { isPadPage } from './pad-page';

describe('the pad page', () => {
  it('is /pad on the web host and #/pad in the Electron window, nothing else', () => {
    expect(isPadPage({ pathname: '/pad', hash: '' })).toBe(true);
    expect(isPadPage({ pathname: '/pad/', hash: '' })).toBe(true);
    expect(isPadPage({ pathname: '/index.html', hash: '#/pad' })).toBe(true);
    expect(isPadPage({ pathname: '/', hash: '#/console' })).toBe(false);
    expect(isPadPage({ pathname: '/padding', hash: '' })).toBe(false);
    expect(isPadPage({ pathname: '/', hash: '#/paddle' })).toBe(false);
  });
});
