import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { defaultFollowUpRules } from '../domain/evaluation';
import { defaultCheckInWindow } from '../domain/appointment';
import { defaultRetentionRules, MAX_RETENTION_DAYS } from '../domain/material-retention';
import { buildHallServer } from './app';
import { checkPasswordRule } from './auth/password-rule';
import { newDataKey } from './crypto/sealer';
import { findStaffByUsername, updateStaff } from './auth/staff-repository';
import { systemActor } from './audit/writer';
import type { HallConfig } from './config';
import { openHallDb } from './db/client';
import { inWork } from './db/work';
import { createHallLogger } from './logger';
import { purgeMaterials } from './online/retention';
import { startHallServer } from './start';

/**
 * `npm run central` — the hall server alone.
 *   PORT (7300), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else PGlite in DATA_DIR, default ./data),
 *   LOG_LEVEL (info), HALL_REQUIRE_ID_NUMBER=1 (tickets only against an ID number),
 *   HALL_DEMO=1 (demo catalogue and accounts; stations approve themselves),
 *   HALL_DATA_KEY (the key personal data is sealed under; required outside demo mode),
 *   TLS_CERT, TLS_KEY (PEM files: serve HTTPS; stations then verify it against their HALL_CA),
 *   HALL_TRUSTED_PROXIES=10.0.0.2,10.0.1.0/24 (the hall's own reverse proxies: only they may name the
 *   client's address in X-Forwarded-For), HALL_IDLE_MINUTES (30),
 *   HALL_RETURN_VISIT_DAYS (5), HALL_RECTIFICATION_DAYS (15): working days to answer a bad rating.
 *   PUBLIC_BASE_URL (the address citizens' phones reach the hall at; receipts' QR codes open it),
 *   HALL_PHONE, HALL_ADDRESS (on the citizens' pages), PUBLIC_RATE_PER_MINUTE (300),
 *   VOICE_PACK_DIR (the call display's voice clips; resources/voice/default),
 *   APPOINTMENT_EARLY_MINUTES (30), APPOINTMENT_LATE_MINUTES (0): the check-in window around a slot.
 *   MATERIAL_RETENTION_DAYS (3650), MATERIAL_RETENTION_CLOSED_DAYS (180): days online material files
 *   are kept after acceptance, after refusal or withdrawal; MATERIAL_PURGE_HOURS (24; 0: never):
 *   how often the hall deletes the files past them.
 * `npm run central -- purge-materials` — delete now the material files past retention (cron's way).
 * `npm run central -- set-password USER [--password=…]` — set one account's password (asks when not given).
 * `npm run central -- make-key` — print a new random HALL_DATA_KEY.
 */
const flag = (v: string | undefined) => v === '1' || v === 'true';

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function envConfig(): Partial<HallConfig> {
  const idle = Number(process.env.HALL_IDLE_MINUTES);
  const reviewDays = Number(process.env.ONLINE_REVIEW_DAYS);
  const days = (v: string | undefined) => (Number.isInteger(Number(v)) && Number(v) > 0 && Number(v) <= 60 ? Number(v) : undefined);
  const returnVisitDays = days(process.env.HALL_RETURN_VISIT_DAYS);
  const rectificationDays = days(process.env.HALL_RECTIFICATION_DAYS);
  const rate = Number(process.env.PUBLIC_RATE_PER_MINUTE);
  const minutes = (v: string | undefined) => (v !== undefined && v.trim() !== '' && Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 720 ? Number(v) : undefined);
  const earlyMinutes = minutes(process.env.APPOINTMENT_EARLY_MINUTES);
  const lateMinutes = minutes(process.env.APPOINTMENT_LATE_MINUTES);
  const keep = (v: string | undefined) => (Number.isInteger(Number(v)) && Number(v) > 0 && Number(v) <= MAX_RETENTION_DAYS ? Number(v) : undefined);
  const acceptedDays = keep(process.env.MATERIAL_RETENTION_DAYS);
  const closedDays = keep(process.env.MATERIAL_RETENTION_CLOSED_DAYS);
  const purgeHours = Number(process.env.MATERIAL_PURGE_HOURS);
  return {
    requireIdNumber: flag(process.env.HALL_REQUIRE_ID_NUMBER),
    demo: flag(process.env.HALL_DEMO),
    dataKey: process.env.HALL_DATA_KEY?.trim() || null,
    trustedProxies: list(process.env.HALL_TRUSTED_PROXIES),
    ...(Number.isInteger(idle) && idle > 0 ? { idleMinutes: idle } : {}),
    ...(process.env.ONLINE_REVIEW_DAYS && Number.isInteger(reviewDays) && reviewDays >= 0 ? { onlineReviewDays: reviewDays } : {}),
    followUps: { ...defaultFollowUpRules, ...(returnVisitDays ? { returnVisitDays } : {}), ...(rectificationDays ? { rectificationDays } : {}) },
    publicBaseUrl: publicBaseUrlFrom(process.env.PUBLIC_BASE_URL),
    ...(process.env.VOICE_PACK_DIR?.trim() ? { voicePackDir: resolve(process.env.VOICE_PACK_DIR.trim()) } : {}),
    hallPhone: process.env.HALL_PHONE?.trim() || null,
    hallAddress: process.env.HALL_ADDRESS?.trim() || null,
    ...(Number.isInteger(rate) && rate > 0 ? { publicRatePerMinute: rate } : {}),
    appointments: { ...defaultCheckInWindow, ...(earlyMinutes !== undefined ? { earlyMinutes } : {}), ...(lateMinutes !== undefined ? { lateMinutes } : {}) },
    materialRetention: { ...defaultRetentionRules, ...(acceptedDays ? { acceptedDays } : {}), ...(closedDays ? { closedDays } : {}) },
    ...(process.env.MATERIAL_PURGE_HOURS?.trim() && Number.isFinite(purgeHours) && purgeHours >= 0 ? { materialPurgeHours: purgeHours } : {}),
  };
}

