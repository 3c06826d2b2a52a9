import { en } from './en';
import type { Lang } from './lang';
import { zhCN, type MessageKey } from './zh-CN';

export type { Lang } from './lang';
export type { MessageKey } from './zh-CN';
export { errorText } from './errors';

export type Params = Record<string, string | number>;

const tables: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** `{name}` placeholders are filled from params; a missing param stays visible as `{name}`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = tables[lang][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
