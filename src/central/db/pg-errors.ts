/** The PostgreSQL error code of a failed query (drizzle wraps driver errors; PGlite and pg both carry `code`). */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';

/** The database went away under a query (connection lost, server shutting down): worth a retry. */
export function isConnectionLoss(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string' && /Connection terminated|connection timeout|ECONNREFUSED|ECONNRESET/i.test(m)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
