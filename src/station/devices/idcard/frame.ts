import { fail, ok, type Result } from '../../../domain/result';

/**
 * Frames of the SAM module of second-generation ID card readers (GA 467 readers):
 *   AA AA AA 96 69 | LEN_H LEN_L | body | XOR
 * LEN is big-endian and counts everything after it including the XOR byte; the XOR runs over the two
 * length bytes and the body. A command body is CMD PARA [DATA], a response body SW1 SW2 SW3 [DATA].
 * serialport's PacketLengthParser reads lengths little-endian, hence this parser.
 */

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
const HEADER = PREAMBLE.length + 2;

/** The longest frame a reader sends: text 256 + photo 1024 + fingerprint 1024 + lengths and status. */
export const MAX_FRAME_LENGTH = 4096;

export const COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextAndPhoto: [0x30, 0x01],
  readWithFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;

export type CommandName = keyof typeof COMMANDS;

function xor(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i += 1) x ^= bytes[i] ?? 0;
  return x;
}

/** Wraps a body (command or response) into a frame. */
export function buildFrame(body: Buffer): Buffer {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError('frame body too long');
  const frame = Buffer.alloc(HEADER + len);
  PREAMBLE.copy(frame, 0);
  frame.writeUInt16BE(len, PREAMBLE.length);
  body.copy(frame, HEADER);
  frame[frame.length - 1] = xor(frame, PREAMBLE.length, frame.length - 1);
  return frame;
}

export function buildCommand(name: CommandName, data: Buffer = Buffer.alloc(0)): Buffer {
  const [cmd, para] = COMMANDS[name];
  return buildFrame(Buffer.concat([Buffer.from([cmd, para]), data]));
}

export function buildResponse(sw3: number, data: Buffer = Buffer.alloc(0), sw1 = 0, sw2 = 0): Buffer {
  return buildFrame(Buffer.concat([Buffer.from([sw1, sw2, sw3]), data]));
}

export type FrameErrorCode = 'FRAME_CHECKSUM' | 'FRAME_TRUNCATED';

/** A frame with a good checksum (`body` is what lies between LEN and XOR), or why bytes were not one. */
export type Frame =
  | { ok: true; body: Buffer; raw: Buffer }
  | { ok: false; code: FrameErrorCode; message: string; raw: Buffer };

function findPreamble(buf: Buffer, from: number): number {
  return buf.indexOf(PREAMBLE, from);
}

/** Bytes at the end of `buf` that could be the start of a preamble still to come. */
function partialPreambleAt(buf: Buffer): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length); k > 0; k -= 1) {
    if (buf.subarray(buf.length - k).equals(PREAMBLE.subarray(0, k))) return buf.length - k;
  }
  return buf.length;
}

/**
 * Finds frames in a byte stream that arrives in arbitrary chunks. Never throws: garbage is skipped,
 * a frame with a bad checksum comes out as an error value and the search resumes one byte after its
 * preamble, so a good frame hidden behind a broken header is still found.
 */
export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Frame[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    return this.drain(false);
  }

  /**
   * Called when no more bytes are coming (a read timed out): a frame still waiting for its bytes is
   * reported as truncated and whatever followed its preamble is searched again.
   */
  flush(): Frame[] {
    return this.drain(true);
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  private drain(final: boolean): Frame[] {
    const frames: Frame[] = [];
    for (;;) {
      const start = findPreamble(this.buf, 0);
      if (start < 0) {
        this.buf = final ? Buffer.alloc(0) : this.buf.subarray(partialPreambleAt(this.buf));
        return frames;
      }
      if (start > 0) this.buf = this.buf.subarray(start);
      if (this.buf.length < HEADER) {
        if (!final) return frames;
        frames.push({ ok: false, code: 'FRAME_TRUNCATED', message: '读卡器应答不完整（帧头被截断）', raw: Buffer.from(this.buf) });
        this.buf = Buffer.alloc(0);
        return frames;
      }
      const len = this.buf.readUInt16BE(PREAMBLE.length);
      if (len < 2 || len > MAX_FRAME_LENGTH) {
        // Not a real header (the preamble bytes occurred by chance): look again one byte further.
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = HEADER + len;
      if (this.buf.length < total) {
        if (!final) return frames;
        frames.push({
          ok: false,
          code: 'FRAME_TRUNCATED',
          message: `读卡器应答不完整：应有 ${total} 字节，只收到 ${this.buf.length} 字节`,
          raw: Buffer.from(this.buf),
        });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const raw = Buffer.from(this.buf.subarray(0, total));
      const expected = xor(raw, PREAMBLE.length, total - 1);
      const found = raw[total - 1] ?? -1;
      if (expected !== found) {
        frames.push({
          ok: false,
          code: 'FRAME_CHECKSUM',
          message: `读卡器应答校验错误（XOR 应为 ${expected.toString(16).padStart(2, '0')}，收到 ${found.toString(16).padStart(2, '0')}）`,
          raw,
        });
        this.buf = this.buf.subarray(1);
        continue;
      }
      frames.push({ ok: true, body: raw.subarray(HEADER, total - 1), raw });
      this.buf = this.buf.subarray(total);
    }
  }
}

export interface Response {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

export function asResponse(body: Buffer): Result<Response> {
  if (body.length < 3) return fail('FRAME_TOO_SHORT', `读卡器应答太短（${body.length} 字节，至少应有 3 个状态字节）`);
  return ok({ sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.subarray(3) });
}

export interface Command {
  cmd: number;
  para: number;
  data: Buffer;
}

export function asCommand(body: Buffer): Command | null {
  if (body.length < 2) return null;
  return { cmd: body[0] ?? 0, para: body[1] ?? 0, data: body.subarray(2) };
}

export function commandName(c: Command): CommandName | null {
  for (const [name, [cmd, para]] of Object.entries(COMMANDS)) if (cmd === c.cmd && para === c.para) return name as CommandName;
  return null;
}

/** Parses one captured frame given as hex (spaces, colons and line breaks allowed). */
export function parseFrameHex(hex: string): Result<Frame & { ok: true }> {
  const clean = hex.replace(/0x/giu, '').replace(/[\s:,-]/gu, '');
  if (clean.length === 0 || !/^[0-9a-f]*$/iu.test(clean) || clean.length % 2 !== 0) {
    return fail('FRAME_HEX_INVALID', '不是十六进制字节串（应为如 AAAAAA9669000400009094 的偶数个十六进制数字）');
  }
  const parser = new FrameParser();
  const frames = [...parser.push(Buffer.from(clean, 'hex')), ...parser.flush()];
  const good = frames.find((f): f is Frame & { ok: true } => f.ok);
  if (good) return ok(good);
  const bad = frames.find((f): f is Frame & { ok: false } => !f.ok);
  if (bad) return fail(bad.code, bad.message);
  return fail('FRAME_NOT_FOUND', '字节串中没有读卡器帧（应以 AA AA AA 96 69 开头）');
}
