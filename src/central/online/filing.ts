import { eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { CorrectionRequest, FileApplicationRequest } from '../../contract/api-online';
import { parseIdNumber, normaliseIdNumber } from '../../domain/id-number';
import { localDateInShanghai } from '../../domain/local-date';
import { applicationTransition, applicationZone, matterTakesChannel, reviewDueDate } from '../../domain/online-application';
import type { ChecklistItem } from '../../domain/checklist';
import type { Matter, Site } from '../../domain/catalog';
import { loadWorkCalendar } from '../calendar/repository';
import { checklistOf, mattersOf } from '../cases/checklist';
import type { HallContext } from '../context';
import type { HallQueryable } from '../db/client';
import { bundles } from '../db/schema';
import type { Work } from '../db/work';
import { HallError, unwrap } from '../http/errors';
import { checkFileSizes, fingerprintOf, storeFiles, type MaterialFileIn } from './files';
import type { MaterialStore } from './material-store';
import { applicationReads, applicationWrites, openApplication, type ApplicationRow } from './repository';

/** Change-log rows of the inbox are pokes for no station's pull (a station id never holds ':'). */
export const INBOX_FEED = 'hall:inbox';

export interface Filed {
  row: ApplicationRow;
  /** False when this was a resend of a filing the hall already holds. */
  created: boolean;
}

/** Every material a file or commitment names is asked for by the matters; commitments only where allowed. */
function checkMaterialsAsked(checklist: ChecklistItem[], files: readonly MaterialFileIn[], commitments: readonly string[]): void {
  const byCode = new Map(checklist.map((i) => [i.materialCode, i]));
  for (const code of [...files.map((f) => f.materialCode), ...commitments]) {
    if (!byCode.has(code)) throw new HallError('CASE_MATERIAL_UNKNOWN', `material ${code} is not asked for by the matters of this application`, { materialCode: code });
  }
}

async function checkIdNumbers(body: { applicant: { idNumber: string }; agent?: { idNumber: string } | undefined }, today: string): Promise<void> {
  for (const [who, raw] of [['applicant', body.applicant.idNumber], ['agent', body.agent?.idNumber]] as const) {
    if (raw === undefined) continue;
    const r = parseIdNumber(raw, today);
    if (!r.ok) throw new HallError(r.error.code, `the ${who}'s ID number is not valid: ${r.error.message}`, { ...r.error.details, who });
  }
}

/** The matters of a filing, each taken on this channel, and the zone that owns them. */
async function mattersAndZone(db: HallQueryable, body: FileApplicationRequest): Promise<{ matters: Matter[]; zoneCode: string }> {
  const matters = await mattersOf(db, body.matterCodes);
  const notTaken = matters.filter((m) => !matterTakesChannel(m, body.channel));
  if (notTaken.length > 0) {
    throw new HallError('MATTER_NOT_ONLINE', `matter ${notTaken.map((m) => m.code).join(', ')} is not handled ${body.channel === 'online' ? 'online' : 'at town centres'}`, {
      matterCodes: notTaken.map((m) => m.code),
    });
  }
  let bundle: { zoneCode: string } | null = null;
  if (body.bundleCode !== undefined) {
    const found = (await db.select({ data: bundles.data }).from(bundles).where(eq(bundles.code, body.bundleCode)).limit(1))[0];
    if (!found) throw new HallError('BUNDLE_UNKNOWN', `bundle ${body.bundleCode} is not in the hall catalogue`, { bundleCode: body.bundleCode });
    bundle = found.data;
  }
  return { matters, zoneCode: unwrap(applicationZone(matters, bundle)) };
}

/**
 * A filing from the portal: checked in full (matters, zone, materials, ID numbers, sizes) before
 * anything is decoded; then the files one at a time and the application, in one transaction.
 * The same portalId again: the same content answers the application held; other content 409.
 */
export async function fileApplication(ctx: HallContext, w: Work, store: MaterialStore, portalStaffId: string, body: FileApplicationRequest, centre: Site | null = null): Promise<Filed> {
  const fingerprint = fingerprintOf(body);
  const resend = async (): Promise<Filed | null> => {
    const held = await applicationReads.byPortalId(w.tx, portalStaffId, body.portalId);
    if (!held) return null;
    if (held.fingerprint !== fingerprint) {
      throw new HallError('APPLICATION_ID_REUSED', `portalId ${body.portalId} was filed before with other content`, { portalId: body.portalId, id: held.id });
    }
    return { row: openApplication(ctx.sealer, held), created: false };
  };
  // A town centre's filing names its centre from the clerk's session there (ONLINE.md), never from a
  // request: the portal claiming one would falsify the hall's figures by channel (online/scope.ts
  // filingCentre decided the channel against the session before this).
  if ((body.channel === 'town') !== (centre !== null)) {
    throw new HallError('APPLICATION_CHANNEL_FORBIDDEN', 'channel "town" is filed by a clerk signed in at a town centre, "online" by the portal', { channel: body.channel });
  }
  const earlier = await resend();
  if (earlier) return earlier;

  const today = localDateInShanghai(w.at);
  const { matters, zoneCode } = await mattersAndZone(w.tx, body);
  checkMaterialsAsked(await checklistOf(w.tx, matters), body.files, body.commitments);
  await checkIdNumbers(body, today);
  checkFileSizes(body.files);
  const cal = await loadWorkCalendar(w.tx);
  const due = reviewDueDate(cal, today, ctx.config.onlineReviewDays);

  const files = await storeFiles(w.tx, store, body.files, 1, w.at);
  const row: ApplicationRow = {
    id: ulid(),
    portalStaffId,
    portalId: body.portalId,
    fingerprint,
    channel: body.channel,
    siteName: centre ? centre.name : (body.siteName ?? null),
    siteCode: centre?.code ?? null,
    state: 'submitted',
    zoneCode,
    matterCodes: matters.map((m) => m.code),
    bundleCode: body.bundleCode ?? null,
    applicant: { ...body.applicant, idNumber: normaliseIdNumber(body.applicant.idNumber) },
    agent: body.agent ? { name: body.agent.name, idNumber: normaliseIdNumber(body.agent.idNumber), ...(body.agent.phone ? { phone: body.agent.phone } : {}) } : null,
    form: body.form,
    commitments: [...new Set(body.commitments)],
    files,
    submittedAt: new Date(body.submittedAt),
    receivedAt: w.at,
    reviewDueDate: due,
    notice: null,
    refusal: null,
    corrections: {},
    caseId: null,
    caseNo: null,
    acceptedAt: null,
    promisedDate: null,
    history: [{ at: w.at.toISOString(), state: 'submitted', action: 'file', by: portalStaffId, note: centre ? centre.name : (body.siteName ?? null) }],
    createdAt: w.at,
    updatedAt: w.at,
  };
  if (!(await applicationWrites.insert(w.tx, ctx.sealer, row))) {
    // Another request with the same portalId committed first (its insert waited for it).
    const raced = await resend();
    if (raced) return raced;
    throw new HallError('APPLICATION_ID_REUSED', `portalId ${body.portalId} is being filed by another request`, { portalId: body.portalId });
  }
  w.change({ entity: 'application', id: row.id, op: 'upsert', event: 'application.filed', data: null, stationId: INBOX_FEED });
  w.audit({ action: 'application.file', entity: 'application', entityId: row.id, after: { portalId: row.portalId, channel: row.channel, siteCode: row.siteCode, zoneCode, matterCodes: row.matterCodes, files: files.length } });
  return { row, created: true };
}

/**
 * The portal's correction after a notice: new files supersede older ones of the same material;
 * the form and commitments are replaced when sent; the review clock starts again from now.
 * Idempotent by correctionId (a resend answers the application as it stands).
 */
export async function correctApplication(ctx: HallContext, w: Work, store: MaterialStore, row: ApplicationRow, body: CorrectionRequest): Promise<{ row: ApplicationRow; changed: boolean }> {
  const fingerprint = fingerprintOf(body);
  const taken = row.corrections[body.correctionId];
  if (taken !== undefined) {
    if (taken !== fingerprint) {
      throw new HallError('CORRECTION_ID_REUSED', `correctionId ${body.correctionId} was sent before with other content`, { correctionId: body.correctionId });
    }
    return { row, changed: false };
  }
  const state = applicationTransition(row.state, 'correct');
  if (!state.ok) throw HallError.from(state.error);
  const matters = await mattersOf(w.tx, row.matterCodes);
  const commitments = body.commitments ? [...new Set(body.commitments)] : row.commitments;
  checkMaterialsAsked(await checklistOf(w.tx, matters), body.files, commitments);
  checkFileSizes(body.files);
  const today = localDateInShanghai(w.at);
  const cal = await loadWorkCalendar(w.tx);
  const added = await storeFiles(w.tx, store, body.files, row.files.length + 1, w.at);
  const replaced = new Set(added.map((f) => f.materialCode));
  const next: ApplicationRow = {
    ...row,
    state: state.value,
    form: body.form ?? row.form,
    commitments,
    files: [...row.files.map((f) => (replaced.has(f.materialCode) ? { ...f, superseded: true } : f)), ...added],
    receivedAt: w.at,
    reviewDueDate: reviewDueDate(cal, today, ctx.config.onlineReviewDays),
    corrections: { ...row.corrections, [body.correctionId]: fingerprint },
    history: [...row.history, { at: w.at.toISOString(), state: state.value, action: 'correct', by: row.portalStaffId, note: `补正材料${added.length}份` }],
    updatedAt: w.at,
  };
  await applicationWrites.update(w.tx, ctx.sealer, next);
  w.change({ entity: 'application', id: row.id, op: 'upsert', event: 'application.corrected', data: null, stationId: INBOX_FEED });
  w.audit({ action: 'application.correct', entity: 'application', entityId: row.id, after: { correctionId: body.correctionId, files: added.length } });
  return { row: next, changed: true };
}
