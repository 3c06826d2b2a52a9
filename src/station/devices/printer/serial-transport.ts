import { SerialPort } from 'serialport';
import type { Duplex } from 'node:stream';
import { DeviceError } from '../device-error';
import { OneAtATime } from '../one-at-a-time';
import type { PrinterStatus } from './status';
import { StreamPrinterLink, STATUS_TIMEOUT_MS } from './stream-link';
import type { PrinterTarget, PrinterTransport } from './transport';

/** What this code needs of a serialport port (SerialPort, SerialPortMock). */
export type SerialPortStream = Duplex & {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  drain(cb?: (err: Error | null) => void): void;
};

/** Anything built like serialport's SerialPort: tests pass SerialPortMock. */
export type SerialPortClass = new (opts: { path: string; baudRate: number; autoOpen: boolean }) => SerialPortStream;

export interface SerialPrinterOptions {
  SerialPortClass?: SerialPortClass;
  statusTimeoutMs?: number;
}

/** A serial (or USB-serial) printer: the port stays open between jobs until close(). */
export class SerialPrinterTransport implements PrinterTransport {
  readonly target: string;
  private port: SerialPortStream | null = null;
  private link: StreamPrinterLink | null = null;
  private readonly queue = new OneAtATime();
  private readonly PortClass: SerialPortClass;
  private readonly statusTimeoutMs: number;

  constructor(
    private readonly address: Extract<PrinterTarget, { kind: 'serial' }>,
    opts: SerialPrinterOptions = {},
  ) {
    this.target = `serial:${address.path}?baud=${address.baudRate}`;
    this.PortClass = opts.SerialPortClass ?? (SerialPort as unknown as SerialPortClass);
    this.statusTimeoutMs = opts.statusTimeoutMs ?? STATUS_TIMEOUT_MS;
  }

  send(bytes: Buffer): Promise<void> {
    return this.queue.run(async () => (await this.opened()).write(bytes));
  }

  queryStatus(): Promise<PrinterStatus> {
    return this.queue.run(async () => (await this.opened()).queryStatus(this.statusTimeoutMs));
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      const port = this.port;
      this.port = null;
      this.link = null;
      if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    });
  }

  private async opened(): Promise<StreamPrinterLink> {
    if (this.link?.isOpen && this.port?.isOpen) return this.link;
    const port = new this.PortClass({ path: this.address.path, baudRate: this.address.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (err) {
          reject(new DeviceError('PRINTER_UNREACHABLE', `无法打开打印机串口 ${this.address.path}（${err.message}），请检查串口线和端口号`, {
            target: this.target,
            cause: err.message,
          }));
        } else resolve();
      });
    });
    this.port = port;
    // The write callback fires when serialport hands the bytes to the driver; drain waits for the wire.
    this.link = new StreamPrinterLink(port, this.target, () => new Promise<void>((resolve, reject) => port.drain((err) => (err ? reject(err) : resolve()))));
    return this.link;
  }
}
