/**
 * 绿色通道: priority by law (elderly, disabled, pregnant, 军人依法优先 and their families). The
 * ticket jumps the line, so the desk records who it was for and why: the ID card read or typed, and
 * a reason from the hall's short list. Reports count green tickets by reason.
 */
import { fail, ok, type Result } from './result';

export const greenReasons = ['elderly', 'disabled', 'pregnant', 'military', 'other'] as const;
export type GreenReason = (typeof greenReasons)[number];

export const greenReasonNames: Record<GreenReason, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  pregnant: '孕妇',
  military: '军人军属',
  other: '其他',
};

/** A green-channel ticket needs the person's ID number and a reason; other classes need neither. */
export function checkGreenChannel(priority: string, idNumber: string | undefined, reason: GreenReason | undefined): Result<true> {
  if (priority !== 'green') return ok(true);
  if (!idNumber || idNumber.trim() === '') return fail('GREEN_CHANNEL_ID_REQUIRED', '绿色通道取号须读取或录入证件号码');
  if (!reason) return fail('GREEN_CHANNEL_REASON_REQUIRED', '绿色通道取号须选择原因（老年人、残疾人、孕妇、军人军属或其他）');
  return ok(true);
}