function publicBaseUrlFrom(v: string | undefined): string | null {
  const url = v?.trim().replace(/\/+$/, '');
  if (!url) return null;
  if (!/^https?:\/\/[^/]+/.test(url)) throw new Error(`PUBLIC_BASE_URL must start with http:// or https://, got ${url}`);
  return url;
}

function dbOptions() {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  return databaseUrl ? { databaseUrl } : { dataDir: resolve(process.env.DATA_DIR || './data') };
}

/** TLS_CERT and TLS_KEY, both or neither. */
function tlsFromEnv(): { tls?: { cert: Buffer; key: Buffer } } {
  const cert = process.env.TLS_CERT?.trim();
  const key = process.env.TLS_KEY?.trim();
  if (!cert && !key) return {};
  if (!cert || !key) throw new Error('TLS_CERT and TLS_KEY go together: the certificate and its private key (PEM files)');
  return { tls: { cert: readFileSync(cert), key: readFileSync(key) } };
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    return await new Promise<string>((done) => rl.question(question, done));
  } finally {
    rl.close();
  }
}

async function setPassword(username: string | undefined, args: string[]): Promise<number> {
  if (!username) {
    console.error('usage: npm run central -- set-password USER [--password=NEW]');
    return 2;
  }
  const given = args.find((a) => a.startsWith('--password='))?.slice('--password='.length);
  const password = given ?? (await ask(`new password for ${username}: `)).trim();
  try {
    checkPasswordRule(password, username);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const db = await openHallDb(dbOptions());
  const app = await buildHallServer({ db, logger: createHallLogger({ level: 'warn' }), config: envConfig() });
  try {
    const current = await findStaffByUsername(db.drizzle, username);
    if (!current) {
      console.error(`no staff account ${username}`);
      return 1;
    }
    await inWork(app.hall, { ...systemActor, username: 'cli' }, (w) => updateStaff(w, current, { password }));
    console.log(`password of ${username} changed; their open sessions are signed out`);
    return 0;
  } finally {
    await app.close();
    await db.close();
  }
}

async function purgeNow(): Promise<number> {
  const db = await openHallDb(dbOptions());
  const app = await buildHallServer({ db, logger: createHallLogger({ level: 'warn' }), config: envConfig() });
  try {
    const run = await purgeMaterials(app.hall, { ...systemActor, username: 'cli' }, 'cli');
    console.log(`purge ${run.id}: ${run.filesDeleted} files (${run.chunksDeleted} chunks, ${run.bytesDeleted} bytes) deleted; ${run.applicationsKept} applications kept, ${run.applicationsExpired} past retention`);
    return 0;
  } finally {
    await app.close();
    await db.close();
  }
}

async function serve(): Promise<void> {
  const logger = createHallLogger({ level: process.env.LOG_LEVEL || 'info' });
  const server = await startHallServer({
    ...dbOptions(),
    port: Number(process.env.PORT || 7300),
    host: process.env.HOST || '127.0.0.1',
    logger,
    config: envConfig(),
    ...tlsFromEnv(),
  });
  logger.info({ url: server.url, database: server.db.kind }, `hall server listening on ${server.url}`);
  // Material files past retention go once a period (the first run one period after start, so a
  // restart loop does not purge over and over); instances share the work under the purge's lock.
  const hall = server.app.hall;
  const purge = hall.config.materialPurgeHours > 0
    ? setInterval(() => {
        purgeMaterials(hall, { ...systemActor, username: 'purge' }, 'schedule').then(
          (run) => logger.info({ run: run.id, files: run.filesDeleted, bytes: run.bytesDeleted }, 'material files past retention purged'),
          (err: unknown) => logger.error({ err }, 'material purge failed'),
        );
      }, hall.config.materialPurgeHours * 3_600_000)
    : null;
  purge?.unref();
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    if (purge) clearInterval(purge);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'set-password') {
  setPassword(rest[0], rest.slice(1)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else if (command === 'purge-materials') {
  purgeNow().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else if (command === 'make-key') {
  // Keep it where the hall's other secrets are (not in the database it protects), and back it up:
  // without it, the sealed ID numbers, phones and addresses cannot be opened again.
  console.log(newDataKey());
} else if (command === undefined || command === 'start') {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  console.error(`unknown command ${command}; use: start | set-password USER | make-key | purge-materials`);
  process.exit(2);
}
