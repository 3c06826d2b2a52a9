/**
 * GB 3304-1991 names of ethnic groups (民族) as printed on the resident ID card, by code. The card
 * stores the two-digit code; 97 and 98 are the codes for "other" and Chinese citizens of foreign origin.
 */
const NAMES = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜',
  '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米',
  '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
] as const;

export const NATIONS: ReadonlyMap<string, string> = new Map([
  ...NAMES.map((name, i) => [String(i + 1).padStart(2, '0'), name] as const),
  ['97', '其他'],
  ['98', '外国血统中国籍人士'],
]);

export function nationName(code: string): string | undefined {
  return NATIONS.get(code);
}

export function nationCode(name: string): string | undefined {
  const bare = name.endsWith('族') && name !== '族' ? name.slice(0, -1) : name;
  for (const [code, n] of NATIONS) if (n === name || n === bare) return code;
  return undefined;
}
