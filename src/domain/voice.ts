/**
 * What the hall says when it calls a number: "请A012号到A3窗口办理". A hall may set its own
 * template; `{number}` and `{window}` are filled in, anything else is said as written.
 */
export const DEFAULT_VOICE_TEMPLATE = '请{number}号到{window}窗口办理';

export interface VoiceCall {
  ticketNumber: string;
  windowCode: string;
}

export function voiceText(template: string, call: VoiceCall): string {
  return template.replaceAll('{number}', call.ticketNumber).replaceAll('{window}', call.windowCode);
}

/**
 * The clips of a voice pack that say `text`, in order: one clip per letter or digit, and the longest
 * known word at each point for the rest (请, 号, 到, 窗口, 办理 …). Characters no clip says are
 * skipped (a hall's template may carry punctuation); digits are said one by one, as halls call them.
 */
export function clipSequence(text: string, words: readonly string[]): string[] {
  const byLength = [...words].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/[0-9]/.test(ch)) {
      out.push(ch);
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      out.push(ch.toUpperCase());
      i++;
      continue;
    }
    const word = byLength.find((w) => text.startsWith(w, i));
    if (word) {
      out.push(word);
      i += word.length;
    } else i++;
  }
  return out;
}
