import { casesApi } from '../../contract/api-cases';
import { normaliseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { loadWorkCalendar } from '../calendar/repository';
import { HallError } from '../http/errors';
import { hallModule, route } from '../http/route';
import { caseFlags, toCaseListItem, toCaseRecord } from './record';
import { caseReads } from './repository';

/**
 * Case look-up for staff. Cases change only through sync push (one write path, exactly once);
 * these routes read.
 */
export const casesModule = hallModule('cases', () => [
  route(casesApi.getCase, 'cases', async ({ params, ctx }) => {
    const db = ctx.db.drizzle;
    const row = await caseReads.byCaseNo(db, params.caseNo);
    if (!row) throw new HallError('CASE_NOT_FOUND', `no case ${params.caseNo} on the hall server`, { caseNo: params.caseNo });
    const [events, calendar] = await Promise.all([caseReads.history(db, row.id), loadWorkCalendar(db)]);
    return { ...toCaseRecord(row, events), flags: caseFlags(row, calendar, localDateInShanghai(ctx.now())) };
  }),

  route(casesApi.listCases, 'cases', async ({ query, ctx }) => {
    const db = ctx.db.drizzle;
    const today = localDateInShanghai(ctx.now());
    const [rows, calendar] = await Promise.all([
      caseReads.list(db, { ...query, idNumber: query.idNumber === undefined ? undefined : normaliseIdNumber(query.idNumber) }),
      loadWorkCalendar(db),
    ]);
    return { today, cases: rows.map((r) => toCaseListItem(r, caseFlags(r, calendar, today))) };
  }),
]);
