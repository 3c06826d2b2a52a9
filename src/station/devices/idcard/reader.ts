import type { Duplex } from 'node:stream';
import { fail, ok, type Result } from '../../../domain/result';
import type { DeviceProblem } from '../device-error';
import { OneAtATime } from '../one-at-a-time';
import { asResponse, buildCommand, FrameParser, type CommandName, type Frame, type Response } from './frame';
import { NoPhotoDecoder, type PhotoDecoder } from './photo';
import { SW3_CARD_FOUND, SW3_OK, sw3Problem } from './sw3';
import { decodeCardText, type CardHolder } from './text-block';

export interface CardRead {
  holder: CardHolder;
  /** The 1024 bytes of WLT photo data, opaque. */
  photo: Buffer;
  /** The photo as an image when a licensed decoder is plugged in, else null. */
  photoImage: Buffer | null;
}

export interface ReaderHealth {
  target: string;
  ready: boolean;
  problem: DeviceProblem | null;
  /** The SAM module's id (hex), when the reader answered. */
  samId?: string;
}

export interface ReadCardOptions {
  /** How long to wait for a card to be placed; 0 looks once. Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The station's ID-card reader: the SAM driver, the simulator behind it, or no reader (manual entry). */
export interface CardReader {
  readonly target: string;
  status(): Promise<ReaderHealth>;
  readCard(opts?: ReadCardOptions): Promise<Result<CardRead>>;
  close(): Promise<void>;
}

/** The protocol asks hosts not to poll "find card" more often than this. */
export const MIN_POLL_INTERVAL_MS = 300;

export interface SamReaderOptions {
  target: string;
  pollIntervalMs?: number;
  /** Waiting for a short answer (status, find, select). */
  responseTimeoutMs?: number;
  /** Waiting for the 1295-byte text+photo answer: the SAM talks to the card first. */
  readTimeoutMs?: number;
  photoDecoder?: PhotoDecoder;
  /** Today in Asia/Shanghai, to refuse a card holder born in the future. */
  today?: () => string;
}

const REPLACE_CARD = '请拿起身份证后重新放置';

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

const problemResult = (p: DeviceProblem): Result<never> => fail(p.code, p.message, p.details);

/**
 * The driver of a second-generation ID card reader's SAM module over a serial stream (a real port,
 * a USB-serial adapter, a pty, or serialport's mock). It reopens the stream after an unplug, and it
 * recovers from any error without a restart: stale bytes are dropped before the next command.
 */
export class SamCardReader implements CardReader {
  readonly target: string;
  private stream: Duplex | null = null;
  private readonly parser = new FrameParser();
  private frames: Frame[] = [];
  private waiter: (() => void) | null = null;
  private disconnected = false;
  private needsReplace = false;
  private readonly queue = new OneAtATime();
  private readonly pollIntervalMs: number;
  private readonly responseTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly photoDecoder: PhotoDecoder;

  constructor(
    private readonly openStream: () => Promise<Duplex>,
    private readonly opts: SamReaderOptions,
  ) {
    this.target = opts.target;
    this.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, opts.pollIntervalMs ?? MIN_POLL_INTERVAL_MS);
    this.responseTimeoutMs = opts.responseTimeoutMs ?? 1000;
    this.readTimeoutMs = opts.readTimeoutMs ?? 3000;
    this.photoDecoder = opts.photoDecoder ?? new NoPhotoDecoder();
  }

  status(): Promise<ReaderHealth> {
    return this.queue.run(async () => {
      const r = await this.transact('samStatus', this.responseTimeoutMs);
      if (!r.ok) return { target: this.target, ready: false, problem: r.error };
      if (r.value.sw3 !== SW3_OK) return { target: this.target, ready: false, problem: sw3Problem(r.value.sw3) };
      const id = await this.transact('samId', this.responseTimeoutMs);
      const health: ReaderHealth = { target: this.target, ready: true, problem: null };
      if (id.ok && id.value.sw3 === SW3_OK) health.samId = id.value.data.toString('hex');
      return health;
    });
  }

