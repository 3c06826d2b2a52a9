/**
 * Personal data shown in lists, printed on receipts and written to logs is masked; the full value
 * appears only in the case detail. Strings are handled as code points, so a rare character of a
 * name (outside the Basic Multilingual Plane) is never cut in half.
 */

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

function keepEnds(chars: string[], head: number, tail: number): string {
  if (chars.length <= head + tail) return stars(chars.length);
  return chars.slice(0, head).join('') + stars(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** 370902********1233 for an 18-character number; other numbers keep their first 2 and last 2. */
export function maskIdNumber(n: string): string {
  const chars = Array.from(n.trim());
  return chars.length === 18 ? keepEnds(chars, 6, 4) : keepEnds(chars, 2, 2);
}

/** 138****5678; other numbers keep their first 3 and last 4 when long enough, else their last 2. */
export function maskPhone(p: string): string {
  const chars = Array.from(p.trim());
  if (chars.length >= 8) return keepEnds(chars, 3, 4);
  return keepEnds(chars, 0, 2);
}

/** 山东省泰安市**** : the first 6 characters (half of a shorter address), then ****. */
export function maskAddress(a: string): string {
  const chars = Array.from(a.trim());
  if (chars.length === 0) return '';
  const keep = chars.length > 6 ? 6 : Math.floor(chars.length / 2);
  return `${chars.slice(0, keep).join('')}****`;
}

/** 韩*梅, 张*, 欧**娜: the first and (from three characters on) the last character stay. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return keepEnds(chars, 1, 1);
}

// Redaction errs on the side of masking: any 17 digits + digit/X is treated as an ID number, with
// or without a valid check character (a mistyped number is still somebody's number).
const PERSONAL_IN_TEXT = new RegExp(
  [
    String.raw`(?<id>(?<!\d)\d{17}[\dXx](?![\dXx]))`,
    String.raw`(?<foreign>(?<![A-Za-z\d])[A-Za-z]{3}\d{12}(?!\d))`,
    String.raw`(?<!\d)(?<phonePrefix>(?:\+|00)?86[- ]?)?(?<phone>1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d))`,
  ].join('|'),
  'g',
);

/** Replaces ID numbers and mobile numbers found anywhere in free text by their masks (log redaction). */
export function maskPersonalText(s: string): string {
  return s.replace(PERSONAL_IN_TEXT, (match: string, ...args: unknown[]) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    if (groups.id) return maskIdNumber(groups.id);
    if (groups.foreign) return maskIdNumber(groups.foreign);
    if (groups.phone) return (groups.phonePrefix ?? '') + maskPhone(groups.phone.replace(/[- ]/g, ''));
    return match;
  });
}
