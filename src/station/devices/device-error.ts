/**
 * Device failures are values with codes like every other error in the hall; the message is already
 * in Chinese because installers read it on the CLI and clerks see it in the UI unchanged.
 */
export interface DeviceProblem {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class DeviceError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DeviceError';
    this.code = code;
    this.details = details;
  }

  toProblem(): DeviceProblem {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const isDeviceError = (e: unknown): e is DeviceError => e instanceof DeviceError;

/** Wraps anything thrown by a driver or a library into a DeviceError, keeping a DeviceError as it is. */
export function asDeviceError(e: unknown, code: string, message: string): DeviceError {
  if (e instanceof DeviceError) return e;
  const cause = e instanceof Error ? e.message : String(e);
  return new DeviceError(code, `${message}（${cause}）`, { cause });
}
