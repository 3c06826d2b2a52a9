import type { CaseRecord } from '../../contract/case';
import type { StationHandlers } from '../../contract/station-api';
import { caseTransition, type CaseStatus } from '../../domain/case';
import { mergeChecklist } from '../../domain/checklist';
import { validateEvaluation } from '../../domain/evaluation';
import { supplementMaterial } from '../../domain/supplement';
import { DomainFailure, type Result } from '../../domain/result';
import type { StationContext } from '../context';
import type { CaseChange, CaseRow } from '../store';
import { decodeReceipt } from '../devices/printer/decode';
import { renderReceipt } from '../devices/printer/render';
import { caseDetail, caseSummary } from './case-view';
import { hallCall } from './online';
import { printNew } from './printing';
import { acceptedCaseReceipt } from '../../domain/case-receipt';
import { receiptUrl } from '../receipt-link';

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new DomainFailure(r.error.code, r.error.message, r.error.details);
  return r.value;
}

const historyEntry = (at: Date, status: CaseStatus, action: string, by: string, note: string | null) => ({ at: at.toISOString(), status, action, by, note });

/**
 * Changes at the window after intake. Each is checked here with the same domain rules the hall
 * server applies (so the clerk hears "no" at once, offline too), written locally with its outbox
 * entry in one transaction, and pushed; the server's answer comes back by pull.
 */
