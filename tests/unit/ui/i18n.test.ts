import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/ui/i18n';
import { en } from '../../../src/ui/i18n/en';
import { zhCN } from '../../../src/ui/i18n/zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('screen words', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'console.serving', { time: '04:10' })).toBe('办理中 04:10');
    expect(translate('en', 'console.serving', { time: '04:10' })).toBe('Serving 04:10');
    expect(translate('zh-CN', 'console.serving')).toBe('办理中 {time}');
  });

  it('uses the hall vocabulary from the domain for priority classes and ratings', () => {
    expect(translate('zh-CN', 'priority.green')).toBe('绿色通道');
    expect(translate('zh-CN', 'evaluation.level.5')).toBe('非常不满意');
  });

  it('has the same placeholders in English as in Chinese, and no empty text', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].length, key).toBeGreaterThan(0);
      expect(en[key].length, key).toBeGreaterThan(0);
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});
