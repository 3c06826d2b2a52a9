import type { DeviceProblem } from '../device-error';

/** SW3, the status byte of a SAM response (GA 467 reader protocol). */
export const SW3_OK = 0x90;
export const SW3_CARD_FOUND = 0x9f;

interface Sw3Meaning {
  code: string;
  message: string;
  /** The card must be lifted and placed again before the next read can work. */
  replaceCard?: boolean;
}

const MEANINGS: Record<number, Sw3Meaning> = {
  0x90: { code: 'OK', message: '操作成功' },
  0x9f: { code: 'CARD_FOUND', message: '找到身份证' },
  0x91: { code: 'CARD_NO_CONTENT', message: '身份证中没有该项内容（如无指纹信息）' },
  0x10: { code: 'READER_CHECKSUM', message: '读卡器收到的命令校验和错误，请重试；反复出现请检查串口线' },
  0x11: { code: 'READER_LENGTH_ERROR', message: '读卡器收到的命令长度错误，请重试' },
  0x21: { code: 'READER_COMMAND_ERROR', message: '读卡器不认识该命令，请确认读卡器型号' },
  0x23: { code: 'READER_NOT_PERMITTED', message: '读卡器拒绝执行该命令（越权操作）' },
  0x24: { code: 'READER_UNKNOWN_ERROR', message: '读卡器发生未知错误，请重新插拔读卡器' },
  0x31: { code: 'CARD_AUTH_FAILED', message: '身份证认证失败（卡认证机具），请拿起身份证后重新放置', replaceCard: true },
  0x32: { code: 'CARD_AUTH_FAILED', message: '身份证认证失败（机具认证卡），请拿起身份证后重新放置', replaceCard: true },
  0x33: { code: 'CARD_AUTH_FAILED', message: '身份证认证失败（信息验证错误），请拿起身份证后重新放置', replaceCard: true },
  0x40: { code: 'CARD_TYPE_UNKNOWN', message: '无法识别的卡片类型，请放置居民身份证、居住证或外国人永久居留身份证' },
  0x41: { code: 'CARD_READ_FAILED', message: '读卡失败，请拿起身份证后重新放置，放稳后不要移动', replaceCard: true },
  0x47: { code: 'CARD_RANDOM_FAILED', message: '取随机数失败，请拿起身份证后重新放置', replaceCard: true },
  0x60: { code: 'SAM_SELF_TEST_FAILED', message: '读卡器安全模块自检失败，不能读卡，请更换读卡器' },
  0x66: { code: 'SAM_NOT_AUTHORISED', message: '读卡器安全模块未经授权，不能读卡，请联系读卡器厂商' },
  0x80: { code: 'CARD_NOT_FOUND', message: '未检测到身份证，请把身份证平放在读卡区' },
  0x81: { code: 'CARD_SELECT_FAILED', message: '选卡失败，请拿起身份证后重新放置', replaceCard: true },
};

export const sw3Hex = (sw3: number): string => sw3.toString(16).padStart(2, '0').toUpperCase();

/** What a status byte means, as a problem with a code and a Chinese message. */
export function sw3Problem(sw3: number): DeviceProblem & { replaceCard: boolean } {
  const m = MEANINGS[sw3];
  if (!m) return { code: 'READER_UNKNOWN_STATUS', message: `读卡器返回未知状态 ${sw3Hex(sw3)}`, details: { sw3: sw3Hex(sw3) }, replaceCard: false };
  return { code: m.code, message: m.message, details: { sw3: sw3Hex(sw3) }, replaceCard: m.replaceCard ?? false };
}

/** Every status byte DEVICES.md lists, for tests and the CLI. */
export const KNOWN_SW3 = Object.keys(MEANINGS).map(Number);
