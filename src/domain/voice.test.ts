import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipSequence, DEFAULT_VOICE_TEMPLATE, voiceText } from './voice';

const WORDS = ['请', '号', '到', '窗口', '办理', '重复'];

describe('the words a hall calls a number with', () => {
  it('says the number and the window in the default sentence', () => {
    expect(voiceText(DEFAULT_VOICE_TEMPLATE, { ticketNumber: 'A012', windowCode: 'A3' })).toBe('请A012号到A3窗口办理');
  });

  it("follows a hall's own template", () => {
    expect(voiceText('{number}号，请到{window}窗口', { ticketNumber: 'B105', windowCode: 'B12' })).toBe('B105号，请到B12窗口');
  });

  it('plays one clip per character of the number and window, and the words between', () => {
    expect(clipSequence('请A012号到A3窗口办理', WORDS)).toEqual(['请', 'A', '0', '1', '2', '号', '到', 'A', '3', '窗口', '办理']);
  });

  it('skips what no clip says (punctuation of a template)', () => {
    expect(clipSequence('B105号，请到B12窗口', WORDS)).toEqual(['B', '1', '0', '5', '号', '请', '到', 'B', '1', '2', '窗口']);
  });

  it('says every letter and digit of any ticket and window, in order', () => {
    const code = fc.stringMatching(/^[A-H][0-9]{1,4}$/);
    fc.assert(
      fc.property(code, code, (ticketNumber, windowCode) => {
        const clips = clipSequence(voiceText(DEFAULT_VOICE_TEMPLATE, { ticketNumber, windowCode }), WORDS);
        expect(clips.filter((c) => /^[A-Z0-9]$/.test(c)).join('')).toBe(`${ticketNumber}${windowCode}`);
      }),
    );
  });
});
