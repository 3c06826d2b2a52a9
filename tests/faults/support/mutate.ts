import { wrongCheckIdNumber } from './people';

/**
 * Bad values for fuzzing a JSON surface (the hall's routes, the StationApi): each leaf of a valid
 * request replaced by a wrong type, a 1 MB string, an unknown enum value, an impossible date or ID
 * number, or an SQL or script payload.
 */
export type Category = 'invalid-json' | 'type' | 'huge' | 'enum' | 'date' | 'id-number' | 'payload';
/** Categories whose every request must be refused; the others may be valid text. */
export const MUST_REFUSE = new Set<Category>(['invalid-json', 'type', 'huge', 'enum', 'date', 'id-number']);

export const PAYLOADS = [
  "'; DROP TABLE tickets; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  // PostgreSQL stores neither a NUL byte in text nor a lone surrogate in jsonb (bugs-found.test.ts).
  'null\u0000byte',
  '\ud800',
  '𠀀𠀁 ¥ 😀',
  '   ',
];
export const BAD_DATES = ['2026-02-30', '2026-13-01', '2026-11-31', '28/11/2026', '2026-1-5', '0000-00-00', '99999-01-01'];
export const BAD_INSTANTS = ['2026-11-28T25:00:00Z', 'yesterday', '2026-11-28', '1e12'];
export const ENUM_KEYS = new Set(['priority', 'status', 'position', 'role', 'format', 'how', 'decision', 'kind', 'source', 'idType', 'receipt', 'outcome', 'op', 'name']);
export const HUGE_BODY = 'x'.repeat(1 << 20);
/** Node refuses request lines over 16 KB before the app sees them; 12 KB passes and exceeds every field. */
export const HUGE_URL = 'x'.repeat(12 * 1024);

export function leaves(v: unknown, path: string[] = []): Array<{ path: string[]; value: unknown }> {
  if (Array.isArray(v)) return v.length === 0 ? [{ path, value: v }] : v.flatMap((x, i) => leaves(x, [...path, String(i)]));
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length === 0 ? [{ path, value: v }] : entries.flatMap(([k, x]) => leaves(x, [...path, k]));
  }
  return [{ path, value: v }];
}

export function setAt(v: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (String(i) === head ? setAt(x, rest, value) : x));
  const o = (v ?? {}) as Record<string, unknown>;
  return { ...o, [head!]: setAt(o[head!], rest, value) };
}

export function mutations(value: unknown, key: string, where: 'body' | 'query' | 'params'): Array<{ value: unknown; category: Category }> {
  const out: Array<{ value: unknown; category: Category }> = [];
  const wrongTypes: unknown[] =
    typeof value === 'string' ? [123, true, null, {}, []] : typeof value === 'number' ? ['x', true, null] : typeof value === 'boolean' ? ['yes', 1] : Array.isArray(value) ? ['x', {}] : ['x', 5];
  // In a URL every value is text: wrong types only exist in JSON bodies.
  if (where === 'body') for (const t of wrongTypes) out.push({ value: t, category: 'type' });
  else if (typeof value === 'string' && /^\d+$/.test(value)) out.push({ value: 'abc', category: 'type' }, { value: '-1', category: 'type' }, { value: '1.5', category: 'type' });
  if (typeof value !== 'string') return out;
  out.push({ value: where === 'body' ? HUGE_BODY : HUGE_URL, category: 'huge' });
  // A lone surrogate cannot be written into a URL at all (it is not UTF-8); in JSON it can.
  for (const p of PAYLOADS) if (where === 'body' || p !== '\ud800') out.push({ value: p, category: 'payload' });
  // Enum values are plain lower-case words or codes (clerk, case.accept, 111); names in Chinese are free text.
  if (ENUM_KEYS.has(key) && /^[a-z0-9][a-z0-9.-]*$/.test(value)) out.push({ value: 'not-a-known-value', category: 'enum' }, { value: value.toUpperCase() === value ? value.toLowerCase() : value.toUpperCase(), category: 'enum' });
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) for (const d of BAD_DATES) out.push({ value: d, category: 'date' });
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) for (const d of BAD_INSTANTS) out.push({ value: d, category: 'date' });
  if (key === 'idNumber') {
    // A search by a malformed number may answer "nothing found"; anywhere else it is refused.
    const category: Category = where === 'query' ? 'payload' : 'id-number';
    for (const n of [wrongCheckIdNumber(7), '37090219900101123', 'ABCDEFGHIJKLMNOPQR', '370902209901011230']) out.push({ value: n, category });
  }
  return out;
}

