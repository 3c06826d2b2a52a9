import type { ErrorBody } from '../contract/primitives';
import { DomainFailure } from '../domain/result';
import { DeviceError } from './devices/device-error';
import { HallCallError } from './hall-client';

/** Every failure a handler can meet, as the `{ code, message, details? }` the UI shows by code. */
export function toErrorBody(e: unknown): { body: ErrorBody; expected: boolean } {
  if (e instanceof DomainFailure || e instanceof HallCallError || e instanceof DeviceError) {
    const body: ErrorBody = { code: e.code, message: e.message };
    if (e.details) body.details = e.details;
    return { body, expected: true };
  }
  return { body: { code: 'STATION_ERROR', message: `工作站内部错误：${e instanceof Error ? e.message : String(e)}` }, expected: false };
}

export const failure = (code: string, message: string, details?: Record<string, unknown>) => new DomainFailure(code, message, details);

/** Queue commands need the hall server: the clerk is told plainly, and what still works. */
export const HALL_UNREACHABLE_MESSAGE = '大厅服务器无法连接：叫号、转移等排队操作暂不可用；受理、打印回执和查询本窗口办件可以继续';
