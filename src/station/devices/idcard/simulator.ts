import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { asCommand, buildResponse, commandName, FrameParser, type CommandName } from './frame';
import { PHOTO_BYTES, WLT_MAGIC } from './photo';
import { SW3_CARD_FOUND, SW3_OK } from './sw3';
import { encodeCardText, type CardHolder } from './text-block';

/** One-shot faults for the next answer of the simulated reader. */
export type ReaderFault =
  /** Random bytes before the answer (line noise): a driver must still find the frame. */
  | 'garbage'
  /** The answer's XOR byte is wrong. */
  | 'bad-checksum'
  /** Only the first part of the answer arrives, then silence. */
  | 'truncate'
  /** No answer at all. */
  | 'silence'
  /** The card is taken away while it is being read: read fails with SW3 41. */
  | 'lift-mid-read'
  /** The card does not answer selection: select fails with SW3 81 and the card halts. */
  | 'select-fail';

export interface SimulatedCard {
  holder: CardHolder;
  /** 1024 bytes of WLT photo data; synthetic bytes when not given. */
  photo?: Buffer;
}

/** Synthetic, opaque photo bytes starting with the WLT magic, stable for one person. */
export function syntheticPhoto(seed: string): Buffer {
  const out = Buffer.alloc(PHOTO_BYTES);
  WLT_MAGIC.copy(out, 0);
  let block = Buffer.alloc(0);
  for (let i = WLT_MAGIC.length, n = 0; i < PHOTO_BYTES; i += 1) {
    if (block.length === 0) block = createHash('sha256').update(`${seed}:${n++}`).digest();
    out[i] = block[0] ?? 0;
    block = block.subarray(1);
  }
  return out;
}

export interface ReceivedCommand {
  name: CommandName | null;
  at: number;
}

/**
 * A second-generation ID card reader's SAM module on the far end of a serial line. It answers the
 * protocol like the real module, including the halted card: after a read or a failed select the card
 * does not answer "find card" again until it is lifted and placed again.
 */
export class ReaderSimulator {
  readonly received: ReceivedCommand[] = [];
  private card: SimulatedCard | null = null;
  private state: 'idle' | 'found' | 'selected' | 'halted' = 'idle';
  private faults: { fault: ReaderFault; on: CommandName | null }[] = [];
  private replay: Buffer[] = [];
  private samSw3 = SW3_OK;
  private readonly parser = new FrameParser();
  private readonly outputs = new Set<(bytes: Buffer) => void>();

  readonly samId: Buffer;
  private readonly replaceAfterRead: boolean;

  private readonly rotation: readonly CardHolder[];
  private turn = 0;

  /**
   * `rotation`: the demo reader's people; each read is followed by the next card being placed (with
   * `replaceAfterRead`), so the clerk meets different people and card types through the day.
   */
  constructor(opts: { samId?: Buffer; replaceAfterRead?: boolean; rotation?: readonly CardHolder[] } = {}) {
    this.samId = opts.samId ?? Buffer.from('0501201012270000123456780000a001', 'hex');
    // For demos and the installer's CLI: the card counts as placed again after each read.
    this.replaceAfterRead = opts.replaceAfterRead ?? false;
    this.rotation = opts.rotation ?? [];
    const first = this.rotation[0];
    if (first) this.place(first);
  }

  /** Puts a card on the reader (a fresh placement). */
  place(card: SimulatedCard | CardHolder): void {
    this.card = 'holder' in card ? card : { holder: card };
    this.state = 'idle';
  }

  lift(): void {
    this.card = null;
    this.state = 'idle';
  }

  get cardPresent(): boolean {
    return this.card !== null;
  }

  /**
   * The next answer (to `on`, or to any command) goes wrong in this way; faults queue up, one per
   * answer. 'lift-mid-read' always waits for a read, 'select-fail' for a select.
   */
  inject(fault: ReaderFault, on?: CommandName): void {
    const target = fault === 'lift-mid-read' ? 'readTextAndPhoto' : fault === 'select-fail' ? 'selectCard' : (on ?? null);
    this.faults.push({ fault, on: target });
  }

  private takeFault(name: CommandName | null): ReaderFault | undefined {
    const read = name === 'readWithFingerprint' ? 'readTextAndPhoto' : name;
    const i = this.faults.findIndex((f) => f.on === null || f.on === read);
    if (i < 0) return undefined;
    const [taken] = this.faults.splice(i, 1);
    return taken?.fault;
  }

