import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { clipSequence } from '../../domain/voice';
import { HallError } from '../http/errors';

/** PCM WAV as the voice pack keeps it: every clip of a pack in one format (scripts/make-voice-pack.sh). */
interface Clip {
  fmt: Buffer;
  data: Buffer;
}

function parseWav(buf: Buffer, name: string): Clip {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${name} is not a WAV file`);
  let fmt: Buffer | null = null;
  let data: Buffer | null = null;
  for (let at = 12; at + 8 <= buf.length; ) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = buf.subarray(at + 8, at + 8 + size);
    if (id === 'fmt ') fmt = body;
    if (id === 'data') data = body;
    at += 8 + size + (size % 2);
  }
  if (!fmt || !data) throw new Error(`${name} has no fmt or data chunk`);
  if (fmt.readUInt16LE(0) !== 1) throw new Error(`${name} is not PCM`);
  return { fmt, data };
}

/** Clips joined into one WAV: the display plays one sound per announcement, so nothing overlaps. */
export function joinWav(clips: Clip[], gapMs = 60): Buffer {
  const fmt = clips[0]!.fmt;
  for (const c of clips) if (!c.fmt.equals(fmt)) throw new Error('the clips of a voice pack must share one format');
  const byteRate = fmt.readUInt32LE(8);
  const align = fmt.readUInt16LE(12);
  const gap = Buffer.alloc(Math.floor((byteRate * gapMs) / 1000 / align) * align);
  const data = Buffer.concat(clips.flatMap((c, i) => (i === 0 ? [c.data] : [gap, c.data])));
  const header = Buffer.alloc(12 + 8 + fmt.length + 8);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(header.length - 8 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(fmt.length, 16);
  fmt.copy(header, 20);
  header.write('data', 20 + fmt.length, 'ascii');
  header.writeUInt32LE(data.length, 24 + fmt.length);
  return Buffer.concat([header, data]);
}

/**
 * The hall's voice pack: `manifest.json` (token → file) and one WAV per token, in a folder a hall
 * may fill with its own recordings. An announcement is said by the clips of its tokens in order.
 */
export class VoicePack {
  private manifest: Promise<Record<string, string> | null> | null = null;
  private readonly clips = new Map<string, Promise<Clip>>();
  private readonly spoken = new LRUCache<string, Buffer>({ max: 200 });

  constructor(private readonly dir: string) {}

  private words(): Promise<Record<string, string> | null> {
    this.manifest ??= readFile(join(this.dir, 'manifest.json'), 'utf8')
      .then((t) => JSON.parse(t) as Record<string, string>)
      .catch(() => null);
    return this.manifest;
  }

  private clip(file: string): Promise<Clip> {
    let c = this.clips.get(file);
    if (!c) {
      c = readFile(join(this.dir, file.replace(/[/\\]/g, ''))).then((b) => parseWav(b, file));
      this.clips.set(file, c);
    }
    return c;
  }

  /** One WAV saying `text`; VOICE_PACK_MISSING (404) when the hall has no pack. */
  async say(text: string): Promise<Buffer> {
    const hit = this.spoken.get(text);
    if (hit) return hit;
    const manifest = await this.words();
    if (!manifest) throw new HallError('VOICE_PACK_MISSING', 'the hall has no voice pack (scripts/make-voice-pack.sh makes one)');
    const tokens = clipSequence(text, Object.keys(manifest)).filter((t) => manifest[t] !== undefined);
    if (tokens.length === 0) throw new HallError('VOICE_PACK_MISSING', 'the voice pack has no clip for any part of this text', { text });
    const wav = joinWav(await Promise.all(tokens.map((t) => this.clip(manifest[t]!))));
    this.spoken.set(text, wav);
    return wav;
  }
}