  readCard(opts: ReadCardOptions = {}): Promise<Result<CardRead>> {
    return this.queue.run(() => this.read(opts));
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      const s = this.stream;
      this.stream = null;
      if (s && !s.destroyed) {
        await new Promise<void>((resolve) => {
          s.once('close', () => resolve());
          s.destroy();
        });
      }
    });
  }

  private async read(opts: ReadCardOptions): Promise<Result<CardRead>> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      const started = Date.now();
      const found = await this.transact('findCard', this.responseTimeoutMs);
      if (!found.ok) return found;
      if (found.value.sw3 === SW3_CARD_FOUND) break;
      if (found.value.sw3 !== 0x80) return problemResult(sw3Problem(found.value.sw3));
      const next = started + this.pollIntervalMs;
      if (next > deadline || opts.signal?.aborted) {
        // A card stays halted after it was read: a card lying there since the last read is not "found".
        const hint = this.needsReplace ? `上次读卡未成功，${REPLACE_CARD}` : '请把身份证平放在读卡区；如已放置，请拿起后重新放置';
        return fail('CARD_NOT_FOUND', `未检测到身份证，${hint}`, { sw3: '80' });
      }
      await sleep(next - Date.now(), opts.signal);
    }
    this.needsReplace = false;

    const selected = await this.transact('selectCard', this.responseTimeoutMs);
    if (!selected.ok) return this.failed(selected.error);
    if (selected.value.sw3 !== SW3_OK) return this.failed(sw3Problem(selected.value.sw3));

    const read = await this.transact('readTextAndPhoto', this.readTimeoutMs);
    if (!read.ok) return this.failed(read.error);
    if (read.value.sw3 !== SW3_OK) return this.failed(sw3Problem(read.value.sw3));
    const decoded = this.decodeRead(read.value);
    if (!decoded.ok) return this.failed(decoded.error);
    let photoImage: Buffer | null = null;
    try {
      photoImage = await this.photoDecoder.decode(decoded.value.photo);
    } catch {
      // A broken decoder plug-in costs the photo, not the card read.
      photoImage = null;
    }
    return ok({ ...decoded.value, photoImage });
  }

  /** The card is halted after a failed select or read: it must be lifted and placed again. */
  private failed(problem: DeviceProblem): Result<never> {
    this.needsReplace = true;
    const { code, message, details } = problem;
    return fail(code, message.includes(REPLACE_CARD) ? message : `${message}，${REPLACE_CARD}`, details);
  }

  private decodeRead(r: Response): Result<Omit<CardRead, 'photoImage'>> {
    return decodeReadResponse(r, this.opts.today?.());
  }

  private async ensureOpen(): Promise<Result<Duplex>> {
    if (this.stream && !this.stream.destroyed && !this.disconnected) return ok(this.stream);
    let stream: Duplex;
    try {
      stream = await this.openStream();
    } catch (e) {
      return fail('READER_NOT_CONNECTED', `读卡器 ${this.target} 未连接（${e instanceof Error ? e.message : String(e)}），请检查读卡器连线，或手工录入证件信息`, {
        target: this.target,
      });
    }
    this.stream = stream;
    this.disconnected = false;
    this.parser.reset();
    this.frames = [];
    stream.on('data', (chunk: Buffer) => {
      if (this.stream !== stream) return;
      this.frames.push(...this.parser.push(chunk));
      this.wake();
    });
    const gone = () => {
      if (this.stream !== stream) return;
      this.disconnected = true;
      this.stream = null;
      this.wake();
    };
    stream.on('close', gone);
    stream.on('error', gone);
    return ok(stream);
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private async transact(name: CommandName, timeoutMs: number): Promise<Result<Response>> {
    const opened = await this.ensureOpen();
    if (!opened.ok) return opened;
    const stream = opened.value;
    // Whatever is left of an earlier answer (a late reply after a timeout) is not this answer.
    this.parser.reset();
    this.frames = [];
    const written = await new Promise<Error | null>((resolve) => stream.write(buildCommand(name), (err) => resolve(err ?? null)));
    if (written) return this.lost(written.message);

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) {
        if (!frame.ok) {
          await this.settle();
          return fail('READER_CHECKSUM', `${frame.message}，请重试`, { command: name, raw: frame.raw.toString('hex') });
        }
        const response = asResponse(frame.body);
        if (!response.ok) return fail('READER_BAD_RESPONSE', response.error.message, { command: name });
        return response;
      }
      if (this.disconnected) return this.lost('closed');
      const left = deadline - Date.now();
      if (left <= 0) {
        const leftover = this.parser.flush();
        const truncated = leftover.find((f) => !f.ok && f.code === 'FRAME_TRUNCATED');
        await this.settle();
        if (truncated && !truncated.ok) {
          return fail('READER_TRUNCATED', `${truncated.message}，身份证可能在读卡时被移开`, { command: name });
        }
        return fail('READER_TIMEOUT', `读卡器 ${this.target} 在 ${timeoutMs} 毫秒内未应答，请检查读卡器连线和电源`, { command: name });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits until the line is quiet, so a late answer cannot be taken for the next one. */
  private async settle(quietMs = 100, maxMs = 1000): Promise<void> {
    const end = Date.now() + maxMs;
    do {
      this.parser.reset();
      this.frames = [];
      await sleep(quietMs);
    } while (Date.now() < end && !this.disconnected && (this.parser.pending > 0 || this.frames.length > 0));
    this.parser.reset();
    this.frames = [];
  }

  private lost(cause: string): Result<never> {
    this.disconnected = true;
    this.stream = null;
    return fail('READER_DISCONNECTED', `读卡器 ${this.target} 已断开（${cause}），请重新插好读卡器后再读卡`, { target: this.target });
  }
}

/** Splits the answer to "read text + photo" (`01 00` `04 00` lengths, text, photo) and decodes the text. */
export function decodeReadResponse(r: Response, today?: string): Result<Omit<CardRead, 'photoImage'>> {
  const d = r.data;
  if (d.length < 4) return fail('CARD_READ_FAILED', '读卡器返回的身份证数据不完整（缺少长度字段）');
  const textLength = d.readUInt16BE(0);
  const photoLength = d.readUInt16BE(2);
  if (d.length < 4 + textLength + photoLength) {
    return fail('CARD_READ_FAILED', `读卡器返回的身份证数据不完整：应有 ${4 + textLength + photoLength} 字节，只有 ${d.length} 字节`);
  }
  let holder: Result<CardHolder>;
  try {
    holder = decodeCardText(d.subarray(4, 4 + textLength), today === undefined ? {} : { today });
  } catch (e) {
    // A station clock or calendar fault must not escape the driver as an exception.
    return fail('CARD_TEXT_INVALID', `无法解析身份证文字信息（${e instanceof Error ? e.message : String(e)}）`);
  }
  if (!holder.ok) return holder;
  return ok({ holder: holder.value, photo: Buffer.from(d.subarray(4 + textLength, 4 + textLength + photoLength)) });
}
