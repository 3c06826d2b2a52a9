import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskPersonalText } from '../domain/masking';

/**
 * Structured logs (pino) with personal data masked: ID and phone numbers anywhere in a logged
 * string (a URL with ?idNumber=, an error message quoting input) are replaced by their masks, and
 * secrets are never written at all.
 */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/**
 * drizzle puts the SQL parameters of a failed query into the error message ("params: …"): they
 * can hold a password hash or an ID number, so everything from there on is dropped.
 */
function withoutParams(s: string): string {
  // In a stack the parameters end where the frames ("    at …") begin.
  return maskPersonalText(s.replace(/\n?params:[\s\S]*?(?=\n\s+at |$)/, ' [parameters not logged]'));
}

/** An error as a log line may hold it: type, message, PostgreSQL code and stack, never query parameters. */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: withoutParams(String(err)) };
  const e = err as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  return {
    type: e.name,
    message: withoutParams(e.message),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(e.stack ? { stack: withoutParams(e.stack) } : {}),
    ...(e.cause && depth < 3 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
}

const serializers = {
  req: (req: RequestLike) => ({
    id: req.id,
    method: req.method,
    // ?access_token= would put a bearer token in the log.
    url: req.url ? maskPersonalText(req.url.replace(/access_token=[^&]*/g, 'access_token=[redacted]')) : req.url,
    ip: req.ip,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: (err: unknown) => serializeError(err),
};

// Left to their serializers: masking first would copy a Fastify request into a plain object and
// lose its method and URL (getters), and would let an error's query parameters through.
const SERIALIZED = new Set(Object.keys(serializers));

export interface HallLoggerOptions {
  level?: string;
  /** Where lines go (tests pass a memory stream); stdout by default. */
  destination?: DestinationStream;
}

export function createHallLogger(opts: HallLoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: 'hall-server' },
    redact: {
      paths: ['password', '*.password', 'currentPassword', 'newPassword', 'token', '*.token', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    serializers,
    formatters: {
      log: (obj) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, SERIALIZED.has(k) ? v : maskDeep(v)])),
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a)) as Parameters<typeof method>;
        return method.apply(this, masked);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
