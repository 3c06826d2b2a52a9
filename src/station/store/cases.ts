import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CaseRecord } from '../../contract/case';
import type { MutationName } from '../../contract/sync';
import type { PrintJob } from '../../contract/station-api';
import type { PrintDocument } from '../../domain/document';
import { maskName } from '../../domain/masking';
import { DomainFailure } from '../../domain/result';
import { caseMaterials, cases, counters, notices, printJobs } from '../db/schema';
import type { AuditRepo } from './audit';
import type { OutboxRepo } from './outbox';
import type { PrintJobsRepo } from './print-jobs';
import type { DbOrTx, StoreDeps } from './types';

const CLOSED = new Set(['delivered', 'rejected']);

export interface CaseRow {
  record: CaseRecord;
  syncedAt: string | null;
  purgedAt: string | null;
}

export interface IntakeComposition {
  record: CaseRecord;
  mutation: { name: MutationName; args: unknown };
  notice: { kind: string; noticeNo: string; document: PrintDocument };
  /** Masked summary for the audit trail. */
  audit: Record<string, unknown>;
}

export interface CaseChange {
  record: CaseRecord;
  mutation: { name: MutationName; args: unknown };
  action: string;
  audit?: Record<string, unknown>;
}

/** Case numbers end in the window's serial of the day: TS-20261128-A3-0007 → 7. */
export function serialOfCaseNo(caseNo: string): number | null {
  const m = /-(\d{4})$/.exec(caseNo);
  return m ? Number(m[1]) : null;
}

function rowValues(r: CaseRecord, maskedId: string, now: string) {
  return {
    id: r.id,
    caseNo: r.caseNo,
    windowCode: r.windowCode,
    status: r.status,
    applicantName: r.applicant.name,
    idNumber: r.applicant.idNumber,
    idNumberMasked: maskedId,
    acceptedDay: '',
    acceptedAt: r.acceptedAt,
    promisedDate: r.promisedDate,
    data: r,
    closedAt: CLOSED.has(r.status) ? now : null,
    updatedAt: now,
  };
}

export interface CasesRepoOptions {
  stationId: string;
  maskIdNumber: (idNumber: string) => string;
  /** Local date (Asia/Shanghai) of an instant. */
  localDay: (at: Date) => string;
}

