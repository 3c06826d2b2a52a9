import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskAddress, maskIdNumber, maskPersonalText, maskPhone } from '../domain/masking';

/**
 * The station's structured log (pino). Nothing personal reaches it in clear: ID and mobile numbers
 * are masked wherever they appear in a string (an error message quoting input, a SQL error with its
 * parameters), fields named like an address, phone or ID number are masked by their own rule (an
 * address has no shape a pattern could find in free text), and secrets are never written at all.
 */

const SECRET_KEYS = new Set(['password', 'currentpassword', 'newpassword', 'token', 'authorization', 'cookie', 'key', 'stationkey', 'verifier']);
const ADDRESS_KEYS = new Set(['address', 'homeaddress', 'applicantaddress']);
const PHONE_KEYS = new Set(['phone', 'mobile', 'telephone']);
const ID_KEYS = new Set(['idnumber', 'agentidnumber']);

/**
 * drizzle and better-sqlite3 put the parameters of a failed statement into the error ("params: …"):
 * they can hold an address or a whole case record, so everything from there on is dropped.
 */
function maskText(s: string): string {
  return maskPersonalText(s.replace(/\n?params:[\s\S]*?(?=\n\s+at |$)/, ' [parameters not logged]'));
}

function maskField(key: string, value: unknown, depth: number): unknown {
  const k = key.toLowerCase();
  if (SECRET_KEYS.has(k)) return '[redacted]';
  if (typeof value === 'string') {
    if (ADDRESS_KEYS.has(k)) return maskAddress(value);
    if (PHONE_KEYS.has(k)) return maskPhone(value);
    if (ID_KEYS.has(k)) return maskIdNumber(value);
  }
  return maskLogValue(value, depth + 1);
}

/** A value as a log line may hold it. */
export function maskLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown };
    return { type: e.name, message: maskText(e.message), ...(typeof e.code === 'string' ? { code: e.code } : {}), ...(e.stack ? { stack: maskText(e.stack) } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskField(k, v, depth);
  return out;
}

export interface StationLoggerOptions {
  stationId: string;
  level?: string;
  /** Where lines go: a log file in the launcher, a memory stream in tests; stdout by default. */
  destination?: DestinationStream;
}

export function createStationLogger(opts: StationLoggerOptions): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { station: opts.stationId },
    serializers: { err: (err: unknown) => maskLogValue(err) },
    formatters: {
      log: (obj) => maskLogValue(obj) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>;
        return method.apply(this, masked);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
