import { fileURLToPath } from 'node:url';
import { defaultRecallRules, type RecallRules } from '../domain/ticket';
import { defaultQueuePolicy, type QueuePolicy } from '../domain/queue-policy';

/** What a hall may tune. Every field has a default; `main.ts` reads a few from the environment. */
export interface HallConfig {
  /** Some halls require an ID number on every ticket against scalpers (号贩子). */
  requireIdNumber: boolean;
  recall: RecallRules;
  queuePolicy: QueuePolicy;
  ticketNumberWidth: number;
  sessionHours: number;
  /** Failed sign-ins allowed per user and per address within `windowMinutes`. */
  loginLimit: { perUser: number; perAddress: number; windowMinutes: number };
  /** SSE comment line interval, so proxies and clients see the stream is alive. */
  heartbeatMs: number;
  /** Safety net for lost NOTIFYs: the change feed also reads the log this often. */
  feedPollMs: number;
  bodyLimitBytes: number;
  /** Load the demo catalogue, calendars and accounts into an empty database. */
  seedDemo: boolean;
  resourcesDir: string;
  migrationsDir: string;
  /** Check every JSON answer against its contract schema (tests turn this on). */
  validateResponses: boolean;
  trustProxy: boolean;
}

export const DEMO_PASSWORD = 'hall-demo-2026';

export function defaultHallConfig(): HallConfig {
  return {
    requireIdNumber: false,
    recall: { ...defaultRecallRules },
    queuePolicy: defaultQueuePolicy,
    ticketNumberWidth: 3,
    sessionHours: 12,
    loginLimit: { perUser: 5, perAddress: 30, windowMinutes: 15 },
    heartbeatMs: 15_000,
    feedPollMs: 5_000,
    bodyLimitBytes: 5 * 1024 * 1024,
    seedDemo: true,
    resourcesDir: fileURLToPath(new URL('../../resources', import.meta.url)),
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    validateResponses: false,
    trustProxy: false,
  };
}

export function resolveHallConfig(partial: Partial<HallConfig> = {}): HallConfig {
  const base = defaultHallConfig();
  return {
    ...base,
    ...partial,
    recall: { ...base.recall, ...partial.recall },
    loginLimit: { ...base.loginLimit, ...partial.loginLimit },
  };
}