export function casesHandlers(
  ctx: StationContext,
): Pick<StationHandlers, 'cases.list' | 'cases.get' | 'cases.supplement' | 'cases.deliver' | 'cases.evaluate' | 'cases.printNotice' | 'cases.previewNotice' | 'cases.printReceipt'> {
  /**
   * One change of a case at this window: who and when come from the session, and the store writes
   * the case with its outbox entry in one transaction. The change gets the time and the staff id for the case history.
   */
  function changeAtWindow(caseId: string, change: (row: CaseRow, at: Date, staffId: string) => CaseChange) {
    const session = ctx.session.require();
    const at = ctx.now();
    ctx.store.cases.change({ caseId, at, staffId: session.staff.id, windowCode: session.window?.code ?? null, change: (row) => change(row, at, session.staff.id) });
  }

  function local(caseId: string) {
    const row = ctx.store.cases.byId(caseId);
    if (!row) throw new DomainFailure('CASE_NOT_FOUND', `本工作站没有办件 ${caseId}`);
    return row;
  }

  function refuseIfPurged(purgedAt: string | null, caseNo: string): void {
    if (purgedAt) throw new DomainFailure('CASE_PURGED', `办件 ${caseNo} 的个人信息已按保存期限清除，请在大厅服务器上办理`);
  }

  function after(caseId: string) {
    ctx.emit({ type: 'cases', caseId });
    void ctx.sync.trigger('write');
    return caseDetail(ctx, local(caseId));
  }

  return {
    async 'cases.list'({ date, query, limit }) {
      return ctx.store.cases.list({ day: date, query, limit }).map((row) => caseSummary(ctx, row));
    },

    async 'cases.get'({ caseId, caseNo, code, reason }) {
      const row = caseId ? ctx.store.cases.byId(caseId) : ctx.store.cases.byCaseNo(caseNo!.trim().toUpperCase());
      if (row) return caseDetail(ctx, row);
      // Another window's case: only the hall server has it, and opens it to a clerk only with the
      // code on the citizen's receipt and a reason (a supervisor or approver in its scope without).
      const hall = ctx.hall;
      if (caseNo && hall && ctx.session.get()) {
        const query = { ...(code ? { code } : {}), ...(reason ? { reason } : {}) };
        const remote: CaseRecord = await hall.call('getCase', { params: { caseNo: caseNo.trim().toUpperCase() }, query });
        return caseDetail(ctx, { record: remote, syncedAt: remote.updatedAt, purgedAt: null });
      }
      throw new DomainFailure('CASE_NOT_FOUND', `本工作站没有办件 ${caseId ?? caseNo}`);
    },

    async 'cases.supplement'({ caseId, materialCode, receipt }) {
      changeAtWindow(caseId, ({ record, purgedAt }, at, staffId) => {
        refuseIfPurged(purgedAt, record.caseNo);
        const matters = ctx.catalog.matters(record.matterCodes);
        const done = unwrap(
          supplementMaterial({
            status: record.status,
            materials: record.materials,
            acceptedAt: new Date(record.acceptedAt),
            checklist: mergeChecklist(matters, ctx.catalog.catalog().materials),
            matters,
            calendar: ctx.catalog.workCalendar(),
            materialCode,
            receipt,
            at,
          }),
        );
        const item = done.item;
        const accepted = done.accepted ? { acceptedAt: done.accepted.at.toISOString(), promisedDate: done.accepted.promisedDate } : {};
        const updated: CaseRecord = { ...record, materials: done.materials, status: done.status, ...accepted, updatedAt: at.toISOString() };
        updated.history = [...record.history, historyEntry(at, updated.status, 'case.supplement-material', staffId, `${item.name}: ${receipt}`)];
        return { record: updated, mutation: { name: 'case.supplement-material', args: { caseId, materialCode, receipt } }, action: 'case.supplement-material', audit: { materialCode, receipt } };
      });
      return after(caseId);
    },

    async 'cases.deliver'({ caseId, how, licenceName, licenceNo }) {
      changeAtWindow(caseId, ({ record, purgedAt }, at, staffId) => {
        refuseIfPurged(purgedAt, record.caseNo);
        const status = unwrap(caseTransition(record.status, 'deliver'));
        const delivery = { how, at: at.toISOString(), licenceName: licenceName || null, licenceNo: licenceNo || null };
        return {
          record: { ...record, status, delivery, updatedAt: at.toISOString(), history: [...record.history, historyEntry(at, status, 'case.deliver', staffId, how)] },
          mutation: { name: 'case.deliver', args: { caseId, how, licenceName: delivery.licenceName, licenceNo: delivery.licenceNo } },
          action: 'case.deliver',
          audit: { how },
        };
      });
      return after(caseId);
    },

    async 'cases.evaluate'({ caseId, level, reason }) {
      changeAtWindow(caseId, ({ record }, at, staffId) => {
        if (record.evaluation) throw new DomainFailure('CASE_ALREADY_EVALUATED', `办件 ${record.caseNo} 已经评价过`, { level: record.evaluation.level });
        const evaluation = unwrap(validateEvaluation({ level, reason: reason ?? null }));
        return {
          record: {
            ...record,
            evaluation: { level: evaluation.level, reason: evaluation.reason, at: at.toISOString() },
            updatedAt: at.toISOString(),
            history: [...record.history, historyEntry(at, record.status, 'case.evaluate', staffId, String(evaluation.level))],
          },
          mutation: { name: 'case.evaluate', args: { caseId, level: evaluation.level, reason: evaluation.reason } },
          action: 'case.evaluate',
          audit: { level: evaluation.level },
        };
      });
      return after(caseId);
    },

    async 'cases.printNotice'({ caseId }) {
      const row = local(caseId);
      refuseIfPurged(row.purgedAt, row.record.caseNo);
      const notice = ctx.store.cases.noticeOf(caseId);
      if (!notice) throw new DomainFailure('NOTICE_NOT_FOUND', `办件 ${row.record.caseNo} 没有通知书`);
      const previous = ctx.store.printJobs.ofCase(caseId).at(-1) ?? null;
      return printNew(ctx, notice.document, caseId, previous?.id ?? null);
    },
    async 'cases.printReceipt'({ caseNo }) {
      const no = caseNo.trim().toUpperCase();
      const row = ctx.store.cases.byCaseNo(no);
      if (row) refuseIfPurged(row.purgedAt, no);
      // Taken in here: the notice printed then, again (the same path as printNotice).
      const notice = row ? ctx.store.cases.noticeOf(row.record.id) : null;
      if (row && notice) return printNew(ctx, notice.document, row.record.id, ctx.store.printJobs.ofCase(row.record.id).at(-1)?.id ?? null);
      // Accepted elsewhere (the district's inbox): the hall's record, pulled here or fetched by number
      // (a town centre reaches the cases accepted from what it filed).
      const session = ctx.session.require();
      const record: CaseRecord = row
        ? row.record
        : await hallCall(ctx)((hall) => hall.call('getCase', { params: { caseNo: no }, query: { reason: '打印受理通知书' } }));
      const catalog = ctx.catalog.catalog();
      const matters = ctx.catalog.matters(record.matterCodes);
      const document = unwrap(
        acceptedCaseReceipt(record, {
          // The district decides (远程审批): its notice, whoever prints it.
          hallName: catalog.hall.name,
          matters,
          checklist: mergeChecklist(matters, catalog.materials),
          clerkName: session.staff.name,
          caseUrl: receiptUrl(ctx.store, ctx.config.publicBaseUrl, record),
        }),
      );
      return printNew(ctx, document, row ? row.record.id : null, null);
    },
    async 'cases.previewNotice'({ caseId, paperWidth }) {
      const row = local(caseId);
      refuseIfPurged(row.purgedAt, row.record.caseNo);
      const notice = ctx.store.cases.noticeOf(caseId);
      if (!notice) throw new DomainFailure('NOTICE_NOT_FOUND', `办件 ${row.record.caseNo} 没有通知书`);
      const width = paperWidth ?? ctx.devices.settings.paperWidth;
      // The same renderer the printer uses, read back by the decoder: what the paper will show.
      const decoded = decodeReceipt(renderReceipt(notice.document, { width }));
      return { paperWidth: width, lines: decoded.styled, qr: decoded.qr };
    },
  };
}
