/**
 * ESC/POS byte sequences the renderer writes itself, because @node-escpos/core 0.6 gets them wrong or
 * adds bytes around them (its qrcode() emits a non-Epson command with a wrong length; its style()
 * also sends ESC 4, which is not an Epson command).
 */

/** `ESC t 0` (code table 0) then `FS &` (Chinese mode): a Chinese printer must take GB18030 now. */
export const CHINESE_MODE = Buffer.from([0x1b, 0x74, 0x00, 0x1c, 0x26]);

export const boldOn = (on: boolean): Buffer => Buffer.from([0x1b, 0x45, on ? 1 : 0]);

/** `GS ( k` QR commands, Epson function 165..181 (cn = 0x31). */
export const QR_MODEL_2 = Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]);
export const qrModuleSize = (dots: number): Buffer => {
  if (!Number.isInteger(dots) || dots < 1 || dots > 16) throw new RangeError('QR module size is 1..16 dots');
  return Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, dots]);
};
export const QR_ERROR_CORRECTION_M = Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]);
export const QR_PRINT = Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]);

/** The most data a model 2 QR symbol holds in byte mode at level M. */
export const QR_MAX_BYTES = 2331;

/** Store the payload in the symbol buffer: pL + 256·pH = payload bytes + 3 (cn, fn, m). */
export function qrStore(payload: Buffer): Buffer {
  const n = payload.length + 3;
  return Buffer.concat([Buffer.from([0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30]), payload]);
}

/** The complete QR sequence: model 2, module size, level M, store, print. */
export function qrCode(payload: Buffer, moduleDots: number): Buffer {
  return Buffer.concat([QR_MODEL_2, qrModuleSize(moduleDots), QR_ERROR_CORRECTION_M, qrStore(payload), QR_PRINT]);
}

/** `DLE EOT n`: real-time status of the printer (1), offline cause (2), error cause (3), paper (4). */
export const statusQuery = (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([0x10, 0x04, n]);
