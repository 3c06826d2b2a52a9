import { z } from 'zod';
import { appointmentSchema, weekLayoutResponseSchema, weekTemplateRequestSchema } from './appointment';
import { greenReasons } from '../domain/green-channel';
import { caseRecordSchema, caseStatusSchema, materialReceiptSchema, applicantSchema, agentSchema } from './case';
import { stationViewSchema } from './api';
import {
  acceptRequestSchema,
  applicationListItemSchema,
  applicationSchema,
  applicationStateSchema,
  fileApplicationRequestSchema,
  refuseRequestSchema,
  returnRequestSchema,
} from './api-online';
import { evaluationListResponseSchema, evaluationSchema, followUpListResponseSchema, followUpSchema, followUpUpdateSchema } from './evaluation';
import { channelFiguresSchema, reportResponseSchema, summaryResponseSchema } from './api-reports';
import { caseNoSchema, errorBodySchema, idSchema, instantSchema, localDateSchema, matterCodeSchema, materialCodeSchema, optionalText, shortText, windowCodeSchema, zoneCodeSchema } from './primitives';
import { hallViewSchema, issuedTicketSchema, priorityClassSchema, ticketSchema, windowViewSchema } from './queue';
import {
  calendarListResponseSchema,
  calendarPreviewResponseSchema,
  calendarRevisionListSchema,
  calendarSaveResponseSchema,
  calendarYearInputSchema,
  calendarYearViewSchema,
  movedDeadlinesResponseSchema,
} from './api';

/**
 * StationApi: the one typed surface between the station UI and the station back end.
 * A map from method name to { args, result } zod schemas. The station implements one handler per
 * method (src/station/api.ts); Electron IPC (electron/ipc.ts) and the web host (HTTP POST
 * /station/<method>) dispatch by this same map; the UI calls `station.call('queue.callNext', {})`.
 * Answers are `{ ok: true, value } | { ok: false, error: { code, message, details? } }`.
 */

const empty = z.object({}).strict();

// ---- views -------------------------------------------------------------------------------------

export const staffRoleSchema = z.enum(['clerk', 'supervisor', 'approver', 'admin', 'portal']);

export const sessionSchema = z.object({
  staff: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    /** An approver's departments: the cases it reviews (empty for everyone else). */
    departmentCodes: z.array(z.string()).default([]),
  }),
  window: z
    .object({ code: z.string(), name: z.string(), kind: z.enum(['counter', 'reception']), zoneCodes: z.array(z.string()) })
    .nullable(),
  hall: z.object({ name: z.string() }),
  /**
   * Signed in against the cached verifier while the hall server was unreachable: intake goes on, the
   * queue and sync wait. The station never keeps the password, so once the hall is back the clerk
   * signs in again (session.login) to sync what was done meanwhile.
   */
  offline: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const queueViewSchema = z.object({
  window: windowViewSchema.nullable(),
  /** Waiting tickets this window may call, in call order as far as the station can tell. */
  waiting: z.array(ticketSchema),
  counts: z.object({ normal: z.number().int(), appointment: z.number().int(), green: z.number().int(), longestWaitSeconds: z.number().int() }),
  /** False when the hall server is unreachable: queue commands are refused, the view is the last known. */
  live: z.boolean(),
  at: instantSchema,
});
export type QueueView = z.infer<typeof queueViewSchema>;

export const searchHitSchema = z.object({
  kind: z.enum(['matter', 'bundle']),
  code: z.string(),
  name: z.string(),
  zoneCode: z.string(),
  departmentName: z.string().nullable(),
  caseType: z.enum(['immediate', 'promised']).nullable(),
  promisedLimitDays: z.number().int().nullable(),
  matterCodes: z.array(z.string()),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const checklistItemSchema = z.object({
  materialCode: z.string(),
  name: z.string(),
  necessity: z.enum(['required', 'optional', 'deferrable']),
  originals: z.number().int(),
  copies: z.number().int(),
  commitmentAllowed: z.boolean(),
  matterCodes: z.array(z.string()),
  standard: z.string().optional(),
  /** Deferrable items: working days after acceptance to supply it (the strictest of the matters). */
  deferralDays: z.number().int().optional(),
});

/** A deferrable item not received, with the date proposed for it and the earlier days the clerk may agree. */
export const deferredItemSchema = checklistItemSchema.extend({
  dueDate: localDateSchema,
  dueDateChoices: z.array(localDateSchema),
});

const allowanceSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), code: z.string(), reason: z.string() })]);