export function casesRepo(deps: StoreDeps, opts: CasesRepoOptions, outboxRepo: OutboxRepo, printJobsRepo: PrintJobsRepo, auditRepo: AuditRepo) {
  const { db } = deps;

  function writeMaterials(tx: DbOrTx, r: CaseRecord): void {
    tx.delete(caseMaterials).where(eq(caseMaterials.caseId, r.id)).run();
    if (r.materials.length === 0) return;
    tx.insert(caseMaterials)
      .values(r.materials.map((m) => ({ caseId: r.id, materialCode: m.materialCode, receipt: m.receipt, receivedAt: m.receivedAt, dueDate: m.dueDate })))
      .run();
  }

  function nextSerial(tx: DbOrTx, windowCode: string, day: string): number {
    const r = tx
      .insert(counters)
      .values({ windowCode, day, serial: 1 })
      .onConflictDoUpdate({ target: [counters.windowCode, counters.day], set: { serial: sql`${counters.serial} + 1` } })
      .returning({ serial: counters.serial })
      .get();
    return r!.serial;
  }

  /** Never hand out a serial the station has already seen on a case (a restored or re-pulled database). */
  function raiseCounter(tx: DbOrTx, windowCode: string, day: string, serial: number): void {
    tx.insert(counters)
      .values({ windowCode, day, serial })
      .onConflictDoUpdate({ target: [counters.windowCode, counters.day], set: { serial: sql`max(${counters.serial}, ${serial})` } })
      .run();
  }

  function read(tx: DbOrTx, where: SQL): CaseRow | null {
    const r = tx.select({ data: cases.data, syncedAt: cases.syncedAt, purgedAt: cases.purgedAt }).from(cases).where(where).get();
    return r ? { record: r.data as CaseRecord, syncedAt: r.syncedAt, purgedAt: r.purgedAt } : null;
  }

  return {
    /**
     * Takes in an application at the window, whatever the outcome (accept, 容缺, correction, reject):
     * the case number from this window's serial of the day, the case with its materials, the notice,
     * its print job, the outbox entry and the audit row, in ONE transaction. `compose` builds the
     * record and the notice once the case number is known.
     */
    recordIntake(input: { windowCode: string; at: Date; staffId: string; compose: (serial: number) => IntakeComposition }): { record: CaseRecord; printJob: PrintJob } {
      const day = opts.localDay(input.at);
      return db.transaction((tx) => {
        let serial = nextSerial(tx, input.windowCode, day);
        let composed = input.compose(serial);
        while (read(tx, eq(cases.caseNo, composed.record.caseNo))) {
          serial = nextSerial(tx, input.windowCode, day);
          composed = input.compose(serial);
        }
        const { record, mutation, notice } = composed;
        const now = deps.now().toISOString();
        tx.insert(cases)
          .values({ ...rowValues(record, opts.maskIdNumber(record.applicant.idNumber), now), acceptedDay: day })
          .run();
        writeMaterials(tx, record);
        tx.insert(notices).values({ id: deps.newId(), caseId: record.id, kind: notice.kind, noticeNo: notice.noticeNo, document: notice.document, createdAt: now }).run();
        const printJob = printJobsRepo.enqueue(tx, { document: notice.document, caseId: record.id, day });
        outboxRepo.append(tx, { name: mutation.name, args: mutation.args, at: input.at, staffId: input.staffId, caseId: record.id });
        auditRepo.record(tx, { staffId: input.staffId, windowCode: input.windowCode, action: mutation.name, entity: 'case', entityId: record.id, detail: composed.audit });
        return { record, printJob };
      });
    },

    /**
     * A change at the window after intake (supplement, deliver, evaluate): the local row and its
     * outbox entry in one transaction. `change` sees the current record and may throw a
     * DomainFailure to refuse; nothing is written then.
     */
    change(input: { caseId: string; at: Date; staffId: string; windowCode: string | null; change: (current: CaseRow) => CaseChange }): CaseRecord {
      return db.transaction((tx) => {
        const current = read(tx, eq(cases.id, input.caseId));
        if (!current) throw new DomainFailure('CASE_NOT_FOUND', `找不到办件 ${input.caseId}`);
        const { record, mutation, action, audit } = input.change(current);
        const now = deps.now().toISOString();
        tx.update(cases)
          .set({
            status: record.status,
            data: record,
            closedAt: CLOSED.has(record.status) ? now : null,
            updatedAt: now,
          })
          .where(eq(cases.id, record.id))
          .run();
        writeMaterials(tx, record);
        outboxRepo.append(tx, { name: mutation.name, args: mutation.args, at: input.at, staffId: input.staffId, caseId: record.id });
        auditRepo.record(tx, { staffId: input.staffId, windowCode: input.windowCode, action, entity: 'case', entityId: record.id, detail: { caseNo: record.caseNo, ...audit } });
        return record;
      });
    },

    /**
     * The hall server's copy of a case, from a pull page. The hall chose what this station may
     * pull (auth/policy.ts pullPolicy): a window's own cases, or a department's cases at its
     * approver's office station, which were taken in elsewhere. A case with a
     * mutation still waiting to be pushed keeps its local row: the server's copy predates it, and
     * the next pull after the push brings the merged state.
     */
    applyServerCase(tx: DbOrTx, record: CaseRecord): 'applied' | 'kept-local' | 'number-taken' {
      if (outboxRepo.hasPending(tx, record.id)) return 'kept-local';
      // A local case holds the same number under another id (a station database restored from an
      // old copy numbered again from 1): the server will reject the local one; keep both visible.
      const clash = tx.select({ id: cases.id }).from(cases).where(eq(cases.caseNo, record.caseNo)).get();
      if (clash && clash.id !== record.id) return 'number-taken';
      const existing = tx.select({ purgedAt: cases.purgedAt, acceptedDay: cases.acceptedDay, syncedAt: cases.syncedAt, data: cases.data }).from(cases).where(eq(cases.id, record.id)).get();
      const now = deps.now().toISOString();
      const day = existing?.acceptedDay ?? opts.localDay(new Date(record.acceptedAt));
      // The receipt's code lives only here (the hall keeps its hash): a reprint must carry it still.
      const accessCode = (existing?.data as { accessCode?: string } | undefined)?.accessCode;
      const server = accessCode ? { ...record, accessCode } : record;
      const stored = existing?.purgedAt ? purgedRecord(server, opts.maskIdNumber) : server;
      const values = {
        ...rowValues(stored, opts.maskIdNumber(record.applicant.idNumber), now),
        acceptedDay: day,
        syncedAt: existing?.syncedAt ?? now,
        purgedAt: existing?.purgedAt ?? null,
      };
      if (existing) {
        const { id: _id, ...set } = values;
        // closedAt keeps the first time the case was seen closed: the retention clock starts there.
        tx.update(cases)
          .set({ ...set, closedAt: values.closedAt ? sql`coalesce(${cases.closedAt}, ${values.closedAt})` : null })
          .where(eq(cases.id, record.id))
          .run();
      } else {
        tx.insert(cases).values(values).run();
      }
      writeMaterials(tx, stored);
      const serial = serialOfCaseNo(record.caseNo);
      if (serial !== null) raiseCounter(tx, record.windowCode, day, serial);
      return 'applied';
    },

    byId(id: string): CaseRow | null {
      return read(db, eq(cases.id, id));
    },

    byCaseNo(caseNo: string): CaseRow | null {
      return read(db, eq(cases.caseNo, caseNo));
    },

    /** Newest first. `query` matches the case number, the applicant's name or ID number. */
    list(filter: { day?: string; query?: string; limit: number }): CaseRow[] {
      const conditions = [];
      if (filter.day) conditions.push(eq(cases.acceptedDay, filter.day));
      if (filter.query) {
        const q = `%${filter.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(sql`${cases.caseNo} LIKE ${q} ESCAPE '\\'`, sql`${cases.applicantName} LIKE ${q} ESCAPE '\\'`, sql`${cases.idNumber} LIKE ${q} ESCAPE '\\'`));
      }
      return db
        .select({ data: cases.data, syncedAt: cases.syncedAt, purgedAt: cases.purgedAt })
        .from(cases)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(cases.acceptedAt), desc(cases.id))
        .limit(filter.limit)
        .all()
        .map((r) => ({ record: r.data as CaseRecord, syncedAt: r.syncedAt, purgedAt: r.purgedAt }));
    },

    noticeOf(caseId: string): { kind: string; noticeNo: string; document: PrintDocument } | null {
      const r = db.select().from(notices).where(eq(notices.caseId, caseId)).orderBy(desc(notices.createdAt)).get();
      return r ? { kind: r.kind, noticeNo: r.noticeNo, document: r.document as PrintDocument } : null;
    },

    /**
     * Retention: personal data of cases the hall server has, closed before `closedBefore`, with
     * nothing waiting in the outbox, is blanked locally (the case number and status stay for
     * look-up; the hall server keeps the full record). Notices and print jobs lose their text too.
     */
    purgePersonalData(closedBefore: Date): number {
      return db.transaction((tx) => {
        const due = tx
          .select({ id: cases.id, data: cases.data })
          .from(cases)
          .where(and(isNotNull(cases.syncedAt), isNull(cases.purgedAt), isNotNull(cases.closedAt), lt(cases.closedAt, closedBefore.toISOString())))
          .all();
        let purged = 0;
        const now = deps.now().toISOString();
        for (const c of due) {
          if (outboxRepo.hasPending(tx, c.id)) continue;
          const record = purgedRecord(c.data as CaseRecord, opts.maskIdNumber);
          tx.update(cases)
            .set({ data: record, applicantName: record.applicant.name, idNumber: record.applicant.idNumber, purgedAt: now })
            .where(eq(cases.id, c.id))
            .run();
          const blank = (reference: string, kind: string): PrintDocument => ({
            kind: kind as PrintDocument['kind'],
            reference,
            lines: [{ kind: 'text', text: '个人信息已按保存期限清除' }],
          });
          for (const n of tx.select({ id: notices.id, noticeNo: notices.noticeNo, kind: notices.kind }).from(notices).where(eq(notices.caseId, c.id)).all()) {
            tx.update(notices).set({ document: blank(n.noticeNo, n.kind) }).where(eq(notices.id, n.id)).run();
          }
          for (const j of tx.select({ id: printJobs.id, reference: printJobs.reference, kind: printJobs.kind }).from(printJobs).where(eq(printJobs.caseId, c.id)).all()) {
            tx.update(printJobs).set({ document: blank(j.reference, j.kind) }).where(eq(printJobs.id, j.id)).run();
          }
          purged++;
        }
        return purged;
      });
    },
  };
}
export type CasesRepo = ReturnType<typeof casesRepo>;

/** The record without personal data: masked name and number, no phone, no address, no agent details. */
export function purgedRecord(r: CaseRecord, maskIdNumber: (id: string) => string): CaseRecord {
  const applicant: CaseRecord['applicant'] = { name: maskName(r.applicant.name), idType: r.applicant.idType, idNumber: maskIdNumber(r.applicant.idNumber) };
  if (r.applicant.companyName) applicant.companyName = r.applicant.companyName;
  if (r.applicant.creditCode) applicant.creditCode = r.applicant.creditCode;
  return {
    ...r,
    applicant,
    agent: r.agent ? { name: maskName(r.agent.name), idNumber: maskIdNumber(r.agent.idNumber) } : null,
  };
}
