import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VoicePack } from '../../../src/central/public/voice-pack';
import { writeTestVoicePack } from '../../fixtures/voice-pack';

const dir = mkdtempSync(join(tmpdir(), 'voice-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the hall's voice pack", () => {
  const pack = new VoicePack(writeTestVoicePack(join(dir, 'pack'), 100));

  it('says a call as its clips in order, in one WAV with short gaps between them', async () => {
    const wav = await pack.say('请A012号到A3窗口办理');
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    const dataBytes = wav.readUInt32LE(40);
    // 11 clips of 100 ms (1600 samples of 2 bytes at 16 kHz) and 10 gaps of 60 ms.
    expect(dataBytes).toBe(11 * 3200 + 10 * 1920);
    expect(wav.length).toBe(44 + dataBytes);
  });

  it('answers VOICE_PACK_MISSING where the hall has no pack', async () => {
    await expect(new VoicePack(join(dir, 'none')).say('请A001号到A1窗口办理')).rejects.toMatchObject({ code: 'VOICE_PACK_MISSING' });
  });
});
