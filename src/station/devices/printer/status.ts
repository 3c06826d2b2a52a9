import { fail, ok, type Result } from '../../../domain/result';
import type { DeviceProblem } from '../device-error';

/**
 * The four `DLE EOT n` replies of an ESC/POS printer. Each is one byte whose fixed bits satisfy
 * (b & 0x93) == 0x12 (bits 1 and 4 set, bits 0 and 7 clear); anything else is not a status reply.
 */
export interface PrinterStatus {
  /** n=1 bit 3 clear. */
  online: boolean;
  /** n=1 bit 5: waiting for online recovery. */
  waitingForRecovery: boolean;
  /** n=1 bit 6. */
  feedButtonPressed: boolean;
  /** n=2 bit 2. */
  coverOpen: boolean;
  /** n=2 bit 3: paper being fed by the feed button. */
  feeding: boolean;
  /** n=2 bit 5: printing stopped at paper end. */
  stoppedOnPaperEnd: boolean;
  /** n=2 bit 6. */
  errorOccurred: boolean;
  /** n=3 bit 3: autocutter error. */
  cutterError: boolean;
  /** n=3 bit 5. */
  unrecoverable: boolean;
  /** n=3 bit 6: an error that clears by itself (head too hot). */
  autoRecoverable: boolean;
  /** n=4 bits 2-3: the roll is nearly used up. */
  paperNearEnd: boolean;
  /** n=4 bits 5-6 (or n=2 bit 5): no paper. */
  paperOut: boolean;
  /** The reply bytes to n = 1, 2, 3, 4. */
  bytes: [number, number, number, number];
}

export const HEALTHY_STATUS_BYTE = 0x12;

export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

const bit = (b: number, n: number): boolean => (b & (1 << n)) !== 0;

/** Parses the four replies to `DLE EOT 1..4`, in that order. */
export function parsePrinterStatus(bytes: readonly number[]): Result<PrinterStatus> {
  if (bytes.length !== 4) return fail('PRINTER_STATUS_INVALID', `打印机状态应答应为 4 个字节，收到 ${bytes.length} 个`);
  const bad = bytes.findIndex((b) => !isStatusByte(b));
  if (bad >= 0) {
    const b = bytes[bad] ?? 0;
    return fail('PRINTER_STATUS_INVALID', `打印机对状态查询 DLE EOT ${bad + 1} 的应答 0x${b.toString(16).padStart(2, '0')} 不是有效的状态字节`, {
      query: bad + 1,
      byte: b,
    });
  }
  const [p, offline, error, paper] = bytes as [number, number, number, number];
  return ok({
    online: !bit(p, 3),
    waitingForRecovery: bit(p, 5),
    feedButtonPressed: bit(p, 6),
    coverOpen: bit(offline, 2),
    feeding: bit(offline, 3),
    stoppedOnPaperEnd: bit(offline, 5),
    errorOccurred: bit(offline, 6),
    cutterError: bit(error, 3),
    unrecoverable: bit(error, 5),
    autoRecoverable: bit(error, 6),
    paperNearEnd: bit(paper, 2) || bit(paper, 3),
    paperOut: bit(paper, 5) || bit(paper, 6) || bit(offline, 5),
    bytes: [p, offline, error, paper],
  });
}

export type PrinterProblemCode =
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_CUTTER_ERROR'
  | 'PRINTER_UNRECOVERABLE_ERROR'
  | 'PRINTER_OVERHEATED'
  | 'PRINTER_ERROR'
  | 'PRINTER_OFFLINE';

export interface PrinterProblem extends DeviceProblem {
  code: PrinterProblemCode;
}

/** The one thing the clerk must fix before the printer prints, most specific cause first. */
export function printerProblem(status: PrinterStatus): PrinterProblem | null {
  if (status.coverOpen) return { code: 'PRINTER_COVER_OPEN', message: '打印机上盖未关好，请合上上盖后重试' };
  if (status.paperOut) return { code: 'PRINTER_PAPER_OUT', message: '打印机缺纸，请装入热敏纸后重试' };
  if (status.cutterError) return { code: 'PRINTER_CUTTER_ERROR', message: '打印机切刀故障，请检查切刀是否卡纸，然后关机重启打印机' };
  if (status.unrecoverable) return { code: 'PRINTER_UNRECOVERABLE_ERROR', message: '打印机发生不可恢复的故障，请关机重启打印机，仍不行请报修' };
  if (status.autoRecoverable) return { code: 'PRINTER_OVERHEATED', message: '打印头过热，打印机正在自动恢复，请稍候重试' };
  if (status.errorOccurred) return { code: 'PRINTER_ERROR', message: '打印机报告故障，请检查打印机后重试' };
  if (!status.online) return { code: 'PRINTER_OFFLINE', message: '打印机处于离线状态，请检查打印机后重试' };
  return null;
}

/** Conditions worth showing that do not stop printing. */
export function printerWarnings(status: PrinterStatus): DeviceProblem[] {
  return status.paperNearEnd && !status.paperOut
    ? [{ code: 'PRINTER_PAPER_NEAR_END', message: '打印纸即将用完，请准备换纸' }]
    : [];
}
