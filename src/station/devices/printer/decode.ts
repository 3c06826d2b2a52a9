import iconv from 'iconv-lite';
import { ENCODING } from './text';

export type Align = 'left' | 'center' | 'right';

export interface DecodedLine {
  text: string;
  bold: boolean;
  /** Printed under GS ! / ESC ! with a size other than normal. */
  enlarged: boolean;
  align: Align;
}

/** What a thermal printer would make of a byte stream, for tests, e2e and the device CLI. */
export interface DecodedReceipt {
  /** The printed lines joined by '\n'. */
  text: string;
  lines: string[];
  styled: DecodedLine[];
  /** Payloads of the QR codes printed (stored with GS ( k fn 80, printed with fn 81), UTF-8. */
  qr: string[];
  cuts: number;
  /** Lines printed bold. */
  bold: string[];
  /** Lines printed enlarged (titles). */
  enlarged: string[];
  /** How many `DLE EOT n` status queries were in the stream. */
  statusQueries: number;
  /** `ESC @` seen. */
  initialised: number;
  /** `FS &` seen (and not left by `FS .` afterwards). */
  chineseMode: boolean;
  /** Commands this decoder does not know, as hex, so a test can insist there are none. */
  unknown: string[];
}

const ALIGN: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };

/** Decodes ESC/POS bytes back into lines, QR payloads and cuts. Never throws: a cut-off command ends decoding. */
export function decodeReceipt(bytes: Buffer): DecodedReceipt {
  const out: DecodedReceipt = {
    text: '',
    lines: [],
    styled: [],
    qr: [],
    cuts: 0,
    bold: [],
    enlarged: [],
    statusQueries: 0,
    initialised: 0,
    chineseMode: false,
    unknown: [],
  };
  let textBytes: number[] = [];
  let lineText = '';
  let lineBold = false;
  let lineEnlarged = false;
  let bold = false;
  let enlarged = false;
  let align: Align = 'left';
  let lineAlign: Align = 'left';
  let stored: string | null = null;
  let lineOpen = false;

  const flushText = () => {
    if (textBytes.length === 0) return;
    if (!lineOpen) lineAlign = align;
    lineText += iconv.decode(Buffer.from(textBytes), ENCODING);
    textBytes = [];
    lineBold ||= bold;
    lineEnlarged ||= enlarged;
    lineOpen = true;
  };
  const endLine = () => {
    flushText();
    out.lines.push(lineText);
    out.styled.push({ text: lineText, bold: lineBold, enlarged: lineEnlarged, align: lineOpen ? lineAlign : align });
    if (lineBold && lineText.length > 0) out.bold.push(lineText);
    if (lineEnlarged && lineText.length > 0) out.enlarged.push(lineText);
    lineText = '';
    lineBold = false;
    lineEnlarged = false;
    lineOpen = false;
  };
  const at = (i: number): number => bytes[i] ?? -1;

  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x0a) {
      endLine();
      i += 1;
    } else if (b === 0x1b) {
      flushText();
      const cmd = at(i + 1);
      const n = at(i + 2);
      switch (cmd) {
        case 0x40: // ESC @
          out.initialised += 1;
          bold = false;
          enlarged = false;
          align = 'left';
          i += 2;
          break;
        case 0x61: // ESC a n
          align = ALIGN[n] ?? 'left';
          i += 3;
          break;
        case 0x45: // ESC E n
          bold = (n & 1) === 1;
          i += 3;
          break;
        case 0x21: // ESC ! n: bit 4 double height, bit 5 double width
          enlarged = (n & 0x30) !== 0;
          i += 3;
          break;
        case 0x64: // ESC d n: print and feed n lines
          for (let k = 0; k < Math.max(n, 0); k += 1) endLine();
          i += 3;
          break;
        case 0x74: // ESC t n
        case 0x2d: // ESC - n
        case 0x34: // ESC 4 n
        case 0x4d: // ESC M n
        case 0x52: // ESC R n
        case 0x33: // ESC 3 n
        case 0x20: // ESC SP n
        case 0x4a: // ESC J n
        case 0x47: // ESC G n
        case 0x7b: // ESC { n
          i += 3;
          break;
        case 0x32: // ESC 2
          i += 2;
          break;
        case 0x70: // ESC p m t1 t2
          i += 5;
          break;
        default:
          out.unknown.push(bytes.subarray(i, i + 2).toString('hex'));
          i += 2;
      }
    } else if (b === 0x1d) {
      flushText();
      const cmd = at(i + 1);
      const n = at(i + 2);
      if (cmd === 0x21) {
        enlarged = n > 0 && n !== -1;
        i += 3;
      } else if (cmd === 0x56) {
        out.cuts += 1;
        i += n === 65 || n === 66 ? 4 : 3;
      } else if (cmd === 0x28 && n === 0x6b) {
        const len = at(i + 3) + 256 * at(i + 4);
        const fn = at(i + 6);
        const end = i + 5 + len;
        if (len < 2 || end > bytes.length) {
          out.unknown.push(bytes.subarray(i, Math.min(i + 8, bytes.length)).toString('hex'));
          break;
        }
        if (fn === 0x50) stored = bytes.subarray(i + 8, end).toString('utf8');
        if (fn === 0x51 && stored !== null) out.qr.push(stored);
        i = end;
      } else if (cmd === 0x42 || cmd === 0x48 || cmd === 0x66 || cmd === 0x68 || cmd === 0x77) {
        i += 3;
      } else if (cmd === 0x4c || cmd === 0x57) {
        i += 4;
      } else {
        out.unknown.push(bytes.subarray(i, i + 2).toString('hex'));
        i += 2;
      }
    } else if (b === 0x1c) {
      flushText();
      const cmd = at(i + 1);
      if (cmd === 0x26) out.chineseMode = true;
      else if (cmd === 0x2e) out.chineseMode = false;
      else out.unknown.push(bytes.subarray(i, i + 2).toString('hex'));
      i += 2;
    } else if (b === 0x10 && at(i + 1) === 0x04) {
      flushText();
      out.statusQueries += 1;
      i += 3;
    } else if (b < 0x20 || b === 0x7f) {
      i += 1;
    } else {
      textBytes.push(b);
      i += 1;
    }
  }
  flushText();
  if (lineOpen) endLine();
  out.text = out.lines.join('\n');
  return out;
}
