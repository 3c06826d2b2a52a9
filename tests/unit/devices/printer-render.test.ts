import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../../src/domain/document';
import { qrCode, qrStore } from '../../../src/station/devices/printer/commands';
import { decodeReceipt } from '../../../src/station/devices/printer/decode';
import { deferralNotice } from '../../../src/domain/notices';
import { COLUMNS, pairLines, renderReceipt, renderReceiptWithNotes } from '../../../src/station/devices/printer/render';
import { displayWidth, toPrintable, wrap } from '../../../src/station/devices/printer/text';
import { acceptanceReceipt, ticketSlip } from '../../fixtures/devices/documents';

const hex = (b: Buffer): string => b.toString('hex');
const gb = (s: string): string => iconv.encode(s, 'GB18030').toString('hex');
const doc = (lines: PrintDocument['lines'], extra: Partial<PrintDocument> = {}): PrintDocument => ({ kind: 'test', reference: 'T1', lines, ...extra });

describe('ESC/POS command bytes (golden hex)', () => {
  it('starts every receipt with ESC @, ESC t 0 and FS & so a Chinese printer reads GB18030', () => {
    const bytes = renderReceipt(doc([]), { width: 58 });
    expect(hex(bytes.subarray(0, 7))).toBe('1b40' + '1b7400' + '1c26');
  });

  it('feeds four lines and cuts with GS V 1 at the end, once', () => {
    const bytes = renderReceipt(acceptanceReceipt, { width: 80 });
    expect(hex(bytes.subarray(bytes.length - 7))).toBe('0a0a0a0a' + '1d5601');
    expect(decodeReceipt(bytes).cuts).toBe(1);
  });

  it('prints a title centred in double width and height, then goes back to normal', () => {
    const bytes = renderReceipt(doc([{ kind: 'title', text: '受理回执' }]), { width: 58 });
    expect(hex(bytes)).toContain('1b6101' + '1d2111' + gb('受理回执') + '0a' + '1d2100' + '1b6100');
  });

  it('prints a heading bold with ESC E and nothing else around it', () => {
    const bytes = renderReceipt(doc([{ kind: 'heading', text: '申请材料' }]), { width: 58 });
    expect(hex(bytes)).toContain('1b4501' + gb('申请材料') + '0a' + '1b4500');
  });

  it('stores the QR payload with pL/pH counting its UTF-8 bytes plus 3', () => {
    const payload = Buffer.from('https://t.cn/案', 'utf8');
    expect(payload.length).toBe(16);
    expect(hex(qrStore(payload))).toBe('1d286b' + '1300' + '315030' + hex(payload));
  });

  it('sends model 2, module size, level M, store and print exactly as Epson documents them', () => {
    const payload = Buffer.from('A012', 'utf8');
    expect(hex(qrCode(payload, 6))).toBe(
      '1d286b040031413200' + '1d286b0300314306' + '1d286b0300314531' + '1d286b0700315030' + hex(payload) + '1d286b0300315130',
    );
  });

  it('puts the high byte in pH once the payload passes 252 bytes', () => {
    const payload = Buffer.from('办'.repeat(100), 'utf8');
    expect(hex(qrStore(payload).subarray(0, 8))).toBe('1d286b' + '2f01' + '315030');
  });

  it('renders the document QR through GS ( k, not node-escpos qrcode()', () => {
    const bytes = renderReceipt(acceptanceReceipt, { width: 80 });
    const payload = Buffer.from(acceptanceReceipt.qr ?? '', 'utf8');
    expect(hex(bytes)).toContain(hex(qrCode(payload, 8)));
    expect(decodeReceipt(bytes).qr).toEqual([acceptanceReceipt.qr]);
  });

  it('refuses a QR payload too big for any QR symbol', () => {
    expect(() => renderReceipt(doc([], { qr: 'x'.repeat(3000) }), { width: 80 })).toThrow(RangeError);
  });
});

