import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseIntake } from '../../../src/contract/case';
import { envelope, idNumber, intake, pushOne, received, startCasesHall, type CasesHall } from './cases-fixture';
import { backends } from './harness';

/** The receipt's code, as the station made it at intake. */
const CODE = 'Hk4mP9sT2wXy7ZqB';

describe.each(backends)("the citizen's progress page behind the receipt QR on %s", (backend) => {
  let hall: CasesHall;
  const applicantId = idNumber('19850612', 41);
  const applicant = { name: '欧阳晓梅', idType: '111' as const, idNumber: applicantId, phone: '13805387777', address: '泰安市泰山区岱宗大街9号' };
  let owing: CaseIntake;

  beforeAll(async () => {
    hall = await startCasesHall(backend);
    // 容缺: the lease follows by Thursday.
    owing = intake({ applicant, accessCode: CODE, materials: [received('IDCARD'), received('FORM'), received('LEASE', 'missing', '2026-12-03')] });
    expect((await pushOne(hall, envelope('case.accept-deferred', { case: owing }))).status).toBe('applied');
  });
  afterAll(async () => {
    await hall?.close();
  });

  async function open(path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string; type: string }> {
    const r = await fetch(`${hall.url}${path}`, { headers });
    return { status: r.status, html: await r.text(), type: r.headers.get('content-type') ?? '' };
  }
  const pageOf = () => open(`/c/${owing.caseNo}/${CODE}`);

  it('opens without sign-in in Chinese, with the matter, the masked name and what is still owed under 容缺', async () => {
    const p = await pageOf();
    expect(p.status).toBe(200);
    expect(p.type).toContain('text/html');
    for (const text of ['办件进度查询', '测试政务服务大厅', owing.caseNo, '食品经营许可', '欧**梅', '已容缺受理', '经营场所使用证明', '2026年12月3日前', '2026年12月7日前', 'B1窗口']) {
      expect(p.html).toContain(text);
    }
  });

  it('never shows the ID number (full or masked), the phone, the address or the full name', async () => {
    const p = await pageOf();
    for (const secret of [applicantId, applicantId.slice(0, 6), applicantId.slice(-4), '13805387777', '岱宗大街', '欧阳晓梅']) expect(p.html).not.toContain(secret);
  });

  it('follows the case through review, decision, ready and handed out', async () => {
    const steps: Array<[string, unknown, string, string]> = [
      ['case.supplement-material', { caseId: owing.id, materialCode: 'LEASE', receipt: 'original' }, '正在等待审查', '<li class="current" aria-current="step">审查</li>'],
      ['case.dispatch', { caseId: owing.id, departmentCodes: ['SCJG'] }, '正在审查中', '<li class="current" aria-current="step">审查</li>'],
      ['case.decide', { caseId: owing.id, departmentCode: 'SCJG', decision: 'approved', opinion: '同意' }, '已作出准予决定', '<li class="done">决定</li>'],
      ['case.mark-ready', { caseId: owing.id }, '办理结果已可领取', '<li class="current" aria-current="step">可领取</li>'],
      ['case.deliver', { caseId: owing.id, how: 'window', licenceName: null, licenceNo: null }, '已办结', '<li class="done">办结</li>'],
    ];
    for (const [name, args, headline, step] of steps) {
      const r = await pushOne(hall, envelope(name as Parameters<typeof envelope>[0], args));
      expect(r.status, `${name}: ${JSON.stringify(r)}`).toBe('applied');
      const p = await pageOf();
      expect(p.status, name).toBe(200);
      expect(p.html, name).toContain(headline);
      expect(p.html, name).toContain(step);
      // Once the lease is in, nothing is owed any more.
      expect(p.html, name).not.toContain('需补交的材料');
    }
  });

  it('answers the same 404 to another case number, a changed code, or a case without a code', async () => {
    const other = intake({ applicant });
    expect((await pushOne(hall, envelope('case.accept', { case: other }))).status).toBe('applied');
    const misses = await Promise.all([
      open(`/c/${owing.caseNo}/${CODE.slice(0, -1)}C`),
      open(`/c/${owing.caseNo}/${CODE.toLowerCase()}`),
      open(`/c/${other.caseNo}/${CODE}`),
      open(`/c/${owing.caseNo.replace(/\d{4}$/, '9999')}/${CODE}`),
      open(`/c/${owing.caseNo}/x`),
    ]);
    for (const m of misses) expect(m.status).toBe(404);
    expect(new Set(misses.map((m) => m.html)).size).toBe(1);
    expect(misses[0]!.html).toContain('没有找到办件');
    expect(misses[0]!.html).not.toContain(owing.caseNo);
  });

  it('slows down one address walking through case numbers', async () => {
    const limit = hall.ctx.config.publicRatePerMinute;
    let limited: Response | null = null;
    for (let i = 0; i <= limit + 1 && !limited; i++) {
      const r = await fetch(`${hall.url}/c/TS-20261130-B1-${String(i).padStart(4, '0')}/${CODE}`);
      await r.text();
      if (r.status === 429) limited = r;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
