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
  if (value instanceof Error) {
    return { type: value.name, message: maskPersonalText(value.message), stack: value.stack ? maskPersonalText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}

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
    serializers: {
      req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        // ?access_token= would put a bearer token in the log.
        url: req.url ? maskPersonalText(req.url.replace(/access_token=[^&]*/g, 'access_token=[redacted]')) : req.url,
        ip: req.ip,
      }),
      err: (err: Error) => maskDeep(err) as Record<string, unknown>,
    },
    formatters: {
      log: (obj) => maskDeep(obj) as Record<string, unknown>,
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
