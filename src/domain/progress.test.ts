import { describe, expect, it } from 'vitest';
import { caseProgress, chineseDate, owedMaterials } from './progress';

const states = (status: Parameters<typeof caseProgress>[0]) => caseProgress(status).steps.map((s) => `${s.label}:${s.state}`);

describe('the progress a citizen reads behind the receipt QR', () => {
  it('shows an accepted case done at 受理 and waiting at 审查', () => {
    expect(states('accepted')).toEqual(['受理:done', '审查:current', '决定:todo', '办结:todo']);
    expect(caseProgress('accepted').running).toBe(true);
  });

  it('moves on to the result once a department decided', () => {
    expect(states('approved')).toEqual(['受理:done', '审查:done', '决定:done', '办结:current']);
    expect(caseProgress('approved').running).toBe(false);
  });

  it('says 可领取 while the result waits at the hall, and 办结 once handed out', () => {
    expect(states('ready')).toEqual(['受理:done', '审查:done', '决定:done', '可领取:current']);
    expect(caseProgress('ready').collectable).toBe(true);
    expect(states('delivered')).toEqual(['受理:done', '审查:done', '决定:done', '办结:done']);
    expect(caseProgress('delivered').collectable).toBe(false);
  });

  it('shows no timeline for an application never accepted, only what to do', () => {
    expect(caseProgress('correction-notified').steps).toEqual([]);
    expect(caseProgress('correction-notified').headline).toContain('补正');
    expect(caseProgress('rejected').steps).toEqual([]);
  });

  it('lists what is still owed under 容缺, earliest first, only while the case runs', () => {
    const materials = [
      { code: 'LEASE', receipt: 'missing', dueDate: '2026-12-04' },
      { code: 'FORM', receipt: 'original', dueDate: null },
      { code: 'PHOTO', receipt: 'missing', dueDate: '2026-12-02' },
      { code: 'MAP', receipt: 'electronic', dueDate: '2026-12-01' },
    ];
    expect(owedMaterials('accepted-deferred', materials).map((m) => m.code)).toEqual(['PHOTO', 'LEASE']);
    expect(owedMaterials('in-review', materials)).toHaveLength(2);
    expect(owedMaterials('approved', materials)).toEqual([]);
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-12-07')).toBe('2026年12月7日');
  });
});