describe('paper width', () => {
  for (const width of [58, 80] as const) {
    const columns = COLUMNS[width];

    it(`lays a label and value across the ${width} mm paper (${columns} columns, Chinese counts 2)`, () => {
      const decoded = decodeReceipt(renderReceipt(doc([{ kind: 'pair', label: '受理日期', value: '2026-11-28' }]), { width }));
      const line = decoded.lines[0] ?? '';
      expect(displayWidth(line)).toBe(columns);
      expect(line.startsWith('受理日期 ')).toBe(true);
      expect(line.endsWith(' 2026-11-28')).toBe(true);
    });

    it(`never prints a line wider than ${width} mm paper`, () => {
      const decoded = decodeReceipt(renderReceipt(acceptanceReceipt, { width }));
      for (const l of decoded.styled) expect(displayWidth(l.text) * (l.enlarged ? 2 : 1)).toBeLessThanOrEqual(columns);
    });

    it(`draws the rule across the whole ${width} mm paper`, () => {
      const decoded = decodeReceipt(renderReceipt(doc([{ kind: 'rule' }]), { width }));
      expect(decoded.lines[0]).toBe('-'.repeat(columns));
    });
  }

  it('wraps a long Chinese paragraph at 16 characters on 58 mm and 24 on 80 mm', () => {
    const text = '请于承诺时限内凭本回执到综合出件窗口领取办理结果逾期未领取的按有关规定办理谢谢';
    const narrow = decodeReceipt(renderReceipt(doc([{ kind: 'text', text }]), { width: 58 })).lines;
    const wide = decodeReceipt(renderReceipt(doc([{ kind: 'text', text }]), { width: 80 })).lines;
    expect([...(narrow[0] ?? '')]).toHaveLength(16);
    expect([...(wide[0] ?? '')]).toHaveLength(24);
    expect(narrow.slice(0, 3).join('')).toBe(text);
  });

  it('halves the columns of a title printed double width', () => {
    const title = '个体工商户设立登记受理通知书';
    const lines = decodeReceipt(renderReceipt(doc([{ kind: 'title', text: title }]), { width: 58 })).enlarged;
    expect(lines).toEqual(['个体工商户设立登', '记受理通知书']);
  });

  it('keeps a long value beside its label, wrapped under itself', () => {
    expect(pairLines('事项', '个体工商户设立登记（含名称自主申报）', 32)).toEqual(['事项 个体工商户设立登记（含名称', '     自主申报）']);
  });

  it('does not start a line with closing punctuation', () => {
    const lines = wrap('一二三四五六七八，九十', 16);
    expect(lines).toEqual(['一二三四五六七', '八，九十']);
  });

  it('keeps a Latin word whole when it fits on the next line', () => {
    expect(wrap('ABC Street Building 12', 12)).toEqual(['ABC Street', 'Building 12']);
  });

  it('wraps any text to lines that fit and loses no printable character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom(32, 48, 16), (s, columns) => {
        const printable = toPrintable(s).text;
        const lines = wrap(printable, columns);
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/\s/gu, '')).toBe(printable.replace(/\s/gu, ''));
      }),
    );
  });
});

describe('Chinese line breaking on 58 and 80 mm paper', () => {
  const OPENING = /[（《「『【〔“‘(]$/u;
  const CLOSING = /^[，。、；：？！）》」』】〕”’…,.;:?!)]/u;
  const code = (n: number) => `11370902002932362Y${String(n).padStart(4, '0')}`;
  const piece = fc.oneof(
    fc.constantFrom('食品经营许可', '个体工商户设立登记', '城镇污水排入排水管网许可', '申请', '材料'),
    fc.integer({ min: 1, max: 9999 }).map((n) => `编码${code(n)}号`),
    fc.constantFrom('（', '）', '《', '》', '，', '。', '、', '“', '”', '2026年12月4日'),
  );

  it('keeps every code whole and never starts a line with a closing mark or ends one with an opening mark', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), fc.constantFrom(32, 48, 24), (pieces, columns) => {
        const text = pieces.join('');
        const lines = wrap(text, columns);
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
        expect(lines.join('')).toBe(text);
        for (const c of text.match(/[0-9A-Z]{22}/gu) ?? []) expect(lines.some((l) => l.includes(c)), `${c} split in ${JSON.stringify(lines)}`).toBe(true);
        for (const l of lines.slice(1)) expect(l, JSON.stringify(lines)).not.toMatch(CLOSING);
        for (const l of lines.slice(0, -1)) expect(l, JSON.stringify(lines)).not.toMatch(OPENING);
      }),
    );
  });

  it('prints a 容缺 notice with three matter codes at 58 and 80 mm without splitting a code or stranding a bracket', () => {
    const matters = [
      { code: code(45), name: '食品经营许可（新办）' },
      { code: code(26), name: '个体工商户设立登记' },
      { code: code(83), name: '城镇污水排入排水管网许可' },
    ];
    const notice = deferralNotice({
      hallName: '泰安市泰山区政务服务中心',
      caseNo: 'TS-20261127-A3-0007',
      applicant: { name: '韩晓梅', idNumber: '370902198803150021' },
      agent: null,
      matters,
      appliedOn: '2026-11-27',
      window: 'A3',
      clerkName: '王明',
      caseUrl: 'https://hall.example/c/TS-20261130-A1-0001/Q7kP2mX9vR4tLw8N',
      acceptedOn: '2026-11-27',
      promisedDate: '2026-12-04',
      promisedDays: 5,
      legalBasis: '《中华人民共和国行政许可法》第三十二条',
      deferredMaterials: [{ name: '食品安全管理制度（含《食品安全自查制度》）', dueDate: '2026-12-02' }],
      dueDate: '2026-12-02',
    } as Parameters<typeof deferralNotice>[0]);
    for (const width of [58, 80] as const) {
      const lines = decodeReceipt(renderReceipt(notice, { width })).lines;
      for (const m of matters) expect(lines.some((l) => l.includes(m.code)), `${width} mm: ${m.code}`).toBe(true);
      for (const l of lines) expect(l, `${width} mm`).not.toMatch(/^[，）]/u);
      for (const l of lines) expect(l.trimEnd(), `${width} mm`).not.toMatch(/[（《]$/u);
    }
  });
});

