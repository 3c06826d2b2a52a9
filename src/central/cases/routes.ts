import { timingSafeEqual } from 'node:crypto';
import { casesApi } from '../../contract/api-cases';
import { normaliseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { hashToken } from '../auth/tokens';
import { loadWorkCalendar } from '../calendar/repository';
import { actorOf, inWork } from '../db/work';
import { HallError } from '../http/errors';
import { hallModule, route } from '../http/route';
import { caseFiledAtCallersCentre } from '../online/scope';
import { caseTarget } from './mutations';
import { caseFlags, toCaseListItem, toCaseRecord, type CaseRow } from './record';
import { caseReads } from './repository';

/** The receipt's code against the case's stored hash, in constant time. */
function codeMatches(row: CaseRow, code: string | undefined): boolean {
  if (!code || !row.accessCodeHash) return false;
  const a = Buffer.from(hashToken(code), 'hex');
  const b = Buffer.from(row.accessCodeHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Case look-up for staff. Cases change only through sync push (one write path, exactly once);
 * these routes read. A full read (ID number, phone, address) is in scope (auth/policy.ts), or a
 * clerk holding the citizen's receipt code, and every one leaves an audit row with its reason.
 */
export const casesModule = hallModule('cases', () => [
  route(casesApi.getCase, 'cases', async ({ params, query, auth, permit, ctx, request }) => {
    const db = ctx.db.drizzle;
    const notFound = () => new HallError('CASE_NOT_FOUND', `no case ${params.caseNo} on the hall server`, { caseNo: params.caseNo });
    const row = await caseReads.byCaseNo(db, ctx.sealer, params.caseNo);
    if (!row) throw notFound();
    const byCode = codeMatches(row, query.code);
    if (byCode) {
      // The citizen handed the receipt over the counter: the case opens at any window, with a reason.
      permit.allows({});
      if (!query.reason) throw new HallError('CASE_READ_REASON_REQUIRED', 'say why the case is opened (reason)');
    } else if (row.source === 'town' && (await caseFiledAtCallersCentre(ctx, db, auth, row.id))) {
      // The town centre that took the application in hands the district's result over (and prints its receipt).
      permit.allows({});
    } else {
      permit.require(caseTarget(row), notFound);
    }
    const reason = query.reason ?? '办件详情';
    await inWork(ctx, actorOf(auth, request), async (w) => {
      w.audit({ action: 'case.read-full', entity: 'case', entityId: row.id, after: { caseNo: row.caseNo, reason, via: byCode ? 'receipt-code' : 'scope' } });
    });
    const [events, calendar] = await Promise.all([caseReads.history(db, row.id), loadWorkCalendar(db)]);
    return { ...toCaseRecord(row, events), flags: caseFlags(row, calendar, localDateInShanghai(ctx.now())) };
  }),

  route(casesApi.listCases, 'cases', async ({ query, permit, ctx }) => {
    const db = ctx.db.drizzle;
    const today = localDateInShanghai(ctx.now());
    const [rows, calendar] = await Promise.all([
      caseReads.list(db, { ...query, idIndex: query.idNumber === undefined ? undefined : ctx.sealer.index(normaliseIdNumber(query.idNumber)), scope: permit.filter() }),
      loadWorkCalendar(db),
    ]);
    return { today, cases: rows.map((r) => toCaseListItem(r, caseFlags(r, calendar, today))) };
  }),
]);
