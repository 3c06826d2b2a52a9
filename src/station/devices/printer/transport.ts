import { fail, ok, type Result } from '../../../domain/result';
import type { PrinterStatus } from './status';
import { SerialPrinterTransport, type SerialPrinterOptions } from './serial-transport';
import { TcpPrinterTransport, type TcpPrinterOptions } from './tcp-transport';
import { UsbPrinterTransport } from './usb-transport';

/** How bytes reach one printer. Calls are serialised by the implementation; close() frees the device. */
export interface PrinterTransport {
  /** The target as configured, for messages ("tcp://10.0.3.21:9100"). */
  readonly target: string;
  send(bytes: Buffer): Promise<void>;
  queryStatus(): Promise<PrinterStatus>;
  close?(): Promise<void>;
}

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'usb'; vendorId: number; productId: number }
  | { kind: 'simulated' }
  | { kind: 'none' };

export type PhysicalPrinterTarget = Extract<PrinterTarget, { kind: 'tcp' | 'serial' | 'usb' }>;

export const RAW_PRINT_PORT = 9100;
export const DEFAULT_SERIAL_BAUD = 9600;

const TARGET_HELP = '打印机地址应为 tcp://主机:9100、serial:/dev/ttyUSB0?baud=9600、usb:VID:PID（十六进制）、simulated 或 none';

const invalid = (s: string, why: string): Result<never> => fail('PRINTER_TARGET_INVALID', `打印机地址“${s}”无效：${why}。${TARGET_HELP}`, { target: s });

/** Parses the station's printer setting. */
export function parsePrinterTarget(s: string): Result<PrinterTarget> {
  const text = s.trim();
  if (text === 'simulated' || text === 'none') return ok({ kind: text });
  if (text.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return invalid(s, '不是合法的网址');
    }
    const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
    if (host.length === 0) return invalid(s, '缺少主机名');
    if (url.pathname !== '' && url.pathname !== '/') return invalid(s, '网络打印机地址不带路径');
    const port = url.port === '' ? RAW_PRINT_PORT : Number(url.port);
    return ok({ kind: 'tcp', host, port });
  }
  if (text.startsWith('serial:')) {
    const [path = '', query = ''] = text.slice('serial:'.length).split('?', 2);
    if (path.length === 0) return invalid(s, '缺少串口路径');
    const params = new URLSearchParams(query);
    for (const key of params.keys()) if (key !== 'baud') return invalid(s, `未知参数 ${key}`);
    const baud = params.get('baud');
    const baudRate = baud === null ? DEFAULT_SERIAL_BAUD : Number(baud);
    if (!Number.isInteger(baudRate) || baudRate < 300 || baudRate > 921600) return invalid(s, `波特率 ${baud ?? ''} 不对`);
    return ok({ kind: 'serial', path, baudRate });
  }
  if (text.startsWith('usb:')) {
    const m = /^usb:(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})$/iu.exec(text);
    if (!m) return invalid(s, 'USB 打印机写作 usb:厂商号:产品号，如 usb:0416:5011');
    return ok({ kind: 'usb', vendorId: parseInt(m[1] ?? '', 16), productId: parseInt(m[2] ?? '', 16) });
  }
  return invalid(s, '无法识别的连接方式');
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

export function formatPrinterTarget(t: PrinterTarget): string {
  switch (t.kind) {
    case 'tcp':
      return `tcp://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
    case 'serial':
      return `serial:${t.path}?baud=${t.baudRate}`;
    case 'usb':
      return `usb:${hex4(t.vendorId)}:${hex4(t.productId)}`;
    default:
      return t.kind;
  }
}

export interface TransportOptions {
  tcp?: TcpPrinterOptions;
  serial?: SerialPrinterOptions;
}

/** Opens nothing yet: each transport connects on its first call and lets go on close(). */
export function openPrinterTransport(target: PhysicalPrinterTarget, opts: TransportOptions = {}): PrinterTransport {
  switch (target.kind) {
    case 'tcp':
      return new TcpPrinterTransport(target, opts.tcp);
    case 'serial':
      return new SerialPrinterTransport(target, opts.serial);
    case 'usb':
      return new UsbPrinterTransport(target);
  }
}