export const intakeDecisionSchema = z.object({
  promisedDate: localDateSchema,
  promisedDays: z.number().int(),
  missingRequired: z.array(checklistItemSchema),
  deferred: z.array(deferredItemSchema),
  committed: z.array(checklistItemSchema),
  deferredDueDate: localDateSchema.nullable(),
  allowed: z.object({ accept: allowanceSchema, acceptDeferred: allowanceSchema, notifyCorrection: allowanceSchema, reject: allowanceSchema }),
});
export type IntakeDecisionView = z.infer<typeof intakeDecisionSchema>;

export const cardHolderSchema = z.object({
  cardType: z.enum(['resident', 'permit', 'foreign2017', 'foreign2023']),
  name: z.string(),
  englishName: z.string().optional(),
  sex: z.enum(['male', 'female', 'unknown', 'unspecified']),
  nation: z.string().optional(),
  nationality: z.string().optional(),
  birthDate: z.string(),
  address: z.string().optional(),
  idNumber: z.string(),
  issuer: z.string().optional(),
  validFrom: z.string(),
  validTo: z.string(),
});
export type CardHolderView = z.infer<typeof cardHolderSchema>;

/** A printed document as the paper shows it: the lines decoded from the very bytes sent to the printer. */
export const receiptPreviewSchema = z.object({
  paperWidth: z.union([z.literal(58), z.literal(80)]),
  lines: z.array(z.object({ text: z.string(), bold: z.boolean(), enlarged: z.boolean(), align: z.enum(['left', 'center', 'right']) })),
  qr: z.array(z.string()),
});
export type ReceiptPreview = z.infer<typeof receiptPreviewSchema>;