describe('characters the printer cannot print', () => {
  it('prints ¥ as the two-byte full-width ￥ (a3 a4), never its four-byte code', () => {
    const bytes = renderReceipt(doc([{ kind: 'text', text: '工本费 ¥20' }]), { width: 58 });
    expect(hex(bytes)).toContain(gb('工本费 ') + 'a3a4' + gb('20'));
    expect(hex(bytes)).not.toContain('81308436');
  });

  it('replaces a rare name character visibly with □ and reports it', () => {
    const { bytes, replaced } = renderReceiptWithNotes(doc([{ kind: 'pair', label: '申请人', value: '王𠀀明' }]), { width: 58 });
    expect(decodeReceipt(bytes).lines[0]).toMatch(/王□明$/u);
    expect(replaced).toEqual(['𠀀']);
  });

  it('never sends a four-byte GB18030 character, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const decoded = decodeReceipt(renderReceipt(doc([{ kind: 'text', text: s }, { kind: 'pair', label: s, value: s }]), { width: 58 }));
        for (const ch of decoded.text) expect(iconv.encode(ch, 'GB18030').length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('never lets a control byte in text reach the printer as a status query or command', () => {
    const decoded = decodeReceipt(renderReceipt(doc([{ kind: 'text', text: 'A\x10\x04\x01B\x1b@C' }]), { width: 58 }));
    expect(decoded.statusQueries).toBe(0);
    expect(decoded.initialised).toBe(1);
    expect(decoded.lines[0]).toBe('AB@C');
  });

  it('strips accents it cannot print and keeps the letter (Müller → Muller is printable as ü; ä → a)', () => {
    expect(toPrintable('Bäcker Müller').text).toBe('Backer Müller');
  });
});

describe('a whole receipt decodes back', () => {
  it('gives back the Chinese text, the bold heading, the title, the QR payload and one cut', () => {
    const decoded = decodeReceipt(renderReceipt(acceptanceReceipt, { width: 58 }));
    expect(decoded.enlarged).toEqual(['受理回执']);
    // 34 columns of heading on 32-column paper: both wrapped lines stay bold.
    expect(decoded.bold).toEqual(['泰山区政务服务中心 综合受理窗口', 'A3']);
    expect(decoded.text).toContain('370902********1233');
    expect(decoded.lines.join('')).toContain('请凭本回执或扫描下方二维码查询办理进度。逾期未领取的，按有关规定办理。');
    expect(decoded.qr).toEqual(['https://hall.example/cases/TS20261128A3-0042?k=受理']);
    expect(decoded.cuts).toBe(1);
    expect(decoded.chineseMode).toBe(true);
    expect(decoded.unknown).toEqual([]);
    expect(decoded.styled.find((l) => l.text === '（窗口盖章）')?.align).toBe('right');
  });

  it('prints a ticket slip with its number as the title and its check-in QR', () => {
    const decoded = decodeReceipt(renderReceipt(ticketSlip, { width: 80 }));
    expect(decoded.enlarged).toEqual(['A012']);
    expect(decoded.qr).toEqual(['{"t":"A012","d":"2026-11-28"}']);
    expect(decoded.styled.find((l) => l.text.includes('前面还有'))?.align).toBe('center');
  });
});
