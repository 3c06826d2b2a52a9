import { createCipheriv, createDecipheriv, createHmac, getCiphers, getHashes } from 'node:crypto';
import fc from 'fast-check';
import { sm3, sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { createSealer, isSealed, parseDataKey, SealBrokenError } from '../../../src/central/crypto/sealer';

const key = (n: number) => new Uint8Array(32).fill(n);

describe('the SM3/SM4 implementation the hall seals with', () => {
  it('gives the test vectors of GB/T 32907 (SM4) and GB/T 32905 (SM3)', () => {
    // GB/T 32907-2016 appendix A.1: one block, key = plaintext = 0123456789abcdeffedcba9876543210.
    const v = '0123456789abcdeffedcba9876543210';
    expect(Buffer.from(sm4.encrypt(Buffer.from(v, 'hex'), v, { padding: 'none', output: 'array' })).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    // GB/T 32905-2016 appendix A: "abc" and the 64-byte "abcd" × 16.
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('agrees with Node’s own OpenSSL SM4-CBC and HMAC-SM3 on any input', () => {
    // (This Node has them; Electron's BoringSSL does not, which is why the hall does not use them.)
    expect(getCiphers()).toContain('sm4-cbc');
    expect(getHashes()).toContain('sm3');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (data, k, iv) => {
        const ours = Buffer.from(sm4.encrypt(data, Buffer.from(k).toString('hex'), { mode: 'cbc', iv: Buffer.from(iv).toString('hex'), padding: 'pkcs#7', output: 'array' }));
        const c = createCipheriv('sm4-cbc', k, iv);
        expect(ours).toEqual(Buffer.concat([c.update(data), c.final()]));
        const d = createDecipheriv('sm4-cbc', k, iv);
        expect(Buffer.concat([d.update(ours), d.final()])).toEqual(Buffer.from(data));
        expect(sm3(data, { key: k })).toBe(createHmac('sm3', k).update(data).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('sealing personal data at rest', () => {
  it('opens what it sealed, never shows the plain text, and seals the same text differently each time', () => {
    const s = createSealer(key(1));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (text) => {
        const a = s.seal(text);
        const b = s.seal(text);
        expect(isSealed(a)).toBe(true);
        expect(a).not.toBe(b);
        if (text.length >= 4) expect(a).not.toContain(text);
        expect(s.open(a)).toBe(text);
      }),
    );
  });

  it('refuses a changed seal, or one made under another key, instead of opening garbage', () => {
    const s = createSealer(key(1));
    const sealed = s.seal('370902199001011233');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(() => s.open(`s1:${raw.toString('base64url')}`)).toThrow(SealBrokenError);
    expect(() => createSealer(key(2)).open(sealed)).toThrow(SealBrokenError);
    expect(() => s.open('370902199001011233')).toThrow(SealBrokenError);
  });

  it('finds equal ID numbers by a blind index that depends on the key, not the bare hash', () => {
    const s = createSealer(key(1));
    expect(s.index('370902199001011233')).toBe(s.index('370902199001011233'));
    expect(s.index('370902199001011233')).not.toBe(s.index('370902199001011241'));
    expect(createSealer(key(2)).index('370902199001011233')).not.toBe(s.index('370902199001011233'));
    expect(s.index('370902199001011233')).not.toBe(sm3('370902199001011233'));
  });

  it('takes the data key as hex or base64url, and refuses one too short to be a key', () => {
    expect(parseDataKey('00'.repeat(32))).toHaveLength(32);
    expect(parseDataKey(Buffer.alloc(32, 9).toString('base64url'))).toHaveLength(32);
    expect(() => parseDataKey('short')).toThrow(/HALL_DATA_KEY/);
  });
});
