import { z } from 'zod';
import { caseIntakeSchema, materialReceiptSchema } from './case';
import { idSchema, instantSchema, localDateSchema, materialCodeSchema, optionalText, shortText, windowCodeSchema } from './primitives';

/**
 * Sync between a station and the hall server (ARCHITECTURE.md "Data ownership and sync").
 * Push: the station's outbox, in order; each mutation is applied at most once (keyed by its id).
 * Pull: the server's change log by a global sequence; the station stores the cursor with the page.
 */

const caseRef = { caseId: idSchema };

/** Every mutation a station can push, by name. Args are parsed again by the server. */
export const mutationArgs = {
  /** 受理: every required material received (or committed). */
  'case.accept': z.object({ case: caseIntakeSchema }),
  /** 容缺受理: accepted with deferrable materials missing, each with its due date in `materials[].dueDate`. */
  'case.accept-deferred': z.object({ case: caseIntakeSchema }),
  /** 补正告知 / 一次性告知: every missing material listed at once (Administrative Licensing Law art. 32). */
  'case.notify-correction': z.object({ case: caseIntakeSchema, correctionDueDate: localDateSchema }),
  /** 不予受理: the reason and the competent body to apply to. */
  'case.reject': z.object({ case: caseIntakeSchema, reason: shortText(500), competentBody: optionalText(200) }),
  'case.supplement-material': z.object({ ...caseRef, materialCode: materialCodeSchema, receipt: materialReceiptSchema.exclude(['missing']) }),
  'case.dispatch': z.object({ ...caseRef, departmentCodes: z.array(z.string().min(1).max(16)).min(1).max(27) }),
  'case.decide': z.object({ ...caseRef, departmentCode: z.string().min(1).max(16), decision: z.enum(['approved', 'denied']), opinion: shortText(500) }),
  'case.pause-clock': z.object({ ...caseRef, kind: z.enum(['extension', 'other']), reason: shortText(200), from: localDateSchema }),
  'case.resume-clock': z.object({ ...caseRef, on: localDateSchema }),
  'case.mark-ready': z.object({ ...caseRef }),
  'case.deliver': z.object({
    ...caseRef,
    how: z.enum(['window', 'express']),
    licenceName: optionalText(100).nullable().default(null),
    licenceNo: optionalText(64).nullable().default(null),
  }),
  /** 好差评: levels of GB/T 39046 A.8; 4 and 5 (bad) need a reason. */
  'case.evaluate': z.object({ ...caseRef, level: z.number().int().min(1).max(5), reason: optionalText(500).nullable().default(null) }),
  /**
   * 好差评 of a finished ticket, from the window's pad (or typed in by the clerk): one per service.
   * `windowCode` is the window the pad sits at, which must be the one that served the ticket.
   */
  'ticket.evaluate': z.object({
    ticketId: idSchema,
    windowCode: windowCodeSchema,
    level: z.number().int().min(1).max(5),
    reason: optionalText(500).nullable().default(null),
    source: z.enum(['pad', 'window']),
  }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export const mutationNames = Object.keys(mutationArgs) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgs)[N]>;

/** The envelope as it travels; `args` is parsed against `mutationArgs[name]` by whoever applies it. */
export const mutationEnvelopeSchema = z.object({
  id: idSchema,
  name: z.enum(mutationNames as [MutationName, ...MutationName[]]),
  args: z.unknown(),
  /** When the clerk did it (station clock, UTC). */
  at: instantSchema,
  /**
   * Who did it (staff id): the pushing session's staff for work done during it; for work recorded
   * before it (offline), someone who has signed in at this station before (the hall checks).
   */
  staffId: z.string().min(1).max(64),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

/** Parse an envelope's args by its name: the one place both sides validate a mutation. */
export function parseMutationArgs(m: Pick<MutationEnvelope, 'name' | 'args'>) {
  return mutationArgs[m.name].safeParse(m.args);
}

export const pushRequestSchema = z.object({
  /** The pushing station; optional, since the hall takes it from the station's key (X-Station-Key), and refuses a different one. */
  stationId: z.string().min(1).max(64).optional(),
  mutations: z.array(mutationEnvelopeSchema).min(1).max(500),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.object({
  id: idSchema,
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
  value: z.unknown().optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** What the change log records; `data` is the entity as the server now holds it (null on delete). */
export const changeEntitySchema = z.enum([
  'hall',
  'zone',
  'window',
  'department',
  'material',
  'matter',
  'bundle',
  'site',
  'calendar',
  'staff',
  'window-state',
  'ticket',
  'case',
  // Online applications (网上申办): a poke for the inbox of their zone; the data stays on the hall.
  'application',
  'evaluation',
  // Appointments (预约): the slot's zone, day, time and status only; names and ID numbers stay on the hall.
  'appointment',
]);
export type ChangeEntity = z.infer<typeof changeEntitySchema>;

export const changeSchema = z.object({
  seq: z.number().int().positive(),
  entity: changeEntitySchema,
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.unknown(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Ignored (the station is the one of X-Station-Key); kept so older stations' pulls still parse. */
  stationId: z.string().min(1).max(64).optional(),
});
export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  /**
   * The hall's public address (its PUBLIC_BASE_URL, else the address the station reached it at):
   * the receipts a station prints link the citizen's progress page there. Absent from older halls.
   */
  publicBaseUrl: z.string().url().max(300).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
