import { Printer } from '@node-escpos/core';
import type { DocumentLine, PrintDocument } from '../../../domain/document';
import { CHINESE_MODE, QR_MAX_BYTES, boldOn, qrCode } from './commands';
import { ENCODING, displayWidth, toPrintable, wrap } from './text';

export type PaperWidth = 58 | 80;

/** Columns of font A (12×24 dots) on the printable width: 384 dots on 58 mm paper, 576 on 80 mm. */
export const COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

/** QR module size in dots: a case look-up URL stays scannable and fits the paper. */
const QR_MODULE_DOTS: Record<PaperWidth, number> = { 58: 6, 80: 8 };

/** Lines fed before the cut so the last printed line clears the cutter. */
const FEED_BEFORE_CUT = 4;

export interface RenderOptions {
  width: PaperWidth;
}

export interface RenderedReceipt {
  bytes: Buffer;
  /** Characters that the printer cannot print and that were replaced visibly by '□'. */
  replaced: string[];
}

/** The renderer needs no device: node-escpos writes into `printer.buffer`, nobody flushes to an adapter. */
const NO_DEVICE = {} as ConstructorParameters<typeof Printer>[0];

/** Renders a document to ESC/POS bytes for a Chinese 58 or 80 mm thermal printer. */
export function renderReceipt(doc: PrintDocument, opts: RenderOptions): Buffer {
  return renderReceiptWithNotes(doc, opts).bytes;
}

export function renderReceiptWithNotes(doc: PrintDocument, opts: RenderOptions): RenderedReceipt {
  const columns = COLUMNS[opts.width];
  if (columns === undefined) throw new RangeError(`paper width ${String(opts.width)} mm is not 58 or 80`);
  const printer = new Printer(NO_DEVICE, { encoding: ENCODING, width: columns });
  const replaced: string[] = [];
  const printable = (text: string): string[] =>
    text.split(/\r?\n/u).map((part) => {
      const p = toPrintable(part);
      replaced.push(...p.replaced);
      return p.text;
    });
  const textLines = (text: string, cols: number): string[] => printable(text).flatMap((p) => wrap(p, cols));

  printer.hardware('init');
  printer.buffer.write(CHINESE_MODE);

  const renderLine = (line: DocumentLine): void => {
    switch (line.kind) {
      case 'title':
        // GS ! 0x11 doubles Chinese glyphs too (ESC ! does not), so half the columns remain.
        printer.align('ct').size(2, 2);
        for (const l of textLines(line.text, columns / 2)) printer.text(l);
        printer.size(1, 1).align('lt');
        break;
      case 'heading':
        printer.buffer.write(boldOn(true));
        for (const l of textLines(line.text, columns)) printer.text(l);
        printer.buffer.write(boldOn(false));
        break;
      case 'text': {
        const align = line.align ?? 'left';
        if (align !== 'left') printer.align(align === 'center' ? 'ct' : 'rt');
        for (const l of textLines(line.text, columns)) printer.text(l);
        if (align !== 'left') printer.align('lt');
        break;
      }
      case 'pair':
        for (const l of pairLines(printable(line.label).join(' '), printable(line.value).join(' '), columns)) printer.text(l);
        break;
      case 'rule':
        printer.text('-'.repeat(columns));
        break;
      case 'blank':
        printer.feed(1);
        break;
    }
  };

  for (const line of doc.lines) renderLine(line);
  if (doc.qr !== undefined && doc.qr.length > 0) {
    // The payload goes out as UTF-8 bytes: the scanner reads URLs and JSON, not GB18030.
    const payload = Buffer.from([...doc.qr].filter((c) => c >= ' ' && c !== '\x7f').join(''), 'utf8');
    if (payload.length > QR_MAX_BYTES) throw new RangeError(`QR payload of ${payload.length} bytes is more than ${QR_MAX_BYTES}`);
    printer.align('ct');
    printer.buffer.write(qrCode(payload, QR_MODULE_DOTS[opts.width]));
    printer.feed(1);
    printer.align('lt');
  }
  for (const line of doc.footer ?? []) renderLine(line);
  // node-escpos cut(true, n): n line feeds then GS V 1.
  printer.cut(true, FEED_BEFORE_CUT);
  return { bytes: printer.buffer.flush(), replaced };
}

/**
 * "受理日期          2026-11-28": label left, value right when both fit on one line; otherwise the
 * value wraps under itself after the label (hanging indent), or under the label when the label is long.
 */
export function pairLines(label: string, value: string, columns: number): string[] {
  const lw = displayWidth(label);
  const vw = displayWidth(value);
  if (lw + 1 + vw <= columns) return [label + ' '.repeat(columns - lw - vw) + value];
  const indent = lw + 1;
  if (indent <= Math.floor(columns / 3)) {
    const parts = wrap(value, columns - indent);
    return parts.map((p, i) => (i === 0 ? label + ' ' : ' '.repeat(indent)) + p);
  }
  return [...wrap(label, columns), ...wrap(value, columns - 2).map((p) => `  ${p}`)];
}
