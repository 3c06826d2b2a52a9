import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asResponse,
  buildCommand,
  buildFrame,
  FrameParser,
  parseFrameHex,
  PREAMBLE,
  type Frame,
} from '../../../src/station/devices/idcard/frame';
import { KNOWN_SW3, sw3Problem } from '../../../src/station/devices/idcard/sw3';

const bytes = (hex: string): Buffer => Buffer.from(hex, 'hex');
const parseAll = (buf: Buffer): Frame[] => {
  const p = new FrameParser();
  return [...p.push(buf), ...p.flush()];
};
const response = (hex: string) => {
  const [frame] = parseAll(bytes(hex));
  if (!frame?.ok) throw new Error(`no frame in ${hex}`);
  const r = asResponse(frame.body);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('SAM command frames (DEVICES.md bytes)', () => {
  it.each([
    ['resetSam', 'AAAAAA9669000310FFEC'],
    ['samStatus', 'AAAAAA9669000311FFED'],
    ['samId', 'AAAAAA9669000312FFEE'],
    ['findCard', 'AAAAAA96690003200122'],
    ['selectCard', 'AAAAAA96690003200221'],
    ['readTextAndPhoto', 'AAAAAA96690003300132'],
    ['readWithFingerprint', 'AAAAAA96690003301023'],
  ] as const)('builds %s as %s', (name, hex) => {
    expect(buildCommand(name).toString('hex').toUpperCase()).toBe(hex);
  });
});

describe('SAM responses (DEVICES.md bytes)', () => {
  it('reads SAM status ok', () => {
    expect(response('AAAAAA9669000400009094')).toMatchObject({ sw1: 0, sw2: 0, sw3: 0x90 });
  });

  it('reads "card found" with its four extra bytes', () => {
    const r = response('AAAAAA9669000800009F0000000097');
    expect(r.sw3).toBe(0x9f);
    expect(r.data).toHaveLength(4);
  });

  it('reads "no card" as CARD_NOT_FOUND', () => {
    const r = response('AAAAAA9669000400008084');
    expect(sw3Problem(r.sw3).code).toBe('CARD_NOT_FOUND');
  });

  it('reads select ok with its eight extra bytes, and select failure as CARD_SELECT_FAILED', () => {
    const ok = response('AAAAAA9669000C00009000000000000000009C');
    expect(ok.sw3).toBe(0x90);
    expect(ok.data).toHaveLength(8);
    expect(sw3Problem(response('AAAAAA9669000400008185').sw3).code).toBe('CARD_SELECT_FAILED');
  });

  it('reads a read failure as CARD_READ_FAILED that asks to place the card again', () => {
    const p = sw3Problem(response('AAAAAA9669000400004145').sw3);
    expect(p.code).toBe('CARD_READ_FAILED');
    expect(p.replaceCard).toBe(true);
    expect(p.message).toMatch(/重新放置/u);
  });

  it('reads the 1295-byte text+photo answer with LEN 0x0508', () => {
    const body = Buffer.concat([Buffer.from([0, 0, 0x90, 1, 0, 4, 0]), Buffer.alloc(256, 0x20), Buffer.alloc(1024, 0x57)]);
    const frame = buildFrame(body);
    expect(frame).toHaveLength(1295);
    expect(frame.subarray(5, 7).toString('hex')).toBe('0508');
    const [parsed] = parseAll(frame);
    expect(parsed?.ok && parsed.body.equals(body)).toBe(true);
  });

  it('gives every status byte of the protocol a code and a Chinese message', () => {
    expect(KNOWN_SW3.sort((a, b) => a - b)).toEqual([0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81, 0x90, 0x91, 0x9f]);
    for (const sw3 of KNOWN_SW3) {
      const p = sw3Problem(sw3);
      expect(p.code).toMatch(/^[A-Z][A-Z_]+$/u);
      expect(p.message).toMatch(/\p{Script=Han}/u);
    }
    expect(sw3Problem(0x55)).toMatchObject({ code: 'READER_UNKNOWN_STATUS', details: { sw3: '55' } });
  });
});

describe('the frame parser', () => {
  it('finds a frame split over many small chunks', () => {
    const frame = bytes('AAAAAA9669000800009F0000000097');
    const p = new FrameParser();
    const out: Frame[] = [];
    for (const b of frame) out.push(...p.push(Buffer.from([b])));
    expect(out).toHaveLength(1);
    expect(out[0]?.ok).toBe(true);
  });

  it('skips line noise, including a false start of the preamble, before a frame', () => {
    const out = parseAll(Buffer.concat([bytes('00FFAAAA96AAAAAA13'), bytes('AAAAAA9669000400009094')]));
    expect(out).toEqual([{ ok: true, body: bytes('000090'), raw: bytes('AAAAAA9669000400009094') }]);
  });

  it('reports a bad checksum as a value and still finds the next frame', () => {
    const out = parseAll(bytes('AAAAAA9669000400009095' + 'AAAAAA9669000400008084'));
    expect(out.map((f) => (f.ok ? 'frame' : f.code))).toEqual(['FRAME_CHECKSUM', 'frame']);
  });

  it('reports a frame cut short once no more bytes come', () => {
    const p = new FrameParser();
    expect(p.push(bytes('AAAAAA96690508000090010004'))).toEqual([]);
    const out = p.flush();
    expect(out.map((f) => (f.ok ? 'frame' : f.code))).toEqual(['FRAME_TRUNCATED']);
    expect(p.push(bytes('AAAAAA9669000400009094')).map((f) => f.ok)).toEqual([true]);
  });

  it('reads a captured frame written as hex with spaces', () => {
    const r = parseFrameHex('AA AA AA 96 69 00 04 00 00 90 94');
    expect(r.ok).toBe(true);
    expect(parseFrameHex('not hex').ok).toBe(false);
    expect(parseFrameHex('AAAAAA9669000400009095')).toMatchObject({ ok: false, error: { code: 'FRAME_CHECKSUM' } });
    expect(parseFrameHex('0011223344')).toMatchObject({ ok: false, error: { code: 'FRAME_NOT_FOUND' } });
  });
});

/** Splits a buffer at random points, as a serial line delivers it. */
const chunked = (buf: Buffer, cuts: number[]): Buffer[] => {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    out.push(buf.subarray(last, p));
    last = p;
  }
  out.push(buf.subarray(last));
  return out;
};

