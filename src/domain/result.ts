/**
 * Errors are values with codes. A domain function that can fail for a reason a clerk should hear
 * returns a Result; one whose failure means the data is outside what the hall knows (a calendar year
 * not yet published) throws a DomainFailure with a code. Each code is mapped once to an HTTP status
 * (src/central) and once to a Chinese message (src/ui/i18n).
 */
export interface DomainError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T, E extends DomainError = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: string, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

export class DomainFailure extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainFailure';
    this.code = code;
    this.details = details;
  }
}
