import type { Applicant } from '../../contract/case';
import { maskIdNumber } from '../../domain/masking';
import type { Sealer } from '../crypto/sealer';
import type { cases, SealedPerson, StoredAgent } from '../db/schema';

/** A case row as the database keeps it: personal data sealed. */
export type StoredCaseRow = typeof cases.$inferSelect;

/**
 * A case row as the hall works with it in memory: the applicant and agent open, `idNumber` the
 * normalised number. Only cases/repository.ts and cases/lookups.ts cross between the two forms.
 */
export type CaseRow = Omit<StoredCaseRow, 'applicant' | 'agent' | 'idIndex' | 'idNumberMasked'> & {
  applicant: Applicant;
  agent: StoredAgent | null;
  idNumber: string;
};

function sealPerson(s: Sealer, p: { name: string; idType?: string } & Record<string, unknown>): SealedPerson {
  const { name, idType, ...rest } = p;
  return { name, ...(idType !== undefined ? { idType } : {}), sealed: s.seal(JSON.stringify(rest)) };
}

function openPerson<T>(s: Sealer, p: SealedPerson): T {
  const { sealed, ...clear } = p;
  return { ...clear, ...(JSON.parse(s.open(sealed)) as object) } as T;
}

export function sealCase(s: Sealer, row: CaseRow): StoredCaseRow {
  const { idNumber, applicant, agent, ...rest } = row;
  return {
    ...rest,
    applicant: sealPerson(s, applicant as unknown as { name: string; idType?: string } & Record<string, unknown>),
    agent: agent ? sealPerson(s, agent as unknown as { name: string } & Record<string, unknown>) : null,
    idIndex: s.index(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}

export function openCase(s: Sealer, stored: StoredCaseRow): CaseRow {
  const { idIndex: _i, idNumberMasked: _m, applicant, agent, ...rest } = stored;
  const open = openPerson<Applicant>(s, applicant);
  return { ...rest, applicant: open, agent: agent ? openPerson<StoredAgent>(s, agent) : null, idNumber: open.idNumber };
}