  /** The next "read text + photo" is answered with these captured bytes (hex or raw), verbatim. */
  replayRead(frame: Buffer | string): void {
    this.replay.push(typeof frame === 'string' ? Buffer.from(frame.replace(/\s/gu, ''), 'hex') : frame);
  }

  /** SAM status answers with this SW3 (0x60 self-test failed, 0x66 not authorised); 0x90 is healthy. */
  setSamStatus(sw3: number): void {
    this.samSw3 = sw3;
  }

  /** Where answers go: a stream, a mock port. Returns a function that detaches it. */
  onOutput(send: (bytes: Buffer) => void): () => void {
    this.outputs.add(send);
    return () => this.outputs.delete(send);
  }

  /** Bytes from the host. Answers go to the outputs, on a later tick like a real line. */
  receive(chunk: Buffer): void {
    for (const frame of this.parser.push(chunk)) {
      if (!frame.ok) {
        this.respond(buildResponse(0x10), undefined);
        continue;
      }
      const command = asCommand(frame.body);
      const name = command ? commandName(command) : null;
      this.received.push({ name, at: Date.now() });
      const fault = this.takeFault(name);
      this.respond(this.answer(name, fault), fault);
    }
  }

  private answer(name: CommandName | null, fault: ReaderFault | undefined): Buffer {
    switch (name) {
      case 'resetSam':
        return buildResponse(SW3_OK);
      case 'samStatus':
        return buildResponse(this.samSw3);
      case 'samId':
        return buildResponse(SW3_OK, this.samId);
      case 'findCard':
        if (this.card && this.state !== 'halted') {
          this.state = 'found';
          return buildResponse(SW3_CARD_FOUND, Buffer.alloc(4));
        }
        return buildResponse(0x80);
      case 'selectCard':
        if (fault === 'select-fail') {
          if (this.card) this.state = 'halted';
          return buildResponse(0x81);
        }
        if (this.card && this.state === 'found') {
          this.state = 'selected';
          return buildResponse(SW3_OK, Buffer.alloc(8));
        }
        if (this.card) this.state = 'halted';
        return buildResponse(0x81);
      case 'readTextAndPhoto':
      case 'readWithFingerprint': {
        const replay = this.replay.shift();
        if (replay) {
          if (this.card) this.state = 'halted';
          return replay;
        }
        if (fault === 'lift-mid-read') {
          this.lift();
          return buildResponse(0x41);
        }
        if (!this.card || this.state !== 'selected') {
          if (this.card) this.state = 'halted';
          return buildResponse(0x41);
        }
        this.state = this.replaceAfterRead ? 'idle' : 'halted';
        const text = encodeCardText(this.card.holder);
        const photo = this.card.photo ?? syntheticPhoto(this.card.holder.idNumber);
        if (this.rotation.length > 0) {
          this.turn = (this.turn + 1) % this.rotation.length;
          this.card = { holder: this.rotation[this.turn]! };
        }
        const lengths = Buffer.alloc(name === 'readWithFingerprint' ? 6 : 4);
        lengths.writeUInt16BE(text.length, 0);
        lengths.writeUInt16BE(photo.length, 2);
        return buildResponse(SW3_OK, Buffer.concat([lengths, text, photo]));
      }
      default:
        return buildResponse(0x21);
    }
  }

  private respond(frame: Buffer, fault: ReaderFault | undefined): void {
    let bytes = frame;
    switch (fault) {
      case 'garbage':
        bytes = Buffer.concat([Buffer.from([0x00, 0xaa, 0x96, 0x69, 0xaa, 0xaa, 0x13, 0x37]), frame]);
        break;
      case 'bad-checksum':
        bytes = Buffer.from(frame);
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
        break;
      case 'truncate':
        bytes = frame.subarray(0, Math.max(8, Math.floor(frame.length / 2)));
        break;
      case 'silence':
        return;
      default:
        break;
    }
    // A real reader answers in pieces over the wire; so does the simulator.
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 256) pieces.push(bytes.subarray(i, i + 256));
    setImmediate(() => {
      for (const piece of pieces) for (const out of this.outputs) out(piece);
    });
  }

  /** Speaks over a duplex stream (the simulator's end of a pty pair). */
  attachToStream(stream: Duplex): () => void {
    const onData = (chunk: Buffer) => this.receive(chunk);
    stream.on('data', onData);
    const detach = this.onOutput((bytes) => {
      if (!stream.destroyed) stream.write(bytes);
    });
    return () => {
      stream.off('data', onData);
      detach();
    };
  }
}
