/**
 * The committed default voice pack (resources/voice/default, made by scripts/make-voice-pack.sh):
 * every token the call sentence needs has a clip, in the one PCM format the hall joins clips in,
 * of a length a caller can say, not clipped, with its silence trimmed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(__dirname, '../../../resources/voice/default');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, string>;

function readWav(file: string): { rate: number; channels: number; bits: number; samples: Int16Array } {
  const b = readFileSync(join(dir, file));
  expect(b.toString('ascii', 0, 4)).toBe('RIFF');
  expect(b.toString('ascii', 8, 12)).toBe('WAVE');
  let at = 12;
  let fmt: { rate: number; channels: number; bits: number } | null = null;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { channels: b.readUInt16LE(at + 10), rate: b.readUInt32LE(at + 12), bits: b.readUInt16LE(at + 22) };
    if (id === 'data') {
      const data = b.subarray(at + 8, at + 8 + size);
      return { ...fmt!, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)) };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

describe('the default voice pack', () => {
  it('has a clip for every word, digit and letter of a call', () => {
    const needed = ['请', '号', '到', '窗口', '办理', ...'0123456789', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    expect(needed.filter((t) => !manifest[t])).toEqual([]);
  });

  it.each(Object.entries(manifest))('%s (%s): 16 kHz mono 16-bit, 0.1–1.5 s, not clipped, silence trimmed', (_token, file) => {
    const w = readWav(file);
    expect({ rate: w.rate, channels: w.channels, bits: w.bits }).toEqual({ rate: 16000, channels: 1, bits: 16 });
    const seconds = w.samples.length / w.rate;
    expect(seconds).toBeGreaterThan(0.1);
    expect(seconds).toBeLessThan(1.5);
    let peak = 0;
    for (const s of w.samples) peak = Math.max(peak, Math.abs(s));
    expect(peak / 32768).toBeLessThan(0.99);
    expect(peak / 32768).toBeGreaterThan(0.3);
    // Trimmed: sound starts within 100 ms of either end (the script pads 40 ms).
    const loud = (s: number) => Math.abs(s) > peak * 0.05;
    const first = w.samples.findIndex(loud);
    const last = w.samples.length - 1 - [...w.samples].reverse().findIndex(loud);
    expect(first / w.rate).toBeLessThan(0.1);
    expect((w.samples.length - 1 - last) / w.rate).toBeLessThan(0.1);
  });
});
