import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64DecodedSize, checkMaterialFile, MAX_MATERIAL_FILE_BYTES, sniffMaterialType } from './material-file';

const pdf = new TextEncoder().encode('%PDF-1.7\n%\u00e2\n1 0 obj\n');
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('material files filed online', () => {
  it('knows a PDF, a JPEG and a PNG by their first bytes', () => {
    expect(sniffMaterialType(pdf)).toBe('application/pdf');
    expect(sniffMaterialType(jpeg)).toBe('image/jpeg');
    expect(sniffMaterialType(png)).toBe('image/png');
    expect(sniffMaterialType(new TextEncoder().encode('<html>'))).toBeNull();
    expect(sniffMaterialType(Uint8Array.from([0x25, 0x50]))).toBeNull();
  });

  it('takes a file whose bytes are what its content type says', () => {
    expect(checkMaterialFile({ materialCode: 'M1', contentType: 'application/pdf', bytes: pdf })).toEqual({ ok: true, value: 'application/pdf' });
    expect(checkMaterialFile({ materialCode: 'M1', contentType: 'image/png', bytes: png }).ok).toBe(true);
  });

  it('refuses a web page named a PDF, a JPEG named a PNG, an empty file, a Word file and a file over 10 MiB', () => {
    const code = (contentType: string, bytes: Uint8Array) => {
      const r = checkMaterialFile({ materialCode: 'M1', contentType, bytes });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('application/pdf', new TextEncoder().encode('<html><script>'))).toBe('MATERIAL_FILE_TYPE_MISMATCH');
    expect(code('image/png', jpeg)).toBe('MATERIAL_FILE_TYPE_MISMATCH');
    expect(code('application/pdf', new Uint8Array())).toBe('MATERIAL_FILE_EMPTY');
    expect(code('application/msword', pdf)).toBe('MATERIAL_FILE_TYPE_UNSUPPORTED');
    const big = new Uint8Array(MAX_MATERIAL_FILE_BYTES + 1);
    big.set(pdf);
    expect(code('application/pdf', big)).toBe('MATERIAL_FILE_TOO_LARGE');
    big[0] = 0;
    expect(code('application/pdf', big.subarray(0, MAX_MATERIAL_FILE_BYTES))).toBe('MATERIAL_FILE_TYPE_MISMATCH');
  });

  it('tells the decoded size of base64 without decoding it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64DecodedSize(Buffer.from(bytes).toString('base64'))).toBe(bytes.length);
      }),
    );
  });
});
