import { randomInt } from 'node:crypto';
import type { CaseRecord } from '../contract/case';
import { caseProgressUrl } from '../domain/notices';
import type { Store } from './store';

/**
 * The link a receipt's QR carries to the citizen's progress page at the hall: the hall's public
 * address (learnt with every pull) + the case number + the receipt's code, which the station makes
 * at intake so an offline receipt carries it too. The hall keeps only the code's hash.
 */
const PUBLIC_BASE_URL = 'hall.publicBaseUrl';

export function rememberPublicBaseUrl(store: Store, url: string): void {
  if (store.settings.get<string>(PUBLIC_BASE_URL) !== url) store.settings.set(PUBLIC_BASE_URL, url);
}

/** The hall's public address as last told, else the station's own idea of it (config). */
export function publicBaseUrl(store: Store, fallback: string): string {
  return store.settings.get<string>(PUBLIC_BASE_URL) ?? fallback;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * 16 characters from 57 (no 0/O, 1/l/I: a clerk may have to read it out): about 93 bits, drawn with
 * the system's CSPRNG, so a case number alone never opens a page.
 */
export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * The station keeps the code inside its case row's record (in its sealed database): the hall's
 * copy never carries it, so a pulled record takes it over from the local one (store/cases.ts).
 */
export type LocalCaseRecord = CaseRecord & { accessCode?: string };

export function receiptCodeOf(record: CaseRecord): string | null {
  return (record as LocalCaseRecord).accessCode ?? null;
}

export function receiptUrl(store: Store, fallbackBase: string, record: CaseRecord): string {
  return caseProgressUrl(publicBaseUrl(store, fallbackBase), record.caseNo, receiptCodeOf(record));
}
