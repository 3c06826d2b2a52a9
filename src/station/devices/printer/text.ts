import iconv from 'iconv-lite';

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

/** Chinese punctuation that must not start a line (避头点): it is kept with the character before it. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕…—·％”’,.;:?!)]}%']);

/**
 * Wraps printable text to a number of columns. Latin words are kept whole when they fit on a line,
 * Chinese breaks between any two characters except before closing punctuation.
 */
export function wrap(printable: string, columns: number): string[] {
  if (columns < 2) throw new RangeError('columns must be at least 2');
  const tokens = printable.match(/[\x21-\x7e]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const flush = () => {
    lines.push(line.replace(/ +$/u, ''));
    line = '';
    width = 0;
  };
  for (const token of tokens) {
    const w = displayWidth(token);
    if (token === ' ' && width === 0 && lines.length > 0) continue;
    if (width + w <= columns) {
      line += token;
      width += w;
      continue;
    }
    if (w > columns) {
      // A word longer than a line (a URL, a long number) is cut where the line ends.
      for (const ch of token) {
        if (width + charWidth(ch) > columns) flush();
        line += ch;
        width += charWidth(ch);
      }
      continue;
    }
    if (NO_LINE_START.has(token) && line.length > 0) {
      const chars = [...line];
      const last = chars.pop() ?? '';
      line = chars.join('');
      flush();
      line = last + token;
      width = displayWidth(line);
      continue;
    }
    flush();
    if (token === ' ') continue;
    line = token;
    width = w;
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}