export const printJobSchema = z.object({
  id: z.string(),
  kind: z.enum(['acceptance', 'deferral', 'correction', 'rejection', 'ticket-slip', 'test']),
  reference: z.string(),
  caseId: z.string().nullable(),
  status: z.enum(['queued', 'printing', 'printed', 'failed']),
  attempts: z.number().int(),
  error: errorBodySchema.nullable(),
  createdAt: instantSchema,
  printedAt: instantSchema.nullable(),
  /** The job this one reprints, if it is a reprint. */
  reprintOf: z.string().nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

/** A case row in a list: personal data masked. */
export const caseSummarySchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  applicantName: z.string(),
  idNumberMasked: z.string(),
  matterNames: z.array(z.string()),
  windowCode: z.string(),
  acceptedAt: instantSchema,
  promisedDate: localDateSchema,
  overdue: z.boolean(),
  deferredOverdue: z.boolean(),
  /** True until the hall server has the case. */
  pendingSync: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseRecordSchema.extend({
  matterNames: z.array(z.string()),
  materialNames: z.record(z.string(), z.string()),
  overdue: z.boolean(),
  pendingSync: z.boolean(),
  /** The case look-up address, the same payload as the QR code on the printed notice. */
  caseUrl: z.string(),
  printJobs: z.array(printJobSchema),
  /** Rejected by the hall server after it was accepted here offline: the reason the clerk must see. */
  syncRejection: errorBodySchema.nullable(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const deviceStatusSchema = z.object({
  printer: z.object({
    target: z.string(),
    paperWidth: z.union([z.literal(58), z.literal(80)]),
    state: z.enum(['ok', 'problem', 'not-configured']),
    problem: errorBodySchema.nullable(),
    checkedAt: instantSchema.nullable(),
  }),
  reader: z.object({
    target: z.string(),
    state: z.enum(['ok', 'problem', 'not-configured']),
    problem: errorBodySchema.nullable(),
    checkedAt: instantSchema.nullable(),
  }),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

/**
 * This PC's standing with the hall: registered with a key of its own, and (outside demo mode)
 * approved by an administrator who enters the pairing code shown here. Only an approved PC syncs.
 * `conflict`: another PC registered under this station id; an administrator revokes the old one.
 */
export const stationStandingSchema = z.object({
  stationId: z.string(),
  status: z.enum(['unregistered', 'pending', 'approved', 'revoked', 'conflict']),
  pairingCode: z.string().nullable(),
});
export type StationStanding = z.infer<typeof stationStandingSchema>;

export const syncStateSchema = z.object({
  connection: z.enum(['online', 'offline', 'syncing']),
  station: stationStandingSchema,
  pending: z.number().int(),
  rejected: z.number().int(),
  /** Size of the backlog when the current drain started, for a progress bar. */
  drainTotal: z.number().int(),
  lastSuccessAt: instantSchema.nullable(),
  lastError: errorBodySchema.nullable(),
  offlineSince: instantSchema.nullable(),
  cursor: z.number().int(),
  /** Guardrails: offline too long, too many mutations waiting. */
  warnings: z.array(errorBodySchema),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export const rejectedMutationSchema = z.object({
  id: z.string(),
  name: z.string(),
  at: instantSchema,
  code: z.string(),
  message: z.string(),
  caseNo: z.string().nullable(),
});

export const syncRunSchema = z.object({
  id: z.string(),
  startedAt: instantSchema,
  finishedAt: instantSchema.nullable(),
  trigger: z.string(),
  pushed: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  pulled: z.number().int(),
  cursorFrom: z.number().int(),
  cursorTo: z.number().int(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
});

// ---- the evaluation pad (评价器) -------------------------------------------------------------------

/**
 * The pad at the counter (CITIZEN.md part D): idle (window and clerk), rate (the finished ticket and
 * five levels), reason (a bad level asks why; the pad page shows it, nothing is recorded yet), thanks.
 */
export const padStateSchema = z.object({
  mode: z.enum(['idle', 'rate', 'reason', 'thanks']),
  window: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** The clerk at the window; `staffNo` (工号) once the hall gives staff one, else null. */
  staff: z.object({ name: z.string(), username: z.string(), staffNo: z.string().nullable() }).nullable(),
  ticket: z.object({ id: z.string(), number: z.string() }).nullable(),
});
export type PadState = z.infer<typeof padStateSchema>;

// ---- the surface ---------------------------------------------------------------------------------

const intakeBase = {
  matterCodes: z.array(matterCodeSchema).min(1).max(30),
  bundleCode: z.string().max(24).nullable().default(null),
  received: z.record(materialCodeSchema, materialReceiptSchema),
  creditOk: z.boolean().default(true),
};

/** What the reports screen asks for (contract/api-reports.ts has the hall's side). */
const reportArgsSchema = z
  .object({
    kind: z.enum(['queue', 'cases', 'evaluations']),
    from: localDateSchema,
    to: localDateSchema,
    groupBy: z.enum(['day', 'week', 'month', 'zone', 'window', 'staff', 'matter', 'department', 'channel', 'hour', 'weekhour']),
    zone: zoneCodeSchema.optional(),
    windowCode: windowCodeSchema.optional(),
    staff: z.string().min(1).max(64).optional(),
    matter: matterCodeSchema.optional(),
  })
  .strict();
const summaryArgsSchema = z.object({ period: z.enum(['day', 'month']), date: localDateSchema }).strict();
export const exportedFileSchema = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });
export type ExportedFile = z.infer<typeof exportedFileSchema>;

export const stationApi = {
  // session
  'session.get': { args: empty, result: sessionSchema.nullable() },
  'session.windows': { args: empty, result: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['counter', 'reception']), zoneCodes: z.array(z.string()) })) },
  'session.login': { args: z.object({ username: shortText(64), password: z.string().min(1).max(200), windowCode: windowCodeSchema.optional() }), result: sessionSchema },
  'session.logout': { args: empty, result: z.null() },

  // queue (online only: the hall server decides)
  'queue.view': { args: empty, result: queueViewSchema },
  'queue.callNext': { args: empty, result: ticketSchema.nullable() },
  'queue.recall': { args: z.object({ ticketId: z.string() }), result: ticketSchema },
  'queue.noShow': { args: z.object({ ticketId: z.string() }), result: ticketSchema },
  'queue.reactivate': { args: z.object({ ticketId: z.string(), position: z.enum(['front', 'back']).optional() }), result: ticketSchema },
  'queue.start': { args: z.object({ ticketId: z.string() }), result: ticketSchema },
  'queue.finish': { args: z.object({ ticketId: z.string() }), result: ticketSchema },
  'queue.transfer': {
    args: z.object({ ticketId: z.string(), zoneCode: zoneCodeSchema.optional(), windowCode: windowCodeSchema.optional(), matterCode: matterCodeSchema.optional(), position: z.enum(['front', 'back']) }),
    result: ticketSchema,
  },
  /** Pause this window, or (supervisor) another one. */
  'queue.pause': { args: z.object({ reason: shortText(100), windowCode: windowCodeSchema.optional() }), result: windowViewSchema },
  'queue.resume': { args: z.object({ windowCode: windowCodeSchema.optional() }), result: windowViewSchema },
  /** Supervisor: move waiting tickets to a window or a zone. */
  'queue.reassign': { args: z.object({ ticketIds: z.array(z.string()).min(1).max(100), windowCode: windowCodeSchema.optional(), zoneCode: zoneCodeSchema.optional() }), result: z.array(ticketSchema) },
  'queue.hall': { args: empty, result: hallViewSchema },
  /** Reception desk: issue a ticket and print its slip. */
  'queue.issue': {
    args: z.object({
      zoneCode: zoneCodeSchema,
      matterCode: matterCodeSchema.optional(),
      priority: priorityClassSchema.default('normal'),
      idNumber: z.string().trim().max(24).optional(),
      greenReason: z.enum(greenReasons).optional(),
    }),
    result: z.object({ ticket: issuedTicketSchema, printJob: printJobSchema.nullable() }),
  },
  'queue.recentIssued': { args: empty, result: z.array(issuedTicketSchema) },

  // catalogue and intake
  'catalog.get': {
    args: empty,
    result: z.object({
      hall: z.object({ name: z.string(), regionCode: z.string(), siteCode: z.string() }),
      zones: z.array(z.object({ code: z.string(), name: z.string() })),
      windows: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['counter', 'reception']), zoneCodes: z.array(z.string()) })),
      departments: z.array(z.object({ code: z.string(), name: z.string() })),
      bundles: z.array(z.object({ code: z.string(), name: z.string(), zoneCode: z.string(), matterCodes: z.array(z.string()) })),
      /** Town and community centres, each with the windows it runs and the matters delegated to it (就近受理). */
      sites: z.array(z.object({ code: z.string(), name: z.string(), windowCodes: z.array(z.string()), matterCodes: z.array(z.string()) })),
    }),
  },
  'catalog.search': { args: z.object({ query: z.string().max(50), zoneCode: zoneCodeSchema.optional(), limit: z.number().int().min(1).max(50).default(12) }), result: z.array(searchHitSchema) },
  'intake.readCard': { args: empty, result: cardHolderSchema },
  'intake.checklist': { args: z.object({ matterCodes: intakeBase.matterCodes }), result: z.array(checklistItemSchema) },
  /** What the checklist allows right now, and the promised date (local calendar, works offline). */
  'intake.evaluate': { args: z.object(intakeBase), result: intakeDecisionSchema },
  /** Record the outcome as one local transaction (case + notice + print job + outbox), then print. */
  'intake.submit': {
    args: z.object({
      ...intakeBase,
      outcome: z.enum(['accept', 'accept-deferred', 'notify-correction', 'reject']),
      /**
       * 容缺: a due date the clerk agreed with the applicant for a deferred material, earlier than
       * the one proposed (one of its dueDateChoices). Materials not named take the proposed date.
       */
      dueDates: z.record(materialCodeSchema, localDateSchema).default({}),
      applicant: applicantSchema,
      agent: agentSchema.nullable().default(null),
      ticketId: z.string().nullable().default(null),
      ticketNumber: z.string().nullable().default(null),
      rejection: z.object({ reason: shortText(500), competentBody: optionalText(200) }).nullable().default(null),
    }),
    result: z.object({ case: caseDetailSchema, printJob: printJobSchema.nullable() }),
  },

  // cases
  'cases.list': {
    args: z.object({ date: localDateSchema.optional(), query: z.string().trim().max(40).optional(), limit: z.number().int().min(1).max(200).default(50) }),
    result: z.array(caseSummarySchema),
  },
  'cases.get': {
    args: z
      .object({
        caseId: z.string().optional(),
        caseNo: z.string().optional(),
        /** Another window's case: the code printed on the citizen's receipt, and why it is opened (audited at the hall). */
        code: z.string().trim().max(40).optional(),
        reason: z.string().trim().max(200).optional(),
      })
      .refine((a) => Boolean(a.caseId || a.caseNo), 'caseId or caseNo'),
    result: caseDetailSchema,
  },
  'cases.supplement': { args: z.object({ caseId: idSchema, materialCode: materialCodeSchema, receipt: z.enum(['original', 'copy', 'electronic', 'commitment']) }), result: caseDetailSchema },
  'cases.deliver': { args: z.object({ caseId: idSchema, how: z.enum(['window', 'express']), licenceName: optionalText(100).optional(), licenceNo: optionalText(64).optional() }), result: caseDetailSchema },
  'cases.evaluate': { args: z.object({ caseId: idSchema, level: z.number().int().min(1).max(5), reason: optionalText(500).optional() }), result: caseDetailSchema },
  'cases.printNotice': { args: z.object({ caseId: idSchema }), result: printJobSchema },
  /**
   * The receipt of an accepted case by its number: the notice this station printed at intake, or,
   * for a case accepted elsewhere (the district's inbox accepting what a town centre filed; an
   * inbox case this station pulled), the acceptance notice composed again from the hall's record.
   */
  'cases.printReceipt': { args: z.object({ caseNo: caseNoSchema }), result: printJobSchema },
  /** The notice as it prints: ESC/POS bytes rendered for the paper width (this printer's by default), decoded back. */
  'cases.previewNotice': { args: z.object({ caseId: idSchema, paperWidth: z.union([z.literal(58), z.literal(80)]).optional() }), result: receiptPreviewSchema },

  // the departments' side: review of the cases a station pulled for its approver's departments
  'review.list': { args: empty, result: z.array(caseSummarySchema.extend({ departments: z.array(z.string()), waitingForUs: z.boolean() })) },
  'review.dispatch': { args: z.object({ caseId: idSchema, departmentCodes: z.array(z.string().min(1).max(16)).min(1).max(27) }), result: caseDetailSchema },
  'review.decide': {
    args: z.object({ caseId: idSchema, departmentCode: z.string().min(1).max(16), decision: z.enum(['approved', 'denied']), opinion: shortText(500) }),
    result: caseDetailSchema,
  },
  'review.pauseClock': { args: z.object({ caseId: idSchema, kind: z.enum(['extension', 'other']), reason: shortText(200), from: localDateSchema }), result: caseDetailSchema },
  'review.resumeClock': { args: z.object({ caseId: idSchema, on: localDateSchema }), result: caseDetailSchema },
  'review.markReady': { args: z.object({ caseId: idSchema }), result: caseDetailSchema },

  // the hall's window PCs, for administrators (approve a new PC by the code it shows; revoke a lost one)
  // The online inbox (网上申办): online only, the hall holds the applications and their files.
  'inbox.list': {
    args: z.object({ state: applicationStateSchema.optional() }),
    result: z.object({ today: localDateSchema, applications: z.array(applicationListItemSchema.extend({ matterNames: z.array(z.string()) })) }),
  },
  'inbox.get': { args: z.object({ id: idSchema }), result: applicationSchema.extend({ matterNames: z.array(z.string()) }) },
  /** One material file for the viewer, as base64 (≤ 10 MiB decoded). */
  'inbox.material': { args: z.object({ id: idSchema, n: z.number().int().positive() }), result: z.object({ contentType: z.string(), base64: z.string() }) },
  'inbox.return': { args: returnRequestSchema.extend({ id: idSchema }), result: applicationSchema },
  'inbox.accept': { args: acceptRequestSchema.extend({ id: idSchema }), result: z.object({ application: applicationSchema, caseNo: z.string(), caseId: z.string() }) },
  'inbox.refuse': { args: refuseRequestSchema.extend({ id: idSchema }), result: applicationSchema },
  /**
   * At a town centre's counter (就近受理、远程审批): an application for a matter not delegated to the
   * centre, filed into the owning zone's inbox as channel town. The applicant from the ID card read,
   * the papers as scanned or photographed files; the centre is the hall's to name, from the session.
   * `requestId` (a ULID made once per application) makes a resend after a lost answer the same filing.
   */
  'town.file': {
    args: fileApplicationRequestSchema
      .pick({ applicant: true, agent: true, matterCodes: true, bundleCode: true, commitments: true, files: true })
      .extend({ requestId: idSchema, form: fileApplicationRequestSchema.shape.form.default({}) }),
    result: applicationSchema,
  },
  'stations.list': { args: empty, result: z.array(stationViewSchema) },
  'stations.approve': { args: z.object({ stationId: z.string().min(1).max(64), pairingCode: z.string().regex(/^\d{6}$/) }), result: stationViewSchema },
  'stations.revoke': { args: z.object({ stationId: z.string().min(1).max(64) }), result: stationViewSchema },

  // printing and devices
  'print.jobs': { args: z.object({ date: localDateSchema.optional() }), result: z.array(printJobSchema) },
  'print.retry': { args: z.object({ jobId: z.string() }), result: printJobSchema },
  'print.reprint': { args: z.object({ jobId: z.string() }), result: printJobSchema },
  'devices.status': { args: empty, result: deviceStatusSchema },
  'devices.configure': {
    args: z.object({ printer: z.string().max(200).optional(), paperWidth: z.union([z.literal(58), z.literal(80)]).optional(), reader: z.string().max(200).optional() }),
    result: deviceStatusSchema,
  },
  'devices.testPrint': { args: empty, result: printJobSchema },
  'devices.testRead': { args: empty, result: cardHolderSchema },

  // calendar (online: the hall server keeps it; admins enter the State Council's notice)
  /** Every year the hall counts on, official or provisional, and the provisional years to warn about. */
  'calendar.years': { args: empty, result: calendarListResponseSchema },
  'calendar.year': { args: z.object({ year: z.number().int().min(2000).max(2100) }), result: calendarYearViewSchema },
  /** Admin: every revision of an entered year. */
  'calendar.revisions': { args: z.object({ year: z.number().int().min(2000).max(2100) }), result: calendarRevisionListSchema },
  /** Admin: what a pasted notice (or the year as edited on the grid) would change; writes nothing. */
  'calendar.preview': {
    args: z.union([
      z.object({ year: z.number().int().min(2000).max(2100), text: z.string().min(1).max(20_000) }).strict(),
      z.object({ year: z.number().int().min(2000).max(2100), calendar: calendarYearInputSchema }).strict(),
    ]),
    result: calendarPreviewResponseSchema,
  },
  /** Admin: enter the year (409 CALENDAR_CHANGE_NEEDS_FORCE for a destructive change without force). */
  'calendar.save': {
    args: z.object({ calendar: calendarYearInputSchema, force: z.boolean().default(false), expectedRevision: z.number().int().min(0).optional() }),
    result: calendarSaveResponseSchema,
  },
  /** Supervisor: open cases whose internal deadline the official calendar moved before the promise. */
  'calendar.movedDeadlines': { args: empty, result: movedDeadlinesResponseSchema },

  // the evaluation pad: what it shows, and the citizen's rating (kept in the outbox as `ticket.evaluate`)
  'pad.state': { args: empty, result: padStateSchema },
  /** Supervisors: today's ratings of their zones with the summary by window, and the open follow-ups (online). */
  'evaluations.today': { args: empty, result: evaluationListResponseSchema },
  'evaluations.followUps': { args: empty, result: followUpListResponseSchema },
  /** Supervisors: record steps of a bad rating's follow-up (return visit, finding, rectification, citizen accepts). */
  'evaluations.updateFollowUp': { args: z.object({ evaluationId: idSchema, update: followUpUpdateSchema }), result: followUpSchema },
  /** Supervisors: decide a clerk's appeal of a rating as malicious, with a reason. */
  'evaluations.decideAppeal': { args: z.object({ evaluationId: idSchema, upheld: z.boolean(), reason: shortText(500) }), result: evaluationSchema },
  /** Clerks: appeal a bad rating of their window as malicious. */
  'evaluations.appeal': { args: z.object({ evaluationId: idSchema, reason: shortText(500) }), result: evaluationSchema },
  'pad.rate': { args: z.object({ ticketId: idSchema, level: z.number().int().min(1).max(5), reason: optionalText(500).optional() }), result: padStateSchema },
  // reports (online: the hall server counts them; supervisors their zones, admins the hall, a clerk its own)
  'reports.read': { args: reportArgsSchema, result: reportResponseSchema },
  /** The 日报 / 月报 for the printable page. */
  'reports.summary': { args: summaryArgsSchema, result: summaryResponseSchema },
  /** Supervisors: the board's cases by channel today and this month, and the inbox's overdue pre-reviews (online). */
  'reports.channels': { args: empty, result: channelFiguresSchema },
  /** A report (or the 日报 / 月报) as a file: Excel or CSV, handed to the page to save. */
  'reports.export': {
    args: z.union([
      reportArgsSchema.extend({ format: z.enum(['xlsx', 'csv']) }).strict(),
      summaryArgsSchema.extend({ kind: z.literal('summary'), format: z.literal('xlsx') }).strict(),
    ]),
    result: exportedFileSchema,
  },

  // appointments (预约; online: the hall keeps the bookings)
  /** Reception: today's bookings of the person whose ID card was read. */
  'appointments.today': { args: z.object({ idNumber: z.string().trim().min(6).max(24) }), result: z.array(appointmentSchema) },
  /** Reception: check the booking in by the card read; the ticket (class appointment) is issued and its slip printed. */
  'appointments.checkIn': {
    args: z.object({ appointmentId: idSchema, idNumber: z.string().trim().min(6).max(24) }),
    result: z.object({ appointment: appointmentSchema, ticket: issuedTicketSchema, printJob: printJobSchema.nullable() }),
  },
  /** Supervisor: lay out a zone's week of slots from a template. */
  'appointments.layOutWeek': { args: weekTemplateRequestSchema, result: weekLayoutResponseSchema },

  // sync
  'sync.state': { args: empty, result: syncStateSchema },
  'sync.now': { args: empty, result: syncStateSchema },
  'sync.rejected': { args: empty, result: z.array(rejectedMutationSchema) },
  'sync.retryRejected': { args: z.object({ mutationId: z.string() }), result: syncStateSchema },
  'sync.runs': { args: z.object({ limit: z.number().int().min(1).max(100).default(20) }), result: z.array(syncRunSchema) },
} as const;

