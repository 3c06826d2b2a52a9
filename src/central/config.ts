import { fileURLToPath } from 'node:url';
import { defaultCheckInWindow, type CheckInWindow } from '../domain/appointment';
import { defaultFollowUpRules, type FollowUpRules } from '../domain/evaluation';
import { defaultRetentionRules, type RetentionRules } from '../domain/material-retention';
import { defaultRecallRules, type RecallRules } from '../domain/ticket';
import { defaultQueuePolicy, type QueuePolicy } from '../domain/queue-policy';
import type { ThrottleLimits } from './auth/throttle';

/** What a hall may tune. Every field has a default; `main.ts` reads a few from the environment. */
export interface HallConfig {
  /** Some halls require an ID number on every ticket against scalpers (号贩子). */
  requireIdNumber: boolean;
  recall: RecallRules;
  queuePolicy: QueuePolicy;
  ticketNumberWidth: number;
  sessionHours: number;
  /** A session unused this long ends (等保 level 3: idle sessions time out); API keys are exempt. */
  idleMinutes: number;
  /** Sign-in attempts (auth/throttle.ts): free attempts per user and address and per address, then doubling delays. */
  loginLimit: ThrottleLimits;
  /** SSE comment line interval, so proxies and clients see the stream is alive. */
  heartbeatMs: number;
  /** Safety net for lost NOTIFYs: the change feed also reads the log this often. */
  feedPollMs: number;
  bodyLimitBytes: number;
  /** ONLINE_REVIEW_DAYS: working days after receipt an online application's pre-review is due (default 1). */
  onlineReviewDays: number;
  /**
   * Demo mode (HALL_DEMO=1, `npm start`, `npm run web`): an empty database gets the demo catalogue,
   * calendars and demo accounts (password DEMO_PASSWORD), and stations approve themselves. Outside
   * demo mode an empty database gets the calendars and one `admin` whose first password is printed
   * once to the log and must be changed at the first sign-in.
   */
  demo: boolean;
  resourcesDir: string;
  migrationsDir: string;
  /** Check every JSON answer against its contract schema (tests turn this on). */
  validateResponses: boolean;
  /**
   * The key personal data is sealed under (HALL_DATA_KEY: 16–64 random bytes as hex or base64url;
   * `npm run central -- make-key` makes one). Required outside demo mode; a demo hall makes one and
   * keeps it in its own database (demo data only).
   */
  dataKey: string | null;
  /**
   * Addresses (or CIDR ranges) of the hall's own reverse proxies (HALL_TRUSTED_PROXIES): only a
   * request from one of them may name the client's address in X-Forwarded-For. Empty: none.
   */
  trustedProxies: string[];
  /**
   * Working days to answer a bad rating (HALL_RETURN_VISIT_DAYS, HALL_RECTIFICATION_DAYS): the return
   * visit (Tai'an: 5) and the rectification (15).
   */
  followUps: FollowUpRules;
  /**
   * The hall's address as citizens' phones reach it (PUBLIC_BASE_URL, e.g. https://zwfw.taishan.gov.cn):
   * receipts' and slips' QR codes open pages there. Null: the address a station reached the hall at.
   */
  publicBaseUrl: string | null;
  /** Shown on the citizens' pages (HALL_PHONE, HALL_ADDRESS): where to ask, where to collect. */
  hallPhone: string | null;
  hallAddress: string | null;
  /** The call display's voice pack (VOICE_PACK_DIR): manifest.json and one WAV per token. */
  voicePackDir: string;
  /** Requests a public page or feed answers per address and minute before 429 (PUBLIC_RATE_PER_MINUTE). */
  publicRatePerMinute: number;
  /** Check-in at reception opens this many minutes before a slot and closes this many after it (APPOINTMENT_EARLY_MINUTES, APPOINTMENT_LATE_MINUTES). */
  appointments: CheckInWindow;
  /**
   * Days online material files are kept after the application's final state (MATERIAL_RETENTION_DAYS
   * for accepted ones, MATERIAL_RETENTION_CLOSED_DAYS for refused or withdrawn ones; 3650 and 180),
   * until the administrator sets them (PUT /api/v1/material-retention).
   */
  materialRetention: RetentionRules;
  /** `npm run central` purges expired material files this often (MATERIAL_PURGE_HOURS, 24; 0: never). */
  materialPurgeHours: number;
}

export const DEMO_PASSWORD = 'hall-demo-2026';

export function defaultHallConfig(): HallConfig {
  return {
    requireIdNumber: false,
    recall: { ...defaultRecallRules },
    queuePolicy: defaultQueuePolicy,
    ticketNumberWidth: 3,
    sessionHours: 12,
    idleMinutes: 30,
    loginLimit: { perUser: 5, perAddress: 30, baseDelaySeconds: 15, maxDelaySeconds: 900, quietMinutes: 15 },
    heartbeatMs: 15_000,
    feedPollMs: 5_000,
    bodyLimitBytes: 5 * 1024 * 1024,
    onlineReviewDays: 1,
    demo: false,
    resourcesDir: fileURLToPath(new URL('../../resources', import.meta.url)),
    migrationsDir: fileURLToPath(new URL('./db/migrations', import.meta.url)),
    validateResponses: false,
    dataKey: null,
    trustedProxies: [],
    followUps: { ...defaultFollowUpRules },
    publicBaseUrl: null,
    hallPhone: null,
    hallAddress: null,
    publicRatePerMinute: 300,
    appointments: { ...defaultCheckInWindow },
    materialRetention: { ...defaultRetentionRules },
    materialPurgeHours: 24,
    voicePackDir: fileURLToPath(new URL('../../resources/voice/default', import.meta.url)),
  };
}

export function resolveHallConfig(partial: Partial<HallConfig> = {}): HallConfig {
  const base = defaultHallConfig();
  const config = {
    ...base,
    ...partial,
    recall: { ...base.recall, ...partial.recall },
    loginLimit: { ...base.loginLimit, ...partial.loginLimit },
    followUps: { ...base.followUps, ...partial.followUps },
    appointments: { ...base.appointments, ...partial.appointments },
    materialRetention: { ...base.materialRetention, ...partial.materialRetention },
  };
  // The demo hall's citizens' pages say where to ask and collect, like a real hall's would.
  if (config.demo) {
    config.hallPhone ??= '0538-8220000';
    config.hallAddress ??= '泰安市泰山区东岳大街 政务服务中心一楼';
  }
  return config;
}
