import iconv from 'iconv-lite';
import LineBreaker from 'linebreak';

/**
 * Text as a Chinese thermal printer can print it. Printers in Chinese mode print a one-byte code as a
 * half-width glyph and a two-byte GB18030 code as a full-width glyph, so the byte length of a character
 * is its width in columns. Many of them know only the two-byte part of GB18030: a character that needs
 * four bytes prints as garbage, so it is mapped to a printable look-alike or replaced visibly by '□'.
 */

export const ENCODING = 'GB18030';

/** Shown in place of a character the printer cannot print, so the clerk sees that something is missing. */
export const REPLACEMENT = '□';

/** Look-alikes for common characters that need four bytes in GB18030. */
const LOOK_ALIKES: Record<string, string> = {
  '¥': '￥',
  '\u00a0': ' ',
  '•': '·',
  '©': '(C)',
  '®': '(R)',
  '™': 'TM',
  '✓': '√',
  '✔': '√',
  '½': '1/2',
  '¼': '1/4',
  '¾': '3/4',
  '\u2009': ' ',
  '\u202f': ' ',
};

const DROPPED = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);

const encodedLength = (ch: string): number => iconv.encode(ch, ENCODING).length;

const printableAsIs = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return false;
  return encodedLength(ch) <= 2;
};

export interface PrintableText {
  text: string;
  /** Characters that had no two-byte form and were replaced by REPLACEMENT. */
  replaced: string[];
}

/** Maps one line of text (no line breaks) to characters the printer can print. */
export function toPrintable(line: string): PrintableText {
  let text = '';
  const replaced: string[] = [];
  for (const ch of line) {
    if (ch === '\t') {
      text += ' ';
    } else if (DROPPED.has(ch) || (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\x7f') {
      // Control bytes never go to the printer inside text: DLE EOT would be taken as a status query.
      continue;
    } else if (LOOK_ALIKES[ch] !== undefined) {
      text += LOOK_ALIKES[ch];
    } else if (printableAsIs(ch)) {
      text += ch;
    } else {
      const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      if (stripped.length > 0 && stripped !== ch && [...stripped].every(printableAsIs)) {
        text += stripped;
      } else {
        text += REPLACEMENT;
        replaced.push(ch);
      }
    }
  }
  return { text, replaced };
}

/** Width in printer columns of printable text (see toPrintable). */
export function displayWidth(printable: string): number {
  return iconv.encode(printable, ENCODING).length;
}

const charWidth = (ch: string): number => (ch.charCodeAt(0) < 0x80 ? 1 : 2);

/**
 * The pieces a line may break between, by the Unicode line-breaking algorithm (UAX #14), which
 * carries the Chinese rules: no line starts with a closing mark (，。）》」 …) or ends with an
 * opening one (（《「 …), and a run of letters and digits (a matter code, a date's number, a case
 * number) is never split. Chinese characters may break between any two of them.
 */
function breakableSegments(text: string): string[] {
  const breaker = new LineBreaker(text);
  const out: string[] = [];
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    if (bk.position > last) out.push(text.slice(last, bk.position));
    last = bk.position;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * Wraps printable text to a number of columns, breaking only where the line-breaking rules allow.
 * A piece wider than a whole line (a URL, a code longer than a double-width line) is cut where the
 * line ends: that is the only place a code can be split.
 */
export function wrap(printable: string, columns: number): string[] {
  if (columns < 2) throw new RangeError('columns must be at least 2');
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const flush = () => {
    lines.push(line.replace(/ +$/u, ''));
    line = '';
    width = 0;
  };
  for (const segment of breakableSegments(printable)) {
    // Spaces at a segment's end may hang past the margin: they are dropped at the line's end.
    const inked = displayWidth(segment.replace(/ +$/u, ''));
    if (width + inked <= columns) {
      line += segment;
      width += displayWidth(segment);
      continue;
    }
    if (width > 0) flush();
    const start = segment.replace(/^ +/u, '');
    if (displayWidth(start.replace(/ +$/u, '')) <= columns) {
      line = start;
      width = displayWidth(start);
      continue;
    }
    for (const ch of start) {
      if (width + charWidth(ch) > columns) flush();
      if (width === 0 && ch === ' ') continue;
      line += ch;
      width += charWidth(ch);
    }
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}