export type StationApi = typeof stationApi;
export type StationMethod = keyof StationApi;
export const stationMethods = Object.keys(stationApi) as StationMethod[];
export type StationArgs<M extends StationMethod> = z.input<StationApi[M]['args']>;
export type StationParsedArgs<M extends StationMethod> = z.output<StationApi[M]['args']>;
export type StationResult<M extends StationMethod> = z.infer<StationApi[M]['result']>;

export type StationAnswer<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof errorBodySchema> };

/** The handler table a station implements: one function per method, parsed args in, a value out. */
export type StationHandlers = { [M in StationMethod]: (args: StationParsedArgs<M>) => Promise<StationResult<M>> };

/** Events the station pushes to its UI (IPC event or SSE on the web host). Each is a poke plus the new state. */
export const stationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync'), state: syncStateSchema }),
  /** The queue changed on the hall server: refetch queue.view (and queue.hall for supervisors). */
  z.object({ type: z.literal('queue'), reason: z.string() }),
  z.object({ type: z.literal('devices'), status: deviceStatusSchema }),
  z.object({ type: z.literal('print'), job: printJobSchema }),
  z.object({ type: z.literal('cases'), caseId: z.string().nullable() }),
  /** An online application of the hall changed (filed, corrected, returned, accepted …): refetch the inbox. */
  z.object({ type: z.literal('inbox'), reason: z.string() }),
  /** The pad's state changed (a ticket finished, a rating made, back to idle). */
  z.object({ type: z.literal('pad'), state: padStateSchema }),
  /** A rating was recorded or its follow-up changed at the hall (`bad`: a bad rating, for the supervisor board). */
  z.object({ type: z.literal('evaluations'), reason: z.string(), bad: z.boolean() }),
  /**
   * Who works here changed. `ended`: the hall ended the session (another clerk took the window, the
   * password changed, it idled out), and why, for the sign-in screen to say so.
   */
  z.object({ type: z.literal('session'), session: sessionSchema.nullable(), ended: errorBodySchema.optional() }),
]);
export type StationEvent = z.infer<typeof stationEventSchema>;

/** The transport-neutral client the UI holds; src/ui/station.ts implements it over IPC or HTTP. */
export interface StationClient {
  call<M extends StationMethod>(method: M, args: StationArgs<M>): Promise<StationAnswer<StationResult<M>>>;
  subscribe(listener: (event: StationEvent) => void): () => void;
}
