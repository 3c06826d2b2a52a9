import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CaseStatusForProgress } from '../../domain/progress';
import { owedMaterials } from '../../domain/progress';
import { localDateInShanghai } from '../../domain/local-date';
import { maskName } from '../../domain/masking';
import { hashToken } from '../auth/tokens';
import { loadWorkCalendar } from '../calendar/repository';
import { caseFlags } from '../cases/record';
import { readCatalog } from '../catalog/repository';
import type { HallContext } from '../context';
import { cases } from '../db/schema';
import { progressNotFoundPage, progressPage, type ProgressView } from './progress-page';

// A hash of nothing in particular, compared against when the case number matches no case, so a
// wrong number costs the same time as a wrong code.
const NO_CASE = hashToken('no case has this number');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The citizen's page of one case, or the one not-found page. Reads the row as stored: only the
 * applicant's name is needed, and it is kept beside the seal, so nothing personal is opened.
 */
export async function caseProgressHtml(ctx: HallContext, caseNo: string, code: string): Promise<{ found: boolean; html: string }> {
  const db = ctx.db.drizzle;
  const [row] = await db.select().from(cases).where(eq(cases.caseNo, caseNo)).limit(1);
  const ok = sameHash(hashToken(code), row?.accessCodeHash ?? NO_CASE) && row?.accessCodeHash != null;
  const catalog = await readCatalog(db);
  if (!ok || !row) return { found: false, html: progressNotFoundPage(catalog.hall.name) };
  const today = localDateInShanghai(ctx.now());
  const flags = caseFlags(row, await loadWorkCalendar(db), today);
  const matterNames = new Map(catalog.matters.map((m) => [m.code, m.name]));
  const materialNames = new Map(catalog.materials.map((m) => [m.code, m.name]));
  const status = row.status as CaseStatusForProgress;
  const view: ProgressView = {
    hallName: catalog.hall.name,
    hallPhone: ctx.config.hallPhone,
    hallAddress: ctx.config.hallAddress,
    caseNo: row.caseNo,
    applicantMasked: maskName(row.applicant.name),
    matters: row.matterCodes.map((c) => matterNames.get(c) ?? c),
    status,
    acceptedOn: localDateInShanghai(row.acceptedAt),
    promisedDate: flags.promisedDateNow,
    correctionDueDate: row.correctionDueDate,
    owed: owedMaterials(status, row.materials).map((m) => ({ name: materialNames.get(m.materialCode) ?? m.materialCode, dueDate: m.dueDate })),
    windowCode: row.windowCode,
    deliveredOn: row.delivery ? localDateInShanghai(new Date(row.delivery.at)) : null,
  };
  return { found: true, html: progressPage(view) };
}