const withoutPreamble = (b: Uint8Array): Buffer => {
  const buf = Buffer.from(b);
  let i = buf.indexOf(PREAMBLE);
  while (i >= 0) {
    buf[i] = 0;
    i = buf.indexOf(PREAMBLE);
  }
  return buf;
};

const arbBody = fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b));
// Garbage leans on the preamble's bytes so partial preambles and false starts are common.
const arbGarbage = fc.array(fc.oneof(fc.constantFrom(0xaa, 0x96, 0x69, 0x00, 0x05), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }).map((a) => withoutPreamble(Uint8Array.from(a)));

describe('the frame parser under fuzzing', () => {
  it('never throws on random bytes in random chunks, and every frame it accepts has a good checksum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 20 }), (data, cuts) => {
        const p = new FrameParser();
        const out: Frame[] = [];
        for (const c of chunked(Buffer.from(data), cuts)) out.push(...p.push(c));
        out.push(...p.flush());
        for (const f of out) if (f.ok) expect(buildFrame(f.body).equals(f.raw)).toBe(true);
        expect(p.pending).toBe(0);
      }),
    );
  });

  it('finds every valid frame embedded in garbage, in order, however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbGarbage, arbBody), { minLength: 1, maxLength: 6 }), arbGarbage, fc.array(fc.nat(), { maxLength: 30 }), (parts, tail, cuts) => {
        const stream = Buffer.concat([...parts.flatMap(([g, body]) => [g, buildFrame(body)]), tail]);
        const p = new FrameParser();
        const out: Frame[] = [];
        for (const c of chunked(stream, cuts)) out.push(...p.push(c));
        out.push(...p.flush());
        expect(out.filter((f) => f.ok).map((f) => f.ok && f.body.toString('hex'))).toEqual(parts.map(([, body]) => body.toString('hex')));
      }),
    );
  });

  it('never throws on truncated and corrupted frames, and finds the next good frame after a time-out', () => {
    fc.assert(
      fc.property(arbBody, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), arbBody, (body, cutAt, flipAt, flip, next) => {
        const broken = Buffer.from(buildFrame(body));
        broken[flipAt % broken.length] = (broken[flipAt % broken.length] ?? 0) ^ flip;
        const truncated = broken.subarray(0, cutAt % broken.length);
        const p = new FrameParser();
        const before = [...p.push(truncated), ...p.flush()];
        for (const f of before) if (f.ok) expect(buildFrame(f.body).equals(f.raw)).toBe(true);
        const after = [...p.push(buildFrame(next)), ...p.flush()];
        expect(after.filter((f) => f.ok).map((f) => f.ok && f.body.toString('hex'))).toEqual([next.toString('hex')]);
      }),
    );
  });
});
