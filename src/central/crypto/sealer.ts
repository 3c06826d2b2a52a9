import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hkdf, sm3, sm4 } from 'sm-crypto-v2';

/**
 * Personal data at rest on the hall server, sealed with the national algorithms: SM4 (GB/T 32907)
 * in CBC mode under a random IV, then an SM3 HMAC (GB/T 32905) over IV and ciphertext
 * (encrypt-then-MAC), and an SM3 HMAC "blind index" to find an ID number without storing it.
 *
 * A pure-JS implementation (sm-crypto-v2), not node:crypto: the embedded demo hall runs inside
 * Electron's main process, whose BoringSSL has no SM4 and no SM3. Its output is checked against the
 * standards' test vectors and against Node's own OpenSSL sm4/sm3 where those exist.
 *
 * Three keys derived from the hall's one data key (HALL_DATA_KEY) by SM3-HKDF, one per purpose.
 */
export interface Sealer {
  /** `s1:` + base64url(IV ‖ SM4-CBC ciphertext ‖ HMAC-SM3 tag). */
  seal(plain: string): string;
  /** The plain text back, or SEAL_BROKEN when the tag does not match (changed data or another key). */
  open(sealed: string): string;
  /** Bytes sealed the same way, for stored files (the online inbox's materials). */
  sealBytes(plain: Uint8Array): Uint8Array;
  openBytes(sealed: Uint8Array): Uint8Array;
  /** HMAC-SM3 of the value under the index key, hex: equal values give equal indexes, nothing else. */
  index(value: string): string;
}

const PREFIX = 's1:';
const IV = 16;
const TAG = 32;

export class SealBrokenError extends Error {
  readonly code = 'SEAL_BROKEN';
  constructor() {
    super('sealed data does not open: it was changed, or sealed under another data key');
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function createSealer(dataKey: Uint8Array): Sealer {
  if (dataKey.length < 16) throw new Error('the hall data key must have at least 128 bits');
  const derive = (info: string, n: number) => hkdf(dataKey, 'hall-seal', info, n);
  const encKey = hex(derive('sm4-cbc', 16));
  const macKey = derive('hmac-sm3', 32);
  const indexKey = derive('blind-index', 32);
  const mac = (data: Uint8Array) => Buffer.from(sm3(data, { key: macKey }), 'hex');

  const sealBytes = (plain: Uint8Array): Uint8Array => {
    const iv = randomBytes(IV);
    const ct = sm4.encrypt(plain, encKey, { mode: 'cbc', iv: hex(iv), padding: 'pkcs#7', output: 'array' });
    const body = Buffer.concat([iv, Buffer.from(ct)]);
    return Buffer.concat([body, mac(body)]);
  };
  const openBytes = (sealed: Uint8Array): Uint8Array => {
    const buf = Buffer.from(sealed);
    if (buf.length < IV + 16 + TAG) throw new SealBrokenError();
    const body = buf.subarray(0, buf.length - TAG);
    const tag = buf.subarray(buf.length - TAG);
    if (!timingSafeEqual(tag, mac(body))) throw new SealBrokenError();
    return sm4.decrypt(body.subarray(IV), encKey, { mode: 'cbc', iv: hex(body.subarray(0, IV)), padding: 'pkcs#7', output: 'array' });
  };
  return {
    seal: (plain) => PREFIX + Buffer.from(sealBytes(Buffer.from(plain, 'utf8'))).toString('base64url'),
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new SealBrokenError();
      return Buffer.from(openBytes(Buffer.from(sealed.slice(PREFIX.length), 'base64url'))).toString('utf8');
    },
    sealBytes,
    openBytes,
    index: (value) => sm3(value, { key: indexKey }),
  };
}

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(PREFIX);

/** A fresh random data key (256 bits) as the configuration takes it: base64url. */
export const newDataKey = (): string => randomBytes(32).toString('base64url');

/** HALL_DATA_KEY as configured: base64url, base64 or hex of 16 to 64 bytes. */
export function parseDataKey(text: string): Uint8Array {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url');
  if (bytes.length < 16 || bytes.length > 64) throw new Error('HALL_DATA_KEY must be 16 to 64 random bytes, written as hex or base64url');
  return bytes;
}
